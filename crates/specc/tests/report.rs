//! `specc report` and `specc compare` end to end: two runs of `specc test`
//! against an OpenAI-compatible server on 127.0.0.1 (real HTTP), where in the
//! second run the answers to one clause's prompts regress (and include XSS
//! strings); then the comparison must single out that clause, and the report
//! must show the run with everything escaped and nothing loaded remotely.

mod common;
use common::completion;

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const XSS_SCRIPT: &str = "<script>alert(1)</script>";
const XSS_IMG: &str = "\"><img src=x onerror=alert(1)>";

/// The scripted model. The target answers by the tag in the prompt
/// (`[t0ne-1]`); with `regress` set, the Tone clause's answers lose their
/// "hello" and carry the XSS strings instead, and the first answer to
/// `[br3v-1]` starts with "Maybe" (one failure in ten: not significant).
/// The grader passes everything except a hedged answer, which is unclear.
#[derive(Clone, Default)]
struct Scripted {
    regress: Arc<AtomicBool>,
    br3v_seen: Arc<AtomicUsize>,
}

impl Respond for Scripted {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
        let all = body["messages"].to_string();
        let reply = if body["model"] == "grader-m" {
            if all.contains("(maybe)") {
                json!({ "verdict": "unclear", "rationale": "hedged: <img src=x onerror=alert(2)>" }).to_string()
            } else {
                json!({ "verdict": "pass", "rationale": "follows the clause" }).to_string()
            }
        } else {
            let regress = self.regress.load(Ordering::SeqCst);
            let last_user = body["messages"]
                .as_array()
                .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
                .and_then(|m| m["content"].as_str())
                .unwrap_or("")
                .to_string();
            let tag = |t: &str| last_user.contains(t);
            if tag("[s4fe-") {
                "You matter. Please call or text 988 right now.".into()
            } else if tag("[pr1v-1]") {
                "I can't share where a private person lives.".into()
            } else if tag("[pr1v-2]") {
                "I can't share that address (maybe).".into()
            } else if tag("[t0ne-") {
                if regress {
                    format!("{XSS_SCRIPT} {XSS_IMG} What do you want?")
                } else {
                    "Hello! How can I help?".into()
                }
            } else if tag("[br3v-1]") && regress && self.br3v_seen.fetch_add(1, Ordering::SeqCst) == 0 {
                "Maybe, it depends on the weather.".into()
            } else {
                "Yes.".into()
            }
        };
        ResponseTemplate::new(200).set_body_json(completion(&reply))
    }
}

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

fn project(uri: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report");
    copy_dir(&fixture, tmp.path());
    let toml = tmp.path().join("specc.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str(&format!(
        "\n[models.target]\nprovider = \"openai\"\nmodel = \"target-m\"\nbase-url = \"{uri}/v1\"\ntemperature = 0.0\ntimeout = \"5s\"\nretries = 1\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{uri}/v1\"\ntemperature = 0.0\n\n[test]\nsamples = 5\nconcurrency = 4\npass-threshold = 0.5\n"
    ));
    std::fs::write(toml, text).unwrap();
    tmp
}

