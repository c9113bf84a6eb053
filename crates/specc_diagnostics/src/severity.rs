//! How serious a finding is: what the code registry declares and a diagnostic carries.

use serde::Serialize;

/// How serious a finding is. `Error` fails `specc check`; `Warning` fails it only
/// under `--deny warnings`; `Info` is advice and never fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}
