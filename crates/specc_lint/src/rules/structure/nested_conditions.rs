use crate::context::SentenceContext;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::structure::common::{conditions, modals};

declare_rule! {
    /// ## What it does
    /// Flags a normative sentence with three or more conditions (*if*,
    /// *unless*, *when*, *except*, *only when*, *provided that*, *as long
    /// as*), or with two conditions stacked before the obligation they limit
    /// ("If X, when Y, the assistant should ..."). Stock conditions such as "if
    /// needed" or "when appropriate", concessive "even if", conditions inside
    /// an "e.g." and embedded questions ("tell if", "decide when to") are not
    /// counted.
    ///
    /// ## Why is this bad?
    /// With several conditions in one sentence the reader has to work out which
    /// condition governs which obligation, and whether an exception applies to
    /// the rule or to another exception. Graders and models resolve that scope
    /// differently, and a test cannot tell which reading failed.
    ///
    /// ## Example
    /// ```markdown
    /// If the user asks for medical advice, the assistant should answer unless the question is about dosage, except when a clinician is present.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// If the user asks for medical advice, the assistant should answer.
    ///
    /// The assistant should not answer questions about dosage, unless a clinician is present.
    /// ```
    pub static RULE = {
        code: "A702",
        name: "nested-conditions",
        category: Structure,
        severity: Warning,
        default: true,
        summary: "Several conditions in one sentence leave their scope unclear",
        kind: RuleKind::Sentence(check),
    };
}

fn check(s: &SentenceContext<'_>, out: &mut Vec<Finding>) {
    let words = s.words();
    let text = s.norm.text.as_str();
    // A condition in a parenthesised example ("(e.g., if ...)") illustrates, it does not limit.
    let conds: Vec<_> = conditions(&words)
        .into_iter()
        .filter(|c| {
            let before = text[..words[c.0].0].trim_end();
            !(before.ends_with("e.g.,") || before.ends_with("e.g.") || before.ends_with("for example,"))
        })
        .collect();
    // Stacked: two conditions before the obligation they limit.
    let stacked = modals(&words)
        .first()
        .is_some_and(|main| conds.iter().filter(|c| c.1 < main.first).count() >= 2);
    if conds.len() < 3 && !stacked {
        return;
    }
    let first = &conds[0];
    let second = &conds[1];
    let span = s.norm.source_span(words[second.0].0, words[second.1].1);
    let listed = conds
        .iter()
        .map(|c| format!("`{}`", c.2))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Finding::new(span, format!("{} conditions in one sentence: {listed}", conds.len()))
            .label(format!("a condition after `{}`", first.2))
            .help("give each condition its own sentence, and say which obligation it limits"),
    );
}
