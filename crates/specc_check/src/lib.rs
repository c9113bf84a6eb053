//! Structural checks over a loaded [`Workspace`]: IDs, references (local and
//! into dependencies), test coverage, test-file headers and authority levels.
//! It reads the IR only and returns diagnostics plus a summary; it never prints.
//! Conflicts between normative statements (`specc_conflicts`) and dependencies
//! that changed since `specc.lock` are part of the check, so anything that
//! refuses on check errors (such as `specc build --release`) refuses on an
//! unresolved same-authority conflict too.

use serde::Serialize;
use specc_diagnostics::{Code, Diagnostic, FileId, Severity, Span};
use specc_project::{Package, Workspace};
use specc_syntax::{Document, Judgement, Turn};
use std::collections::{HashMap, HashSet};

/// The JSON schema name of `specc check --format json` lines.
pub const CHECK_SCHEMA: &str = "specc.check/1";

/// Counts over the root package, as the summary line and JSON summary report them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub sections: usize,
    pub sections_with_ids: usize,
    pub clauses: usize,
    pub examples: usize,
    pub comparisons: usize,
    pub good: usize,
    pub bad: usize,
    pub ok: usize,
    pub test_files: usize,
    pub test_prompts: usize,
    pub precedents: usize,
    pub untested_clauses: usize,
    pub orphan_test_files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// The result of [`check`].
#[derive(Debug)]
pub struct CheckResult {
    /// Loading and parsing diagnostics plus the checks', sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

/// Runs every structural check. Diagnostics of dependencies are kept only when
/// they are errors: their warnings are their maintainers' business.
///
/// This is everything `specc check` reports: the structural checks, the
/// dependencies changed since `specc.lock` and the conflicts between
/// normative statements.
pub fn check(ws: &Workspace) -> CheckResult {
    let mut diags = structural_diagnostics(ws);
    // A changed dependency first (it points into specc.toml), then the conflicts.
    diags.extend(specc_project::lock::changes(ws));
    diags.extend(specc_conflicts::check(ws));
    finish(ws, diags)
}

/// The structural checks alone (IDs, references, coverage, headers, authority),
/// without the lock comparison and the conflict checker: what the #performance
/// budget for "parse plus structural checks" measures.
pub fn check_structure(ws: &Workspace) -> CheckResult {
    let diags = structural_diagnostics(ws);
    finish(ws, diags)
}

fn structural_diagnostics(ws: &Workspace) -> Vec<Diagnostic> {
    let mut diags: Vec<Diagnostic> = ws.diagnostics.clone();
    for (i, pkg) in ws.packages.iter().enumerate() {
        check_package(ws, i, pkg, &mut diags);
    }
    diags
}

fn finish(ws: &Workspace, mut diags: Vec<Diagnostic>) -> CheckResult {
    let root_files: HashSet<FileId> = root_files(ws);
    diags.retain(|d| d.severity == Severity::Error || d.file.is_none_or(|f| root_files.contains(&f)));
    diags.sort_by_key(|d| (d.file.map(|f| f.0).unwrap_or(u32::MAX), d.span.start, d.code));
    diags.dedup();

    let mut summary = summarize(ws);
    for d in &diags {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
        if d.code == Code::UntestedClause {
            summary.untested_clauses += 1;
        } else if d.code == Code::OrphanTestFile {
            summary.orphan_test_files += 1;
        }
    }
    CheckResult {
        diagnostics: diags,
        summary,
    }
}

fn root_files(ws: &Workspace) -> HashSet<FileId> {
    let Some(root) = ws.packages.first() else {
        return ws.sources.iter().map(|(id, _)| id).collect();
    };
    let mut s: HashSet<FileId> = all_docs(root).map(|d| d.file).collect();
    s.extend(root.config_file);
    s
}

fn all_docs(pkg: &Package) -> impl Iterator<Item = &Document> {
    pkg.documents.iter().chain(&pkg.test_files).chain(&pkg.precedents)
}

fn summarize(ws: &Workspace) -> Summary {
    let mut s = Summary::default();
    let Some(root) = ws.packages.first() else { return s };
    s.documents = root.documents.len();
    for d in &root.documents {
        s.sections += d.sections.len();
        s.sections_with_ids += d.sections.iter().filter(|x| x.explicit_id).count();
        s.clauses += d.clauses.len();
        s.examples += d.examples.len();
        for ex in &d.examples {
            for c in ex.comparisons() {
                s.comparisons += 1;
                for a in &c.answers {
                    match a.marker.as_ref().map(|m| m.judgement) {
                        Some(Judgement::Good) => s.good += 1,
                        Some(Judgement::Bad) => s.bad += 1,
                        Some(Judgement::Ok) => s.ok += 1,
                        None => {}
                    }
                }
            }
        }
    }
    s.test_files = root.test_files.len();
    s.test_prompts = root.test_files.iter().map(|t| t.example_count()).sum();
    s.precedents = root.precedents.iter().map(|p| p.precedents.len()).sum();
    s
}

/// A section's ID and where it is defined.
struct SectionRef<'a> {
    title: &'a str,
}

