//! What a rule is. Every rule lives in its own file under `rules/`, declared
//! with [`declare_rule!`], whose doc comment is both its rustdoc and the page
//! `specc explain <code>` prints.

use crate::context::{PhraseMatch, ProjectContext, SentenceContext};
use specc_diagnostics::{CodeInfo, Fix, Span};

/// The families of rules; the code's hundreds digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// A1xx: vague quantifiers and degree words.
    Vagueness,
    /// A2xx: subjective or unmeasurable qualities.
    Subjectivity,
    /// A3xx: weak, optional or loophole phrasing inside a rule.
    Weakness,
    /// A4xx: open-ended lists and incompletes.
    OpenEnded,
    /// A5xx: unclear references.
    Reference,
    /// A6xx: unbounded universals and comparatives without a baseline.
    Universals,
    /// A7xx: sentence structure.
    Structure,
    /// A8xx: defined terms.
    Terms,
    /// A9xx: normative keywords.
    Keywords,
    /// Sxxx: spec hygiene.
    Hygiene,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Vagueness => "vagueness",
            Category::Subjectivity => "subjectivity",
            Category::Weakness => "weakness",
            Category::OpenEnded => "open-ended",
            Category::Reference => "reference",
            Category::Universals => "universals",
            Category::Structure => "structure",
            Category::Terms => "terms",
            Category::Keywords => "keywords",
            Category::Hygiene => "hygiene",
        }
    }
}

/// One finding of a rule, before the engine attaches the code and severity.
#[derive(Clone, Debug)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    /// Text under the offending words.
    pub label: Option<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Finding {
            span,
            message: message.into(),
            label: None,
            help: None,
            fix: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// How a rule finds its findings.
pub enum RuleKind {
    /// Phrases matched in one pass of a shared automaton over normalised prose
    /// (lowercase, single spaces, straight apostrophes), on word boundaries.
    /// `check` filters harmless senses and words the finding; `None` drops it.
    Phrase {
        phrases: &'static [&'static str],
        check: fn(&PhraseMatch<'_>) -> Option<Finding>,
    },
    /// Called once per normative sentence.
    Sentence(fn(&SentenceContext<'_>, &mut Vec<Finding>)),
    /// Called once per project, for rules that compare sentences or documents.
    Project(fn(&ProjectContext<'_>, &mut Vec<(specc_diagnostics::FileId, Finding)>)),
}

/// A rule: its code and documentation, family, whether it runs by default, and how it works.
pub struct Rule {
    pub info: CodeInfo,
    pub category: Category,
    /// Precision comes before recall: a rule that is mostly noise on the Model
    /// Spec is off by default and runs only when selected.
    pub default_enabled: bool,
    pub kind: RuleKind,
}

/// Declares a rule. The doc comment must have the headings `## What it does`,
/// `## Why is this bad?`, `## Example` and `## Use instead` (a test checks).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $static:ident = {
            code: $code:literal,
            name: $name:literal,
            category: $category:ident,
            severity: $severity:ident,
            default: $default:literal,
            summary: $summary:literal,
            kind: $kind:expr $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        $vis static $static: $crate::rule::Rule = $crate::rule::Rule {
            info: specc_diagnostics::CodeInfo {
                code: $code,
                name: $name,
                severity: specc_diagnostics::Severity::$severity,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            },
            category: $crate::rule::Category::$category,
            default_enabled: $default,
            kind: $kind,
        };
    };
}
