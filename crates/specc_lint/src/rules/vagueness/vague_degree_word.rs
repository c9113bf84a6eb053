use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding};

declare_rule! {
    /// ## What it does
    /// Flags degree words that leave the threshold to the reader: *adequate*,
    /// *sufficient*, *reasonable*, *significant*, *substantial*, *excessive*,
    /// *undue*.
    ///
    /// ## Why is this bad?
    /// A grader and a model must decide where "excessive" starts. Two readers
    /// draw the line in different places, so the clause is tested against a
    /// threshold nobody wrote down.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should avoid excessive hedging.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should hedge at most once per answer, and only when it is unsure of a fact.
    /// ```
    pub static RULE = {
        code: "A101",
        name: "vague-degree-word",
        category: Vagueness,
        severity: Warning,
        default: true,
        summary: "A degree word leaves the threshold to the reader",
        kind: RuleKind::Phrase {
            phrases: &["adequate", "adequately", "sufficient", "sufficiently", "reasonable", "reasonably", "significant", "significantly", "substantial", "substantially", "excessive", "excessively", "undue", "unduly"],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    // "reasonable person" and "significant other" are terms, not thresholds;
    // "lack of sufficient information" describes, it does not rule.
    if (m.phrase == "reasonable" && next_word_is(m, &["person", "people", "doubt", "human", "adult", "user", "users"]))
        || (m.phrase == "significant" && next_word_is(m, &["other", "others"]))
        || m.before().ends_with("lack of ")
        || m.before().ends_with("without ")
    {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves the threshold to the reader", m.source()),
            "how much is that?",
        )
        .help("state the threshold or give an example of where the line is"),
    )
}
