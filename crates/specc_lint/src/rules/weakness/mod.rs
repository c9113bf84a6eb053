//! A3xx: weak, optional or loophole phrasing inside a rule.

use crate::rule::Rule;

pub mod as_appropriate;
pub mod capability_for_obligation;
pub mod effort_verb;
pub mod if_possible;
pub mod to_the_extent;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[
    &if_possible::RULE,
    &as_appropriate::RULE,
    &to_the_extent::RULE,
    &capability_for_obligation::RULE,
    &effort_verb::RULE,
];
