//! The spec as an executable test suite, the part that talks to models and
//! keeps results: providers, the runner (answers, deterministic assertions,
//! grades, caches, budget), calibration of the grader, the results database
//! and its one reader, comparisons between runs, and `specc test` as a
//! library (`pipeline`). The pure parts (cases, messages, selection, grading
//! inputs, verdicts) are `specc_suite`'s, re-exported here.

pub mod assertions;
pub mod calibrate;
pub mod compare;
#[cfg(test)]
mod fake_tests;
pub mod grader;
pub mod pipeline;
pub mod providers;
pub mod runner;
pub mod stats;
pub mod store;

pub use assertions::{AssertionFailure, check_assertions};
pub use grader::{Grade, GradeError, GraderPrompt, grader_prompt, parse_verdict};
pub use specc_suite::{
    ChatMessage, ChatRole, GradingInputs, Reference, Scope, Selection, SelectionError, SelectionRequest, Shard,
    TestCase, Verdict, VerdictCounts, cases, cases_by_id, cases_of, count_cases, for_each_case, grading_inputs,
    labelled_cases, messages, panel, precedent_cases, to_messages,
};
