//! Sharded equals unsharded (#scale): the example spec run whole and as three
//! shards (`specc test --shard K/3`, one database each) against one
//! deterministic OpenAI-compatible server on 127.0.0.1, the shards joined by
//! `specc merge`; the merged run has the same verdict for every case and
//! sample, and the shards sent the same requests as the whole run.
//! Then what `specc merge` refuses, and that merging again changes nothing.

mod common;

use assert_cmd::Command;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The target answers with a word picked by the prompt; the grader passes
/// or fails by the answer it is shown, so verdicts differ between cases.
async fn deterministic_server() -> MockServer {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(|req: &Request| {
            let body: Value = serde_json::from_slice(&req.body).unwrap();
            let text: String = body["messages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["content"].as_str().unwrap_or_default())
                .collect();
            // The grader prompt fences the answer with a random nonce per request.
            let text = common::without_fences(&text);
            let reply = if body["model"] == "target-m" {
                [
                    "I can help with that.",
                    "I'm sorry, I can't do that.",
                    "Let me check your order.",
                ][(common::fnv(&text) % 3) as usize]
                    .to_string()
            } else {
                let verdict = if common::fnv(&text).is_multiple_of(4) {
                    "fail"
                } else {
                    "pass"
                };
                json!({ "verdict": verdict, "rationale": format!("judged {}", common::fnv(&text) % 1000) }).to_string()
            };
            ResponseTemplate::new(200).set_body_json(json!({
                "choices": [{ "message": { "role": "assistant", "content": reply }, "finish_reason": "stop" }],
                "usage": { "prompt_tokens": 10, "completion_tokens": 3 }
            }))
        })
        .mount(&s)
        .await;
    s
}

/// The example spec with the server as target and grader, 2 samples a case.
fn project(uri: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/support-spec");
    copy_dir(&from, tmp.path());
    let toml = tmp.path().join("specc.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str(&format!(
        "\n[models.target]\nprovider = \"openai\"\nmodel = \"target-m\"\nbase-url = \"{uri}/v1\"\ntemperature = 0.7\ntimeout = \"5s\"\nretries = 0\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{uri}/v1\"\ntemperature = 0.0\n\n[test]\nsamples = 2\n# One request at a time: two samples with one answer then share a grade\n# (a cache hit) in every run, so request counts compare.\nconcurrency = 1\n"
    ));
    std::fs::write(toml, text).unwrap();
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn specc(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = Command::cargo_bin("specc").unwrap();
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// (case, sample) → verdict of one run.
fn verdicts(db: &Path, run: i64) -> BTreeMap<(String, i64), Option<String>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare("SELECT case_id, sample, verdict FROM grades WHERE run_id = ?1")
        .unwrap();
    st.query_map([run], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Per clause: (pass, fail) of one run.
fn per_clause(db: &Path, run: i64) -> BTreeMap<Option<String>, (i64, i64)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare(
            "SELECT c.clause, SUM(g.verdict = 'pass'), SUM(g.verdict = 'fail') FROM grades g
             JOIN cases c ON c.run_id = g.run_id AND c.case_id = g.case_id WHERE g.run_id = ?1 GROUP BY c.clause",
        )
        .unwrap();
    st.query_map([run], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn case_ids(db: &Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn.prepare("SELECT case_id FROM cases").unwrap();
    st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn run_test(dir: &Path, db: &Path, extra: &[&str], env: &[(&str, &str)]) {
    let mut args = vec![
        "test",
        dir.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = specc(&args, env);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "specc test {extra:?}: {}",
        text(&out)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    assert_eq!(v["schema"], "specc.test/1");
}

#[tokio::test(flavor = "multi_thread")]
async fn three_shards_merged_equal_the_whole_run() {
    let s = deterministic_server().await;
    let p = project(&s.uri());
    let dir = p.path();
    let work = tempfile::tempdir().unwrap();
    let db = |name: &str| -> PathBuf { work.path().join(name) };

    tokio::task::block_in_place(|| run_test(dir, &db("whole.db"), &[], &[]));
    let whole_requests = s.received_requests().await.unwrap().len();
    let whole = verdicts(&db("whole.db"), 1);
    assert!(whole.len() >= 60, "{} samples", whole.len());
    let passes = whole.values().filter(|v| v.as_deref() == Some("pass")).count();
    assert!(
        passes > 0 && passes < whole.len(),
        "the server's verdicts differ between cases"
    );

    // Shards 1 and 2 by --shard; shard 3 as a Kubernetes Indexed Job would run it.
    tokio::task::block_in_place(|| {
        run_test(dir, &db("shard-1.db"), &["--shard", "1/3"], &[]);
        run_test(dir, &db("shard-2.db"), &["--shard", "2/3"], &[]);
        run_test(
            dir,
            &db("shard-3.db"),
            &["--shard-count", "3"],
            &[("JOB_COMPLETION_INDEX", "2")],
        );
    });
    let shard_requests = s.received_requests().await.unwrap().len() - whole_requests;
    assert_eq!(
        shard_requests, whole_requests,
        "the shards sent as many requests as the whole run"
    );

    // The slices are disjoint, every one holds cases, and together they are the whole.
    let slices: Vec<BTreeSet<String>> = (1..=3).map(|k| case_ids(&db(&format!("shard-{k}.db")))).collect();
    for (i, a) in slices.iter().enumerate() {
        assert!(!a.is_empty(), "shard {} is empty", i + 1);
        for b in &slices[i + 1..] {
            assert!(a.is_disjoint(b));
        }
    }
    let union: BTreeSet<String> = slices.iter().flatten().cloned().collect();
    assert_eq!(union, case_ids(&db("whole.db")));

    // Merged into the whole run's database: the same verdicts, sample by sample.
    let merge = |shards: &[&str], into: &str| {
        let mut args = vec!["merge".to_string()];
        args.extend(shards.iter().map(|s| db(s).display().to_string()));
        args.extend([
            "--into".to_string(),
            db(into).display().to_string(),
            "--format".into(),
            "json".into(),
        ]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        specc(&args, &[])
    };
    let out = merge(&["shard-2.db", "shard-1.db", "shard-3.db"], "whole.db");
    assert!(out.status.success(), "{}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["run"].as_i64(), v["new"].as_bool(), v["shards"].as_i64()),
        (Some(2), Some(true), Some(3)),
        "{v}"
    );
    assert_eq!(verdicts(&db("whole.db"), 2), whole);
    assert_eq!(per_clause(&db("whole.db"), 2), per_clause(&db("whole.db"), 1));

    // `specc compare`, `runs` and `report` read it as one whole run.
    let whole_db = db("whole.db").display().to_string();
    let out = specc(
        &[
            "compare",
            "1",
            "2",
            "--db",
            &whole_db,
            dir.to_str().unwrap(),
            "--format",
            "json",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out));
    let cmp: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    let summary = &cmp["summary"];
    assert_eq!(
        (
            summary["regressed"].as_i64(),
            summary["improved"].as_i64(),
            summary["not_comparable"].as_i64()
        ),
        (Some(0), Some(0), Some(0)),
        "{cmp:#}"
    );
    assert_eq!(
        (summary["new_failures"].as_i64(), summary["fixes"].as_i64()),
        (Some(0), Some(0)),
        "{cmp:#}"
    );
    assert!(summary["clauses"].as_i64().unwrap() >= 30, "{cmp:#}");
    let out = specc(&["runs", dir.to_str().unwrap(), "--db", &whole_db], &[]);
    let listed = text(&out);
    assert!(listed.contains("(merged from 3 shards)"), "{listed}");
    assert!(!listed.contains("partial"), "{listed}");
    let report = work.path().join("report.html");
    let out = specc(
        &[
            "report",
            dir.to_str().unwrap(),
            "2",
            "--db",
            &whole_db,
            "--out",
            report.to_str().unwrap(),
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out));

    // Merging the same shards again (one of them twice) changes nothing.
    let out = merge(&["shard-1.db", "shard-2.db", "shard-3.db", "shard-1.db"], "whole.db");
    assert!(out.status.success(), "{}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["run"].as_i64(), v["new"].as_bool()), (Some(2), Some(false)), "{v}");
    // A glob that now also names the merged database: it is skipped.
    let out = merge(&["shard-1.db", "shard-2.db", "shard-3.db", "whole.db"], "whole.db");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("skipping"), "{}", text(&out));
    let conn = rusqlite::Connection::open(db("whole.db")).unwrap();
    let runs: i64 = conn.query_row("SELECT COUNT(*) FROM runs", [], |r| r.get(0)).unwrap();
    assert_eq!(runs, 2);

    // A missing slice is named.
    let out = merge(&["shard-1.db", "shard-3.db"], "missing.db");
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out);
    assert!(
        said.contains("shard 2/3 is missing: the merge has 1/3 (`") && said.contains("shard-3.db`)"),
        "{said}"
    );
    assert!(!db("missing.db").exists() || verdicts(&db("missing.db"), 1).is_empty());

    // The same slice run twice overlaps.
    tokio::task::block_in_place(|| run_test(dir, &db("shard-2-again.db"), &["--shard", "2/3"], &[]));
    let out = merge(
        &["shard-1.db", "shard-2.db", "shard-2-again.db", "shard-3.db"],
        "overlap.db",
    );
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out);
    assert!(
        said.contains("both hold shard 2/3") && said.contains("shard-2-again.db"),
        "{said}"
    );

    // Other settings: the setting is named with both values.
    tokio::task::block_in_place(|| {
        run_test(
            dir,
            &db("shard-2-one-sample.db"),
            &["--shard", "2/3", "--samples", "1"],
            &[],
        )
    });
    let out = merge(&["shard-1.db", "shard-2-one-sample.db", "shard-3.db"], "settings.db");
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out);
    assert!(said.contains("the setting `samples` differs (2 / 1)"), "{said}");

    // Another version of the spec.
    let clause_file = dir.join("spec").join(
        std::fs::read_dir(dir.join("spec"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .file_name(),
    );
    let mut spec = std::fs::read_to_string(&clause_file).unwrap();
    spec.push_str("\nOne more sentence of explanation.\n");
    std::fs::write(&clause_file, spec).unwrap();
    tokio::task::block_in_place(|| run_test(dir, &db("shard-3-edited.db"), &["--shard", "3/3"], &[]));
    let out = merge(&["shard-1.db", "shard-2.db", "shard-3-edited.db"], "edited.db");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("the spec (its content hash) differs"),
        "{}",
        text(&out)
    );

    // A whole run is not a shard.
    let out = merge(&["shard-1.db", "shard-2.db", "shard-3.db", "missing-file.db"], "x.db");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("missing-file.db"), "{}", text(&out));
}

#[test]
fn a_shard_that_cannot_be_is_refused_before_any_request() {
    let p = project("http://127.0.0.1:9");
    let dir = p.path().to_str().unwrap();
    for (args, env, said) in [
        (vec!["--shard", "4/3"], vec![], "shard 4/3 does not exist"),
        (vec!["--shard", "two"], vec![], "write K/N"),
        (vec!["--shard-count", "3"], vec![], "needs JOB_COMPLETION_INDEX"),
        (
            vec!["--shard-count", "3"],
            vec![("JOB_COMPLETION_INDEX", "3")],
            "JOB_COMPLETION_INDEX is 3, but with --shard-count 3 it runs from 0 to 2",
        ),
        (
            vec!["--shard-count", "3"],
            vec![("JOB_COMPLETION_INDEX", "x")],
            "not a number",
        ),
    ] {
        let mut a = vec!["test", dir];
        a.extend(args.iter());
        let out = specc(&a, &env);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains(said), "{args:?}: {}", text(&out));
    }
}
