//! Helpers shared by the binary's integration tests.
#![allow(dead_code)] // Each test file uses some of them.

use std::path::{Path, PathBuf};

/// The Model Spec releases, or `None` (with a printed reason) when absent.
pub fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/openai-model-spec");
    if dir.join("2025-12-18/model_spec.md").is_file() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: corpus not found at {}", dir.display());
        None
    }
}

/// Runs git in `dir` with a fixed identity; panics if it fails.
pub fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}
