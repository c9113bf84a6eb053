//! Sxxx: spec hygiene.

use crate::rule::Rule;

pub mod untested_rule;
pub mod untested_section;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[&untested_section::RULE, &untested_rule::RULE];
