//! A test file's header (`Examples for [^id] in Title:`) names its clause
//! and that clause's section as they are now.

use specc_diagnostics::{Code, Diagnostic};
use specc_syntax::Document;

/// The header of test file `t`, of clause `id` in section `section` of
/// `doc`, names that clause and the section's current title.
pub(crate) fn stale_test_header(
    t: &Document,
    id: &str,
    section: Option<usize>,
    doc: &Document,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(h) = &t.header else { return };
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
        && specc_syntax::text::normalize_title(&h.section_title) != specc_syntax::text::normalize_title(&s.title)
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
