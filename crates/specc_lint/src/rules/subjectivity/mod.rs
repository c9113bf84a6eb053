//! A2xx: subjective or unmeasurable qualities.

use crate::rule::Rule;

pub mod subjective_ease;
pub mod subjective_quality;
pub mod unanchored_tone;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[
    &subjective_ease::RULE,
    &subjective_quality::RULE,
    &unanchored_tone::RULE,
];
