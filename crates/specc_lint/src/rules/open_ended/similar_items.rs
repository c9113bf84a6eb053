use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;
use crate::rules::open_ended::open_list::open_list_end;

declare_rule! {
    /// ## What it does
    /// Flags lists extended by similarity: *or similar*, *and similar*, *or
    /// the like*, *and the like*, *or something similar*. Not flagged, as in
    /// A401: a list that "such as", "e.g." or "including" already marks as
    /// examples, and a list of quoted utterances.
    ///
    /// ## Why is this bad?
    /// Similar in what respect? The listed items share several properties, and
    /// each reader extends the list along a different one. Off by default: on
    /// the Model Spec these phrases mostly illustrate a standard that is
    /// stated elsewhere in the sentence.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should not impersonate doctors, lawyers, and the like.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should not claim a professional licence (doctor, lawyer, accountant or any other).
    /// ```
    pub static RULE = {
        code: "A406",
        name: "similar-items",
        category: OpenEnded,
        severity: Warning,
        default: false,
        summary: "\"Or similar\" leaves what counts as similar to the reader",
        kind: RuleKind::Phrase {
            phrases: &["or similar", "and similar", "or the like", "and the like", "or something similar"],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if !open_list_end(m) {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves what counts as similar to the reader", m.source()),
            "similar how?",
        )
        .help("name the property the items share, or make the list complete"),
    )
}
