//! The whole `check` + `lint` pipeline on arbitrary projects: the input is
//! split at NUL bytes into a spec document, a test file, a precedents file
//! and a `specc.toml` (validated on its own); the workspace is loaded from
//! the three documents,
//! checked (conflicts included), linted with every rule, and every
//! diagnostic rendered as people and machines read it. Nothing may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use specc_diagnostics::{FileId, HumanRenderer, json_object};
use specc_lint::LintOptions;
use specc_project::Workspace;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(4, '\0');
    let spec = parts.next().unwrap_or_default();
    let tests = parts.next().unwrap_or_default();
    let precedents = parts.next().unwrap_or_default();
    let config = parts.next();
    if let Some(c) = config {
        let _ = specc_project::parse_config(FileId(0), c);
    }
    let files = [
        ("spec.md", spec),
        ("examples/ab12.md", tests),
        ("precedents/ab12.md", precedents),
    ];
    let ws = Workspace::from_texts(Path::new("."), &files);
    let checked = specc_check::check(&ws);
    let opts = match ws.packages.first() {
        Some(p) => LintOptions::from_config(&p.config.lint),
        None => return,
    };
    let linted = specc_lint::lint(&ws, &opts);
    let human = HumanRenderer::new(false);
    for d in checked.diagnostics.iter().chain(&linted.diagnostics) {
        let _ = human.render(d, &ws.sources);
        let _ = json_object(d, &ws.sources, "specc.check/1");
    }
    // `--fix` on the spec document: its fixes apply to its (normalised) text.
    let first = FileId(0);
    let mine: Vec<_> = linted.diagnostics.iter().filter(|d| d.file == Some(first)).collect();
    let _ = specc_lint::fix::apply_safe(&ws.sources.file(first).text, &mine);
});
