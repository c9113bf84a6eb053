use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;

declare_rule! {
    /// ## What it does
    /// Flags a double negation that says something positive the long way
    /// round: "not unlike", "not uncommon", "not without", "don't fail to",
    /// "never neglect to", "avoid not", "not unreasonable".
    ///
    /// ## Why is this bad?
    /// Every negation is a chance to misread the rule, and two cancel out only
    /// for a careful reader. "Do not fail to mention X" is "mention X"; a grader
    /// skimming for "not" may score it as a prohibition.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should not fail to mention the risks.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should mention the risks.
    /// ```
    pub static RULE = {
        code: "A902",
        name: "negation-stated-positively",
        category: Keywords,
        severity: Warning,
        default: true,
        summary: "A double negation that could be stated positively",
        kind: RuleKind::Phrase {
            phrases: &[
                "not unlike", "not uncommon", "not unusual", "not unreasonable", "not unlikely", "not unhelpful",
                "not insignificant", "not inconsiderable", "not infrequently", "not unimportant", "not dissimilar",
                "not impossible", "not inappropriate", "not without", "not fail to", "not neglect to", "not forget to",
                "never fail to", "never neglect to", "never forget to", "don't fail to", "don't neglect to",
                "don't forget to", "avoid not", "avoid failing to", "avoid neglecting to", "refrain from not",
                "cannot fail to", "can't fail to", "not omit", "never omit", "don't omit", "not avoid",
                "never avoid", "don't avoid", "not refuse to", "never refuse to", "not refrain from",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    // "not avoid X solely because ...": a negated avoidance with a reason is
    // a rule about the reason, not a double negation.
    if m.phrase.ends_with("avoid") || m.phrase.ends_with("refuse to") {
        let rest = m.after();
        let clause = &rest[..rest.find([',', ';', '.']).unwrap_or(rest.len())];
        if [" solely ", " just ", " only ", " merely ", " because ", " simply "]
            .iter()
            .any(|w| clause.contains(w))
        {
            return None;
        }
    }
    let help = if m.phrase.starts_with("not un") || m.phrase.starts_with("not in") || m.phrase.starts_with("not dis") {
        "say the positive directly: \"common\" rather than \"not uncommon\""
    } else {
        "say what should happen: \"mention the risks\" rather than \"don't fail to mention the risks\""
    };
    Some(
        phrase_finding(
            m,
            format!("`{}` says something positive with two negations", m.source()),
            "state it positively",
        )
        .help(help),
    )
}
