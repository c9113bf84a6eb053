//! Shared pieces for rules: the usual finding for a phrase, and word-sense tests.

use crate::context::PhraseMatch;
use crate::rule::Finding;

/// The usual finding for a flagged phrase: the message names the words, the
/// label sits under them.
pub fn phrase_finding(m: &PhraseMatch<'_>, message: impl Into<String>, label: &str) -> Finding {
    Finding::new(m.span(), message).label(label.to_string())
}

/// Whether the match is followed by one of `words` (as the next word).
pub fn next_word_is(m: &PhraseMatch<'_>, words: &[&str]) -> bool {
    m.words_after(1).first().is_some_and(|w| words.contains(w))
}

/// Whether the match is preceded by one of `words` (as the previous word).
pub fn previous_word_is(m: &PhraseMatch<'_>, words: &[&str]) -> bool {
    m.words_before(1).first().is_some_and(|w| words.contains(w))
}
