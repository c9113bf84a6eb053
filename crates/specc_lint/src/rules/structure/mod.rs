//! A7xx: sentence structure.

use crate::rule::Rule;

pub mod overlong_sentence;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[&overlong_sentence::RULE];
