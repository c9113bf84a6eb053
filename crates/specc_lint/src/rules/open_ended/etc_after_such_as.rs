use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use specc_diagnostics::{Applicability, Edit, Fix, Span};

declare_rule! {
    /// ## What it does
    /// Flags "etc." (or "and so on") closing a list that "such as", "e.g." or
    /// "including" already marks as a list of examples.
    ///
    /// ## Why is this bad?
    /// "such as" already says the list is open; a trailing "etc." repeats it and
    /// reads as if the list were meant to be complete after all.
    ///
    /// ## Example
    /// ```markdown
    /// Refuse requests for weapons such as explosives, nerve agents, etc.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Refuse requests for weapons such as explosives and nerve agents.
    /// ```
    pub static RULE = {
        code: "A402",
        name: "etc-after-such-as",
        category: OpenEnded,
        severity: Warning,
        default: true,
        summary: "\"etc.\" after \"such as\" repeats that the list is open",
        kind: RuleKind::Phrase { phrases: &["etc.", "etc", "and so on", "and so forth"], check },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if m.phrase == "etc" && m.after().starts_with('.') {
        return None;
    }
    let before = m.before();
    let opener = ["such as ", "e.g. ", "e.g., ", "including "]
        .iter()
        .filter_map(|o| before.rfind(o))
        .max()?;
    // The list must still be open: no sentence-internal break between.
    let between = &before[opener..];
    if between.contains(';') || between.contains(':') || between.contains(')') {
        return None;
    }
    let span = m.span();
    let src = m.sentence.src;
    // Remove ", etc." with its comma, keeping what follows (a period ends the sentence).
    let mut start = span.start;
    let lead = src[..start].trim_end_matches(' ');
    if lead.ends_with(',') {
        start = lead.len() - 1;
    } else {
        start = lead.len();
    }
    let keeps_period = m.phrase == "etc." && src[span.end..].is_empty_or_sentence_end();
    let replacement = if keeps_period { "." } else { "" };
    Some(
        Finding::new(
            span,
            format!(
                "`{}` after a list that \"such as\" already marks as examples",
                m.source()
            ),
        )
        .label("redundant")
        .help("drop it: \"such as\" already says the list is open")
        .fix(Fix {
            applicability: Applicability::Safe,
            message: format!("remove `{}`", &src[start..span.end]),
            edits: vec![Edit {
                span: Span::new(start, span.end),
                replacement: replacement.to_string(),
            }],
        }),
    )
}

trait SentenceEnd {
    fn is_empty_or_sentence_end(&self) -> bool;
}

impl SentenceEnd for str {
    /// Whether "etc." ended its sentence: nothing follows but a new sentence.
    fn is_empty_or_sentence_end(&self) -> bool {
        // The block ends here (a line break, or only spaces before one), or a new sentence starts.
        let after_spaces = self.trim_start_matches([' ', '\t']);
        after_spaces.is_empty()
            || after_spaces.starts_with(['\n', '\r'])
            || after_spaces.starts_with(char::is_uppercase)
    }
}
