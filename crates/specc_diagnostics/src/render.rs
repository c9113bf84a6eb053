use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceMap, Span, floor_char_boundary};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet, renderer::DecorStyle};
use serde_json::{Value, json};

/// A span shown in a snippet: where, its label, and whether it is the primary one.
type Shown<'a> = (Span, Option<&'a str>, bool);

/// Spans at most this many lines apart share a snippet (folded between).
const NEAR: usize = 10;
/// A source line longer than this is shown as a window around its spans.
const LONG_LINE: usize = 2000;
/// Bytes shown either side of the spans on such a line.
const WINDOW: usize = 160;

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

        let mut long_line_note = None;
        if let Some(file) = diag.file.and_then(|f| sources.get(f).map(|s| (f, s))) {
            let (file_id, source) = file;
            // The spans shown in this file, primary first.
            let mut spans: Vec<Shown<'_>> = vec![(diag.span, diag.label.as_deref(), true)];
            for l in diag.labels.iter().filter(|l| l.file == file_id) {
                spans.push((l.span, Some(l.message.as_str()), false));
            }
            let text = source.text.as_str();
            let clamp = |s: Span| {
                let start = floor_char_boundary(text, s.start.min(text.len()));
                let end = floor_char_boundary(text, s.end.min(text.len())).max(start);
                Span::new(start, end)
            };
            // Spans up to NEAR lines apart share a snippet; distant ones get their
            // own, so the work is the lines shown, not the lines between.
            let lines = source.lines();
            let mut clusters: Vec<(usize, usize, Vec<Shown<'_>>)> = Vec::new();
            for (span, label, primary) in spans {
                let s = clamp(span);
                let first = lines.line(s.start);
                let last = lines.line(s.end.saturating_sub(1).max(s.start));
                match clusters.iter_mut().find(|c| first <= c.1 + NEAR && last + NEAR >= c.0) {
                    Some(c) => {
                        c.0 = c.0.min(first);
                        c.1 = c.1.max(last);
                        c.2.push((s, label, primary));
                    }
                    None => clusters.push((first, last, vec![(s, label, primary)])),
                }
            }
            for (first_line, last_line, spans) in clusters {
                let mut slice_start = lines.line_start(first_line);
                let mut slice_end = if last_line < lines.line_count() {
                    lines.line_start(last_line + 1)
                } else {
                    text.len()
                };
                // One very long line (a paragraph of a megabyte): a window of
                // it around the spans, and where it is said in a note.
                let mut path = Some(source.path.as_str());
                if first_line == last_line && slice_end - slice_start > LONG_LINE {
                    let lo = spans.iter().map(|s| s.0.start).min().unwrap_or(slice_start);
                    let hi = spans.iter().map(|s| s.0.end).max().unwrap_or(lo);
                    let from = floor_char_boundary(text, lo.saturating_sub(WINDOW).max(slice_start));
                    let to = floor_char_boundary(text, (hi + WINDOW).min(slice_end)).max(hi.min(slice_end));
                    if spans.iter().any(|s| s.2) {
                        let (line, col) = lines.line_col(text, diag.span.start.min(text.len()));
                        long_line_note = Some(format!(
                            "at {}:{line}:{col}; the line is {} bytes long, so only bytes {}..{} of it are shown",
                            source.path,
                            text[slice_start..slice_end].trim_end_matches(['\n', '\r']).len(),
                            from - slice_start,
                            to - slice_start
                        ));
                    }
                    (slice_start, slice_end, path) = (from, to, None);
                }
                let slice = text[slice_start..slice_end].trim_end_matches(['\n', '\r']);
                let mut snippet = Snippet::source(slice).line_start(first_line).fold(true);
                if let Some(path) = path {
                    snippet = snippet.path(path);
                }
                for (s, label, primary) in spans {
                    let range = (s.start.saturating_sub(slice_start)).min(slice.len())
                        ..(s.end.saturating_sub(slice_start)).min(slice.len());
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
            }
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
        for n in diag.notes.iter().chain(long_line_note.as_ref()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Code, SourceMap};

    #[test]
    fn a_label_far_away_gets_its_own_snippet_not_every_line_between() {
        let mut sources = SourceMap::new();
        let mut text = String::from("# A {#a}\n");
        for i in 0..20_000 {
            text.push_str(&format!("line {i}\n"));
        }
        let far = text.len();
        text.push_str("# A again {#a}\n");
        let f = sources.add("spec.md", text);
        let d = Diagnostic::new(Code::DuplicateSectionId, "duplicate section ID `a`")
            .at(f, Span::new(far, far + 9))
            .with_secondary(f, Span::new(0, 8), "first defined here");
        let out = HumanRenderer::new(false).render(&d, &sources);
        assert!(out.contains("--> spec.md:20002:1"), "{out}");
        assert!(out.contains("::: spec.md:1:1"), "{out}");
        assert!(out.len() < 1000, "{} bytes:\n{out}", out.len());
    }

    #[test]
    fn a_span_on_a_very_long_line_shows_a_window_and_says_where() {
        let mut sources = SourceMap::new();
        let line = "word ".repeat(200_000);
        let at = line.len() / 2;
        let f = sources.add("spec.md", format!("# A\n\n{line}\n"));
        let d = Diagnostic::new(Code::DanglingReference, "something").at(f, Span::new(5 + at, 5 + at + 4));
        let out = HumanRenderer::new(false).render(&d, &sources);
        assert!(out.len() < 2000, "{} bytes", out.len());
        assert!(out.contains(&format!("at spec.md:3:{}", at + 1)), "{out}");
        assert!(out.contains("the line is 1000000 bytes long"), "{out}");
    }
}
