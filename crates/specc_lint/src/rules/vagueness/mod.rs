//! A1xx: vague quantifiers and degree words.

use crate::rule::Rule;

pub mod vague_degree_word;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[&vague_degree_word::RULE];
