//! Shared tests for the universals rules.

use crate::context::PhraseMatch;
use crate::rules::structure::common::modals;

/// Words that may stand between an obligation's verb and what it asks for:
/// articles, possessives, and other comparatives or superlatives of a list
/// ("longer, more detailed answers").
const FILLER: &[&str] = &[
    "the", "a", "an", "its", "their", "your", "some", "even", "much", "far", "slightly", "somewhat", "more", "less",
    "most", "least", "and", "or",
];

/// Verbs whose infinitive carries the obligation ("attempt to give").
const TRYING: &[&str] = &["attempt", "try", "aim", "strive", "seek", "able", "want", "choose"];

/// Whether the match is what an obligation asks for: "should give shorter
/// answers", "should be more concise", "should present the strongest
/// arguments". Only articles and other degree words may stand between the
/// governed verb and the match.
pub fn object_of_obligation(m: &PhraseMatch<'_>) -> bool {
    let words = m.sentence.words();
    let Some(at) = words.iter().position(|w| w.0 >= m.start) else {
        return false;
    };
    let Some(modal) = modals(&words)
        .into_iter()
        .rev()
        .find(|x| x.verb.is_some_and(|v| v < at))
    else {
        return false;
    };
    let mut i = modal.verb.unwrap_or(at) + 1;
    // "should attempt to provide the best answer": follow the infinitive.
    while i + 1 < at && words[i].2 == "to" && TRYING.contains(&words[i - 1].2) {
        i += 2;
    }
    words[i.min(at)..at]
        .iter()
        .all(|w| FILLER.contains(&w.2) || w.2.ends_with("er") || w.2.ends_with("est"))
}
