//! A1xx: vague quantifiers and degree words.

use crate::rule::Rule;

pub mod appropriate;
pub mod as_needed;
pub mod frequency_hedge;
pub(crate) mod sense;
pub mod vague_degree_word;
pub mod vague_quantifier;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[
    &vague_degree_word::RULE,
    &vague_quantifier::RULE,
    &as_needed::RULE,
    &appropriate::RULE,
    &frequency_hedge::RULE,
];
