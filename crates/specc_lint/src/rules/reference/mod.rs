//! A5xx: unclear references.

use crate::rule::Rule;

pub mod ambiguous_pronoun;
pub mod positional_reference;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[&ambiguous_pronoun::RULE, &positional_reference::RULE];
