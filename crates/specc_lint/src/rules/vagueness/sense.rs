//! Word-sense tests shared by the A1–A4 rules: is a match inside a rule (a
//! sentence with a deontic modal, or an imperative), is it governed by that
//! modal, is it negated.

use crate::context::{PhraseMatch, SentenceContext, words};

/// Words that make a sentence a rule on their own.
const MODALS: &[&str] = &["should", "shouldn't", "must", "mustn't", "shall", "shan't", "ought"];

/// Words that make a sentence a rule when `to` follows (`needs to`, `is required to`).
const MODALS_WITH_TO: &[&str] = &["need", "needs", "required", "has", "have"];

/// Base verbs that open an imperative rule ("Avoid jargon.", "When asked, refuse.").
/// Verbs that also open declarative sentences as nouns ("State laws ...", "Note
/// that ...", "List items ...") are left out.
const IMPERATIVES: &[&str] = &[
    "acknowledge",
    "add",
    "adapt",
    "adjust",
    "adopt",
    "aim",
    "always",
    "answer",
    "ask",
    "assume",
    "attempt",
    "avoid",
    "be",
    "carry",
    "cite",
    "clarify",
    "consider",
    "continue",
    "decline",
    "describe",
    "do",
    "don't",
    "encourage",
    "endeavor",
    "endeavour",
    "ensure",
    "err",
    "explain",
    "express",
    "favor",
    "favour",
    "flag",
    "focus",
    "follow",
    "give",
    "highlight",
    "include",
    "keep",
    "limit",
    "maintain",
    "make",
    "mention",
    "minimize",
    "never",
    "offer",
    "omit",
    "prefer",
    "present",
    "prioritize",
    "proceed",
    "provide",
    "recommend",
    "redirect",
    "refuse",
    "remain",
    "remind",
    "reply",
    "respond",
    "seek",
    "speak",
    "stay",
    "stop",
    "strive",
    "suggest",
    "summarize",
    "tailor",
    "tell",
    "treat",
    "try",
    "use",
    "verify",
    "warn",
    "write",
];

/// Words that open a leading adverbial clause before an imperative ("When asked, refuse.").
const LEADERS: &[&str] = &[
    "when",
    "whenever",
    "if",
    "unless",
    "before",
    "after",
    "once",
    "where",
    "while",
    "in",
    "for",
    "by",
    "during",
    "otherwise",
    "instead",
    "then",
    "also",
    "again",
];

const NEGATIONS: &[&str] = &[
    "not", "never", "nor", "no", "cannot", "without", "avoid", "avoids", "avoiding", "refrain", "refrains",
];

/// Whether `ws[i]` is a deontic modal (`should`, `must`, `needs to`, `may not`).
fn is_modal(ws: &[(usize, usize, &str)], i: usize) -> bool {
    let w = ws[i].2;
    let next = ws.get(i + 1).map(|x| x.2);
    MODALS.contains(&w)
        || (MODALS_WITH_TO.contains(&w) && next == Some("to"))
        || (w == "may" && matches!(next, Some("not" | "never")))
}

/// Whether the sentence opens with an imperative verb, possibly after a
/// leading adverbial clause ended by a comma.
pub fn imperative(s: &SentenceContext<'_>) -> bool {
    let text = s.norm.text.as_str();
    let ws = words(text);
    let Some(first) = ws.first() else { return false };
    if IMPERATIVES.contains(&first.2) {
        return true;
    }
    if LEADERS.contains(&first.2)
        && let Some(comma) = text.find(", ")
    {
        return words(&text[comma + 2..])
            .first()
            .is_some_and(|w| IMPERATIVES.contains(&w.2));
    }
    false
}

/// Whether the sentence states a rule: it has a deontic modal anywhere or is imperative.
pub fn normative(s: &SentenceContext<'_>) -> bool {
    let ws = s.words();
    (0..ws.len()).any(|i| is_modal(&ws, i)) || imperative(s)
}

/// Byte offset (in the normalised text) just past the last deontic modal
/// before the match, if any.
pub fn modal_before(m: &PhraseMatch<'_>) -> Option<usize> {
    let ws = words(m.before());
    (0..ws.len()).rev().find(|&i| is_modal(&ws, i)).map(|i| ws[i].1)
}

/// Whether a negation governs the match: on the modal ("shouldn't", "nor
/// should it"), or between the modal (or the start of the clause) and the
/// match ("should not try to", "should avoid trying to", "without attempting
/// to"). Negated, an effort or a quality is forbidden, not weakened.
pub fn negated(m: &PhraseMatch<'_>) -> bool {
    let text = m.sentence.norm.text.as_str();
    let clause = text[..m.start].rfind([';', ':']).map(|i| i + 1).unwrap_or(0);
    let from = modal_before(m).unwrap_or(0).max(clause);
    let is_negation = |w: &str| NEGATIONS.contains(&w) || w.ends_with("n't");
    let own = words(&text[clause..from]);
    own.iter().rev().take(3).any(|w| is_negation(w.2)) || words(&text[from..m.start]).iter().any(|w| is_negation(w.2))
}

/// Whether the match is the head of a list of examples opened by "such as",
/// "e.g." or "including" that is still open (no `;`, `:` or `)` since).
pub fn after_example_opener(m: &PhraseMatch<'_>) -> bool {
    let before = m.before();
    let Some(opener) = [
        "such as ",
        "e.g. ",
        "e.g., ",
        "including ",
        "for example ",
        "for instance ",
    ]
    .iter()
    .filter_map(|o| before.rfind(o))
    .max() else {
        return false;
    };
    // "by including instructions to ...": the verb, not an opener.
    if before[opener..].starts_with("including ")
        && words(&before[..opener])
            .last()
            .is_some_and(|w| matches!(w.2, "by" | "without" | "from" | "avoid" | "consider"))
    {
        return false;
    }
    let between = &before[opener..];
    !(between.contains(';') || between.contains(':') || between.contains(')'))
}

/// The next character after the match, if any.
pub fn next_char(m: &PhraseMatch<'_>) -> Option<char> {
    m.after().chars().next()
}

/// Whether the words right after the match start with `phrase` (space-separated words).
pub fn followed_by(m: &PhraseMatch<'_>, phrase: &str) -> bool {
    let want: Vec<&str> = phrase.split(' ').collect();
    m.words_after(want.len()) == want
}

/// Whether the words right before the match end with `phrase` (space-separated words).
pub fn preceded_by(m: &PhraseMatch<'_>, phrase: &str) -> bool {
    let want: Vec<&str> = phrase.split(' ').collect();
    m.words_before(want.len()) == want
}
