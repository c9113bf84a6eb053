use crate::context::ProjectContext;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::terms::common::{analyzed, occurrences_in, terms};
use specc_diagnostics::FileId;

declare_rule! {
    /// ## What it does
    /// Flags a term defined in the `definitions` section that no normative
    /// sentence uses, under its own name or any of its aliases (plurals,
    /// possessives and hyphenation variants count as uses).
    ///
    /// ## Why is this bad?
    /// A definition nothing refers to is either dead (the rules that used it
    /// were reworded) or a sign that the rules use another word for the same
    /// thing, which is worse: the grader is shown a definition that the clause
    /// under test never invokes.
    ///
    /// ## Example
    /// ```markdown
    /// # Definitions {#definitions}
    ///
    /// **Operator**: a business that deploys the assistant.
    ///
    /// # Rules {#rules authority=root}
    ///
    /// The deployer may restrict topics.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The operator may restrict topics.
    /// ```
    pub static RULE = {
        code: "A801",
        name: "unused-defined-term",
        category: Terms,
        severity: Warning,
        default: true,
        summary: "A defined term is never used in normative prose",
        kind: RuleKind::Project(check),
    };
}

fn check(p: &ProjectContext<'_>, out: &mut Vec<(FileId, Finding)>) {
    // Each sentence is split into pieces once, not once per term.
    let sentences = analyzed(p);
    for t in terms(p) {
        let used = sentences
            .iter()
            .any(|a| t.forms.iter().any(|f| !occurrences_in(a, f).is_empty()));
        if used {
            continue;
        }
        let names = t
            .forms
            .iter()
            .map(|f| format!("`{}`", f.written))
            .collect::<Vec<_>>()
            .join(", ");
        out.push((
            t.doc.file,
            Finding::new(t.def.span, format!("`{}` is defined but no rule uses it", t.def.term))
                .label("never used")
                .help(format!(
                    "use the term in the rules it was meant for, or remove the definition (looked for {names})"
                )),
        ));
    }
}
