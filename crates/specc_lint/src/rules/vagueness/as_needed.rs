use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding};
use crate::rules::vagueness::sense::normative;

declare_rule! {
    /// ## What it does
    /// Flags conditions that leave the need to the reader: *as needed*,
    /// *when necessary*, *where necessary*, *if necessary*, *as required* and
    /// their variants. A condition that names what the need is for ("if
    /// necessary to preserve honesty", "as required by law") is not flagged.
    ///
    /// ## Why is this bad?
    /// "Ask for clarification when necessary" makes the rule hold only when it
    /// is needed, and says nothing about when that is. A grader has to invent
    /// the condition, and the model can always claim it did not apply.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should clarify when necessary.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should ask a clarifying question when the request has two readings that lead to different answers.
    /// ```
    pub static RULE = {
        code: "A103",
        name: "as-needed",
        category: Vagueness,
        severity: Warning,
        default: true,
        summary: "\"As needed\" leaves the condition to the reader",
        kind: RuleKind::Phrase {
            phrases: &[
                "as needed", "when needed", "where needed", "if needed", "whenever needed", "as necessary",
                "when necessary", "where necessary", "if necessary", "whenever necessary", "as required",
                "when required", "where required", "if required",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if !normative(m.sentence) {
        return None;
    }
    // The need is named: "if necessary to preserve honesty", "as required by law".
    if next_word_is(m, &["to", "for", "by", "under", "in"]) {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves the condition to the reader", m.source()),
            "needed for what, and when?",
        )
        .help("state the condition under which the rule applies"),
    )
}
