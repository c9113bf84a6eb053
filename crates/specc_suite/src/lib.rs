//! The spec as a test suite, the pure part (no IO, no network, no database):
//! test cases built from the IR exactly as #examples defines them, the chat
//! messages a provider receives, the selection of cases and sections, what the
//! grader is told about a case, and the results model (verdicts, their counts
//! with the pass rate and Wilson interval, a panel of graders' majority and
//! agreement, and the rows of a run).
//! `specc_eval` runs it; `specc_build` compiles it into eval sets and reports.

pub mod cases;
pub mod grading;
pub mod messages;
pub mod panel;
pub mod precedent;
pub mod results;
pub mod selection;
pub mod shard;
pub mod verdict;

pub use cases::{Reference, TestCase, cases_by_id, cases_of, count_cases, for_each_case, precedent_cases};
pub use grading::{GradingInputs, RuledAnswer, grading_inputs, labelled_cases};
pub use messages::{ChatMessage, ChatRole, to_messages};
pub use selection::{Scope, Selection, SelectionError, SelectionRequest};
pub use shard::{Shard, ShardError};
pub use verdict::{PassRate, Verdict, VerdictCounts, wilson};
