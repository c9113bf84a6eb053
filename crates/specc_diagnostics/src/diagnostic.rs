use crate::codes::Code;
pub use crate::severity::Severity;
use crate::source::{FileId, Span};
use serde::Serialize;

/// A secondary location with a short explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

/// How safe it is to apply a [`Fix`] without a human looking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Mechanical and meaning-preserving: `--fix` applies it.
    Safe,
    /// Probably right, but could change meaning: shown, never applied.
    Unsafe,
    /// A suggestion to show only.
    DisplayOnly,
}

/// One replacement of a byte range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A rewrite that resolves a diagnostic, in the diagnostic's file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, e.g. "remove the doubled word".
    pub message: String,
    pub edits: Vec<Edit>,
}

/// One finding: data only, rendering lives in [`crate::HumanRenderer`] and [`crate::json_object`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// What is wrong, without a trailing period.
    pub message: String,
    /// Where; `None` for findings about a project as a whole.
    pub file: Option<FileId>,
    pub span: Span,
    /// Text under the caret.
    pub label: Option<String>,
    pub labels: Vec<Label>,
    /// What to do about it.
    pub help: Vec<String>,
    pub notes: Vec<String>,
    /// A replacement the user probably meant (did-you-mean), for the primary span.
    pub suggestion: Option<String>,
    /// A rewrite that resolves it, when one is mechanical.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.info().severity,
            message: message.into(),
            file: None,
            span: Span::default(),
            label: None,
            labels: Vec::new(),
            help: Vec::new(),
            notes: Vec::new(),
            suggestion: None,
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn at(mut self, file: FileId, span: Span) -> Self {
        self.file = Some(file);
        self.span = span;
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Moves every span by `base` and retargets to `file`, for diagnostics produced
    /// on a slice of a larger text.
    pub fn shifted(mut self, base: usize) -> Self {
        self.span = self.span.offset(base);
        for l in &mut self.labels {
            l.span = l.span.offset(base);
        }
        self
    }
}
