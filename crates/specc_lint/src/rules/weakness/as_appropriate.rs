use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding};
use crate::rules::vagueness::sense::normative;

declare_rule! {
    /// ## What it does
    /// Flags conditions that leave it to the reader whether the rule applies:
    /// *as appropriate*, *when appropriate*, *where appropriate*, *if
    /// appropriate*, *as applicable*, *where applicable*, *if applicable*,
    /// *when relevant*, *where relevant*, *if relevant*, *as relevant*. Not
    /// flagged: "applicable to X" and "relevant to X", which name what they
    /// apply to.
    ///
    /// ## Why is this bad?
    /// The rule applies only when it applies. A model that skips it can always
    /// say it was not appropriate, and a grader has nothing to check that
    /// claim against.
    ///
    /// ## Example
    /// ```markdown
    /// When appropriate, the assistant should suggest professional resources.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// When the user describes symptoms of a medical emergency, the assistant should suggest calling emergency services.
    /// ```
    pub static RULE = {
        code: "A302",
        name: "as-appropriate",
        category: Weakness,
        severity: Warning,
        default: true,
        summary: "\"As appropriate\" leaves it to the reader whether the rule applies",
        kind: RuleKind::Phrase {
            phrases: &[
                "as appropriate", "when appropriate", "where appropriate", "if appropriate", "whenever appropriate",
                "wherever appropriate", "as applicable", "when applicable", "where applicable", "if applicable",
                "as relevant", "when relevant", "where relevant", "if relevant",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if !normative(m.sentence) {
        return None;
    }
    // "where applicable to the request", "if relevant to the question": the scope is named.
    if next_word_is(m, &["to", "for"]) {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves it to the reader whether the rule applies", m.source()),
            "when is that?",
        )
        .help("state the condition under which the rule applies"),
    )
}
