//! The registry: every rule, found by code or name, and the selection rules
//! that `[lint] select / ignore` and `--select` apply.

use crate::rule::Rule;

/// Every rule, in code order.
pub fn rules() -> &'static [&'static Rule] {
    crate::rules::all()
}

/// A rule by code (`A101`, any case) or name.
pub fn lookup(query: &str) -> Option<&'static Rule> {
    rules()
        .iter()
        .copied()
        .find(|r| r.info.code.eq_ignore_ascii_case(query) || r.info.name.eq_ignore_ascii_case(query))
}

/// Whether `code` matches a selector: a full code, a prefix (`A1`, `A`), or `ALL`.
pub fn matches(selector: &str, code: &str) -> bool {
    selector.eq_ignore_ascii_case("all") || code.to_ascii_uppercase().starts_with(&selector.to_ascii_uppercase())
}

/// Which rules run: the default-on rules, or the default-on rules under the
/// prefixes `select` names plus any rule it names by its full code (the only
/// way to turn on a default-off rule), minus those `ignore` names.
pub fn selected(select: &[String], ignore: &[String]) -> Vec<&'static Rule> {
    rules()
        .iter()
        .copied()
        .filter(|r| {
            let chosen = if select.is_empty() {
                r.default_enabled
            } else {
                select.iter().any(|s| s.eq_ignore_ascii_case(r.info.code))
                    || (r.default_enabled && select.iter().any(|s| matches(s, r.info.code)))
            };
            chosen && !ignore.iter().any(|s| matches(s, r.info.code))
        })
        .collect()
}
