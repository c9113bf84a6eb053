//! A4xx: open-ended lists and incompletes.

use crate::rule::Rule;

pub mod etc_after_such_as;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[&etc_after_such_as::RULE];
