//! Section and clause IDs are unique: results, reports and references name
//! sections and clauses by ID, so two things with one ID would be confused.

use specc_diagnostics::{Code, Diagnostic, FileId, Span};
use specc_project::Package;
use specc_syntax::{Document, Section};
use std::collections::HashMap;

/// The first marker of each clause ID: file, marker, section index, document.
pub(crate) type ClauseIndex<'p> = HashMap<&'p str, (FileId, Span, Option<usize>, &'p Document)>;

/// The first definition of each section ID seen so far: file and heading.
pub(crate) type FirstSections<'p> = HashMap<&'p str, (FileId, Span)>;

/// Section IDs are unique across the package: `s` of document `d` against
/// the sections before it.
pub(crate) fn unique_section_id<'p>(
    d: &Document,
    s: &'p Section,
    first_section: &mut FirstSections<'p>,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(&(f, sp)) = first_section.get(s.id.as_str()) {
        diags.push(
            Diagnostic::new(
                Code::DuplicateSectionId,
                format!("section ID `{}` is defined twice", s.id),
            )
            .at(d.file, s.span)
            .with_label("second definition")
            .with_secondary(f, sp, "first defined here")
            .with_help("give one of the sections another ID; references, results and reports name sections by ID"),
        );
    } else {
        first_section.insert(&s.id, (d.file, s.span));
    }
}

/// Clause IDs are unique across the spec documents. Returns the first marker
/// of each, which coverage reads.
pub(crate) fn unique_clause_ids<'p>(pkg: &'p Package, diags: &mut Vec<Diagnostic>) -> ClauseIndex<'p> {
    let mut clauses: ClauseIndex<'p> = HashMap::new();
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
    clauses
}
