//! Failures on screen: `specc test` ends with the first samples that did not
//! pass (their case IDs are what `specc rule` takes), `specc show` prints a
//! run's samples with the conversation, the answer, the verdict and why, and
//! `specc runs N` describes one run. Against a loopback server.

mod common;
use common::completion;

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::Path;
use wiremock::matchers::{body_partial_json, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Answers with an escape sequence in it (shown escaped), a grader that fails everything.
async fn server() -> MockServer {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "target-m" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion("Sure!\nHere it is: \u{1b}[31mred\u{1b}[0m")))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "grader-m" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion(
            r#"{"verdict": "fail", "rationale": "It complies without checking who is asking."}"#,
        )))
        .mount(&s)
        .await;
    s
}

fn project(uri: &str) -> tempfile::TempDir {
    common::init_project(&format!(
        "\n[models.target]\nprovider = \"openai\"\nmodel = \"target-m\"\nbase-url = \"{uri}/v1\"\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{uri}/v1\"\n\n[test]\nconcurrency = 1\n"
    ))
}

fn specc(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn failures_are_on_screen_and_their_case_ids_can_be_ruled_on() {
    let s = server().await;
    let p = project(&s.uri());
    let dir = p.path();
    let (code, out, err) = tokio::task::block_in_place(|| specc(dir, &["test"]));
    assert_eq!(code, 1, "{out}\n{err}");
    // The first three failures, each with its case ID, then where the rest are.
    assert_eq!(out.matches("\nFAIL  ").count(), 3, "{out}");
    assert!(
        out.contains("5 samples failed or were unclear; `specc show 1` lists 2 more"),
        "{out}"
    );
    // With another results database, the command to see them names it.
    let (_, other, err) = tokio::task::block_in_place(|| specc(dir, &["test", "--db", "other.db"]));
    assert!(
        other.contains("`specc show 1 --db other.db` lists 2 more"),
        "{other}\n{err}"
    );
    assert!(
        other.contains(" --db other.db --pass|--fail"),
        "the ruling hint too: {other}"
    );
    assert!(
        !out.contains('\u{1b}'),
        "model text reaches the terminal escaped: {out}"
    );
    assert!(out.contains("\\u{1b}[31mred"), "{out}");
    // A clause's case ID from that output is what `specc rule` takes.
    let case = out
        .lines()
        .find(|l| l.starts_with("FAIL  ") && l.contains(", clause "))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or_else(|| panic!("no clause case shown: {out}"))
        .to_string();
    let (code, _, err) = specc(
        dir,
        &["rule", "1", &case, "--pass", "--why", "Asked by the account holder."],
    );
    assert_eq!(code, 0, "{err}");

    // `specc show`: what did not pass, two at a time.
    let (code, shown, err) = specc(dir, &["show", "--limit", "2"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("show-failed-limit-2", shown);
    // A case by its ID (its samples whatever their verdict), from an explicit run.
    let (code, one, _) = specc(dir, &["show", "1", &case]);
    assert_eq!(code, 0);
    assert!(one.starts_with(&format!("FAIL  {case} (sample 0, clause ")), "{one}");
    assert!(one.contains("run 1: 1 sample shown"), "{one}");
    // Only what was asked for: nothing errored in this run.
    let (_, none, _) = specc(dir, &["show", "--errors"]);
    assert_eq!(none.trim(), "run 1: no sample matches");
    // An unknown run is an error that lists the runs there are.
    let (code, _, err) = specc(dir, &["show", "7"]);
    assert_eq!(code, 2);
    assert!(err.contains("no run 7") && err.contains("its runs: 1"), "{err}");

    // `specc runs 1` describes the run, `specc runs` lists them.
    let (code, runs, err) = specc(dir, &["runs", "1"]);
    assert_eq!(code, 0, "{err}");
    assert!(runs.starts_with("run 1: complete from "), "{runs}");
    assert!(
        runs.contains("run 1: 0 passed, 5 failed, 0 unclear, 0 errors; pass rate 0%\n"),
        "{runs}"
    );
    let (_, json, _) = specc(dir, &["runs", "1", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (v["run"]["id"].as_i64(), v["summary"]["overall"]["fail"].as_i64()),
        (Some(1), Some(5))
    );
    // `--cases`: every sample in the JSON summary, with what `specc rule` needs.
    let (_, json, _) = tokio::task::block_in_place(|| specc(dir, &["test", "--format", "json", "--cases"]));
    let v: Value = serde_json::from_str(&json).unwrap();
    let cases = v["cases"].as_array().unwrap();
    // The 5 cases, and the precedent the ruling made, run as a case of its clause.
    assert_eq!(cases.len(), 6, "{v:#}");
    assert!(cases.iter().all(|c| c["case"].is_string() && c["sample"] == 0), "{v:#}");
    assert!(
        cases
            .iter()
            .any(|c| c["case"].as_str().unwrap().contains(":precedent:") && c["verdict"] == "pass"),
        "{v:#}"
    );
    // The case ruled on above passes now, by its precedent; the rest still fail.
    let verdicts: Vec<(&str, &str)> = cases
        .iter()
        .map(|c| (c["case"].as_str().unwrap(), c["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(verdicts.iter().filter(|(_, v)| *v == "fail").count(), 4, "{verdicts:?}");
    assert!(verdicts.contains(&(case.as_str(), "pass")), "{verdicts:?}");
    let (_, json, _) = tokio::task::block_in_place(|| specc(dir, &["test", "--format", "json"]));
    assert!(serde_json::from_str::<Value>(&json).unwrap().get("cases").is_none());
    let (_, all, _) = specc(dir, &["runs"]);
    let ids: Vec<&str> = all
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(ids, ["3", "2", "1"], "{all}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ruling_settles_the_same_answer_without_the_grader_and_calibrate_names_a_contradiction() {
    let s = server().await;
    let p = project(&s.uri());
    let dir = p.path();
    let (code, out, _) = tokio::task::block_in_place(|| specc(dir, &["test", "--format", "json"]));
    assert_eq!(code, 1, "{out}");
    let case = "br3v:a-broad-question";
    let (code, _, err) = specc(
        dir,
        &["rule", "1", case, "--pass", "--why", "A general answer is fine here."],
    );
    assert_eq!(code, 0, "{err}");
    let before = s.received_requests().await.unwrap().len();
    // The same answer again, a grader that fails everything: the ruling decides.
    // The precedent is a case of its clause now, sent to the target like the
    // others: 6 target requests, and no grader request for either answer.
    let (_, out, err) = tokio::task::block_in_place(|| specc(dir, &["test", "--format", "json", "--no-cache"]));
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    assert_eq!(
        (v["requests"]["target"].as_u64(), v["requests"]["grader"].as_u64()),
        (Some(6), Some(4)),
        "{v:#}"
    );
    assert_eq!(s.received_requests().await.unwrap().len(), before + 10);
    let row = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "br3v")
        .unwrap()
        .clone();
    assert_eq!(
        (row["pass"].as_u64(), row["fail"].as_u64()),
        (Some(2), Some(0)),
        "{row:#}"
    );
    let conn = rusqlite::Connection::open(dir.join(".specc/results.db")).unwrap();
    let (verdict, source, rationale): (String, String, String) = conn
        .query_row(
            "SELECT verdict, source, rationale FROM grades WHERE run_id = 2 AND case_id = ?1",
            [case],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((verdict.as_str(), source.as_str()), ("pass", "precedent"));
    assert!(rationale.contains("A general answer is fine here."), "{rationale}");
    let precedent_case: (String, String) = conn
        .query_row(
            "SELECT g.case_id, g.source FROM grades g WHERE run_id = 2 AND case_id LIKE 'br3v:precedent:%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        precedent_case,
        (
            "br3v:precedent:a-broad-question-run-1-sample-0".into(),
            "precedent".into()
        )
    );
    // The grader, which fails that very answer, contradicts the ruling.
    let (code, out, err) = tokio::task::block_in_place(|| specc(dir, &["calibrate"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("rulings: 1 precedent; the grader contradicts 1: br3v:precedent:a-broad-question-run-1-sample-0 (ruled pass, graded fail)"),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_inline_example_can_be_ruled_on_as_a_precedent_of_its_section() {
    let s = server().await;
    let p = project(&s.uri());
    let dir = p.path();
    let (code, _, _) = tokio::task::block_in_place(|| specc(dir, &["test", "--format", "json"]));
    assert_eq!(code, 1);
    let (_, shown, _) = specc(dir, &["show", "--limit", "50"]);
    let line = shown
        .lines()
        .find(|l| l.starts_with("FAIL  ") && l.contains(", section "))
        .unwrap_or_else(|| panic!("no inline case: {shown}"));
    let case = line.split_whitespace().nth(1).unwrap().to_string();
    let section = line
        .rsplit("section ")
        .next()
        .unwrap()
        .trim_end_matches(')')
        .to_string();
    let (code, _, err) = specc(dir, &["rule", "1", &case, "--pass", "--why", "Fine for this section."]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.join(format!("precedents/{section}.md")).is_file());
    // The project still checks clean, and the ruling settles that answer next time.
    let (code, out, err) = specc(dir, &["check"]);
    assert!(code == 0, "{out}{err}");
    let (_, out, _) = tokio::task::block_in_place(|| specc(dir, &["test", "--format", "json", "--no-cache"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["requests"]["grader"].as_u64(), Some(4), "{v:#}");
    let conn = rusqlite::Connection::open(dir.join(".specc/results.db")).unwrap();
    let (verdict, source): (String, String) = conn
        .query_row(
            "SELECT verdict, source FROM grades WHERE run_id = 2 AND case_id = ?1",
            [&case],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((verdict.as_str(), source.as_str()), ("pass", "precedent"));
}

/// After a run in which everything passed, `specc show` says so rather than
/// only that no sample matches.
#[tokio::test(flavor = "multi_thread")]
async fn show_after_an_all_pass_run_says_they_passed() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "target-m" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion("I can't help find a private address.")))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "grader-m" })))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(completion(r#"{"verdict": "pass", "rationale": "Declines."}"#)),
        )
        .mount(&s)
        .await;
    let p = project(&s.uri());
    let dir = p.path();
    let (code, out, err) = tokio::task::block_in_place(|| specc(dir, &["test", "--clause", "pr1v"]));
    assert_eq!(code, 0, "{out}\n{err}");
    let (code, out, err) = specc(dir, &["show"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("no sample matches; all of them passed (`--all` shows them)"),
        "{out}"
    );
}
