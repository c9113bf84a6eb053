//! A4xx: open-ended lists and incompletes.

use crate::rule::Rule;

pub mod among_others;
pub mod etc_after_such_as;
pub mod not_limited_to;
pub mod open_list;
pub mod placeholder;
pub mod similar_items;

/// The rules of this category, in code order.
pub static RULES: &[&Rule] = &[
    &open_list::RULE,
    &etc_after_such_as::RULE,
    &not_limited_to::RULE,
    &placeholder::RULE,
    &among_others::RULE,
    &similar_items::RULE,
];
