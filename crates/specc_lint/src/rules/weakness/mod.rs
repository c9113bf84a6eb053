//! A3xx: weak, optional or loophole phrasing inside a rule.

use crate::rule::Rule;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[];
