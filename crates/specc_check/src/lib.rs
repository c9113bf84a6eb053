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
use specc_syntax::{Document, Judgement};
use std::collections::{HashMap, HashSet};

mod authority;
mod coverage;
mod headers;
mod ids;
mod references;

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
    /// The normative statements the conflict checker read (none for
    /// [`check_structure`]), for what the caller says of the rules it could
    /// not compare.
    pub statements: Vec<specc_conflicts::Statement>,
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
    let (conflicts, statements) = specc_conflicts::check_with_statements(ws);
    diags.extend(conflicts);
    let mut result = finish(ws, diags);
    result.statements = statements;
    result
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
        statements: Vec::new(),
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

pub(crate) fn all_docs(pkg: &Package) -> impl Iterator<Item = &Document> {
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
pub(crate) struct SectionRef<'a> {
    pub(crate) title: &'a str,
}

pub(crate) fn section_index(pkg: &Package) -> HashMap<&str, SectionRef<'_>> {
    let mut m = HashMap::new();
    for d in &pkg.documents {
        for s in &d.sections {
            m.entry(s.id.as_str()).or_insert(SectionRef { title: &s.title });
        }
    }
    m
}

/// The structural checks of one package, in a fixed order (`finish` sorts
/// the diagnostics by place afterwards; the order breaks ties).
fn check_package(ws: &Workspace, index: usize, pkg: &Package, diags: &mut Vec<Diagnostic>) {
    let sections = section_index(pkg);
    let levels = pkg.config.authority_levels();

    let mut first_section = HashMap::new();
    for d in &pkg.documents {
        for s in &d.sections {
            ids::unique_section_id(d, s, &mut first_section, diags);
            authority::known_authority(d, s, &levels, diags);
        }
    }
    let clauses = ids::unique_clause_ids(pkg, diags);

    let suggest = specc_diagnostics::Suggester::new(sections.keys().copied());
    for d in all_docs(pkg) {
        for r in &d.references {
            references::reference_resolves(ws, pkg, &sections, &suggest, d, r, diags);
        }
        references::answer_sections_exist(d, &sections, &suggest, diags);
    }
    references::overrides_resolve(ws, pkg, diags);

    let tested: HashSet<&str> = pkg.test_files.iter().filter_map(|t| clause_of(t)).collect();
    coverage::untested_clauses(pkg, &clauses, &tested, diags);
    for t in &pkg.test_files {
        let Some(id) = clause_of(t) else { continue };
        let first_line = first_line_span(ws, t.file);
        match clauses.get(id) {
            None => coverage::orphan_test_file(t, id, first_line, &clauses, &tested, diags),
            Some(&(_, _, section, doc)) => headers::stale_test_header(t, id, section, doc, diags),
        }
        coverage::empty_test_file(t, id, first_line, diags);
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

pub use specc_diagnostics::closest;
