use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding, previous_word_is};
use crate::rules::vagueness::sense::{modal_before, normative};

/// Deontic modals a hedge sits next to ("should typically", "typically should").
const MODALS: &[&str] = &["should", "shouldn't", "must", "shall", "ought"];

declare_rule! {
    /// ## What it does
    /// Flags frequency hedges that weaken a rule: *generally*, *typically*,
    /// *usually*, *normally*, *ordinarily*, *often*, *sometimes*, *mostly*,
    /// *in general*, when they sit next to the rule's modal ("should
    /// typically", "generally should", "must sometimes"), open a rule
    /// ("Typically, the assistant should ...") or start a verb coordinated
    /// with one ("should avoid X and generally minimize Y"). The same words in
    /// descriptions ("users often ...") are not flagged.
    ///
    /// ## Why is this bad?
    /// "Should typically refuse" says there are exceptions without saying
    /// which. A grader cannot tell a permitted exception from a violation, so
    /// every failure can be argued to be one of the unstated exceptions.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should generally answer in the user's language.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should answer in the user's language unless the user asks for another one.
    /// ```
    pub static RULE = {
        code: "A105",
        name: "frequency-hedge",
        category: Vagueness,
        severity: Warning,
        default: true,
        summary: "A frequency hedge leaves the exceptions to the reader",
        kind: RuleKind::Phrase {
            phrases: &[
                "generally", "typically", "usually", "normally", "ordinarily", "often", "sometimes", "mostly",
                "in general",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    let next_to_modal = previous_word_is(m, MODALS)
        || (previous_word_is(m, &["not"]) && m.words_before(2).first().is_some_and(|w| MODALS.contains(w)))
        || next_word_is(m, MODALS);
    // "Typically, if ..., the assistant should ...": the hedge opens the rule.
    let opens_rule = m.start == 0 && m.after().starts_with(',') && normative(m.sentence);
    // "should avoid X, and generally minimize Y": a coordinated verb of the rule.
    let coordinated = previous_word_is(m, &["and", "or"]) && modal_before(m).is_some();
    if !(next_to_modal || opens_rule || coordinated) {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves the exceptions to the reader", m.source()),
            "when not?",
        )
        .help("state the exceptions, or drop the hedge if there are none"),
    )
}
