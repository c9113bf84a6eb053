use crate::context::ProjectContext;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::terms::common::{Form, occurrences, prose_sentences, terms};
use specc_diagnostics::{FileId, Span};

declare_rule! {
    /// ## What it does
    /// Flags an italic or bold phrase in normative prose that looks like a term
    /// of art (two to four words, or one hyphenated compound, not only
    /// function words) but is not defined in
    /// the `definitions` section and is not defined where it stands ("an
    /// instruction is *misaligned* if ...", "*X* means ...", "called *X*").
    /// Emphasis for stress ("*not*", "**only**", "*implicit*" before a noun) is
    /// skipped as far as the rule can tell.
    ///
    /// ## Why is this bad?
    /// Emphasis marks a word as special. A reader then looks for its meaning,
    /// and a grader given the spec's definitions finds none: the term is
    /// understood the way each reader happens to understand it.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant must never take *high-stakes actions* without confirmation.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Definitions {#definitions}
    ///
    /// **High-stakes action**: an action that spends money, deletes data or contacts a third party.
    /// ```
    pub static RULE = {
        code: "A803",
        name: "undefined-emphasized-term",
        category: Terms,
        severity: Warning,
        default: false,
        summary: "An emphasized term of art is not defined",
        kind: RuleKind::Project(check),
    };
}

/// Words that are emphasised for stress, not as terms.
const STRESS: &[&str] = &[
    "not",
    "only",
    "never",
    "always",
    "must",
    "should",
    "may",
    "can",
    "cannot",
    "all",
    "any",
    "no",
    "none",
    "every",
    "and",
    "or",
    "but",
    "before",
    "after",
    "first",
    "then",
    "also",
    "still",
    "even",
    "very",
    "really",
    "is",
    "are",
    "was",
    "be",
    "do",
    "does",
    "don't",
    "will",
    "would",
    "could",
    "might",
    "the",
    "a",
    "an",
    "this",
    "that",
    "it",
    "they",
    "you",
    "we",
    "i",
    "what",
    "why",
    "how",
    "when",
    "where",
    "who",
    "which",
    "if",
    "unless",
    "more",
    "less",
    "most",
    "least",
    "both",
    "either",
    "neither",
    "own",
    "same",
    "other",
    "implicit",
    "explicit",
    "explicitly",
    "implicitly",
    "directly",
    "indirectly",
    "entire",
    "whole",
    "exactly",
    "intended",
    "actually",
    "itself",
];

/// Emphasised runs in source text: (start, end of the inner text) relative to `src`.
fn emphasis(src: &str) -> Vec<(usize, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'*' && c != b'_' {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|&&x| x == c).count();
        let open_end = i + run;
        // An opener is followed by a non-space; `_` must not sit inside a word.
        let before_ok = c == b'*' || i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if run > 2 || open_end >= b.len() || b[open_end].is_ascii_whitespace() || !before_ok {
            i = open_end;
            continue;
        }
        let delim = &src[i..open_end];
        let Some(rel) = src[open_end..].find(delim) else {
            break;
        };
        let close = open_end + rel;
        let after_ok = c == b'*' || close + run >= b.len() || !b[close + run].is_ascii_alphanumeric();
        let inner = &src[open_end..close];
        if !inner.is_empty() && !inner.ends_with(char::is_whitespace) && after_ok && !inner.contains('\n') {
            out.push((open_end, close));
            i = close + run;
        } else {
            i = open_end;
        }
    }
    out
}

/// Whether the sentence defines the emphasised words where they stand.
fn defined_here(before: &str, after: &str) -> bool {
    let after = after.trim_start_matches(['*', '_']).trim_start().to_lowercase();
    let before = before.trim_end_matches(['*', '_']).trim_end().to_lowercase();
    [
        "is ",
        "are ",
        "means",
        "refers to",
        "if ",
        "(",
        ":",
        "—",
        "--",
        "- ",
        "consists",
        "includes",
        "covers",
        "denotes",
    ]
    .iter()
    .any(|p| after.starts_with(p))
        || [
            "called",
            "termed",
            "known as",
            "we call",
            "is",
            "are",
            "be",
            "as",
            "the term",
            "term",
            "so-called",
        ]
        .iter()
        .any(|p| before.ends_with(p))
}

fn check(p: &ProjectContext<'_>, out: &mut Vec<(FileId, Finding)>) {
    let terms = terms(p);
    let forms: Vec<&Form> = terms.iter().flat_map(|t| t.forms.iter()).collect();
    for s in prose_sentences(p) {
        let src = s.source();
        for (a, b) in emphasis(src) {
            let inner = &src[a..b];
            let lower = inner.to_lowercase();
            let words: Vec<&str> = lower
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
                .filter(|w| !w.is_empty())
                .collect();
            // One plain word is nearly always stress ("*persuade*"); terms of art
            // are phrases or compounds ("*scope of autonomy*", "*high-stakes*").
            let phrase = words.len() >= 2 || words.first().is_some_and(|w| w.contains('-'));
            if !phrase
                || words.len() > 4
                || words.iter().all(|w| STRESS.contains(w) || w.ends_with("ly"))
                || !inner.chars().all(|c| c.is_alphanumeric() || " -'’".contains(c))
            {
                continue;
            }
            // Defined in the definitions section (under any spelling).
            if forms.iter().any(|f| !occurrences(&lower, f).is_empty()) {
                continue;
            }
            if defined_here(&src[..a], &src[b..]) {
                continue;
            }
            let span = Span::new(s.span.start + a, s.span.start + b);
            out.push((
                s.file,
                Finding::new(span, format!("`{inner}` is emphasized like a term but not defined"))
                    .label("defined where?")
                    .help("define it in the definitions section, or drop the emphasis if it is only stress"),
            ));
        }
    }
}
