//! `specc test` cannot go green on a run that tested nothing: one loopback
//! test per fault (server down, wrong path, a refused key, a grader whose
//! every reply is unreadable), each exiting non-zero with the endpoint and the
//! cause said once, and no pass counted.

mod common;
use common::completion;

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::Path;
use wiremock::matchers::{body_partial_json, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A new project (`specc init`, 5 cases) with target and grader at `base`.
fn project(base: &str) -> tempfile::TempDir {
    common::init_project(&format!(
        "\n[models.target]\nprovider = \"openai\"\nmodel = \"target-m\"\nbase-url = \"{base}\"\napi-key-env = \"SPECC_TEST_KEY\"\ntimeout = \"5s\"\nretries = 1\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{base}\"\napi-key-env = \"SPECC_TEST_KEY\"\nretries = 1\n\n[test]\nconcurrency = 1\n"
    ))
}

/// (exit code, stdout and stderr together).
fn specc_test(dir: &Path, extra: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .env("SPECC_TEST_KEY", "sk-do-not-print-7731")
        .env("SPECC_RETRY_BASE_DELAY_MS", "1")
        .arg("test")
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    let text = common::output_text(&out);
    assert!(!text.contains("sk-do-not-print-7731"), "{text}");
    (out.status.code().unwrap(), text)
}

fn db(dir: &Path, sql: &str) -> String {
    let conn = rusqlite::Connection::open(dir.join(".specc/results.db")).unwrap();
    conn.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap()
}

/// Stopped early with exit 2, the endpoint and the cause in one line, the run
/// marked stopped, nothing passed, and fewer requests than cases × attempts.
fn assert_stopped(dir: &Path, code: i32, out: &str, cause: &str) {
    assert_eq!(code, 2, "{out}");
    let line = "[models.target] (openai, model `target-m` at ";
    assert_eq!(out.matches(line).count(), 1, "{out}");
    assert_eq!(out.matches(cause).count(), 1, "{out}");
    assert!(out.contains("specc test --resume 1"), "{out}");
    assert_eq!(db(dir, "SELECT COUNT(*) FROM grades WHERE verdict = 'pass'"), "0");
    assert_eq!(db(dir, "SELECT status FROM runs"), "stopped: endpoint unreachable");
}

/// A port nothing listens on: bound, then closed.
fn dead_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_server_that_is_down_stops_the_run_with_exit_2() {
    let port = dead_port();
    let p = project(&format!("http://127.0.0.1:{port}/v1"));
    let (code, out) = specc_test(p.path(), &[]);
    assert_stopped(p.path(), code, &out, "could not connect");
    assert!(out.contains(&format!("127.0.0.1:{port}/v1")), "{out}");
    // Three requests in a row, then no new case starts.
    assert_eq!(db(p.path(), "SELECT COUNT(*) FROM samples"), "3");
}

/// `--clause l4ng`: one case, one request, too few to reach three in a row;
/// a run whose every request failed to connect still stops as unusable.
#[test]
fn a_server_that_is_down_stops_a_one_case_run_too() {
    let port = dead_port();
    let p = project(&format!("http://127.0.0.1:{port}/v1"));
    let (code, out) = specc_test(p.path(), &["--clause", "l4ng"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("cannot be used: could not connect"), "{out}");
    assert!(out.contains("all 1 of its requests failed this way"), "{out}");
    assert_eq!(db(p.path(), "SELECT status FROM runs"), "stopped: endpoint unreachable");
    assert_eq!(db(p.path(), "SELECT COUNT(*) FROM samples"), "1");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_path_stops_the_run_with_exit_2() {
    let s = MockServer::start().await; // answers 404 to everything
    let p = project(&format!("{}/wrong/v1", s.uri()));
    let (code, out) = tokio::task::block_in_place(|| specc_test(p.path(), &[]));
    assert_stopped(p.path(), code, &out, "HTTP 404");
    // 404 is not retried: one request each for the three that stopped it.
    assert_eq!(s.received_requests().await.unwrap().len(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_key_stops_the_run_with_exit_2() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(json!({ "error": { "message": "Incorrect API key provided" } })),
        )
        .mount(&s)
        .await;
    let p = project(&format!("{}/v1", s.uri()));
    let (code, out) = tokio::task::block_in_place(|| specc_test(p.path(), &[]));
    assert_stopped(p.path(), code, &out, "HTTP 401");
    assert!(out.contains("Incorrect API key provided"), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_api_key_variable_is_refused_before_any_request() {
    let s = MockServer::start().await;
    let p = project(&format!("{}/v1", s.uri()));
    let out = Command::cargo_bin("specc")
        .unwrap()
        .env("SPECC_TEST_KEY", "")
        .args(["test"])
        .arg(p.path())
        .output()
        .unwrap();
    let text = common::output_text(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("reads its API key from $SPECC_TEST_KEY, which is set but empty"),
        "{text}"
    );
    assert!(s.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_grader_that_never_gives_a_verdict_fails_the_run_unless_errors_are_allowed() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "target-m" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion("I can't share that.")))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "grader-m" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion("Looks fine to me. VERDICT: pass, probably")))
        .mount(&s)
        .await;
    let p = project(&format!("{}/v1", s.uri()));
    let (code, out) = tokio::task::block_in_place(|| specc_test(p.path(), &[]));
    assert_eq!(code, 1, "{out}");
    // The reason once, with how many samples it stopped; no pass counted.
    assert_eq!(
        out.matches("is not one JSON object of the verdict schema").count(),
        1,
        "{out}"
    );
    assert!(out.contains("5 samples: the grader's reply"), "{out}");
    assert!(out.contains("0 passed, 0 failed, 0 unclear, 5 errors"), "{out}");
    assert!(
        out.contains("5 of 5 samples ended without a verdict (allowed: 0)"),
        "{out}"
    );
    assert_eq!(
        db(p.path(), "SELECT COUNT(*) FROM grades WHERE verdict IS NOT NULL"),
        "0"
    );
    // The reasons are in the JSON summary too.
    let (code, json_out) = tokio::task::block_in_place(|| specc_test(p.path(), &["--format", "json", "--no-cache"]));
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(json_out.lines().next().unwrap()).unwrap();
    assert_eq!(v["errors"][0]["samples"], 5, "{v:#}");
    assert!(v["errors"][0]["reason"].as_str().unwrap().contains("verdict schema"));
    // Accepting them is explicit.
    let (code, out) = tokio::task::block_in_place(|| specc_test(p.path(), &["--allow-errors", "100%", "--no-cache"]));
    assert_eq!(code, 0, "{out}");
    let (code, _) = tokio::task::block_in_place(|| specc_test(p.path(), &["--allow-errors", "4", "--no-cache"]));
    assert_eq!(code, 1);
}

#[test]
fn allow_errors_rejects_what_is_not_a_count_or_a_percentage() {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["test", "--allow-errors", "lots", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`lots` is not a number of samples"));
}

#[test]
fn without_a_grader_or_an_assertion_nothing_is_sent() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("examples")).unwrap();
    std::fs::write(
        dir.join("spec.md"),
        "# A {#a authority=user}\n\nThe assistant must be kind[^ab12].\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("examples/ab12.md"),
        "Examples for [^ab12]:\n\n**Example**: hi\n\n~~~xml\n<user>\nhi\n</user>\n~~~\n",
    )
    .unwrap();
    // A port nothing listens on: a request would fail, but none may be made.
    std::fs::write(
        dir.join("specc.toml"),
        "[models.target]\nprovider = \"openai\"\nmodel = \"m\"\nbase-url = \"http://127.0.0.1:9/v1\"\n",
    )
    .unwrap();
    let (code, out) = specc_test(dir, &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("nothing could grade these cases"), "{out}");
    assert!(!out.contains("specc: run 1"), "a run was started: {out}");
    assert!(!dir.join(".specc/results.db").exists());
}
