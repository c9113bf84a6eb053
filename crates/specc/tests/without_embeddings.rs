//! specc built without its default `embeddings` feature (no candle, no
//! tokenizers): it runs, and `check --deep-candidates` says that it falls back
//! to lexical candidates. Compiled only without the feature; `scripts/test`
//! runs it with `cargo test --workspace --no-default-features --test
//! without_embeddings`, which resolves the dependencies' features as the
//! workspace's own `cargo test` does, so only specc itself compiles again.
#![cfg(not(feature = "embeddings"))]

use assert_cmd::Command;
use std::path::PathBuf;

fn example_spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/support-spec")
}

#[test]
fn deep_candidates_fall_back_to_lexical_similarity_when_a_model_is_named() {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["check", "--deep-candidates"])
        .arg(example_spec())
        .env("SPECC_EMBEDDING_MODEL", "/no/such/model")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}\n{stderr}", out.status);
    assert!(
        stderr.contains("this specc was built without the `embeddings` feature; candidates by lexical similarity only"),
        "{stderr}"
    );
    assert!(stdout.contains("lexical similarity "), "no candidate pairs:\n{stdout}");
    assert!(!stdout.contains("embedding similarity"), "{stdout}");
}

#[test]
fn version_and_plain_check_run() {
    let out = Command::cargo_bin("specc").unwrap().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("specc "));
    Command::cargo_bin("specc")
        .unwrap()
        .arg("check")
        .arg(example_spec())
        .assert()
        .success();
}
