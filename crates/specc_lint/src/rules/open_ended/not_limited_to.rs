use crate::context::{PhraseMatch, words};
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use specc_diagnostics::{Applicability, Edit, Fix, Span};

declare_rule! {
    /// ## What it does
    /// Flags *including but not limited to* and its variants (*including, but
    /// not limited to*, *include but are not limited to*, *without
    /// limitation*), unless the head of the list is quantified ("any goal,
    /// including but not limited to"), which fixes the scope by itself. A fix
    /// shortens "including but not limited to" to "including", which already
    /// leaves the list open.
    ///
    /// ## Why is this bad?
    /// The phrase announces that the list does not define the rule's scope,
    /// and then gives nothing else that does. The reader must extrapolate the
    /// category from the examples, and graders extrapolate differently.
    ///
    /// ## Example
    /// ```markdown
    /// Refuse requests that facilitate harm, including but not limited to weapons and drugs.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Refuse requests for instructions that give meaningful uplift toward making weapons or synthesising drugs; for example, ...
    /// ```
    pub static RULE = {
        code: "A403",
        name: "not-limited-to",
        category: OpenEnded,
        severity: Warning,
        default: true,
        summary: "\"Including but not limited to\" leaves the scope to the examples",
        kind: RuleKind::Phrase {
            phrases: &[
                "but not limited to", "but is not limited to", "but are not limited to", "but not necessarily limited to",
                "without limitation",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    // "any additional goals, including but not limited to": the quantified head
    // already fixes the scope; the list only illustrates it.
    let clause = m.before().rsplit([';', ':', '.']).next().unwrap_or("");
    if words(clause)
        .iter()
        .any(|w| matches!(w.2, "any" | "all" | "every" | "each"))
    {
        return None;
    }
    let matched = m.span();
    let src = m.sentence.src;
    // Take the verb into the span: "including but not limited to", "include but are not limited to".
    let lead = src[..matched.start].trim_end_matches([' ', ',']);
    let verb = ["including", "includes", "include"]
        .iter()
        .find(|v| lead.len() >= v.len() && lead[lead.len() - v.len()..].eq_ignore_ascii_case(v));
    let start = verb.map_or(matched.start, |v| lead.len() - v.len());
    let span = Span::new(start, matched.end);
    let mut f = Finding::new(
        span,
        format!("`{}`: the examples are left to define the scope", &src[span.range()]),
    )
    .label("open list")
    .help("name the category the examples belong to; \"including\" alone already leaves the list open");
    // "including but not limited to" / "including, but not limited to," -> "including".
    if verb == Some(&"including") && m.phrase == "but not limited to" {
        let mut end = matched.end;
        if src[end..].starts_with(',') {
            end += 1;
        }
        f = f.fix(Fix {
            applicability: Applicability::Safe,
            message: format!("replace `{}` with `including`", &src[start..end]),
            edits: vec![Edit {
                span: Span::new(lead.len(), end),
                replacement: String::new(),
            }],
        });
    }
    Some(f)
}
