//! The rows the results database gives back (`specc_eval::store` reads and
//! writes them): plain data, so the report renderer and the site need no
//! database to take them.

use crate::verdict::{Verdict, VerdictCounts};
use serde::Serialize;

/// What a run was, as recorded when it started.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunInfo {
    pub id: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// `running`, `complete`, or why it stopped.
    pub status: String,
    pub spec_name: Option<String>,
    pub spec_version: Option<String>,
    pub spec_hash: String,
    pub git_rev: Option<String>,
    pub target: String,
    pub grader: String,
    /// What a partial run was limited to (`--changed-since REV`, `--clause`,
    /// `--section`, ...); `None` for a run of the whole suite.
    pub scope: Option<String>,
}

/// Verdict counts of one case in one run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseOutcome {
    pub case: String,
    /// The content hash of the case when it ran (an edited case has another).
    pub hash: String,
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    #[serde(flatten)]
    pub counts: VerdictCounts,
}

impl CaseOutcome {
    /// The key results are grouped by: the clause ID, or `§section` for a
    /// section's inline examples (as `specc test` prints them).
    pub fn key(&self) -> String {
        result_key(self.clause.as_deref(), self.section.as_deref())
    }

    /// Passed: some sample passed and none failed.
    pub fn passed(&self) -> bool {
        self.counts.pass > 0 && self.counts.fail == 0
    }

    /// Failed: some sample failed.
    pub fn failed(&self) -> bool {
        self.counts.fail > 0
    }
}

/// The clause ID, or `§section` for a section's inline examples: how every
/// output names the owner of a result.
pub fn result_key(clause: Option<&str>, section: Option<&str>) -> String {
    match clause {
        Some(c) => c.to_string(),
        None => format!("§{}", section.unwrap_or("")),
    }
}

/// A sample that did not pass: failed, unclear, or an error (no answer, or
/// no verdict).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnpassedSample {
    pub case: String,
    pub sample: u32,
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    /// The model's answer: untrusted text.
    pub answer: Option<String>,
    /// `fail` or `unclear`; `None` for an error.
    pub verdict: Option<Verdict>,
    /// The grader's rationale (or the failed assertions): untrusted text.
    pub rationale: String,
    pub error: Option<String>,
}

/// One run's overall verdict counts, for the trend across runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrendPoint {
    pub run: i64,
    pub started_at: String,
    pub status: String,
    #[serde(flatten)]
    pub counts: VerdictCounts,
}

/// Verdict counts of the cases of one clause (or one section's inline
/// examples) under one authority level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupResult {
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    #[serde(flatten)]
    pub counts: VerdictCounts,
}

/// One row of `specc runs`.
#[derive(Clone, Debug, Serialize)]
pub struct RunRow {
    pub id: i64,
    pub started_at: String,
    pub status: String,
    pub spec_name: Option<String>,
    pub spec_version: Option<String>,
    pub git_rev: Option<String>,
    pub target: String,
    pub grader: String,
    pub pass: i64,
    pub fail: i64,
    /// What a partial run was limited to; `None` for a whole run.
    pub scope: Option<String>,
    /// A run `specc merge` made: how many shards it joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_shards: Option<usize>,
}

/// One sample with its answer and grade, for JUnit and rulings.
#[derive(Clone, Debug, Serialize)]
pub struct SampleRow {
    pub case: String,
    /// The content hash of the case when it ran.
    pub hash: String,
    pub sample: u32,
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    pub answer: Option<String>,
    pub verdict: Option<Verdict>,
    pub rationale: Option<String>,
    pub error: Option<String>,
}

/// The grader's latest agreement with the spec's own labels, per owner
/// (`§section`, or `overall`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalibrationRow {
    pub owner: String,
    pub items: i64,
    pub tpr: Option<f64>,
    pub tnr: Option<f64>,
    pub kappa: Option<f64>,
}

impl CalibrationRow {
    /// A grader that passes fewer than 80% of the spec's GOOD answers, or fails
    /// fewer than 80% of its BAD ones, is not to be trusted on that section.
    pub fn unreliable(&self) -> bool {
        self.tpr.is_some_and(|t| t < 0.8) || self.tnr.is_some_and(|t| t < 0.8)
    }
}
