use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding, previous_word_is};
use crate::rules::vagueness::sense::{followed_by, normative};

declare_rule! {
    /// ## What it does
    /// Flags *appropriate*, *appropriately*, *inappropriate* and
    /// *inappropriately* in a rule, where nothing says what they are
    /// appropriate to. Not flagged: the conditional phrases "when appropriate",
    /// "as appropriate", "where appropriate" and "if appropriate" (A302 covers
    /// them), "appropriate enough that ..." (the test follows),
    /// "appropriately (see ...)" (the reference defines it), and a count
    /// judged appropriate ("once per context is appropriate").
    ///
    /// ## Why is this bad?
    /// "Appropriate" is the word a spec uses when the author has a standard in
    /// mind but did not write it down. Graders fill it in with their own
    /// standard, so the same answer passes and fails on different runs.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should use an appropriate level of formality.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should match the formality of the user's last message.
    /// ```
    pub static RULE = {
        code: "A104",
        name: "appropriate",
        category: Vagueness,
        severity: Warning,
        default: true,
        summary: "\"Appropriate\" without a standard leaves the standard to the reader",
        kind: RuleKind::Phrase {
            phrases: &["appropriate", "appropriately", "inappropriate", "inappropriately"],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if !normative(m.sentence) {
        return None;
    }
    // "when appropriate", "as appropriate": A302's conditional loophole.
    if matches!(m.phrase, "appropriate" | "inappropriate")
        && previous_word_is(m, &["as", "when", "where", "if", "whenever", "wherever", "unless"])
    {
        return None;
    }
    // The standard follows: "appropriate enough that a user could show it to a coworker",
    // "hedge appropriately (see express uncertainty)".
    if next_word_is(m, &["enough"]) || m.after().starts_with(" (see ") || followed_by(m, "as defined") {
        return None;
    }
    // The standard precedes: "(once per context is appropriate)".
    if previous_word_is(m, &["is", "are"])
        && m.words_before(6)
            .iter()
            .any(|w| matches!(*w, "once" | "twice") || w.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves the standard to the reader", m.source()),
            "appropriate by what standard?",
        )
        .help("say what makes it appropriate, or give an example on each side of the line"),
    )
}
