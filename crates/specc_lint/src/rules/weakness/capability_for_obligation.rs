use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;
use crate::rules::vagueness::sense::{modal_before, negated};

/// Subordinators after which "is able to" is a condition, not a statement of the rule.
const CONDITIONS: &[&str] = &[
    "if", "when", "whenever", "unless", "whether", "once", "until", "while", "because", "since",
];

declare_rule! {
    /// ## What it does
    /// Flags capability phrased where an obligation belongs: *should be able
    /// to*, *must be capable of*, *the assistant is able to*, *has the ability
    /// to*, *can be expected to*, *can be relied on to*. A capability in a
    /// condition ("if the assistant is able to verify it") is not flagged, nor
    /// is one after "would" or "could" ("how a human would be able to").
    ///
    /// ## Why is this bad?
    /// "The assistant should be able to provide X" says the assistant can, not
    /// that it does. A test does not know whether an answer without X fails
    /// (it was able to, and did not) or passes (nothing required it).
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should be able to provide a public official's office phone number.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// When asked, the assistant should provide a public official's office phone number.
    /// ```
    pub static RULE = {
        code: "A304",
        name: "capability-for-obligation",
        category: Weakness,
        severity: Warning,
        default: true,
        summary: "A capability is stated where an obligation belongs",
        kind: RuleKind::Phrase {
            phrases: &[
                "be able to", "is able to", "are able to", "be capable of", "is capable of", "are capable of",
                "has the ability to", "have the ability to", "can be expected to", "can be relied on to",
                "can be relied upon to",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    match m.phrase {
        // "should be able to", "must be capable of": the modal governs the capability.
        "be able to" | "be capable of" => {
            let modal = modal_before(m)?;
            // Only right after the modal ("should be able to", "should also be able to").
            if crate::context::words(&m.before()[modal..]).len() > 2 || negated(m) {
                return None;
            }
        }
        "can be expected to" | "can be relied on to" | "can be relied upon to" => {}
        // "the assistant is able to", "it has the ability to": a statement in a rule.
        _ => {
            let before = m.words_before(8);
            if before.iter().any(|w| CONDITIONS.contains(w)) {
                return None;
            }
            if !before
                .iter()
                .any(|w| matches!(*w, "assistant" | "model" | "it" | "chatbot"))
            {
                return None;
            }
        }
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` states a capability, not what the assistant must do", m.source()),
            "able to, or required to?",
        )
        .help("say what the assistant should do and when, instead of what it is able to do"),
    )
}
