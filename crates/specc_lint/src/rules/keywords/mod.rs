//! A9xx: normative keywords.

use crate::rule::Rule;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[];
