//! A6xx: unbounded universals and comparatives without a baseline.

use crate::rule::Rule;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[];
