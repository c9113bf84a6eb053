//! A8xx: defined terms (#references).

use crate::rule::Rule;

pub mod common;
pub mod inconsistent_term_spelling;
pub mod undefined_emphasized_term;
pub mod unused_defined_term;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[
    &unused_defined_term::RULE,
    &inconsistent_term_spelling::RULE,
    &undefined_emphasized_term::RULE,
];
