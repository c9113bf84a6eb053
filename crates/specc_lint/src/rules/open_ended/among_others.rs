use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};

declare_rule! {
    /// ## What it does
    /// Flags *among others*, *amongst others*, *among other things* (and
    /// other "among other ..." forms) and *inter alia* after a list.
    ///
    /// ## Why is this bad?
    /// It says the list leaves things out without saying what. A grader facing
    /// a case the list does not name cannot tell whether it is one of the
    /// "others".
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should weigh, among other things, the user's age and stated intent.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should weigh the user's age, stated intent and the severity of the possible harm.
    /// ```
    pub static RULE = {
        code: "A405",
        name: "among-others",
        category: OpenEnded,
        severity: Warning,
        default: true,
        summary: "\"Among others\" leaves the rest of the list to the reader",
        kind: RuleKind::Phrase {
            phrases: &["among others", "amongst others", "among other", "amongst other", "inter alia"],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    // "among other things": take the noun into the span.
    let (start, end) = match m.phrase {
        "among other" | "amongst other" => {
            let (_, e, _) = *crate::context::words(m.after()).first()?;
            (m.start, m.end + e)
        }
        _ => (m.start, m.end),
    };
    let span = m.sentence.norm.source_span(start, end);
    let words = &m.sentence.src[span.range()];
    Some(
        Finding::new(span, format!("`{words}` leaves the rest of the list to the reader"))
            .label("which others?")
            .help("complete the list, or name the category its items share"),
    )
}
