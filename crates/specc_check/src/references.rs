//! References resolve: links to sections (locally or into a dependency),
//! the sections answer markers name, and what `overrides=` names.

use crate::{SectionRef, closest, section_index};
use specc_diagnostics::{Code, Diagnostic, Suggester};
use specc_project::{Package, Workspace};
use specc_syntax::{Document, Reference, Turn};
use std::collections::HashMap;

pub(crate) type Sections<'p> = HashMap<&'p str, SectionRef<'p>>;

/// Reference `r` of document `d` resolves, locally or into a dependency.
pub(crate) fn reference_resolves(
    ws: &Workspace,
    pkg: &Package,
    sections: &Sections<'_>,
    suggest: &Suggester<'_>,
    d: &Document,
    r: &Reference,
    diags: &mut Vec<Diagnostic>,
) {
    let (target_sections, dep_label) = match &r.dependency {
        None => (Some(sections), None),
        Some(dep) => match pkg.dependencies.iter().find(|x| &x.name == dep) {
            None => {
                let mut diag = Diagnostic::new(Code::UnknownDependency, format!("no dependency named `{dep}`"))
                    .at(d.file, r.target_span)
                    .with_label("not declared in specc.toml")
                    .with_help(format!("declare it: [dependencies] {dep} = {{ path = \"../{dep}\" }}"));
                if let Some(best) = closest(dep, pkg.dependencies.iter().map(|x| x.name.as_str())) {
                    diag = diag.with_suggestion(format!("@{best}#{}", r.target));
                }
                diags.push(diag);
                return;
            }
            Some(dref) => match dref.package {
                // Loading already reported why.
                None => return,
                Some(p) => (None, Some((dep.as_str(), p))),
            },
        },
    };
    let dep_sections;
    let table = match (target_sections, dep_label) {
        (Some(t), _) => t,
        (None, Some((_, p))) => {
            dep_sections = section_index(&ws.packages[p]);
            &dep_sections
        }
        (None, None) => return,
    };
    if !table.contains_key(r.target.as_str()) {
        let where_ = match dep_label {
            Some((dep, _)) => format!(" in dependency `{dep}`"),
            None => String::new(),
        };
        let mut diag = Diagnostic::new(
            Code::DanglingReference,
            format!("reference to missing section `{}`{where_}", r.target),
        )
        .at(d.file, r.target_span)
        .with_label("no section has this ID");
        // The project's own sections are indexed once (`suggest`), for projects
        // with thousands of IDs and dangling references.
        let best = match dep_label {
            None => suggest.closest(&r.target),
            Some(_) => closest(&r.target, table.keys().copied()),
        };
        if let Some(best) = best {
            let full = match dep_label {
                Some((dep, _)) => format!("@{dep}#{best}"),
                None => format!("#{best}"),
            };
            let title = table.get(best).map(|s| s.title).unwrap_or_default();
            diag = diag
                .with_suggestion(full)
                .with_note(format!("`{best}` is the section \"{title}\""));
        } else {
            diag = diag.with_help("fix the ID, or add `{#id}` to the heading of the section you mean");
        }
        diags.push(diag);
    }
}

/// The answer markers of document `d` name sections that exist.
pub(crate) fn answer_sections_exist(
    d: &Document,
    sections: &Sections<'_>,
    suggest: &Suggester<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    for ex in d
        .examples
        .iter()
        .chain(d.precedents.iter().filter_map(|p| p.example.as_ref()))
    {
        for t in &ex.turns {
            let Turn::Comparison(c) = t else { continue };
            for a in &c.answers {
                let Some(m) = &a.marker else { continue };
                let (Some(id), Some(span)) = (&m.section, m.section_span) else {
                    continue;
                };
                if !sections.contains_key(id.as_str()) {
                    let mut diag = Diagnostic::new(
                        Code::UnresolvedAnswerSection,
                        format!("answer marker names missing section `{id}`"),
                    )
                    .at(d.file, span)
                    .with_label("no section has this ID");
                    if let Some(best) = suggest.closest(id) {
                        diag = diag.with_suggestion(best);
                    }
                    diags.push(diag);
                }
            }
        }
    }
}

/// `overrides=` names a section or clause, here or (`dep:id`) in a dependency:
/// an override of nothing would silently document nothing.
pub(crate) fn overrides_resolve(ws: &Workspace, pkg: &Package, diags: &mut Vec<Diagnostic>) {
    for d in &pkg.documents {
        for s in &d.sections {
            let Some(value) = &s.overrides else { continue };
            let span = s
                .attributes
                .iter()
                .find(|a| a.key == "overrides")
                .map(|a| a.span)
                .unwrap_or(s.span);
            let (target_pkg, id) = match value.split_once(':') {
                None => (Some(pkg), value.as_str()),
                Some((dep, id)) => match pkg.dependencies.iter().find(|x| x.name == dep) {
                    Some(r) => (r.package.map(|p| &ws.packages[p]), id),
                    None => {
                        diags.push(
                            Diagnostic::new(Code::UnknownDependency, format!("no dependency named `{dep}`"))
                                .at(d.file, span)
                                .with_label("`overrides=` names it")
                                .with_help(format!("declare it: [dependencies] {dep} = {{ path = \"../{dep}\" }}")),
                        );
                        continue;
                    }
                },
            };
            // A dependency that failed to load was reported already.
            let Some(target) = target_pkg else { continue };
            let known = target
                .documents
                .iter()
                .any(|td| td.sections.iter().any(|x| x.id == id) || td.clauses.iter().any(|c| c.id == id));
            if !known {
                let ids = target.documents.iter().flat_map(|td| {
                    td.sections
                        .iter()
                        .map(|x| x.id.as_str())
                        .chain(td.clauses.iter().map(|c| c.id.as_str()))
                });
                let mut diag = Diagnostic::new(
                    Code::DanglingReference,
                    format!("`overrides={value}` names no section or clause"),
                )
                .at(d.file, span)
                .with_label("nothing has this ID");
                diag = match closest(id, ids) {
                    Some(best) => diag.with_suggestion(match value.split_once(':') {
                        Some((dep, _)) => format!("overrides={dep}:{best}"),
                        None => format!("overrides={best}"),
                    }),
                    None => diag.with_help("name the section (or clause) whose statements this section overrides"),
                };
                diags.push(diag);
            }
        }
    }
}
