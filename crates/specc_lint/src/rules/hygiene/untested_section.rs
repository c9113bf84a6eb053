use crate::context::ProjectContext;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use specc_diagnostics::FileId;
use specc_syntax::{DocumentKind, ProseKind};

declare_rule! {
    /// ## What it does
    /// Flags a normative section (one with an authority level) that has prose
    /// of its own but no clause marker (`[^id]`) and no conversation example
    /// anywhere in it or its subsections. The finding sits on the section's
    /// first strong rule (`must`, `never`, `should not`: the one a test checks
    /// best), else on its first sentence, and names the section.
    ///
    /// ## Why is this bad?
    /// Nothing tests the section: `specc test` has no clause to send and no
    /// example to grade, so a model can break every rule in it and the suite
    /// still passes. Either the section is commentary (then give it no
    /// authority or wrap it in `!!! meta`), or it needs a clause marker and a
    /// test file, or an inline example.
    ///
    /// ## Example
    /// ```markdown
    /// ## Use the preset voice {#preset_voice authority=system}
    ///
    /// The assistant should always speak in the voice the system selected.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Use the preset voice {#preset_voice authority=system}
    ///
    /// The assistant should always speak in the voice the system selected[^v01c].
    /// ```
    pub static RULE = {
        code: "S001",
        name: "untested-section",
        category: Hygiene,
        severity: Warning,
        default: true,
        summary: "A normative section has no clause marker and no example",
        kind: RuleKind::Project(check),
    };
}

fn check(p: &ProjectContext<'_>, out: &mut Vec<(FileId, Finding)>) {
    for doc in p.documents {
        if doc.kind != DocumentKind::Spec {
            continue;
        }
        for (si, sec) in doc.sections.iter().enumerate() {
            if sec.authority.is_none() {
                continue;
            }
            // The section's own prose, not its subsections'.
            let Some(first) = doc
                .prose
                .iter()
                .find(|pr| pr.section == Some(si) && !pr.structural && pr.kind != ProseKind::Heading)
            else {
                continue;
            };
            let ext = sec.extent;
            let marked = doc.clauses.iter().any(|c| ext.contains(c.marker.start))
                || doc
                    .prose
                    .iter()
                    .any(|pr| ext.contains(pr.span.start) && !pr.markers.is_empty());
            let exemplified = doc.examples.iter().any(|e| ext.contains(e.span.start));
            if marked || exemplified {
                continue;
            }
            // Point at the section's first strong rule ("must", "never"): the
            // one a test checks best; else the first sentence of its prose.
            let own = |s: &&crate::context::SentenceContext<'_>| {
                s.file == doc.file && s.section.is_some_and(|x| std::ptr::eq(x, sec))
            };
            let span = p
                .sentences
                .iter()
                .filter(own)
                .find(|s| !s.source().contains("[^") && super::untested_rule::is_strong(&s.norm.text.to_lowercase()))
                .or_else(|| {
                    p.sentences
                        .iter()
                        .find(|s| s.file == doc.file && first.span.contains(s.span.start))
                })
                .map(|s| s.span)
                .unwrap_or(first.span);
            let src = &p.sources.file(doc.file).text;
            let line = src[..sec.span.start.min(src.len())].matches('\n').count() + 1;
            out.push((
                doc.file,
                Finding::new(
                    span,
                    format!(
                        "section `{}` ({} authority, line {line}) has no clause marker and no example",
                        sec.id,
                        sec.authority.as_deref().unwrap_or_default()
                    ),
                )
                .label("nothing tests this section")
                .help("mark its rules as clauses (`[^id]`) with test files, or add an inline example"),
            ));
        }
    }
}
