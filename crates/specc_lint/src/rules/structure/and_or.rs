use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;
use specc_diagnostics::{Applicability, Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags "and/or" in what a rule asks for. Under a prohibition or a free
    /// choice ("never ...", "any ...", "must not ..."), where "A or B" and "A
    /// and/or B" say the same, it is not flagged.
    ///
    /// ## Why is this bad?
    /// "A and/or B" leaves open whether both together are allowed, required or
    /// merely tolerated, and whether the list is a choice or a checklist. Legal
    /// drafting guides have long advised against it for that reason.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should include a disclaimer and/or recommend a professional.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should include a disclaimer, recommend a professional, or both.
    /// ```
    pub static RULE = {
        code: "A704",
        name: "and-or",
        category: Structure,
        severity: Warning,
        default: true,
        summary: "\"and/or\" leaves open whether both are meant",
        kind: RuleKind::Phrase { phrases: &["and/or"], check },
    };
}

/// Words that make what follows a prohibition or a free choice: there "A or B"
/// and "A and/or B" mean the same ("refuse any steps toward chemical and/or
/// nuclear weapons"), so nothing is ambiguous.
const DOWNWARD: &[&str] = &[
    "any",
    "never",
    "avoid",
    "avoids",
    "refuse",
    "refuses",
    "prohibited",
    "forbidden",
    "without",
    "no",
    "neither",
    "nor",
    "don't",
    "doesn't",
    "shouldn't",
    "mustn't",
];

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    let before = crate::context::words(m.before());
    let prohibition = before.iter().enumerate().any(|(i, w)| {
        DOWNWARD.contains(&w.2)
            || (w.2 == "not" && i > 0 && matches!(before[i - 1].2, "must" | "should" | "do" | "does" | "may" | "shall"))
    });
    if prohibition {
        return None;
    }
    let span = m.span();
    Some(
        phrase_finding(
            m,
            format!("`{}` leaves open whether both are meant", m.source()),
            "one, the other, or both?",
        )
        .help("write `A or B` when either is enough, `A and B` when both are needed, or `A, B, or both`")
        .fix(Fix {
            applicability: Applicability::DisplayOnly,
            message: "write `or`, and add `or both` where both are allowed".to_string(),
            edits: vec![Edit {
                span,
                replacement: "or".to_string(),
            }],
        }),
    )
}