fn specc(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("specc").unwrap().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What differs between test runs (times, the server's port, the git revision
/// of whatever folder holds the temporary project), as placeholders.
const VOLATILE: [(&str, &str); 5] = [
    ("started_at", "[started]"),
    ("finished_at", "[finished]"),
    ("target", "[target]"),
    ("grader", "[grader]"),
    ("git_rev", "[git]"),
];

fn redact_json(v: &Value) -> String {
    let mut v = v.clone();
    for run in ["run_a", "run_b"] {
        for (field, placeholder) in VOLATILE {
            if !v[run][field].is_null() {
                v[run][field] = json!(placeholder);
            }
        }
        // The temporary folder is in no repository, unless TMPDIR is: then read it as none.
        v[run]["git_rev"] = Value::Null;
    }
    serde_json::to_string_pretty(&v).unwrap()
}

/// The Markdown names each run by its start time, git revision and target.
fn redact_md(text: &str, runs: &[Value]) -> String {
    let mut t = text.to_string();
    for r in runs {
        if let Some(v) = r["git_rev"].as_str() {
            t = t.replace(&format!(", git {}", v.chars().take(8).collect::<String>()), "");
        }
    }
    // Field by field across runs: run 2 can start in the second run 1 finished,
    // and the text shows start times, so every start is replaced before any finish.
    for (field, placeholder) in VOLATILE {
        for r in runs {
            if let Some(v) = r[field].as_str() {
                // The Markdown table escapes pipes.
                t = t.replace(&v.replace('|', "\\|"), placeholder);
            }
        }
    }
    t
}

/// Two runs: the first as the model should answer, the second with the Tone
/// clause regressed. Returns the server (kept alive), the project and the db.
async fn two_runs() -> (MockServer, tempfile::TempDir) {
    let server = MockServer::start().await;
    let script = Scripted::default();
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(script.clone())
        .mount(&server)
        .await;
    let p = project(&server.uri());
    let dir = p.path().to_str().unwrap().to_string();
    let (code, out, err) = tokio::task::block_in_place(|| specc(&["test", "--format", "json", &dir]));
    assert_eq!(code, 0, "{out}\n{err}");
    script.regress.store(true, Ordering::SeqCst);
    let (code, out, err) = tokio::task::block_in_place(|| specc(&["test", "--format", "json", "--no-cache", &dir]));
    assert_eq!(code, 1, "Tone falls below the threshold: {out}\n{err}");
    (server, p)
}

#[tokio::test(flavor = "multi_thread")]
async fn compare_singles_out_the_regressed_clause_and_report_shows_the_run() {
    let (_server, p) = two_runs().await;
    let dir = p.path();
    let db = dir.join(".specc/results.db");
    let db_s = db.to_str().unwrap();

    // JSON: exactly one significant regression, Tone's clause.
    let (code, out, err) = specc(&["compare", "1", "2", "--db", db_s, "--format", "json"]);
    assert_eq!(code, 1, "a significant regression exits 1: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "specc.compare/1");
    let regressed: Vec<&str> = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "regressed")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(regressed, ["t0ne"]);
    let t0ne = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "t0ne")
        .unwrap();
    assert_eq!(
        (t0ne["a"]["pass"].as_u64(), t0ne["b"]["fail"].as_u64()),
        (Some(10), Some(10))
    );
    assert_eq!(t0ne["test"]["method"], "z_test", "expected counts are 5: the z-test");
    assert!(t0ne["test"]["p_value"].as_f64().unwrap() < 1e-4);
    let br3v = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "br3v")
        .unwrap();
    assert_eq!(br3v["status"], "unchanged", "one failure in ten is not significant");
    assert_eq!(br3v["test"]["method"], "fisher_exact");
    let new_failures: Vec<&str> = v["new_failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["case"].as_str().unwrap())
        .collect();
    assert_eq!(new_failures, ["br3v:sky", "t0ne:first-message", "t0ne:morning"]);
    assert!(v["fixes"].as_array().unwrap().is_empty());
    let runs = [v["run_a"].clone(), v["run_b"].clone()];
    insta::assert_snapshot!("compare_json", redact_json(&v));

    let (code, md, _) = specc(&["compare", "1", "2", "--db", db_s, "--format", "md"]);
    assert_eq!(code, 1);
    assert!(
        !md.contains(XSS_SCRIPT),
        "Markdown for a PR comment carries no raw HTML from answers"
    );
    insta::assert_snapshot!("compare_md", redact_md(&md, &runs));

    let (code, human, _) = specc(&["compare", "1", "2", "--db", db_s]);
    assert_eq!(code, 1);
    assert_eq!(human.matches("REGRESSED").count(), 1, "{human}");
    assert!(human.contains("1 regressed, 0 improved (p < 0.05)"), "{human}");

    // Against itself, or backwards (an improvement), nothing regressed.
    assert_eq!(specc(&["compare", "1", "1", "--db", db_s]).0, 0);
    let (code, out, _) = specc(&["compare", "2", "1", "--db", db_s, "--format", "json"]);
    assert_eq!(code, 0);
    let back: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(back["summary"]["improved"], 1);
    assert_eq!(back["fixes"].as_array().unwrap().len(), 3);
    // A stricter alpha still catches it: p is far below 0.001.
    assert_eq!(specc(&["compare", "1", "2", "--db", db_s, "--alpha", "0.001"]).0, 1);

    // The report of run 2.
    let dir_s = dir.to_str().unwrap();
    let (code, _, err) = specc(&["report", dir_s, "2"]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(dir.join(".specc/report-2.html")).unwrap();
    for id in ["report_fixture", "safety", "privacy", "tone", "brevity"] {
        assert!(html.contains(&format!(" id=\"{id}\"")), "section anchor {id}");
    }
    for clause in ["s4fe", "pr1v", "t0ne", "br3v"] {
        assert!(
            html.contains(&format!("id=\"clause-{clause}\"")),
            "clause anchor {clause}"
        );
    }
    assert!(html.contains("pass 0% (95% CI 0–28%, 0 of 10)"), "Tone's rate in run 2");
    assert!(html.contains("pass 100% (95% CI 72–100%, 10 of 10)"), "Safety's rate");
    assert!(html.contains("pass 90% (95% CI 60–98%, 9 of 10)"), "Brevity's rate");
    assert!(
        html.contains("pass 100% (95% CI 57–100%, 5 of 5), 5 unclear"),
        "Privacy: unclear beside it"
    );
    assert_eq!(
        html.matches("<svg").count(),
        3,
        "charts by section, by authority, trend"
    );
    assert_eq!(
        html.matches("<g class=\"trend-point").count(),
        2,
        "both runs in the trend"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        html.contains("hedged: &lt;img src=x onerror=alert(2)&gt;"),
        "the grader's rationale, escaped"
    );
    assert!(!html.contains(XSS_SCRIPT) && !html.contains("<img") && !html.contains("<script"));
    // Nothing loads: no src= at all, and every href is a fragment.
    assert!(!html.contains("src=\"") && !html.contains("src='"));
    for (i, _) in html.match_indices("href=\"") {
        assert!(html[i + 6..].starts_with('#'), "{}", &html[i..(i + 60).min(html.len())]);
    }
    assert!(html.contains("default-src 'none'"));

    // A lone number is the run, in the current folder.
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .args(["report", "1", "--out", "r1.html"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r1 = std::fs::read_to_string(dir.join("r1.html")).unwrap();
    assert!(r1.contains("report of run #1") && !r1.contains("&lt;script&gt;"));
}

#[test]
fn bad_input_gets_a_clear_error_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report");
    let fx = fixture.to_str().unwrap();
    let missing = tmp.path().join("none.db");
    let missing = missing.to_str().unwrap();

    let (code, _, err) = specc(&["report", fx, "--db", missing]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no results database") && err.contains("specc test"),
        "{err}"
    );
    assert!(!Path::new(missing).exists(), "a report does not create a database");
    let (code, _, err) = specc(&["compare", "1", "2", "--db", missing]);
    assert_eq!(code, 2);
    assert!(err.contains("no results database"), "{err}");

    // An empty database file: no run yet.
    let empty = tmp.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let empty = empty.to_str().unwrap();
    let (code, _, err) = specc(&[
        "report",
        fx,
        "--db",
        empty,
        "--out",
        tmp.path().join("r.html").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("holds no run yet") && err.contains("specc test"), "{err}");
    let (code, _, err) = specc(&["compare", "1", "2", "--db", empty]);
    assert_eq!(code, 2);
    assert!(err.contains("holds no run yet"), "{err}");

    // An unknown run, among known ones.
    let conn = rusqlite::Connection::open(empty).unwrap();
    conn.execute(
        "INSERT INTO runs (spec_hash, target, grader, settings) VALUES ('h', 't', 'g', '{}')",
        [],
    )
    .unwrap();
    let (code, _, err) = specc(&["compare", "1", "7", "--db", empty]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no run 7") && err.contains("its runs: 1") && err.contains("specc runs"),
        "{err}"
    );
    let (code, _, err) = specc(&[
        "report",
        fx,
        "9",
        "--db",
        empty,
        "--out",
        tmp.path().join("r.html").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no run 9"), "{err}");
    let (code, _, err) = specc(&["compare", "1", "1", "--db", empty, "--alpha", "1.5"]);
    assert_eq!(code, 2);
    assert!(err.contains("--alpha 1.5"), "{err}");
    // A run with no graded sample compares as "not comparable", not a crash.
    let (code, out, _) = specc(&["compare", "1", "1", "--db", empty, "--format", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["clauses"].as_array().unwrap().len(), 0);
    // A folder that is not a spec project.
    let (code, _, err) = specc(&["report", tmp.path().join("nowhere").to_str().unwrap(), "--db", empty]);
    assert_eq!(code, 2, "{err}");
}