fn section_index(pkg: &Package) -> HashMap<&str, SectionRef<'_>> {
    let mut m = HashMap::new();
    for d in &pkg.documents {
        for s in &d.sections {
            m.entry(s.id.as_str()).or_insert(SectionRef { title: &s.title });
        }
    }
    m
}

fn check_package(ws: &Workspace, index: usize, pkg: &Package, diags: &mut Vec<Diagnostic>) {
    let sections = section_index(pkg);
    let levels = pkg.config.authority_levels();

    // Section IDs are unique across the package.
    let mut first_section: HashMap<&str, (FileId, Span)> = HashMap::new();
    for d in &pkg.documents {
        for s in &d.sections {
            if let Some(&(f, sp)) = first_section.get(s.id.as_str()) {
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateSectionId,
                        format!("section ID `{}` is defined twice", s.id),
                    )
                    .at(d.file, s.span)
                    .with_label("second definition")
                    .with_secondary(f, sp, "first defined here")
                    .with_help(
                        "give one of the sections another ID; references, results and reports name sections by ID",
                    ),
                );
            } else {
                first_section.insert(&s.id, (d.file, s.span));
            }
            if let Some(level) = &s.declared_authority
                && !levels.iter().any(|l| l == level)
            {
                let span = s
                    .attributes
                    .iter()
                    .find(|a| a.key == "authority")
                    .map(|a| a.span)
                    .unwrap_or(s.span);
                let mut diag = Diagnostic::new(Code::UnknownAuthority, format!("unknown authority level `{level}`"))
                    .at(d.file, span)
                    .with_label("not a configured level")
                    .with_help(format!(
                        "levels, highest first: {}; configure others in specc.toml under [spec] authority",
                        levels.join(", ")
                    ));
                if let Some(best) = closest(level, levels.iter().map(String::as_str)) {
                    diag = diag.with_suggestion(format!("authority={best}"));
                }
                diags.push(diag);
            }
        }
    }

    // Clause IDs are unique across the spec documents.
    let mut clauses: HashMap<&str, (FileId, Span, Option<usize>, &Document)> = HashMap::new();
    for d in &pkg.documents {
        for c in &d.clauses {
            if let Some(&(f, sp, _, _)) = clauses.get(c.id.as_str()) {
                diags.push(
                    Diagnostic::new(Code::DuplicateClauseId, format!("clause ID `{}` is marked twice", c.id))
                        .at(d.file, c.marker)
                        .with_label("second marker")
                        .with_secondary(f, sp, "first marked here")
                        .with_help("mint a fresh ID for one of them with `specc new-clause <section-id>`"),
                );
            } else {
                clauses.insert(&c.id, (d.file, c.marker, c.section, d));
            }
        }
    }

    // References resolve, locally or into a dependency.
    for d in all_docs(pkg) {
        for r in &d.references {
            let (target_sections, dep_label) = match &r.dependency {
                None => (Some(&sections), None),
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
                        continue;
                    }
                    Some(dref) => match dref.package {
                        // Loading already reported why.
                        None => continue,
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
                (None, None) => continue,
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
                if let Some(best) = closest(&r.target, table.keys().copied()) {
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
        // Answer markers name sections that must exist.
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
                        if let Some(best) = closest(id, sections.keys().copied()) {
                            diag = diag.with_suggestion(best);
                        }
                        diags.push(diag);
                    }
                }
            }
        }
    }

    // `overrides=` names a section or clause, here or (`dep:id`) in a dependency:
    // an override of nothing would silently document nothing.
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

    // Coverage: every clause has a test file and every test file a clause.
    let tested: HashSet<&str> = pkg.test_files.iter().filter_map(|t| clause_of(t)).collect();
    for d in &pkg.documents {
        for c in &d.clauses {
            if !tested.contains(c.id.as_str()) && clauses.get(c.id.as_str()).is_some_and(|x| x.1 == c.marker) {
                diags.push(
                    Diagnostic::new(Code::UntestedClause, format!("clause `{}` has no test file", c.id))
                        .at(d.file, c.marker)
                        .with_label("no examples/".to_string() + &c.id + ".md")
                        .with_help(format!(
                            "create `examples/{}.md` with challenging prompts for this clause",
                            c.id
                        )),
                );
            }
        }
    }
    for t in &pkg.test_files {
        let Some(id) = clause_of(t) else { continue };
        let first_line = first_line_span(ws, t.file);
        match clauses.get(id) {
            None => {
                let mut diag = Diagnostic::new(
                    Code::OrphanTestFile,
                    format!("test file for clause `{id}`, which no spec document marks"),
                )
                .at(t.file, first_line)
                .with_label(format!("no `[^{id}]` in the spec"));
                if let Some(best) = closest(id, clauses.keys().copied().filter(|k| !tested.contains(k))) {
                    diag = diag.with_help(format!(
                        "if this file belongs to untested clause `{best}`, rename it to `{best}.md`"
                    ));
                } else {
                    diag = diag.with_help(format!("restore the clause marker `[^{id}]`, or delete the file"));
                }
                diags.push(diag);
            }
            Some(&(_, _, section, doc)) => {
                if let Some(h) = &t.header {
                    if h.clause != id {
                        diags.push(
                            Diagnostic::new(
                                Code::StaleTestHeader,
                                format!("header names clause `{}` in the test file of `{id}`", h.clause),
                            )
                            .at(t.file, h.clause_span)
                            .with_label("another clause")
                            .with_suggestion(format!("[^{id}]")),
                        );
                    }
                    if let Some(s) = section.map(|i| &doc.sections[i])
                        && normalize_title(&h.section_title) != normalize_title(&s.title)
                    {
                        diags.push(
                            Diagnostic::new(
                                Code::StaleTestHeader,
                                format!(
                                    "header names section \"{}\", but clause `{id}` is in \"{}\"",
                                    h.section_title, s.title
                                ),
                            )
                            .at(t.file, h.title_span)
                            .with_label("stale section title")
                            .with_secondary(doc.file, s.span, "the clause's section")
                            .with_suggestion(s.title.clone()),
                        );
                    }
                }
            }
        }
        if t.example_count() == 0 {
            diags.push(
                Diagnostic::new(Code::EmptyTestFile, format!("test file of `{id}` holds no test prompt"))
                    .at(t.file, first_line)
                    .with_help("add an `**Example**:` with an `xml` conversation block"),
            );
        }
    }
    let _ = index;
}

fn clause_of(d: &Document) -> Option<&str> {
    match &d.kind {
        specc_syntax::DocumentKind::TestFile { clause } => Some(clause.as_str()),
        _ => None,
    }
}

fn first_line_span(ws: &Workspace, file: FileId) -> Span {
    let text = &ws.sources.file(file).text;
    let end = text.find('\n').unwrap_or(text.len());
    Span::new(0, text[..end].trim_end().len())
}

fn normalize_title(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The most similar candidate, if it is similar enough to be a likely typo.
pub fn closest<'a>(target: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(target, c), c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let ids = ["protect_privacy", "chain_of_command", "be_kind"];
        assert_eq!(closest("protect_privcy", ids.iter().copied()), Some("protect_privacy"));
        assert_eq!(closest("zzz", ids.iter().copied()), None);
    }
}
