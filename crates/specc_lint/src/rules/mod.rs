//! Every rule, one per file, grouped by category. To add a rule: write its
//! file with `declare_rule!`, list it in its category's `RULES` in code order,
//! and add its fixture `tests/fixtures/rules/<CODE>.md`.

use crate::rule::Rule;
use std::sync::OnceLock;

pub mod helpers;
pub mod hygiene;
pub mod keywords;
pub mod open_ended;
pub mod reference;
pub mod structure;
pub mod subjectivity;
pub mod terms;
pub mod universals;
pub mod vagueness;
pub mod weakness;

/// Every rule, in code order.
pub fn all() -> &'static [&'static Rule] {
    static ALL: OnceLock<Vec<&'static Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<&'static Rule> = [
            vagueness::RULES,
            subjectivity::RULES,
            weakness::RULES,
            open_ended::RULES,
            reference::RULES,
            universals::RULES,
            structure::RULES,
            terms::RULES,
            keywords::RULES,
            hygiene::RULES,
        ]
        .concat();
        // S-codes sort after A-codes, as they are listed.
        v.sort_by_key(|r| (r.info.code.starts_with('S'), r.info.code));
        v
    })
}
