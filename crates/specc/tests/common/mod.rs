//! Helpers shared by the binary's integration tests.
#![allow(dead_code)] // Each test file uses some of them.

use std::path::{Path, PathBuf};

/// The Model Spec releases (`../shared/corpus/openai-model-spec`). Tests that
/// call this carry `#[cfg_attr(not(corpus), ignore = "needs ...")]` (the build
/// script sets `cfg(corpus)` when the folder exists), so without the corpus they
/// are reported as ignored; run anyway (`--include-ignored`), they fail here
/// rather than pass without checking anything.
pub fn corpus() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/openai-model-spec");
    assert!(
        dir.join("2025-12-18/model_spec.md").is_file(),
        "this test needs the Model Spec corpus, and {} is absent",
        dir.display()
    );
    dir
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
