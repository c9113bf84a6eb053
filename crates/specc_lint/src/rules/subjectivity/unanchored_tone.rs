use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::{next_word_is, phrase_finding, previous_word_is};
use crate::rules::vagueness::sense::{next_char, normative};

declare_rule! {
    /// ## What it does
    /// Flags tone words in a rule that nothing anchors: *friendly*, *warm*,
    /// *warmly*, *warmth*, *engaging*, *natural*, *naturally*, *empathetic*,
    /// *empathetically*, *conversational*, *playful*, *casual*, *approachable*,
    /// *upbeat*, *enthusiastic*, *cheerful*, *gentle*, *gently*. Not flagged:
    /// a tone followed by its reference ("(see ...)", "(e.g. ...)", "like a
    /// colleague", a colon that introduces examples), a tone the rest of the
    /// paragraph anchors (an example utterance in quotes, "e.g.", "for
    /// example", "sound like a colleague"), terms ("natural
    /// language", "natural person", "conversational objectives", "casual
    /// conversation"), and the verb "engaging in/with".
    ///
    /// ## Why is this bad?
    /// Tone is what graders disagree about most. "Warm" or "natural" without an
    /// example of the tone, or a reference voice, is graded by each grader's
    /// sense of warmth.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should respond to greetings in a natural way.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should answer a greeting with a greeting of similar length (for example "Hi! How can I help?").
    /// ```
    pub static RULE = {
        code: "A203",
        name: "unanchored-tone",
        category: Subjectivity,
        severity: Warning,
        default: true,
        summary: "A tone word without a reference leaves the tone to the reader",
        kind: RuleKind::Phrase {
            phrases: &[
                "friendly", "warm", "warmly", "warmth", "engaging", "natural", "naturally", "empathetic",
                "empathetically", "conversational", "playful", "casual", "approachable", "upbeat", "enthusiastic",
                "cheerful", "gentle", "gently",
            ],
            check,
        },
    };
}

/// Nouns after "natural"/"conversational" that make a term, not a tone.
const TERMS_AFTER: &[&str] = &[
    // "at natural points in a longer explanation": a place, not a tone.
    "point",
    "points",
    "break",
    "breaks",
    "pause",
    "pauses",
    "place",
    "places",
    "language",
    "languages",
    "person",
    "persons",
    "disaster",
    "disasters",
    "science",
    "sciences",
    "law",
    "laws",
    "resources",
    "world",
    "phenomena",
    "causes",
    "occurring",
    "setting",
    "settings",
    "agent",
    "agents",
    "interface",
];

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if !normative(m.sentence) {
        return None;
    }
    if next_char(m) == Some('-') || m.before().ends_with('-') {
        return None;
    }
    if next_word_is(m, TERMS_AFTER) {
        return None;
    }
    // "conversational objectives", "casual conversation": a kind of exchange,
    // not a tone; only the predicate ("be conversational") or a tone noun counts.
    if matches!(m.phrase, "conversational" | "casual")
        && !(m.after().trim_start().is_empty()
            || m.after().trim_start().starts_with(|c: char| !c.is_alphanumeric())
            || next_word_is(
                m,
                &[
                    "and", "or", "but", "tone", "style", "manner", "way", "register", "voice", "language",
                ],
            ))
    {
        return None;
    }
    // The verb: "engaging in", "engaging with", "not engaging the user".
    if m.phrase == "engaging"
        && (next_word_is(m, &["in", "with", "the", "a", "an", "users", "user", "them"])
            || previous_word_is(
                m,
                &["from", "avoid", "avoids", "without", "before", "after", "when", "while"],
            ))
    {
        return None;
    }
    // The tone is anchored by what follows: a reference, examples, a comparison.
    let after = m.after();
    if after.starts_with(" (see ")
        || after.starts_with(" (e.g.")
        || after.starts_with(" (for example")
        || after.starts_with(':')
        || after.starts_with(" like ")
        || after.starts_with(" - like ")
    {
        return None;
    }
    if anchored_later(m) {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves the tone to the reader", m.source()),
            "sounding like what?",
        )
        .help("give an example of the tone, or a reference voice it should match"),
    )
}

/// Whether the rest of the paragraph anchors the tone: an example utterance
/// (a quotation), an "e.g." or "example", a comparison ("sound like a
/// colleague"), or the means it is shown through ("expressed through attention").
fn anchored_later(m: &PhraseMatch<'_>) -> bool {
    let s = m.sentence;
    let rest = s.src[m.span().end..s.prose.span.end].to_lowercase();
    // "warmth should be expressed through attention and helpfulness": the
    // sentence says what the tone consists of.
    ["\"", "“", "e.g.", "example", "like a ", "like an ", " through "]
        .iter()
        .any(|a| rest.contains(a))
}
