use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding, previous_word_is};
use crate::rules::vagueness::sense::normative;

declare_rule! {
    /// ## What it does
    /// Flags unmeasured quality words in a rule: *good*, *great*, *nice*,
    /// *excellent*, *high-quality*, *well-written*, *polished*, *elegant*,
    /// *compelling*, *beautiful*. Not flagged: idioms that are not judgements
    /// of quality ("good faith", "a great deal", "great care", "good reason",
    /// "good at", "great lengths").
    ///
    /// ## Why is this bad?
    /// "A high-quality answer" restates the goal of every rule without saying
    /// what quality is. A grader falls back on their own taste, and the rule
    /// cannot fail an answer for a reason the author could predict.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should write high-quality code.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should write code that compiles, passes the tests the user gave, and follows the style of the surrounding file.
    /// ```
    pub static RULE = {
        code: "A202",
        name: "subjective-quality",
        category: Subjectivity,
        severity: Warning,
        default: true,
        summary: "A quality word without criteria leaves the standard to the reader",
        kind: RuleKind::Phrase {
            phrases: &[
                "good", "great", "nice", "excellent", "high-quality", "high quality", "well-written", "well written",
                "polished", "elegant", "compelling", "beautiful", "beautifully",
            ],
            check,
        },
    };
}

/// Words after "good"/"great" that make an idiom, not a judgement of quality.
const IDIOMS_AFTER: &[&str] = &[
    "faith", "deal", "care", "reason", "reasons", "standing", "humor", "humour", "will", "news", "luck", "morning",
    "enough", "many", "number", "at", "length", "lengths", "idea",
];

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if !normative(m.sentence) {
        return None;
    }
    if matches!(m.phrase, "good" | "great") && next_word_is(m, IDIOMS_AFTER) {
        return None;
    }
    // "the greater good", "for good", "as good as": not a standard for an answer.
    if m.phrase == "good" && previous_word_is(m, &["for", "greater", "common", "public", "as"]) {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves the standard to the reader", m.source()),
            "by what measure?",
        )
        .help("name the properties that make it good, or point to an example that meets the bar"),
    )
}
