//! The thought clarifier (#clarify): questions about what a spec means, asked
//! only where specc has evidence, each citing it, ranked by impact times
//! uncertainty, with candidate readings whose answers change something a
//! later run can measure (an amended clause, a definition, a precedent, a
//! test prompt), and a log of every decision in `clarifications.md`.
//!
//! [`questions`] gathers and ranks; [`plan`] turns an answer into edits of
//! files; [`log_entry`] writes the decision. Reading the terminal, calling
//! models and writing files are the command's.

mod evidence;
mod log;
mod plan;

pub use evidence::{CalibrationMiss, Inputs, RunData, questions, sentence_end};
pub use log::{LOG_FILE, answered, log_entry};
pub use plan::{FileEdit, Folders, plan};

use serde::Serialize;
use specc_diagnostics::Span;
use std::path::PathBuf;

/// The JSON schema name of `specc clarify --format json`.
pub const SCHEMA: &str = "specc.clarify/1";

/// What kind of evidence a question stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Two statements at one level demand opposite things (C301).
    Conflict,
    /// A narrower rule reads as an exception the broader one does not state (C306).
    UndeclaredException,
    /// The grader, reading the clause, judged one of the spec's own GOOD
    /// answers as failing, or a BAD one as passing.
    Calibration,
    /// A clause's cases got split or `unclear` verdicts in the latest run.
    RunDisagreement,
    /// Two precedents of a clause rule the same prompt differently.
    ContradictingPrecedents,
    /// A vague, subjective or weak word in a rule (a lint finding).
    Wording,
    /// An emphasised term in a rule that the spec does not define.
    UndefinedTerm,
    /// A clause without a test prompt, or a ranked section with rules that
    /// neither a clause nor an example tests.
    Untested,
    /// A clause that describes the assistant instead of saying what it must
    /// do ("It delights in hard problems"): a grader has to guess what fails it.
    Descriptive,
    /// Test prompts whose clause no rule marks any more: the rule was dropped,
    /// or it moved and its prompts did not follow.
    OrphanTests,
    /// A clause that yields to an instruction ("unless explicitly
    /// instructed", "unless instructed otherwise") none of whose test prompts
    /// gives one: nothing checks that it yields, nor to whom.
    UntestedException,
}

impl Kind {
    /// How far the evidence itself shows that readers read the text
    /// differently. Where blind reviews of the Model Spec's questions
    /// measured a kind, half its measured worth-an-answer rate
    /// (docs/clarify-model-spec.md): vague words 1 of 12, untested rules and
    /// sections 14 of 18, orphaned tests 4 of 4, descriptions 2 of 4,
    /// untested exceptions 2 of 4.
    fn uncertainty(self) -> f64 {
        match self {
            Kind::Conflict => 1.0,
            Kind::Calibration | Kind::ContradictingPrecedents => 0.9,
            Kind::UndeclaredException => 0.8,
            Kind::RunDisagreement => 0.7,
            Kind::UndefinedTerm => 0.5,
            Kind::OrphanTests => 0.5,
            Kind::Untested => 0.4,
            Kind::Descriptive | Kind::UntestedException => 0.25,
            Kind::Wording => 0.04,
        }
    }
}

/// A place the evidence points at.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cite {
    /// The file, as the project names it.
    pub file: String,
    pub line: usize,
    pub what: String,
}

/// What an answer changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// Replace `old` at `span` of `file` with the answer (or `with`, when fixed).
    Amend {
        file: PathBuf,
        #[serde(skip)]
        span: Span,
        old: String,
        with: Option<String>,
    },
    /// Insert text at a byte offset: `before` + the answer (or `with`) + `after`.
    Insert {
        file: PathBuf,
        at: usize,
        before: String,
        with: Option<String>,
        after: String,
    },
    /// Define a term in the definitions section of `file` (the answer is the definition).
    Define { file: PathBuf, term: String },
    /// Record a precedent of a clause: the conversation and a ruling.
    Precedent {
        clause: String,
        /// The precedent's Markdown, ready to append (the rationale is the answer, when given).
        text: String,
    },
    /// A new test prompt for a clause (the answer is the prompt, unless `prompt` is given).
    TestPrompt {
        clause: String,
        section_title: String,
        prompt: Option<String>,
    },
    /// Remove a span (a precedent overruled).
    Remove {
        file: PathBuf,
        #[serde(skip)]
        span: Span,
        what: String,
    },
    /// Put the marker `[^clause]` at the end of the sentence of `file`, inside
    /// `within`, that holds the answer's words (the sentence an orphaned test
    /// file tests).
    Mark {
        file: PathBuf,
        #[serde(skip)]
        within: Span,
        clause: String,
    },
    /// Mark the sentence ending at `at` as a new clause and give it the
    /// answer as its first test prompt.
    MarkAndTest {
        file: PathBuf,
        at: usize,
        clause: String,
        section_title: String,
    },
    /// Delete a test file whose rule is gone.
    Retire { file: PathBuf },
    /// Move a test file's examples to the clause the answer names (one of `known`).
    MoveTests {
        file: PathBuf,
        section_title: String,
        #[serde(skip)]
        known: Vec<String>,
    },
    /// Record the decision only.
    Note,
}

