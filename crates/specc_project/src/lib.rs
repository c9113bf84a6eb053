//! A spec project on disk: `specc.toml`, discovery of documents, test files and
//! precedents, path dependencies, and reading files into the IR. This is the
//! only analysis-side crate that touches the filesystem.

mod config;
mod load;
pub mod lock;
mod lockfile;

pub use config::{
    Config, DependencyConfig, LintConfig, ModelConfig, SpecConfig, TestConfig, parse_config, parse_duration,
};
pub use load::{DependencyRef, Package, Workspace, parse_files};

/// The default chain of command, highest first.
pub const DEFAULT_AUTHORITY: &[&str] = &["root", "system", "developer", "user", "guideline"];
