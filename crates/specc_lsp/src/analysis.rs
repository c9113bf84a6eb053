//! One analysis of the workspace as the editor sees it (the files on disk
//! under the unsaved buffers): `specc check` and `specc lint` diagnostics,
//! and the lookups the editor's requests need.

use crate::text::LineMap;
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url};
use specc_diagnostics::{Diagnostic, FileId, Severity, Span};
use specc_project::{Disk, Overlay, Workspace};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct Analysis {
    pub root: PathBuf,
    pub ws: Workspace,
    /// `specc check` and `specc lint` together, as the two commands report them.
    pub diagnostics: Vec<Diagnostic>,
}

/// The diagnostics of `specc check` followed by those of `specc lint` that
/// check does not already report (lint repeats check's structural errors).
pub fn check_and_lint(ws: &Workspace) -> Vec<Diagnostic> {
    let mut all = specc_check::check(ws).diagnostics;
    if let Some(pkg) = ws.packages.first() {
        let opts = specc_lint::LintOptions::from_config(&pkg.config.lint);
        for d in specc_lint::lint(ws, &opts).diagnostics {
            if !all.contains(&d) {
                all.push(d);
            }
        }
    }
    all
}

impl Analysis {
    pub fn new(root: &Path, overlay: &Overlay<Disk>) -> Analysis {
        Analysis::with_cache(root, overlay, None)
    }

    /// An analysis that parses only the files whose text changed since the
    /// parses in `cache` (after an edit: the edited document).
    pub fn with_cache(
        root: &Path,
        overlay: &Overlay<Disk>,
        cache: Option<std::sync::Arc<specc_project::ParseCache>>,
    ) -> Analysis {
        let ws = Workspace::load_cached(overlay, root, false, cache);
        let diagnostics = check_and_lint(&ws);
        Analysis {
            root: root.to_path_buf(),
            ws,
            diagnostics,
        }
    }

    /// The absolute path of a loaded file.
    pub fn path_of(&self, file: FileId) -> PathBuf {
        let p = PathBuf::from(&self.ws.sources.file(file).path);
        if p.is_absolute() { p } else { self.root.join(p) }
    }

    pub fn url_of(&self, file: FileId) -> Option<Url> {
        Url::from_file_path(self.path_of(file)).ok()
    }

    /// The loaded file at a path.
    pub fn file_at(&self, path: &Path) -> Option<FileId> {
        (0..self.ws.sources.len())
            .map(|i| FileId(i as u32))
            .find(|f| self.path_of(*f) == path)
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.ws.sources.file(file).text
    }

    pub fn location(&self, file: FileId, span: Span) -> Option<Location> {
        let map = LineMap::new(self.text(file));
        Some(Location::new(self.url_of(file)?, map.range(span.start, span.end)))
    }

    /// Every file's diagnostics for the protocol, every loaded file present
    /// (an empty list clears what the editor showed).
    pub fn by_file(&self) -> BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> {
        let mut out: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        for i in 0..self.ws.sources.len() {
            out.entry(self.path_of(FileId(i as u32))).or_default();
        }
        let maps: Vec<LineMap<'_>> = (0..self.ws.sources.len())
            .map(|i| LineMap::new(self.text(FileId(i as u32))))
            .collect();
        for d in &self.diagnostics {
            // A finding about the project as a whole sits at the top of specc.toml.
            let Some(file) = d.file.or_else(|| self.ws.packages.first().and_then(|p| p.config_file)) else {
                continue;
            };
            let map = &maps[file.0 as usize];
            let mut message = d.message.clone();
            if let Some(l) = &d.label {
                message.push_str(&format!(" ({l})"));
            }
            for h in &d.help {
                message.push_str(&format!("\nhelp: {h}"));
            }
            for n in &d.notes {
                message.push_str(&format!("\nnote: {n}"));
            }
            message.push_str(&format!("\n`specc explain {}` says more", d.code.as_str()));
            let related: Vec<DiagnosticRelatedInformation> = d
                .labels
                .iter()
                .filter_map(|l| {
                    Some(DiagnosticRelatedInformation {
                        location: Location::new(
                            self.url_of(l.file)?,
                            maps[l.file.0 as usize].range(l.span.start, l.span.end),
                        ),
                        message: l.message.clone(),
                    })
                })
                .collect();
            out.entry(self.path_of(file)).or_default().push(lsp_types::Diagnostic {
                range: map.range(d.span.start, d.span.end),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    _ => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(d.code.as_str().to_string())),
                code_description: None,
                source: Some("specc".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                tags: None,
                data: None,
            });
        }
        out
    }
}
