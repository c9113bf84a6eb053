use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding, previous_word_is};
use crate::rules::vagueness::sense::{followed_by, modal_before, preceded_by};

declare_rule! {
    /// ## What it does
    /// Flags vague quantifiers that a rule asks for: *some*, *several*, *many*,
    /// *a few*, *few*, *various*, *numerous*, *a number of*, *a lot of*,
    /// *a couple of*, *a handful of*. Only quantifiers after a deontic modal
    /// (*should*, *must*, *needs to*) are flagged, and only in the sense of an
    /// amount: "in some cases", "some of", "some examples", "some other",
    /// "there is some", "to some extent" and "how many" are not, nor is a
    /// quantifier whose sentence gives the number ("not several at once; one
    /// or two is better"), nor one in an aside in parentheses that names
    /// examples ("medicines that must be kept cold (insulin, some eye drops)").
    ///
    /// ## Why is this bad?
    /// "Give several examples" passes with two examples for one grader and
    /// fails for another. When the rule asks for an amount, the amount is what
    /// the test checks, so it has to be written down.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should offer several alternatives when it refuses.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should offer one or two alternatives when it refuses.
    /// ```
    pub static RULE = {
        code: "A102",
        name: "vague-quantifier",
        category: Vagueness,
        severity: Warning,
        default: true,
        summary: "A vague quantifier leaves the amount to the reader",
        kind: RuleKind::Phrase {
            phrases: &[
                "some", "several", "many", "a few", "few", "various", "numerous", "a number of", "a lot of", "lots of",
                "a couple of", "a handful of", "plenty of",
            ],
            check,
        },
    };
}

/// Nouns after "some"/"various" that make an adverbial or a kind, not an amount.
const NOT_AN_AMOUNT: &[&str] = &[
    "cases",
    "case",
    "contexts",
    "context",
    "situations",
    "situation",
    "circumstances",
    "instances",
    "ways",
    "way",
    "respects",
    "respect",
    "form",
    "forms",
    "kind",
    "kinds",
    "sort",
    "sorts",
    "type",
    "types",
    "other",
    "others",
    "point",
    "time",
    "extent",
    "degree",
    "reason",
    "sense",
    "one",
    "someone",
    "of",
];

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    // Only an amount that a rule asks for: the quantifier follows a deontic modal.
    modal_before(m)?;
    let p = m.phrase;
    // "a few" is matched as a whole; "few" alone only when it is not part of it.
    if p == "few" && previous_word_is(m, &["a", "very", "too", "so", "the"]) {
        return None;
    }
    if matches!(p, "some" | "various" | "several" | "many") && next_word_is(m, NOT_AN_AMOUNT) {
        return None;
    }
    // "give some examples": the examples are asked for, not a number of them.
    if p == "some" && next_word_is(m, &["example", "examples"]) {
        return None;
    }
    // Adverbials: "in some cases", "to some extent", "for some users".
    if matches!(p, "some" | "various" | "many") && previous_word_is(m, &["in", "to", "for", "at", "with", "under"]) {
        return None;
    }
    // Existentials: "even if there is some ambiguity".
    if preceded_by(m, "there is") || preceded_by(m, "there are") || preceded_by(m, "there may be") {
        return None;
    }
    // "avoid asking several questions at once; one or two at a time is
    // better": the sentence itself gives the amount.
    if gives_a_number(m.after()) {
        return None;
    }
    // "Medicines that must be kept cold (insulin, some eye drops)": an aside
    // in parentheses names examples of a kind, not an amount the rule asks for.
    let before = m.before();
    if before.rfind('(').is_some_and(|open| !before[open..].contains(')')) && m.after().contains(')') {
        return None;
    }
    // "how many", "as many as", "many of the following".
    if previous_word_is(m, &["how", "as", "so"]) || followed_by(m, "of the following") {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves the amount to the reader", m.source()),
            "how many?",
        )
        .help("state the number or range the rule expects"),
    )
}

/// Whether text names an amount: digits or a number word.
fn gives_a_number(text: &str) -> bool {
    const NUMBERS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty", "once",
        "twice", "single",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && (w.chars().all(|c| c.is_ascii_digit()) || NUMBERS.contains(&w)))
}
