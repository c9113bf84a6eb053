use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceMap, Span, floor_char_boundary};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet, renderer::DecorStyle};
use serde_json::{Value, json};

/// Renders diagnostics the way rustc does: code, message, `file:line:col`, the
/// source lines with carets and labels, then help and notes.
pub struct HumanRenderer {
    renderer: Renderer,
}

impl HumanRenderer {
    pub fn new(color: bool) -> Self {
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        HumanRenderer {
            renderer: renderer.decor_style(DecorStyle::Ascii),
        }
    }

    pub fn render(&self, diag: &Diagnostic, sources: &SourceMap) -> String {
        let level = level_of(diag.severity);
        let code = diag.code.as_str();
        let title = level.primary_title(diag.message.as_str()).id(code);
        let mut elements: Vec<annotate_snippets::Element<'_>> = Vec::new();

        if let Some(file) = diag.file.and_then(|f| sources.get(f).map(|s| (f, s))) {
            let (file_id, source) = file;
            // Collect the spans shown in this file, so the snippet covers their lines only.
            let mut spans: Vec<(Span, Option<&str>, bool)> = vec![(diag.span, diag.label.as_deref(), true)];
            for l in diag.labels.iter().filter(|l| l.file == file_id) {
                spans.push((l.span, Some(l.message.as_str()), false));
            }
            let text = source.text.as_str();
            let clamp = |s: Span| {
                let start = floor_char_boundary(text, s.start.min(text.len()));
                let end = floor_char_boundary(text, s.end.min(text.len())).max(start);
                Span::new(start, end)
            };
            let first = spans.iter().map(|s| clamp(s.0).start).min().unwrap_or(0);
            let last = spans.iter().map(|s| clamp(s.0).end).max().unwrap_or(0);
            let first_line = source.lines().line(first);
            let slice_start = source.lines().line_start(first_line);
            let last_line = source.lines().line(last.saturating_sub(1).max(first));
            let slice_end = if last_line < source.lines().line_count() {
                source.lines().line_start(last_line + 1)
            } else {
                text.len()
            };
            let slice = text[slice_start..slice_end].trim_end_matches(['\n', '\r']);
            let mut snippet = Snippet::source(slice)
                .line_start(first_line)
                .path(source.path.as_str())
                .fold(true);
            for (span, label, primary) in spans {
                let s = clamp(span);
                let range = (s.start - slice_start).min(slice.len())..(s.end - slice_start).min(slice.len());
                let kind = if primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                let mut ann = kind.span(range);
                if let Some(label) = label {
                    ann = ann.label(label);
                }
                snippet = snippet.annotation(ann);
            }
            elements.push(snippet.into());
            // Secondary labels in other files get their own snippets.
            for l in diag.labels.iter().filter(|l| l.file != file_id) {
                if let Some(other) = sources.get(l.file) {
                    let (line, _) = other.lines().line_col(&other.text, l.span.start);
                    let start = other.lines().line_start(line);
                    let end = if line < other.lines().line_count() {
                        other.lines().line_start(line + 1)
                    } else {
                        other.text.len()
                    };
                    let slice = other.text[start..end].trim_end_matches(['\n', '\r']);
                    let s = clamp_in(&other.text, l.span);
                    let range = (s.start.saturating_sub(start)).min(slice.len())
                        ..(s.end.saturating_sub(start)).min(slice.len());
                    elements.push(
                        Snippet::source(slice)
                            .line_start(line)
                            .path(other.path.as_str())
                            .annotation(AnnotationKind::Context.span(range).label(l.message.as_str()))
                            .into(),
                    );
                }
            }
        }
        let suggestion;
        if let Some(s) = &diag.suggestion {
            suggestion = format!("did you mean `{s}`?");
            elements.push(Level::HELP.message(suggestion.as_str()).into());
        }
        for h in &diag.help {
            elements.push(Level::HELP.message(h.as_str()).into());
        }
        let fix_line;
        if let Some(fix) = &diag.fix {
            let how = match fix.applicability {
                crate::Applicability::Safe => "fix (safe, `--fix` applies it)",
                crate::Applicability::Unsafe => "fix (may change meaning; not applied by `--fix`)",
                crate::Applicability::DisplayOnly => "suggestion",
            };
            fix_line = format!("{how}: {}", fix.message);
            elements.push(Level::HELP.message(fix_line.as_str()).into());
        }
        for n in &diag.notes {
            elements.push(Level::NOTE.message(n.as_str()).into());
        }
        let group = if elements.is_empty() {
            Group::with_title(title)
        } else {
            title.elements(elements)
        };
        self.renderer.render(&[group])
    }
}

fn clamp_in(text: &str, s: Span) -> Span {
    let start = floor_char_boundary(text, s.start.min(text.len()));
    let end = floor_char_boundary(text, s.end.min(text.len())).max(start);
    Span::new(start, end)
}

fn level_of(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// The JSON object of one diagnostic, as `specc check --format json` prints it
/// (schema `specc.check/1`, documented in `docs/json-output.md`).
pub fn json_object(diag: &Diagnostic, sources: &SourceMap, schema: &str) -> Value {
    let location = |file: crate::FileId, span: Span| -> Value {
        match sources.get(file) {
            Some(src) => {
                let (line, column) = src.lines().line_col(&src.text, span.start);
                let (end_line, end_column) = src.lines().line_col(&src.text, span.end);
                json!({
                    "file": src.path,
                    "line": line,
                    "column": column,
                    "end_line": end_line,
                    "end_column": end_column,
                    "byte_start": span.start,
                    "byte_end": span.end,
                })
            }
            None => Value::Null,
        }
    };
    let primary = diag.file.map(|f| location(f, diag.span)).unwrap_or(Value::Null);
    let labels: Vec<Value> = diag
        .labels
        .iter()
        .map(|l| json!({ "location": location(l.file, l.span), "message": l.message }))
        .collect();
    json!({
        "schema": schema,
        "type": "diagnostic",
        "code": diag.code.as_str(),
        "name": diag.code.info().name,
        "severity": diag.severity.as_str(),
        "message": diag.message,
        "location": primary,
        "label": diag.label,
        "labels": labels,
        "help": diag.help,
        "notes": diag.notes,
        "suggestion": diag.suggestion,
        "fix": diag.fix.as_ref().map(|f| json!({
            "applicability": f.applicability,
            "message": f.message,
            "edits": f.edits.iter().map(|e| json!({ "location": location(diag.file.unwrap_or_default(), e.span), "replacement": e.replacement })).collect::<Vec<_>>(),
        })),
    })
}
