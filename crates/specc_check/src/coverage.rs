//! Coverage: every clause has a test file, every test file a clause, and
//! every test file at least one prompt.

use crate::closest;
use crate::ids::ClauseIndex;
use specc_diagnostics::{Code, Diagnostic, Span};
use specc_project::Package;
use specc_syntax::Document;
use std::collections::HashSet;

/// Every clause has a test file (reported once, at its first marker).
pub(crate) fn untested_clauses(
    pkg: &Package,
    clauses: &ClauseIndex<'_>,
    tested: &HashSet<&str>,
    diags: &mut Vec<Diagnostic>,
) {
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
}

/// Test file `t`, of clause `id`, whose clause no spec document marks; it may
/// be an untested clause's file under a mistyped name.
pub(crate) fn orphan_test_file(
    t: &Document,
    id: &str,
    first_line: Span,
    clauses: &ClauseIndex<'_>,
    tested: &HashSet<&str>,
    diags: &mut Vec<Diagnostic>,
) {
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
        diag = diag.with_help(format!(
            "add `[^{id}]` after the clause's sentence in the spec (or restore it, if it was removed), or delete the file"
        ));
    }
    diags.push(diag);
}

/// Test file `t`, of clause `id`, holds at least one prompt.
pub(crate) fn empty_test_file(t: &Document, id: &str, first_line: Span, diags: &mut Vec<Diagnostic>) {
    if t.example_count() == 0 {
        diags.push(
            Diagnostic::new(Code::EmptyTestFile, format!("test file of `{id}` holds no test prompt"))
                .at(t.file, first_line)
                .with_help("add an `**Example**:` with an `xml` conversation block"),
        );
    }
}
