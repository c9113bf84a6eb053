//! A2xx: subjective or unmeasurable qualities.

use crate::rule::Rule;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[];
