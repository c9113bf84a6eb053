//! Every rule, one per file, grouped by category. To add a rule: write its
//! file with `declare_rule!`, add it to its category's `mod.rs`, list it in
//! [`ALL`] in code order, and add its fixtures under `tests/fixtures/rules/`.

use crate::rule::Rule;

pub mod helpers;
pub mod open_ended;
pub mod structure;
pub mod vagueness;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &vagueness::vague_degree_word::RULE,
    &open_ended::etc_after_such_as::RULE,
    &structure::overlong_sentence::RULE,
];