impl Change {
    /// Whether the change needs text from the author.
    pub fn needs_text(&self) -> bool {
        match self {
            Change::Amend { with, .. } | Change::Insert { with, .. } => with.is_none(),
            Change::Define { .. } | Change::Mark { .. } | Change::MarkAndTest { .. } | Change::MoveTests { .. } => true,
            Change::TestPrompt { prompt, .. } => prompt.is_none(),
            Change::Precedent { .. } | Change::Remove { .. } | Change::Retire { .. } | Change::Note => false,
        }
    }
}

/// One candidate reading and what choosing it writes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reading {
    pub text: String,
    /// One line on why it matters.
    pub why: String,
    /// What the author is asked to type when the change needs text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ask: Option<String>,
    pub change: Change,
}

/// A question for the author.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Question {
    /// Stable across runs while the evidence stands: `q-` and 8 hex digits.
    pub id: String,
    pub kind: Kind,
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    pub question: String,
    pub evidence: Vec<Cite>,
    /// Recommended first.
    pub readings: Vec<Reading>,
    pub impact: f64,
    pub uncertainty: f64,
    pub score: f64,
    /// With a model: the readings it proposed and the probes it wrote,
    /// each graded under every reading, kept only where the verdicts part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelRoute>,
}

/// What the model route found for a question.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ModelRoute {
    pub readings: Vec<String>,
    pub probes: Vec<Probe>,
    /// Why the route stopped early, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
}

/// A prompt meant to tell two readings apart, and what grading showed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Probe {
    pub prompt: String,
    /// The target's sampled answer.
    pub answer: Option<String>,
    /// The grader's verdict under each reading, in order (`None`: no readable verdict).
    pub verdicts: Vec<Option<String>>,
    pub kept: bool,
    pub reason: String,
}

impl Question {
    /// Adds the model route's findings as readings an author can choose: a
    /// proposed reading written into the clause, a kept probe as a test prompt.
    pub fn add_model_readings(&mut self, route: ModelRoute, clause_end: Option<(PathBuf, usize)>, section_title: &str) {
        if let (Some(clause), Some((file, at))) = (&self.clause, clause_end) {
            // A kept probe first: grading showed that the readings part on it.
            for p in route.probes.iter().filter(|p| p.kept) {
                self.readings.push(Reading {
                    text: format!(
                        "Add the probe “{}” as a test prompt: the readings part ways on it",
                        p.prompt
                    ),
                    why: p.reason.clone(),
                    ask: None,
                    change: Change::TestPrompt {
                        clause: clause.clone(),
                        section_title: section_title.to_string(),
                        prompt: Some(p.prompt.clone()),
                    },
                });
            }
            for r in &route.readings {
                self.readings.push(Reading {
                    text: format!("The model's reading: “{r}” (write it into [^{clause}])"),
                    why: "a reading the grader is then given in the clause itself".into(),
                    ask: None,
                    change: Change::Insert {
                        file: file.clone(),
                        at,
                        before: " ".into(),
                        with: Some(r.clone()),
                        after: String::new(),
                    },
                });
            }
        }
        self.readings.truncate(5);
        self.model = Some(route);
    }
}

impl Question {
    /// Whether choosing `reading` is meant to make the evidence go away, so that
    /// the question stays open until it has; otherwise the choice is an answer in
    /// itself (a ruling, a note, a probe prompt).
    pub fn closes_evidence(&self, reading: &Reading) -> bool {
        match &reading.change {
            Change::Amend { .. } | Change::Insert { .. } | Change::Define { .. } | Change::Remove { .. } => {
                !matches!(self.kind, Kind::RunDisagreement | Kind::Calibration)
            }
            Change::TestPrompt { .. } => self.kind == Kind::Untested,
            Change::Mark { .. } | Change::MarkAndTest { .. } | Change::Retire { .. } | Change::MoveTests { .. } => true,
            Change::Precedent { .. } | Change::Note => false,
        }
    }
}

/// A stable question ID from what it is about.
pub(crate) fn question_id(parts: &[&str]) -> String {
    let joined = parts.join("\u{0}");
    format!("q-{:08x}", xxhash_rust::xxh3::xxh3_64(joined.as_bytes()) as u32)
}
