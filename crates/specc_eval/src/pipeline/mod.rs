//! `specc test` as a library: settings and endpoints from `specc.toml`
//! (`settings.rs`), the plan of cases to send (`plan.rs`: selection,
//! `--with-spec`, `--changed-since`, grading inputs once per clause, and the
//! run with its cases fed from their own thread; with `--batch` in rounds,
//! `batch.rs` submitting and collecting between them), and the summary of a
//! finished run with its JUnit form (`summary.rs`). The binary holds flags,
//! printing and exit codes only.

mod batch;
mod plan;
mod settings;
mod summary;

pub use batch::BatchRunError;
pub use plan::{ChangeReport, Plan};
pub use settings::{
    DEFAULT_CONCURRENCY, DEFAULT_PASS_THRESHOLD, DEFAULT_RETRIES, DEFAULT_TIMEOUT, EndpointError, TestSettings,
    endpoint, graders, graders_identity, pass_threshold, retries, retry_policy,
};
pub use summary::{AllowErrors, JunitError, Summary, write_junit};
