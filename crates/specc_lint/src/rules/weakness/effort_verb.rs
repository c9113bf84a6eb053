use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{phrase_finding, previous_word_is};
use crate::rules::vagueness::sense::{imperative, modal_before, negated, normative};

declare_rule! {
    /// ## What it does
    /// Flags effort verbs that replace an obligation: *try to*, *strive to*,
    /// *strive for*, *attempt to*, *aim to*, *aim for*, *make an effort to*,
    /// *endeavor to*, *do its best to*, *make a best effort*. Only effort
    /// that a rule asks of the assistant is flagged: after a modal ("should
    /// attempt to"), in an imperative ("Try to avoid ..."), or beside one
    /// ("must respect X while striving to Y"). Not flagged: negated effort
    /// ("should not try to persuade" forbids the attempt), someone else's
    /// effort ("if the user tries to"), and the noun ("any attempt to").
    ///
    /// ## Why is this bad?
    /// An obligation to try is met by any attempt. The grader cannot tell a
    /// failed attempt (compliant) from no attempt (a violation) by reading the
    /// answer, so the rule cannot fail.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should attempt to understand and follow the user's intent.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should follow the user's intent; when the intent has two readings, it should state the one it chose.
    /// ```
    pub static RULE = {
        code: "A305",
        name: "effort-verb",
        category: Weakness,
        severity: Warning,
        default: true,
        summary: "An effort verb replaces the obligation it weakens",
        kind: RuleKind::Phrase {
            phrases: &[
                "try to", "tries to", "trying to", "strive to", "strives to", "striving to", "strive for",
                "strives for", "striving for", "attempt to", "attempts to", "attempting to", "aim to", "aims to",
                "aiming to", "aim for", "make an effort to", "makes an effort to", "endeavor to", "endeavors to",
                "endeavoring to", "endeavour to", "endeavours to", "endeavouring to", "do its best to",
                "make a best effort", "make a best-effort", "makes a best effort",
            ],
            check,
        },
    };
}

/// Subjects other than the assistant: their effort is a condition, not an obligation.
const OTHER_SUBJECTS: &[&str] = &[
    "user",
    "users",
    "developer",
    "developers",
    "they",
    "people",
    "you",
    "we",
    "someone",
    "others",
    "adversary",
    "attacker",
    "attackers",
    "operator",
    "operators",
];

/// Words before "attempt" that make it a noun ("any attempt to", "a best-effort attempt to").
const NOUN_DETERMINERS: &[&str] = &[
    "an",
    "a",
    "the",
    "any",
    "every",
    "each",
    "effort",
    "best-effort",
    "first",
];

/// The third-person forms, whose subject must be the assistant.
const THIRD_PERSON: &[&str] = &[
    "tries to",
    "strives to",
    "strives for",
    "attempts to",
    "aims to",
    "makes an effort to",
    "endeavors to",
    "endeavours to",
    "makes a best effort",
];

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    // The noun: "any attempt to", "a best-effort attempt to", "the user's attempt to".
    if m.phrase.starts_with("attempt")
        && (previous_word_is(m, NOUN_DETERMINERS) || m.words_before(1).first().is_some_and(|w| w.ends_with("'s")))
    {
        return None;
    }
    if previous_word_is(m, OTHER_SUBJECTS) {
        return None;
    }
    // "if the user ... is trying to": a progressive, whose subject is someone's state.
    if m.phrase.contains("ing ") && previous_word_is(m, &["is", "are", "was", "were", "been", "be", "'re", "'s"]) {
        return None;
    }
    let governed = if m.phrase.contains("ing ") {
        // "while striving to be helpful": a participle beside a rule.
        normative(m.sentence)
    } else if THIRD_PERSON.contains(&m.phrase) {
        // "the assistant strives to": a third-person statement in a rule.
        normative(m.sentence)
            && m.words_before(3)
                .iter()
                .any(|w| matches!(*w, "assistant" | "it" | "model"))
    } else {
        modal_before(m).is_some() || imperative(m.sentence)
    };
    if !governed || negated(m) {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` asks for an effort, not a result", m.source()),
            "met by any attempt",
        )
        .help("state the result the assistant must achieve, and what it should do when it cannot"),
    )
}
