//! The `specc.lock` format: its types, parsing and rendering, with no
//! knowledge of how a workspace is loaded (the loader reads the lock through
//! this module; [`crate::lock`] computes, compares and writes it).

use serde::{Deserialize, Serialize};
use specc_diagnostics::{Code, Diagnostic, FileId, Span};

/// The lock file's name, next to `specc.toml`.
pub const LOCK_FILE: &str = "specc.lock";

/// The whole file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lockfile {
    pub version: u32,
    #[serde(default, rename = "dependency")]
    pub dependencies: Vec<LockedDependency>,
}

/// One direct dependency of the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedDependency {
    pub name: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `blake3:<hex>` over the dependency's specc.toml, documents, test files and
    /// precedents (by path relative to its root) and its own dependencies' hashes.
    pub hash: String,
}

/// The file's text.
pub fn render(lock: &Lockfile) -> String {
    let body = toml::to_string(lock).unwrap_or_default();
    format!(
        "# specc.lock: each dependency's version and content hash when the project was last checked against it.\n# Written by `specc check` when absent; `specc check --update-lock` records a reviewed change.\n{body}"
    )
}

/// Parses a lock file's text; a broken file is a diagnostic at its position.
pub(crate) fn parse(file: FileId, text: &str) -> Result<Lockfile, Box<Diagnostic>> {
    toml::from_str(text).map_err(|e| {
        Box::new(
            Diagnostic::new(
                Code::ConfigError,
                format!("invalid specc.lock: {}", e.message().trim_end_matches('.')),
            )
            .at(file, e.span().map(Span::from).unwrap_or_default())
            .with_help("delete specc.lock and run `specc check` to write it again"),
        )
    })
}
