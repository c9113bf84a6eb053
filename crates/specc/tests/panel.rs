//! A panel of graders (`[[models.grader]]`) against loopback servers: the
//! strict majority of all graders decides, a grader that errs counts as
//! `unclear` and is never dropped, each grader's verdict is stored, and the
//! graders' agreement (Fleiss' kappa) is reported.

mod common;
use common::completion;

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::Path;
use wiremock::matchers::{body_partial_json, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A project (`specc init`, 5 cases) with its target and a panel of graders
/// named `g1`, `g2`, … at the given base URLs.
fn project(target: &str, graders: &[(&str, &str)]) -> tempfile::TempDir {
    let mut toml = format!(
        "\n[models.target]\nprovider = \"openai\"\nmodel = \"target-m\"\nbase-url = \"{target}\"\nretries = 0\n"
    );
    for (model, base) in graders {
        toml.push_str(&format!(
            "\n[[models.grader]]\nprovider = \"openai\"\nmodel = \"{model}\"\nbase-url = \"{base}\"\nretries = 0\ntimeout = \"5s\"\n"
        ));
    }
    toml.push_str("\n[test]\nconcurrency = 2\n");
    common::init_project(&toml)
}

async fn answers(s: &MockServer, model: &str, text: &str) {
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": model })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion(text)))
        .mount(s)
        .await;
}

fn verdict(v: &str) -> String {
    json!({ "verdict": v, "rationale": format!("this grader says {v}") }).to_string()
}

fn specc(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .env("SPECC_RETRY_BASE_DELAY_MS", "1")
        .args(args)
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rows(dir: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.join(".specc/results.db")).unwrap();
    let mut st = conn.prepare(sql).unwrap();
    st.query_map([], |r| r.get::<_, rusqlite::types::Value>(0))
        .unwrap()
        .map(|r| match r.unwrap() {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            rusqlite::types::Value::Null => "NULL".into(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn pass_fail_and_garbage_have_no_majority_and_every_vote_is_stored() {
    let s = MockServer::start().await;
    answers(&s, "target-m", "I can't help with that.").await;
    answers(&s, "g-pass", &verdict("pass")).await;
    answers(&s, "g-fail", &verdict("fail")).await;
    answers(&s, "g-garbage", "Looks fine to me!").await;
    let base = format!("{}/v1", s.uri());
    let p = project(&base, &[("g-pass", &base), ("g-fail", &base), ("g-garbage", &base)]);
    let (_, out, err) = tokio::task::block_in_place(|| specc(p.path(), &["test", "--format", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    // No verdict has more than half of three votes: every answer is unclear.
    assert_eq!(v["overall"]["unclear"], 5, "{v:#}");
    assert_eq!(
        (v["overall"]["pass"].as_u64(), v["overall"]["errors"].as_u64()),
        (Some(0), Some(0))
    );
    // Each grader's verdict is stored; the garbage is an error vote, not a dropped one.
    assert_eq!(
        rows(
            p.path(),
            "SELECT verdict FROM panel_votes WHERE case_id = (SELECT MIN(case_id) FROM cases) ORDER BY grader"
        ),
        ["pass", "fail", "NULL"]
    );
    assert_eq!(rows(p.path(), "SELECT COUNT(*) FROM panel_votes"), ["15"]);
    // pass, fail, unclear on every answer: agreement below chance, kappa -0.5.
    let panel = &v["panel"];
    assert_eq!(
        (panel["graders"].as_u64(), panel["answers"].as_u64()),
        (Some(3), Some(5))
    );
    assert!(
        (panel["fleiss_kappa"].as_f64().unwrap() + 0.5).abs() < 1e-9,
        "{panel:#}"
    );
    assert!(!panel["clauses"].as_array().unwrap().is_empty());
    assert_eq!(panel["grader_errors"][0]["grader"], 3, "{panel:#}");
    assert_eq!(panel["grader_errors"][0]["answers"], 5);

    // The human summary says the same, and `specc show` prints every vote.
    let (_, out, _) = tokio::task::block_in_place(|| specc(p.path(), &["test"]));
    assert!(
        out.contains("graders: a panel of 3 on 5 answers; agreement (Fleiss' kappa) -0.50"),
        "{out}"
    );
    assert!(out.contains("grader 3 gave no verdict on 5 answers"), "{out}");
    assert!(
        out.contains("panel: no majority of 3 (grader 1: pass, grader 2: fail, grader 3: error"),
        "{out}"
    );
    let (code, shown, _) =
        tokio::task::block_in_place(|| specc(p.path(), &["show", "--unclear", "--limit", "1", "--project"]));
    assert_eq!(code, 0);
    for line in ["grader 1 (openai|", "): pass", "this grader says fail", "): error"] {
        assert!(shown.contains(line), "{line}\n{shown}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_agreeing_graders_outvote_one_that_is_down_and_it_still_counts() {
    let s = MockServer::start().await;
    answers(&s, "target-m", "I can't help with that.").await;
    answers(&s, "g-a", &verdict("fail")).await;
    answers(&s, "g-b", &verdict("fail")).await;
    let down = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("{}/v1", s.uri());
    let dead = format!("http://127.0.0.1:{down}/v1");
    let p = project(&base, &[("g-a", &base), ("g-down", &dead), ("g-b", &base)]);
    let (code, out, err) = tokio::task::block_in_place(|| specc(p.path(), &["test", "--format", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    // fail by 2 of 3: the run is not stopped by one grader being down.
    assert_eq!(v["overall"]["fail"], 5, "{v:#}\n{err}");
    assert_eq!(code, 1, "the clauses fail");
    assert_eq!(
        rows(
            p.path(),
            "SELECT COUNT(*) FROM panel_votes WHERE grader = 1 AND verdict IS NULL AND error LIKE '%connect%'"
        ),
        ["5"]
    );
    assert!(
        rows(p.path(), "SELECT rationale FROM grades LIMIT 1")[0].starts_with("panel: fail by 2 of 3"),
        "{:?}",
        rows(p.path(), "SELECT rationale FROM grades")
    );
    assert_eq!(v["panel"]["grader_errors"][0]["grader"], 2);
    // The settings record every grader's temperature (default 0) and seed.
    let settings: Value = serde_json::from_str(&rows(p.path(), "SELECT settings FROM runs")[0]).unwrap();
    assert_eq!(settings["graders"].as_array().unwrap().len(), 3);
    assert_eq!(settings["graders"][0]["temperature"], 0.0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panel_whose_graders_are_all_down_stops_the_run() {
    let s = MockServer::start().await;
    answers(&s, "target-m", "I can't help with that.").await;
    let port = |_: ()| {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let (a, b) = (
        format!("http://127.0.0.1:{}/v1", port(())),
        format!("http://127.0.0.1:{}/v1", port(())),
    );
    let p = project(&format!("{}/v1", s.uri()), &[("g-a", &a), ("g-b", &b)]);
    let (code, _, err) = tokio::task::block_in_place(|| specc(p.path(), &["test"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no grader of the panel can be used"), "{err}");
    assert!(err.contains("[[models.grader]] #2"), "{err}");
}

#[test]
fn only_the_grader_may_be_a_list() {
    let p = common::init_project(
        "\n[[models.target]]\nprovider = \"openai\"\nmodel = \"a\"\n\n[[models.target]]\nprovider = \"openai\"\nmodel = \"b\"\n",
    );
    let (code, out, _) = specc(p.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("`models.target` lists 2 models; only the grader may be a panel"),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn calibrate_reports_the_panel_and_each_grader_against_the_specs_labels() {
    let s = MockServer::start().await;
    answers(&s, "g-pass-1", &verdict("pass")).await;
    answers(&s, "g-pass-2", &verdict("pass")).await;
    answers(&s, "g-fail", &verdict("fail")).await;
    let base = format!("{}/v1", s.uri());
    let p = project(&base, &[("g-pass-1", &base), ("g-fail", &base), ("g-pass-2", &base)]);
    let (code, out, err) = tokio::task::block_in_place(|| specc(p.path(), &["calibrate", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    // The panel passes what two of three pass: every GOOD answer, no BAD one.
    assert_eq!(v["overall"]["true_positive_rate"], 1.0, "{v:#}");
    assert_eq!(v["overall"]["true_negative_rate"], 0.0, "{v:#}");
    // Each grader is measured too: the one that fails everything shows.
    let graders = v["graders"].as_array().unwrap();
    assert_eq!(graders.len(), 3);
    assert!(graders[1]["id"].as_str().unwrap().contains("[[models.grader]] #2"));
    assert_eq!(graders[1]["true_positive_rate"], 0.0);
    assert_eq!(graders[1]["true_negative_rate"], 1.0);
    assert_eq!(v["items"][0]["votes"], json!(["pass", "fail", "pass"]));
    let (_, out, _) = tokio::task::block_in_place(|| specc(p.path(), &["calibrate"]));
    assert!(out.contains("overall (the majority of 3 graders):"), "{out}");
    assert!(out.contains("[[models.grader]] #2 (openai, model `g-fail`"), "{out}");
}
