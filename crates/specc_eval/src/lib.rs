//! The spec as an executable test suite, the part that needs no network: test
//! cases built from the IR exactly as #examples defines them, the messages a
//! provider receives, deterministic assertions (#expectations), the grader
//! prompt with the answer fenced as data, and fail-closed verdict parsing.
//! Providers, the runner and the results store build on these.

pub mod assertions;
pub mod calibrate;
pub mod cases;
pub mod compare;
pub mod grader;
pub mod history;
pub mod messages;
pub mod provider;
pub mod providers_more;
pub mod runner;
pub mod stats;
pub mod store;

pub use assertions::{AssertionFailure, check_assertions};
pub use cases::{Reference, Scope, TestCase, cases_of, count_cases, for_each_case};
pub use grader::{GradeError, GraderPrompt, Verdict, VerdictKind, grader_prompt, parse_verdict};
pub use messages::{ChatMessage, ChatRole, to_messages};
/// Re-exported so the binary builds clients with the same version.
pub use reqwest;
