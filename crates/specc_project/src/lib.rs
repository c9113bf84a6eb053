//! A spec project: `specc.toml`, discovery of documents, test files and
//! precedents, path dependencies, and reading files into the IR. This is the
//! only analysis-side crate that reads project files, and it reads them through
//! a [`FileSource`]: the filesystem ([`Disk`]), a git revision ([`GitTree`]) or
//! unsaved editor buffers over either ([`Overlay`]).

mod config;
pub mod inside;
mod load;
pub mod lock;
mod lockfile;
pub mod source;

pub use config::{
    Config, DependencyConfig, LintConfig, ModelConfig, Models, SpecConfig, TestConfig, config_schema, parse_config,
    parse_duration,
};
pub use load::{DependencyRef, Package, ParseCache, Workspace, parse_files};
pub use source::{Disk, Entry, FileSource, GitTree, Kind, Overlay, SourceError};

/// The default chain of command, highest first.
pub const DEFAULT_AUTHORITY: &[&str] = &["root", "system", "developer", "user", "guideline"];
