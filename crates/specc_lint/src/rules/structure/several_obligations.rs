use crate::context::SentenceContext;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::structure::common::{modals, whole_chars};

declare_rule! {
    /// ## What it does
    /// Flags a sentence that joins two obligations, each with its own normative
    /// keyword, with *and*, *but*, *or*, *nor* or a semicolon: "the assistant
    /// should A, and it must never B".
    ///
    /// ## Why is this bad?
    /// Two obligations in one sentence are one clause to a test: a model that
    /// follows the first and breaks the second fails the whole clause, and the
    /// report cannot say which obligation failed. When the keywords differ
    /// (*should* and *must*), the reader also has to work out which strength
    /// covers which part.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should summarise the document, and it must not quote it at length.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should summarise the document.
    ///
    /// The assistant must not quote the document at length.
    /// ```
    pub static RULE = {
        code: "A703",
        name: "several-obligations",
        category: Structure,
        severity: Warning,
        default: true,
        summary: "One sentence carries several obligations",
        kind: RuleKind::Sentence(check),
    };
}

/// Words that join two clauses.
const JOINERS: &[&str] = &["and", "but", "or", "nor", "yet", "while"];
/// Subjects a second obligation may repeat.
const SUBJECTS: &[&str] = &["it", "they", "we", "you", "he", "she"];

fn check(s: &SentenceContext<'_>, out: &mut Vec<Finding>) {
    let words = s.words();
    let ms = modals(&words);
    let text = s.norm.text.as_str();
    let w = |i: usize| words[i].2;
    for pair in ms.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let i = b.first;
        // What sits right before the second keyword: a joiner, or a joiner (or
        // a semicolon) and a repeated subject.
        let joined = if i >= 1 && JOINERS.contains(&w(i - 1)) {
            true
        } else if i >= 2 && SUBJECTS.contains(&w(i - 1)) {
            JOINERS.contains(&w(i - 2)) || text[words[i - 2].1..words[i - 1].0].contains(';')
        } else if i >= 3 && w(i - 2) == "the" && matches!(w(i - 1), "assistant" | "model") {
            JOINERS.contains(&w(i - 3)) || text[words[i - 3].1..words[i - 2].0].contains(';')
        } else {
            // "...; should" after a semicolon ("nor should it" has its joiner right before).
            i >= 1 && text[words[i - 1].1..words[i].0].contains(';')
        };
        if !joined || a.verb.is_none() || b.verb.is_none() {
            continue;
        }
        // A clause marker between the two already makes each its own clause.
        let from = s.norm.source_span(words[a.first].0, words[a.first].1).end;
        let to = s.norm.source_span(words[b.first].0, words[b.first].1).start;
        if s.prose.markers.iter().any(|mk| mk.start >= from && mk.start < to) {
            continue;
        }
        let phrase = |m: &crate::rules::structure::common::Modal| {
            // From the source, so that a link or code in place of the verb reads as written.
            let end = m.verb.unwrap_or(m.last);
            let sp = whole_chars(s.src, s.norm.source_span(words[m.first].0, words[end].1));
            s.src[sp.range()].split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let end = b.verb.unwrap_or(b.last);
        let span = whole_chars(s.src, s.norm.source_span(words[b.first].0, words[end].1));
        let strengths = if a.strength != b.strength {
            format!(
                " of different strength ({} and {})",
                a.strength.name(),
                b.strength.name()
            )
        } else {
            String::new()
        };
        out.push(
            Finding::new(
                span,
                format!(
                    "two obligations{strengths} in one sentence: `{}` and `{}`",
                    phrase(a),
                    phrase(b)
                ),
            )
            .label("a second obligation")
            .help("give each obligation its own sentence so that each can be tested on its own"),
        );
        return;
    }
}
