use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding, previous_word_is};
use crate::rules::vagueness::sense::{followed_by, next_char, normative};

declare_rule! {
    /// ## What it does
    /// Flags judgements of ease and clarity in a rule: *clear*, *clearly*,
    /// *easy*, *easily*, *simple*, *intuitive*, *straightforward*,
    /// *user-friendly*, *understandable*, *easy to understand*. Not flagged:
    /// idioms ("steer clear of", "make it clear", "be clear about", "be clear
    /// that"), compounds ("clear-headed"),
    /// "clearly" before a verb, where it means *explicitly* ("clearly state",
    /// "clearly outline what"), "clearly" before an adjective, where it means
    /// *obviously* ("clearly implied"), and "a straightforward answer" (a
    /// direct one).
    ///
    /// ## Why is this bad?
    /// Clear to whom? Ease and clarity depend on the reader, and the spec does
    /// not say which reader. A grader judges by their own reading, so the
    /// verdict measures the grader rather than the answer.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should present information clearly.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should lead with the answer, define any term a high-school student would not know, and use at most one level of nested list.
    /// ```
    pub static RULE = {
        code: "A201",
        name: "subjective-ease",
        category: Subjectivity,
        severity: Warning,
        default: true,
        summary: "A judgement of ease or clarity depends on the reader",
        kind: RuleKind::Phrase {
            phrases: &[
                "clear", "clearly", "easy", "easily", "simple", "intuitive", "intuitively", "straightforward",
                "user-friendly", "understandable", "easy to understand", "easy-to-understand", "easy to follow",
            ],
            check,
        },
    };
}

/// Verbs after which "clearly" means "explicitly", which a grader can check.
const EXPLICIT_VERBS: &[&str] = &[
    "state",
    "states",
    "say",
    "says",
    "mark",
    "marks",
    "label",
    "labels",
    "indicate",
    "indicates",
    "disclose",
    "discloses",
    "identify",
    "identifies",
    "separate",
    "separates",
    "distinguish",
    "distinguishes",
];

/// Whether "clearly" stands after what it qualifies: at the end of a clause,
/// or before a conjunction or preposition.
fn manner_position(m: &PhraseMatch<'_>) -> bool {
    let after = m.after().trim_start();
    after.is_empty()
        || after.starts_with(|c: char| !c.is_alphanumeric())
        || next_word_is(
            m,
            &[
                "and", "or", "but", "so", "to", "enough", "when", "if", "without", "in", "for", "that", "while",
                "rather", "even", "with", "by",
            ],
        )
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if !normative(m.sentence) {
        return None;
    }
    // Compounds: "clear-headed", "easy-going".
    if next_char(m) == Some('-') || m.before().ends_with('-') {
        return None;
    }
    let harmless = match m.phrase {
        // Idioms: "steer clear of", "make it clear", "make clear that", and
        // "be clear about/that", which means *be explicit*.
        "clear" => {
            // "if it is clear from the record that ...": evident, a fact to establish.
            next_word_is(m, &["about", "that", "on", "from", "whether"])
                || previous_word_is(m, &["steer", "steering", "stay", "staying", "keep", "keeping"])
                || previous_word_is(m, &["make", "makes", "making", "made"])
                || m.words_before(2)
                    .first()
                    .is_some_and(|w| matches!(*w, "make" | "makes" | "making"))
        }
        // "communicate clearly", "present information clearly, ...": the manner of
        // the answer. Before a verb "clearly" means explicitly ("clearly state",
        // "clearly outline what"); before an adjective it means obviously
        // ("clearly implied", "clearly unrelated"): neither judges the answer.
        "clearly" => !manner_position(m) || previous_word_is(m, EXPLICIT_VERBS),
        // "a straightforward answer" is a direct one, which a grader can check.
        "straightforward" => m
            .words_after(3)
            .iter()
            .any(|w| matches!(*w, "answer" | "answers" | "response" | "responses")),
        // "easy to understand" is matched as a whole; skip its "easy".
        "easy" => followed_by(m, "to understand") || followed_by(m, "to follow"),
        _ => false,
    };
    if harmless {
        return None;
    }
    Some(
        phrase_finding(m, format!("`{}` depends on the reader", m.source()), "to whom?")
            .help("say what makes it so (length, vocabulary, structure), or give the reader it must suit"),
    )
}
