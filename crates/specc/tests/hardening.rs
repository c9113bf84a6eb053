//! Hostile servers and hostile settings (#13): each test here failed on the
//! main of 2026-12-05 (a crash, a lock error, a stored key, an unbounded
//! reply), and says what must hold instead.

mod common;
use common::completion;

use assert_cmd::Command;
use serde_json::json;
use std::path::Path;
use wiremock::matchers::{body_partial_json, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk-live-0123456789abcdef";

fn project(base: &str, extra: &str) -> tempfile::TempDir {
    common::init_project(&format!(
        "\n[models.target]\nprovider = \"openai\"\nmodel = \"target-m\"\nbase-url = \"{base}\"\napi-key-env = \"SPECC_HARDENING_KEY\"\nretries = 0\n{extra}\n[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{base}\"\napi-key-env = \"SPECC_HARDENING_KEY\"\nretries = 0\n"
    ))
}

fn specc(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .env("SPECC_HARDENING_KEY", KEY)
        .env("SPECC_RETRY_BASE_DELAY_MS", "1")
        .args(args)
        .arg(dir)
        .output()
        .unwrap();
    let text = common::output_text(&out);
    (out.status.code().unwrap_or(-1), text)
}

/// Every text value of every table, for "is it stored anywhere".
fn whole_database(dir: &Path) -> String {
    let conn = rusqlite::Connection::open(dir.join(".specc/results.db")).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut all = String::new();
    for t in tables {
        let mut st = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                if let Ok(rusqlite::types::ValueRef::Text(t)) = r.get_ref(i) {
                    all.push_str(&String::from_utf8_lossy(t));
                    all.push('\n');
                }
            }
        }
    }
    all
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_that_the_server_echoes_is_neither_stored_nor_printed() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "target-m" })))
        .respond_with(ResponseTemplate::new(400).set_body_string(format!(
            "{{\"error\": \"bad request from Authorization: Bearer {KEY}\"}}"
        )))
        .mount(&s)
        .await;
    let p = project(&format!("{}/v1", s.uri()), "");
    let (code, out) = tokio::task::block_in_place(|| specc(p.path(), &["test"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Bearer [redacted]"), "{out}");
    assert!(!out.contains(KEY), "{out}");
    let db = whole_database(p.path());
    assert!(db.contains("[redacted]"), "{db}");
    assert!(!db.contains(KEY), "the key is stored:\n{db}");
    // Nor in the report built from the database.
    let (code, _) = specc(p.path(), &["report"]);
    assert_eq!(code, 0);
    let report = std::fs::read_to_string(p.path().join(".specc/report-1.html")).unwrap();
    assert!(!report.contains(KEY));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_over_the_size_limit_is_an_error_and_is_not_stored_or_graded() {
    let s = MockServer::start().await;
    let huge = "A".repeat(6 * 1024 * 1024);
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "target-m" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion(&huge)))
        .mount(&s)
        .await;
    let p = project(&format!("{}/v1", s.uri()), "");
    let (code, out) = tokio::task::block_in_place(|| specc(p.path(), &["test"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("over the limit of 4194304 bytes"), "{out}");
    // No grader request: nothing of it was forwarded.
    let graded = s
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains("grader-m"))
        .count();
    assert_eq!(graded, 0);
    let size = std::fs::metadata(p.path().join(".specc/results.db")).unwrap().len();
    assert!(size < 1024 * 1024, "the database holds the reply: {size} bytes");
    // The limit is the model's own setting.
    let p = project(&format!("{}/v1", s.uri()), "max-response-bytes = 8000000\n");
    let (_, out) = tokio::task::block_in_place(|| specc(p.path(), &["test"]));
    assert!(!out.contains("over the limit"), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_runs_at_once_on_one_fresh_project_both_finish() {
    let s = slow_server(20).await;
    for _ in 0..3 {
        let p = project(&format!("{}/v1", s.uri()), "");
        let spawn = || {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("specc"))
                .env("SPECC_HARDENING_KEY", KEY)
                .args(["test", "--no-cache", "--samples", "4"])
                .arg(p.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let text = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{text}");
            assert!(!text.contains("locked"), "{text}");
        }
        let conn = rusqlite::Connection::open(p.path().join(".specc/results.db")).unwrap();
        let complete: i64 = conn
            .query_row("SELECT COUNT(*) FROM runs WHERE status = 'complete'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(complete, 2);
    }
}

#[test]
fn absurd_settings_are_configuration_errors_not_crashes() {
    for (setting, key) in [
        ("[test]\nconcurrency = 2305843009213693952\n", "test.concurrency"),
        ("[test]\nsamples = 99999999\n", "test.samples"),
        (
            "[models.target]\nprovider = \"openai\"\nmodel = \"m\"\ntimeout = \"99999999999999999999s\"\n",
            "models.target.timeout",
        ),
        (
            "[models.target]\nprovider = \"openai\"\nmodel = \"m\"\nretries = 1000000\n",
            "models.target.retries",
        ),
        (
            "[models.target]\nprovider = \"openai\"\nmodel = \"m\"\nrequests-per-minute = 9999999999\n",
            "models.target.requests-per-minute",
        ),
    ] {
        let p = common::init_project(&format!("\n{setting}"));
        for cmd in ["check", "test"] {
            let (code, out) = specc(p.path(), &[cmd]);
            assert_eq!(code, 2, "{setting} {cmd}: {out}");
            assert!(out.contains("C003") && out.contains(key), "{setting} {cmd}: {out}");
            assert!(!out.contains("panicked"), "{out}");
        }
    }
    let p = common::init_project("");
    let (code, out) = specc(p.path(), &["test", "--samples", "0"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--samples"), "{out}");
}

/// A target that answers after `delay_ms` and a grader that passes everything.
async fn slow_server(delay_ms: u64) -> MockServer {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "target-m" })))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(completion("I can't help with that."))
                .set_delay(std::time::Duration::from_millis(delay_ms)),
        )
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "grader-m" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion(r#"{"verdict": "pass", "rationale": "ok"}"#)))
        .mount(&s)
        .await;
    s
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_keeps_what_was_done_marks_the_run_and_says_how_to_resume() {
    let s = slow_server(400).await;
    let p = project(&format!("{}/v1", s.uri()), "");
    std::fs::write(
        p.path().join("specc.toml"),
        std::fs::read_to_string(p.path().join("specc.toml")).unwrap() + "\n[test]\nconcurrency = 1\n",
    )
    .unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("specc"))
        .env("SPECC_HARDENING_KEY", KEY)
        .args(["test", "--samples", "3"])
        .arg(p.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // 15 samples at 0.4 s each: interrupt after about three.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let ok = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(
        err.contains(&format!("`specc test --resume 1 {}` finishes it", p.path().display())),
        "{err}"
    );
    let conn = rusqlite::Connection::open(p.path().join(".specc/results.db")).unwrap();
    let (status, graded): (String, i64) = conn
        .query_row(
            "SELECT status, (SELECT COUNT(*) FROM grades WHERE verdict = 'pass') FROM runs WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(status, "interrupted");
    assert!((1..15).contains(&graded), "{graded} graded before the interrupt");
    // The resume does the rest, and only the rest.
    let (code, out) = tokio::task::block_in_place(|| specc(p.path(), &["test", "--samples", "3", "--resume", "1"]));
    assert_eq!(code, 0, "{out}");
    let graded: i64 = conn
        .query_row("SELECT COUNT(*) FROM grades WHERE run_id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(graded, 15);
}

#[test]
fn resume_names_a_run_that_exists_and_tested_this_spec() {
    let p = common::init_project(
        "\n[models.target]\nprovider = \"openai\"\nmodel = \"m\"\nbase-url = \"http://127.0.0.1:9/v1\"\n",
    );
    let (code, out) = specc(p.path(), &["test", "--resume", "99"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("no run 99 to resume"), "{out}");
    assert!(!out.contains("FOREIGN KEY"), "{out}");
    // A run made before the spec changed cannot be resumed into the new one.
    let conn_path = p.path().join(".specc/results.db");
    let store_run = |hash: &str| {
        std::fs::create_dir_all(p.path().join(".specc")).unwrap();
        let conn = rusqlite::Connection::open(&conn_path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL DEFAULT (datetime('now')), finished_at TEXT, spec_name TEXT, spec_version TEXT, spec_hash TEXT NOT NULL, git_rev TEXT, target TEXT NOT NULL, grader TEXT NOT NULL, settings TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'running', scope TEXT);
             INSERT INTO runs (spec_hash, target, grader, settings, status) VALUES ('{hash}', 't', 'g', '{{}}', 'interrupted');"
        ))
        .unwrap();
    };
    store_run("0000000000000000");
    let (code, out) = specc(p.path(), &["test", "--resume", "1"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("run 1 tested another version of the spec"), "{out}");
    let (_, out) = specc(p.path(), &["test", "--resume", "99"]);
    assert!(out.contains("no run 99") && out.contains("its runs: 1"), "{out}");
}

#[test]
fn ids_that_name_paths_and_globs_that_leave_the_project_are_diagnosed() {
    let p = common::init_project("");
    let spec = p.path().join("spec/assistant.md");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(
        &spec,
        text.replace("{#answer_helpfully", "{#../../answer_helpfully") + "\nKeep it short[^a/b].\n",
    )
    .unwrap();
    let (code, out) = specc(p.path(), &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[C112]: section ID `../../answer_helpfully` contains `..`"),
        "{out}"
    );
    assert!(out.contains("error[C112]: clause ID `a/b` contains `/`"), "{out}");
    for (from, to, said) in [
        (
            "documents = [\"spec/**/*.md\"]",
            "documents = [\"../other/*.md\"]",
            "`spec.documents` glob `../other/*.md` points outside the project",
        ),
        (
            "[spec]\n",
            "[spec]\nexamples = \"/etc\"\n",
            "`spec.examples` folder `/etc` is outside the project",
        ),
    ] {
        let p = common::init_project("");
        let toml = p.path().join("specc.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        assert!(text.contains(from));
        let text = text.replacen(from, to, 1);
        std::fs::write(&toml, text).unwrap();
        let (code, out) = specc(p.path(), &["check"]);
        assert_eq!(code, 2, "{out}");
        assert!(out.contains(said), "{out}");
    }
}

#[test]
fn a_byte_order_mark_crlf_and_cr_line_ends_read_as_lf_and_fixes_keep_them() {
    let spec = "# Refunds {#refunds authority=user}\n\nThe assistant must explain refunds[^rf01].\n\n## Tone {#tone authority=user}\n\nThe assistant should be be polite[^tn01].\n";
    let example =
        "Examples for [^rf01]:\n\n**Example**: a refund\n\n~~~xml\n<user>\nCan I get my money back?\n</user>\n~~~\n";
    type Saved = fn(&str) -> String;
    let forms: [(&str, Saved); 4] = [
        ("lf", |s| s.to_string()),
        ("bom", |s| format!("\u{feff}{s}")),
        ("crlf", |s| s.replace('\n', "\r\n")),
        ("cr", |s| s.replace('\n', "\r")),
    ];
    let mut dirs = Vec::new();
    for (name, form) in &forms {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("examples")).unwrap();
        std::fs::write(d.path().join("spec.md"), form(spec)).unwrap();
        std::fs::write(d.path().join("examples/rf01.md"), form(example)).unwrap();
        std::fs::write(
            d.path().join("examples/tn01.md"),
            form(&example.replace("rf01", "tn01")),
        )
        .unwrap();
        let (code, out) = specc(d.path(), &["check"]);
        assert_eq!(code, 0, "{name}: {out}");
        assert!(
            out.contains("checked 1 document: 2 sections, 2 clauses, 0 examples, 2 test prompts; 0 errors, 0 warnings"),
            "{name}: {out}"
        );
        dirs.push((*name, d));
    }
    // The four copies of one spec are the same spec.
    for (name, d) in &dirs[1..] {
        let (code, out) = specc(d.path(), &["diff", dirs[0].1.path().to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {out}");
        assert!(out.contains("suggested version bump: none"), "{name}: {out}");
        assert_eq!(out.lines().filter(|l| !l.trim().is_empty()).count(), 2, "{name}: {out}");
    }
    // `--fix` edits the text and writes it back with the file's own line ends.
    let (_, crlf) = &dirs[2];
    let (_, out) = specc(crlf.path(), &["lint", "--fix"]);
    let after = std::fs::read_to_string(crlf.path().join("spec.md")).unwrap();
    assert!(out.contains("fixed"), "{out}");
    assert_ne!(after, spec.replace('\n', "\r\n"), "nothing was fixed");
    assert_eq!(after.matches("\r\n").count(), after.matches('\n').count(), "{after:?}");
}
