use crate::context::PhraseMatch;
use crate::context::words;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};

/// What "to the extent" may be qualified by to make a loophole.
const QUALIFIERS: &[&str] = &[
    "possible",
    "practical",
    "practicable",
    "feasible",
    "reasonable",
    "appropriate",
    "necessary",
];

/// Words that may stand between "to the extent" and its qualifier.
const FILLERS: &[&str] = &["that", "it", "is", "it's", "reasonably", "technically"];

declare_rule! {
    /// ## What it does
    /// Flags open-ended limits on a rule: *to the extent possible* (or
    /// *practical*, *practicable*, *feasible*, *reasonable*, *appropriate*,
    /// *necessary*), *to the extent it is possible*, *to the maximum extent
    /// possible*, *to the degree possible*, *insofar as possible*. "To the
    /// extent that the user asks" names its limit and is not flagged.
    ///
    /// ## Why is this bad?
    /// The rule binds only as far as some unstated limit allows. Every
    /// shortfall can be explained as the limit, so no answer clearly fails.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should preserve the user's formatting to the extent practical.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should preserve the user's headings, lists and code blocks; it may reflow paragraphs.
    /// ```
    pub static RULE = {
        code: "A303",
        name: "to-the-extent",
        category: Weakness,
        severity: Warning,
        default: true,
        summary: "\"To the extent possible\" leaves the limit of the rule to the reader",
        kind: RuleKind::Phrase {
            phrases: &[
                "to the extent", "to the maximum extent", "to the greatest extent", "to the fullest extent",
                "to the degree", "insofar as", "in so far as",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    // The qualifier follows, possibly after "it is" or "reasonably".
    let mut end = None;
    for (_, e, w) in words(m.after()).into_iter().take(4) {
        if QUALIFIERS.contains(&w) {
            end = Some(m.end + e);
            break;
        }
        if !FILLERS.contains(&w) {
            return None;
        }
    }
    let span = m.sentence.norm.source_span(m.start, end?);
    Some(
        Finding::new(
            span,
            format!(
                "`{}` leaves the limit of the rule to the reader",
                &m.sentence.src[span.range()]
            ),
        )
        .label("how far is that?")
        .help("state where the rule stops applying, or drop the qualifier"),
    )
}
