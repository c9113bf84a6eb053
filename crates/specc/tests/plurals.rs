//! Counts of one read in the singular ("1 error", not "1 errors") in every
//! command's summary and messages. `tests/fixtures/one-of-each` has exactly one
//! document, section, clause, example (a comparison with one GOOD/BAD pair),
//! test prompt, precedent, lint finding (`A402`, which `--fix` removes), check
//! error (`C211`) and check warning (`C110`).

mod common;
use common::completion;

use assert_cmd::Command;
use serde_json::json;
use std::path::{Path, PathBuf};
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/one-of-each")
}

/// A copy of the fixture to write into (`--fix`, baselines, builds, results).
fn copy() -> tempfile::TempDir {
    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                copy_dir(&p, &to.join(e.file_name()));
            } else {
                std::fs::copy(&p, to.join(e.file_name())).unwrap();
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), tmp.path());
    tmp
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn specc(dir: &Path, args: &[&str]) -> Out {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    Out {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn last_line(s: &str) -> &str {
    s.trim_end().lines().last().unwrap_or("")
}

#[test]
fn check_summary_counts_one_of_each_in_the_singular() {
    let out = specc(&fixture(), &["check", "."]);
    assert_eq!(out.code, 1, "one error: {}", out.stdout);
    assert!(out.stdout.contains("error[C211]") && out.stdout.contains("warning[C110]"));
    assert_eq!(
        last_line(&out.stdout),
        "checked 1 document: 1 section, 1 clause, 1 example, 1 test prompt; 1 error, 1 warning"
    );
    let out = specc(&fixture(), &["check", "--statements", "."]);
    assert_eq!(
        last_line(&out.stdout),
        "1 statement: 1 prohibition; by authority: 1 user"
    );
    let out = specc(&fixture(), &["check", "--dump-ir", "."]);
    assert!(
        out.stderr.contains("the IR was printed, but the project has 1 error;"),
        "{}",
        out.stderr
    );
}

#[test]
fn lint_summary_baseline_and_fix_count_one_in_the_singular() {
    let out = specc(&fixture(), &["lint", "--select", "A402", "."]);
    assert!(out.stdout.contains("warning[A402]"), "{}", out.stdout);
    assert_eq!(
        last_line(&out.stdout),
        "linted 1 document: 1 normative sentence with 1 lint rule; 1 error, 1 warning"
    );

    let p = copy();
    let out = specc(p.path(), &["lint", "--select", "A402", "--baseline", "write", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("wrote 1 finding to"), "{}", out.stderr);
    let out = specc(p.path(), &["lint", "--select", "A402", "--baseline", "use", "."]);
    assert!(
        out.stderr.contains("1 finding is in the baseline and not shown"),
        "{}",
        out.stderr
    );
    assert_eq!(
        last_line(&out.stdout),
        "linted 1 document: 1 normative sentence with 1 lint rule; 1 error, 0 warnings"
    );
    let out = specc(p.path(), &["lint", "--select", "A402", "--fix", "."]);
    assert!(out.stderr.contains("fixed 1 finding in spec.md"), "{}", out.stderr);
}

#[test]
fn build_messages_count_one_in_the_singular() {
    let out = specc(&fixture(), &["build", "--release", "--target", "prompt", "."]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("refuses to build: the project has 1 error\n"),
        "{}",
        out.stderr
    );
    let out = specc(&fixture(), &["build", "--target", "prompt", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: building although the project has 1 error ("),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("specc: prompt of 1 section, about "),
        "{}",
        out.stderr
    );

    let p = copy();
    let out = specc(p.path(), &["build", "--target", "sft", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("sft.jsonl (1 record)"), "{}", out.stderr);
    let out = specc(p.path(), &["build", "--target", "html", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_to_string(p.path().join("build/html/index.html")).unwrap();
    assert!(
        html.contains("<summary>1 test prompt (examples/pr1v.md)</summary>"),
        "{html}"
    );
    assert!(html.contains("<summary>1 precedent</summary>"), "{html}");
}

#[test]
fn diff_counts_one_renamed_section_and_one_added_clause_in_the_singular() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    for (dir, text) in [
        (
            &old,
            "# Privacy {#privacy authority=platform}\n\nThe assistant must not share addresses[^pr1v].\n",
        ),
        (
            &new,
            "# Privacy {#privacy authority=root}\n\nThe assistant must not share addresses[^pr1v]. It must not share phone numbers[^ph0n].\n",
        ),
    ] {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("spec.md"), text).unwrap();
    }
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let out = specc(tmp.path(), &["diff", old, new]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("~ authority level `platform` renamed to `root` (1 section; not repeated below)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("  minor: 1 clause added\n"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("  patch: authority level `platform` renamed to `root` (1 section)\n"),
        "{}",
        out.stdout
    );
    let out = specc(tmp.path(), &["diff", "--format", "changelog", old, new]);
    assert!(
        out.stdout
            .contains("Renamed the authority level `platform` to `root` (1 section)."),
        "{}",
        out.stdout
    );
}

/// The fixture without its error and its precedent, a target that answers
/// badly and a grader that fails every answer (and, asked which of two answers
/// is better, replies with what is not a choice).
async fn failing_project() -> (MockServer, tempfile::TempDir) {
    let s = MockServer::start().await;
    for (model, reply) in [
        ("target-m", "Your colleague lives at 12 Elm Street."),
        ("grader-m", r#"{"verdict": "fail", "rationale": "shares an address"}"#),
    ] {
        Mock::given(method("POST"))
            .and(path("/v1/chat/completions"))
            .and(body_partial_json(json!({ "model": model })))
            .respond_with(ResponseTemplate::new(200).set_body_json(completion(reply)))
            .mount(&s)
            .await;
    }
    let p = copy();
    let spec = p.path().join("spec.md");
    let text = std::fs::read_to_string(&spec)
        .unwrap()
        .replace("BAD[#nowhere]", "BAD[#privacy]");
    std::fs::write(&spec, text).unwrap();
    std::fs::remove_dir_all(p.path().join("precedents")).unwrap();
    let uri = s.uri();
    std::fs::write(
        p.path().join("specc.toml"),
        format!(
            "[models.target]\nprovider = \"openai\"\nmodel = \"target-m\"\nbase-url = \"{uri}/v1\"\ntemperature = 0.0\ntimeout = \"5s\"\nretries = 0\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{uri}/v1\"\ntemperature = 0.0\ntimeout = \"5s\"\nretries = 0\n\n[test]\nsamples = 1\nconcurrency = 1\n"
        ),
    )
    .unwrap();
    (s, p)
}

#[tokio::test(flavor = "multi_thread")]
async fn report_of_one_run_with_one_failing_answer_is_in_the_singular() {
    let (_server, p) = failing_project().await;
    let dir = p.path();
    let out = tokio::task::block_in_place(|| specc(dir, &["test", "--clause", "pr1v", "."]));
    assert_eq!(out.code, 1, "the one answer fails: {}\n{}", out.stdout, out.stderr);
    let out = tokio::task::block_in_place(|| specc(dir, &["report", "."]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("(run 1: 0 passed, 1 failed, 1 answer that did not pass)"),
        "{}",
        out.stderr
    );
    let html = std::fs::read_to_string(dir.join(".specc/report-1.html")).unwrap();
    assert!(html.contains("<summary>1 answer that did not pass</summary>"), "{html}");
    assert!(html.contains("Overall pass rate of 1 run, oldest first"), "{html}");
}

#[tokio::test(flavor = "multi_thread")]
async fn calibrate_counts_one_pair_in_the_singular() {
    // The pair is asked in both orders: two unreadable choices, two errors.
    let (_server, p) = failing_project().await;
    let dir = p.path();
    let out = tokio::task::block_in_place(|| specc(dir, &["calibrate", "--pairwise", "."]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("overall: 2 labelled answers;") && out.stdout.contains("; 0 unclear or errors\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("pairwise: 1 GOOD/BAD pair;") && out.stdout.contains("; 2 errors\n"),
        "{}",
        out.stdout
    );
}
