use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;
use crate::rules::vagueness::sense::after_example_opener;

declare_rule! {
    /// ## What it does
    /// Flags lists left open at the end: *etc.*, *and so on*, *and so forth*,
    /// *and more*. (A list extended by similarity, "or similar" or "and the
    /// like", is A406.) Not flagged: a list that "such as", "e.g." or "including" already marks
    /// as examples (A402 covers that), a list of quoted utterances
    /// ("("hi", "bye", etc.)"), and the comparative "and more detailed".
    ///
    /// ## Why is this bad?
    /// The list is what the rule covers, and "etc." leaves its end to the
    /// reader. Whether a case the list does not name is covered is exactly the
    /// question a grader will face.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant must not generate hateful content targeting protected groups (race, religion, gender, etc.).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant must not generate hateful content targeting protected groups (see the definition of protected groups).
    /// ```
    pub static RULE = {
        code: "A401",
        name: "open-list",
        category: OpenEnded,
        severity: Warning,
        default: true,
        summary: "An open-ended list leaves what it covers to the reader",
        kind: RuleKind::Phrase {
            phrases: &["etc.", "etc", "and so on", "and so forth", "and more"],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if !open_list_end(m) {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves the end of the list to the reader", m.source()),
            "what else?",
        )
        .help("name the category the items share, or make the list complete"),
    )
}

/// Whether the match ends an open list that is not already marked as examples
/// (shared with A406).
pub(crate) fn open_list_end(m: &PhraseMatch<'_>) -> bool {
    // "etc." is matched with its period; skip the bare "etc" match at the same place.
    if m.phrase == "etc" && m.after().starts_with('.') {
        return false;
    }
    // "and more" only ends a list: "and more detailed answers" is a comparative.
    if m.phrase == "and more" && m.after().trim_start().starts_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    !after_example_opener(m) && !quoted_items_only(m.before())
}

/// Whether the list since the last `(` or `:` holds only quoted passages
/// (blanked to `"xxx"`): examples of what someone says, not a scope.
fn quoted_items_only(before: &str) -> bool {
    let Some(open) = before.rfind(['(', ':']) else {
        return false;
    };
    let items = &before[open + 1..];
    items.contains('"') && items.chars().all(|c| matches!(c, '"' | 'x' | ',' | ' '))
}
