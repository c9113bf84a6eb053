use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;
use crate::rules::structure::common::modals;
use crate::rules::universals::common::object_of_obligation;

declare_rule! {
    /// ## What it does
    /// Flags a superlative or an ideal that is what an obligation asks for:
    /// "should give the best answer", "should cite the most relevant sources",
    /// "should present the strongest arguments", and "ideally" or "optimally"
    /// in a sentence with an obligation. Superlatives elsewhere ("the ideal
    /// behavior is ...", "not always the safest option") and fixed phrases are
    /// not flagged: "best interests", "best practice", "best guess", "best
    /// effort", "do its best", "at most", "at least", "most of", "most people"
    /// (a quantity, not a superlative).
    ///
    /// ## Why is this bad?
    /// "The best answer" is judged against every possible answer, so any answer
    /// fails a strict reading and every answer passes a lenient one. "Ideally"
    /// leaves open whether the rule binds at all.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should choose the most relevant sources.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should cite sources that address the user's question directly, preferring primary sources.
    /// ```
    pub static RULE = {
        code: "A603",
        name: "superlative",
        category: Universals,
        severity: Warning,
        default: true,
        summary: "A superlative sets a bar no answer can be tested against",
        kind: RuleKind::Phrase {
            phrases: &[
                "best", "most", "optimal", "optimally", "ideal", "ideally", "perfect", "perfectly", "worst", "least",
                "greatest", "highest", "lowest", "strongest", "safest", "clearest", "simplest", "fastest", "shortest",
            ],
            check,
        },
    };
}

/// Fixed phrases with "best".
const BEST_NEXT: &[&str] = &[
    "interest",
    "interests",
    "practice",
    "practices",
    "guess",
    "guesses",
    "effort",
    "efforts",
    "intentions",
    "intent",
    "friend",
    "friends",
    "seller",
    "sellers",
    "known",
    "of",
    "judgment",
    "judgement",
];

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    let prev = m.words_before(1);
    let p = prev.first().copied().unwrap_or("");
    let next = m.words_after(1);
    let n = next.first().copied().unwrap_or("");
    let after = m.after();
    if after.starts_with('-') || m.before().ends_with('-') {
        return None;
    }
    let harmless = match m.phrase {
        "best" => BEST_NEXT.contains(&n) || matches!(p, "its" | "their" | "your" | "our" | "my" | "at" | "his" | "her"),
        // "most" as a quantity ("most users", "most of"), and "at most".
        "most" => p == "at" || p != "the" && !n.ends_with("ly") && !ADJECTIVE_ENDINGS.iter().any(|e| n.ends_with(e)),
        "least" => p == "at" || n == "of",
        "perfect" | "perfectly" => matches!(n, "fine" | "acceptable" | "reasonable"),
        _ => false,
    };
    if harmless {
        return None;
    }
    // "ideally" and "optimally" hedge the obligation they sit in; the others
    // count only as what an obligation asks for ("should give the best answer").
    let hedge = matches!(m.phrase, "ideally" | "optimally") && !modals(&m.sentence.words()).is_empty();
    if !hedge && !object_of_obligation(m) {
        return None;
    }
    if hedge {
        return Some(
            phrase_finding(
                m,
                format!("`{}` leaves open whether the rule binds", m.source()),
                "required or not?",
            )
            .help("say what is required, and what is a preference and when it yields"),
        );
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` sets a bar no answer can be tested against", m.source()),
            "compared with every answer?",
        )
        .help("say what is good enough, or what to prefer over what"),
    )
}

/// Endings that mark "most" + adjective as a superlative ("most helpful", "most relevant").
const ADJECTIVE_ENDINGS: &[&str] = &[
    "ful", "ive", "ous", "al", "ic", "ble", "ant", "ent", "ed", "ing", "less", "ary", "ory", "ate", "ile", "ure",
];
