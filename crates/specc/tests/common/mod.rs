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

/// An OpenAI Chat Completions reply with `text`, as a loopback server sends it.
pub fn completion(text: &str) -> serde_json::Value {
    serde_json::json!({ "choices": [{ "message": { "role": "assistant", "content": text }, "finish_reason": "stop" }],
            "usage": { "prompt_tokens": 10, "completion_tokens": 3 } })
}

/// A new project from `specc init` (its spec, 5 cases) with `toml` appended to
/// its specc.toml (the models and `[test]` a test needs).
pub fn init_project(toml: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("specc")
        .unwrap()
        .arg("init")
        .arg(tmp.path())
        .assert()
        .success();
    let path = tmp.path().join("specc.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(toml);
    std::fs::write(path, text).unwrap();
    tmp
}

/// A finished command's stdout then stderr, as one text.
pub fn output_text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// An OpenAI-compatible server on 127.0.0.1: the target (`target-m`) answers
/// `target` to everything, the grader (`grader-m`) replies `grader`.
pub async fn openai_stub(target: &str, grader: &str) -> wiremock::MockServer {
    use wiremock::matchers::{body_partial_json, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let s = MockServer::start().await;
    for (model, reply) in [("target-m", target), ("grader-m", grader)] {
        Mock::given(method("POST"))
            .and(path("/v1/chat/completions"))
            .and(body_partial_json(serde_json::json!({ "model": model })))
            .respond_with(ResponseTemplate::new(200).set_body_json(completion(reply)))
            .mount(&s)
            .await;
    }
    s
}

/// FNV-1a: a deterministic server's replies depend only on what it was sent.
pub fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// A grader prompt without the random nonce that fences the answer in each
/// request, so the same prompt hashes the same in every run.
pub fn without_fences(text: &str) -> String {
    text.split("ANSWER-")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.get(16..).unwrap_or_default()
            }
        })
        .collect()
}
