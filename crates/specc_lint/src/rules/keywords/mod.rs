//! A9xx: normative keywords.

use crate::rule::Rule;

pub mod mixed_strength;
pub mod negation_stated_positively;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[&mixed_strength::RULE, &negation_stated_positively::RULE];
