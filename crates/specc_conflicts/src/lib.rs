//! A type checker for intent (#conflicts). [`statements`] extracts the normative
//! statements of a workspace (modality, actor, lemmatised action, conditions,
//! authority, scope); [`conflicts`] pairs statements that contradict each other
//! and classifies each pair by the chain of command, effective authority across
//! modules and `overrides=`; [`diagnostics`] turns the pairs into findings.
//! [`deep`] prepares model-assisted detection for `specc check --deep`.
//!
//! Like `specc_check`, this crate reads the IR only: no IO, no printing.

pub mod conflict;
pub mod deep;
pub mod kinds;
pub mod lemma;
pub mod lexicon;
pub mod quantity;
pub mod statement;

pub use conflict::{
    Conflict, ConflictKind, Levels, NearMiss, Separation, conflicts, contradicts, diagnostics, near_misses,
};
pub use statement::{Action, Actor, Condition, Modality, Statement, statements};

use serde::Serialize;
use specc_diagnostics::Diagnostic;
use specc_project::Workspace;

/// The JSON schema name of `specc check --statements --format json`.
pub const STATEMENTS_SCHEMA: &str = "specc.statements/1";

/// Statements and the conflicts between them.
#[derive(Debug, Serialize)]
pub struct Analysis {
    pub statements: Vec<Statement>,
    pub conflicts: Vec<Conflict>,
}

/// Extracts the statements of every package and finds the conflicts that
/// involve the project itself.
pub fn analyze(ws: &Workspace) -> Analysis {
    let statements = statements(ws);
    let conflicts = conflicts(ws, &statements);
    Analysis { statements, conflicts }
}

/// The conflict diagnostics of a workspace; `specc_check::check` includes them.
pub fn check(ws: &Workspace) -> Vec<Diagnostic> {
    check_with_statements(ws).0
}

/// [`check`], with the statements it read: what `specc check` says of the
/// rules it could not compare is read from them, not from a second reading.
pub fn check_with_statements(ws: &Workspace) -> (Vec<Diagnostic>, Vec<Statement>) {
    // The whole check on one of the pool's threads: its forks and joins
    // are then the pool's own, and the calling thread sleeps and wakes once
    // rather than at each of them.
    rayon::scope(|_| {
        let a = analyze(ws);
        let d = diagnostics(ws, &a.statements, &a.conflicts);
        (d, a.statements)
    })
}
