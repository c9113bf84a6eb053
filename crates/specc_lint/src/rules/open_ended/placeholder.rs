use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding};

declare_rule! {
    /// ## What it does
    /// Flags placeholders left in a rule: *TBD*, *TBC*, *TODO*, *FIXME*,
    /// *XXX*, *to be determined*, *to be decided*, *to be confirmed*, *to be
    /// defined*. The marker must be written as such: "XXX" in capitals, and
    /// never text inside quotes (which the linter blanks). "todo list" is not
    /// flagged.
    ///
    /// ## Why is this bad?
    /// A placeholder is a rule the author has not written yet. A model is
    /// trained and tested against the spec as published, so the missing part
    /// is decided by whoever reads it.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should refuse requests above the risk threshold (TBD).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should refuse requests that give meaningful uplift toward mass-casualty weapons.
    /// ```
    pub static RULE = {
        code: "A404",
        name: "placeholder",
        category: OpenEnded,
        severity: Warning,
        default: true,
        summary: "A placeholder stands where the rule should be",
        kind: RuleKind::Phrase {
            phrases: &[
                "tbd", "tbc", "todo", "fixme", "xxx", "to be determined", "to be decided", "to be confirmed",
                "to be defined",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    let src = m.source();
    // Quoted passages are blanked to "xxx" in the normalised text: the source must say it.
    if !src.eq_ignore_ascii_case(m.phrase) || (m.phrase == "xxx" && src != "XXX") {
        return None;
    }
    if m.phrase == "todo" && next_word_is(m, &["list", "lists", "item", "items", "app", "apps"]) {
        return None;
    }
    Some(
        phrase_finding(m, format!("placeholder `{src}` in a rule"), "unwritten")
            .help("write the missing part, or move the clause out of the normative text until it is decided"),
    )
}
