//! A6xx: unbounded universals and comparatives without a baseline.

use crate::rule::Rule;

pub mod common;
pub mod comparative_without_baseline;
pub mod superlative;
pub mod unbounded_universal;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[
    &unbounded_universal::RULE,
    &comparative_without_baseline::RULE,
    &superlative::RULE,
];
