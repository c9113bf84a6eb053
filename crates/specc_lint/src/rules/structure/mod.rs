//! A7xx: sentence structure.

use crate::rule::Rule;

pub mod and_or;
pub mod common;
pub mod doubled_word;
pub mod nested_conditions;
pub mod overlong_sentence;
pub mod passive_obligation;
pub mod several_obligations;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[
    &overlong_sentence::RULE,
    &nested_conditions::RULE,
    &several_obligations::RULE,
    &and_or::RULE,
    &doubled_word::RULE,
    &passive_obligation::RULE,
];
