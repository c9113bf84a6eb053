use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;
use crate::rules::vagueness::sense::normative;

declare_rule! {
    /// ## What it does
    /// Flags escape clauses on feasibility: *if possible*, *when possible*,
    /// *where possible*, *whenever possible*, *wherever possible*, *as far as
    /// possible*, and the same with *feasible*, *practical* and *practicable*.
    ///
    /// ## Why is this bad?
    /// Almost anything is possible, and almost anything can be argued to be
    /// impossible. The clause turns an obligation into a wish and leaves no
    /// answer that clearly violates it.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should cite its sources where possible.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should cite a source for every factual claim it takes from a tool result.
    /// ```
    pub static RULE = {
        code: "A301",
        name: "if-possible",
        category: Weakness,
        severity: Warning,
        default: true,
        summary: "\"If possible\" makes the rule optional",
        kind: RuleKind::Phrase {
            phrases: &[
                "if possible", "when possible", "where possible", "whenever possible", "wherever possible",
                "as far as possible", "if feasible", "when feasible", "where feasible", "whenever feasible",
                "if practical", "when practical", "where practical", "if practicable", "where practicable",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if !normative(m.sentence) {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` makes the rule optional", m.source()),
            "when is it not possible?",
        )
        .help("state the cases in which the rule does not apply, or drop the clause"),
    )
}
