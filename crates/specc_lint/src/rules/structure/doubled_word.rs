use crate::context::SentenceContext;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::structure::common::{is_blank, only_space_between, whole_chars};
use specc_diagnostics::{Applicability, Edit, Fix, Span};

declare_rule! {
    /// ## What it does
    /// Flags a word written twice in a row ("the the"), and offers to remove
    /// the second one. "had had" and "that that", which can be grammatical, are
    /// left alone.
    ///
    /// ## Why is this bad?
    /// A doubled word is usually an editing slip. It is harmless to a careful
    /// reader, but it makes a rule look unreviewed, and in a rule that is quoted
    /// into prompts it is copied everywhere.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should cite the the source.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should cite the source.
    /// ```
    pub static RULE = {
        code: "A705",
        name: "doubled-word",
        category: Structure,
        severity: Warning,
        default: true,
        summary: "A word is written twice in a row",
        kind: RuleKind::Sentence(check),
    };
}

/// Doublings that can be grammatical.
const GRAMMATICAL: &[&str] = &[
    "had", "that", "is", "do", "can", "bye", "no", "very", "so", "ha", "really",
];

fn check(s: &SentenceContext<'_>, out: &mut Vec<Finding>) {
    let words = s.words();
    let text = s.norm.text.as_str();
    for pair in words.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.2 != b.2
            || !only_space_between(text, a.1, b.0)
            || GRAMMATICAL.contains(&a.2)
            || is_blank(a.2)
            || !a.2.chars().any(char::is_alphabetic)
        {
            continue;
        }
        let first = whole_chars(s.src, s.norm.source_span(a.0, a.1));
        let second = whole_chars(s.src, s.norm.source_span(b.0, b.1));
        if second.start < first.end {
            continue;
        }
        let between = &s.src[first.end..second.start];
        let span = Span::new(first.start, second.end);
        let mut f = Finding::new(span, format!("`{}` is written twice", &s.src[second.range()]))
            .label("doubled")
            .help("remove one of them");
        // Only a plain space between the two copies makes the edit mechanical.
        if between.chars().all(char::is_whitespace) && !between.is_empty() {
            f = f.fix(Fix {
                applicability: Applicability::Safe,
                message: format!("remove the second `{}`", &s.src[second.range()]),
                edits: vec![Edit {
                    span: Span::new(first.end, second.end),
                    replacement: String::new(),
                }],
            });
        }
        out.push(f);
    }
}
