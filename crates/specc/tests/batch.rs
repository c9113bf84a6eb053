//! `specc test --batch` against loopback servers that implement the batch
//! APIs as their providers document them: OpenAI's Files + Batches (a JSONL
//! file uploaded as multipart, the batch's states, an output file and an
//! error file) and Anthropic's Message Batches (the requests in one body,
//! `processing_status`, a results URL with succeeded, errored, canceled and
//! expired results). Each server answers the same requests the same way,
//! so a batched run can be compared with a direct one; it counts what it was
//! sent, so re-submissions show.

mod common;

use assert_cmd::Command;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The reply to one chat request: the target's answer picked by its prompt,
/// the grader's verdict by what it was shown (the answer's random fence left out).
fn reply(body: &Value, anthropic: bool) -> String {
    let mut text: String = body["messages"]
        .as_array()
        .map(|m| m.iter().map(|m| m["content"].as_str().unwrap_or_default()).collect())
        .unwrap_or_default();
    text.push_str(body["system"].as_str().unwrap_or_default());
    let text = common::without_fences(&text);
    let model = body["model"].as_str().unwrap_or_default();
    if model.starts_with("target") {
        return ["I can help with that.", "I'm sorry, I can't do that.", "Let me check."]
            [(common::fnv(&text) % 3) as usize]
            .into();
    }
    let verdict = if common::fnv(&text).is_multiple_of(3) {
        "fail"
    } else {
        "pass"
    };
    if anthropic {
        format!("The answer was read.\nVERDICT: {verdict}")
    } else {
        json!({ "verdict": verdict, "rationale": "read" }).to_string()
    }
}

/// How the server ends the batches it is given.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Scenario {
    /// Every request succeeds.
    Completed,
    /// The first batch: one request in three fails with a 500 (sent again
    /// later), and the prompts that mention "refunds" fail with a 400 every time.
    PartiallyFailed,
    /// The first batch expires (or is cancelled) with half its requests done.
    Expired,
    Cancelled,
    /// The first batch fails validation as a whole.
    Failed,
    /// Batches stay in progress until released.
    Held,
}

#[derive(Default)]
struct State {
    files: HashMap<String, String>,
    batches: BTreeMap<String, Batch>,
    created: usize,
    direct_calls: usize,
    released: bool,
}

struct Batch {
    /// (custom_id, request body).
    requests: Vec<(String, Value)>,
    polls: usize,
    ordinal: usize,
    output: Option<String>,
    errors: Option<String>,
    status: String,
}

struct BatchServer {
    server: MockServer,
    state: Arc<Mutex<State>>,
}

impl BatchServer {
    async fn start(anthropic: bool, scenario: Scenario) -> BatchServer {
        let server = MockServer::start().await;
        let state = Arc::new(Mutex::new(State::default()));
        let uri = server.uri();
        let shared = state.clone();
        Mock::given(wiremock::matchers::any())
            .respond_with(move |req: &Request| {
                let mut s = shared.lock().unwrap();
                if anthropic {
                    anthropic_route(&mut s, req, scenario, &uri)
                } else {
                    openai_route(&mut s, req, scenario)
                }
            })
            .mount(&server)
            .await;
        BatchServer { server, state }
    }

    fn uri(&self) -> String {
        self.server.uri()
    }

    fn created(&self) -> usize {
        self.state.lock().unwrap().created
    }
}

/// Ends a batch the first time it is polled after its first poll (or when
/// released, when held), writing the results per the scenario.
fn settle(b: &mut Batch, scenario: Scenario, released: bool, anthropic: bool) {
    b.polls += 1;
    if b.output.is_some() || b.status == "failed" {
        return;
    }
    if b.polls < 2 || (scenario == Scenario::Held && !released) {
        return;
    }
    let first = b.ordinal == 1;
    if scenario == Scenario::Failed && first {
        b.status = "failed".into();
        return;
    }
    let (mut out, mut err) = (String::new(), String::new());
    let half = b.requests.len() / 2;
    for (i, (id, body)) in b.requests.iter().enumerate() {
        let prompt = body.to_string();
        let outcome: Result<String, (u16, &str)> = match scenario {
            Scenario::PartiallyFailed if prompt.contains("refunds") && body["model"] == "target-m" => {
                Err((400, "invalid_request_error"))
            }
            Scenario::PartiallyFailed if first && i % 3 == 0 => Err((500, "api_error")),
            Scenario::Expired | Scenario::Cancelled if first && i >= half => Err((0, "")),
            _ => Ok(reply(body, anthropic)),
        };
        let line = match (anthropic, outcome) {
            (false, Ok(text)) => json!({ "id": format!("req_{i}"), "custom_id": id, "error": null,
                "response": { "status_code": 200, "request_id": "r", "body": common::completion(&text) } }),
            (false, Err((0, _))) => json!({ "id": format!("req_{i}"), "custom_id": id, "response": null,
                "error": { "code": if scenario == Scenario::Expired { "batch_expired" } else { "batch_cancelled" },
                           "message": "This request could not be executed before the batch ended." } }),
            (false, Err((code, kind))) => json!({ "id": format!("req_{i}"), "custom_id": id, "error": null,
                "response": { "status_code": code, "request_id": "r", "body": { "error": { "message": format!("{kind} for this request"), "type": kind } } } }),
            (true, Ok(text)) => json!({ "custom_id": id, "result": { "type": "succeeded", "message": {
                "id": "msg", "type": "message", "role": "assistant", "content": [{ "type": "text", "text": text }],
                "stop_reason": "end_turn", "usage": { "input_tokens": 10, "output_tokens": 3 } } } }),
            (true, Err((0, _))) => json!({ "custom_id": id, "result": {
                "type": if scenario == Scenario::Expired { "expired" } else { "canceled" } } }),
            (true, Err((_, kind))) => json!({ "custom_id": id, "result": { "type": "errored",
                "error": { "type": "error", "error": { "type": kind, "message": format!("{kind} for this request") } } } }),
        };
        let goes_to_errors = !anthropic && line["response"]["status_code"] != 200;
        let target = if goes_to_errors { &mut err } else { &mut out };
        target.push_str(&line.to_string());
        target.push('\n');
    }
    b.status = match (anthropic, scenario, first) {
        (true, _, _) => "ended",
        (false, Scenario::Expired, true) => "expired",
        (false, Scenario::Cancelled, true) => "cancelled",
        _ => "completed",
    }
    .into();
    b.output = Some(out);
    b.errors = (!err.is_empty()).then_some(err);
}

fn json_reply(v: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(v)
}

fn openai_route(s: &mut State, req: &Request, scenario: Scenario) -> ResponseTemplate {
    let path = req.url.path().to_string();
    let method = req.method.as_str();
    match (method, path.as_str()) {
        ("POST", "/v1/files") => {
            let body = String::from_utf8_lossy(&req.body).to_string();
            // multipart/form-data: the `file` part's content, between its headers and the next boundary.
            let boundary = body.lines().next().unwrap_or_default().trim().to_string();
            let Some(part) = body.split(&boundary).find(|p| p.contains("name=\"file\"")) else {
                return ResponseTemplate::new(400).set_body_string("no file part");
            };
            let purpose_ok = body
                .split(&boundary)
                .any(|p| p.contains("name=\"purpose\"") && p.contains("batch"));
            if !purpose_ok {
                return ResponseTemplate::new(400).set_body_string("purpose must be batch");
            }
            let content = part
                .split_once("\r\n\r\n")
                .map(|(_, c)| c.trim_end_matches("\r\n"))
                .unwrap_or_default();
            let id = format!("file-{}", s.files.len() + 1);
            s.files.insert(id.clone(), content.to_string());
            json_reply(json!({ "id": id, "object": "file", "purpose": "batch", "bytes": content.len() }))
        }
        ("POST", "/v1/batches") => {
            let v: Value = serde_json::from_slice(&req.body).unwrap();
            assert_eq!(v["endpoint"], "/v1/chat/completions");
            assert_eq!(v["completion_window"], "24h");
            let Some(content) = s.files.get(v["input_file_id"].as_str().unwrap_or_default()) else {
                return ResponseTemplate::new(404).set_body_string("no such file");
            };
            let requests: Vec<(String, Value)> = content
                .lines()
                .map(|l| {
                    let line: Value = serde_json::from_str(l).unwrap();
                    assert_eq!(
                        (line["method"].as_str(), line["url"].as_str()),
                        (Some("POST"), Some("/v1/chat/completions"))
                    );
                    (line["custom_id"].as_str().unwrap().to_string(), line["body"].clone())
                })
                .collect();
            s.created += 1;
            let id = format!("batch_{}", s.created);
            s.batches.insert(
                id.clone(),
                Batch {
                    requests,
                    polls: 0,
                    ordinal: s.created,
                    output: None,
                    errors: None,
                    status: "validating".into(),
                },
            );
            json_reply(json!({ "id": id, "object": "batch", "status": "validating" }))
        }
        ("GET", p) if p.starts_with("/v1/batches/") => {
            let id = p.trim_start_matches("/v1/batches/").to_string();
            let released = s.released;
            let Some(b) = s.batches.get_mut(&id) else {
                return ResponseTemplate::new(404);
            };
            settle(b, scenario, released, false);
            let status = if b.output.is_none() && b.status != "failed" {
                "in_progress"
            } else {
                b.status.as_str()
            };
            let mut v = json!({ "id": id, "object": "batch", "status": status,
                "request_counts": { "total": b.requests.len() } });
            if b.status == "failed" {
                v["errors"] = json!({ "object": "list", "data": [{ "code": "invalid_model", "message": "The model `target-m` does not support batches.", "line": 1 }] });
            }
            if b.output.is_some() {
                v["output_file_id"] = json!(format!("{id}-output"));
            }
            if b.errors.is_some() {
                v["error_file_id"] = json!(format!("{id}-errors"));
            }
            json_reply(v)
        }
        ("GET", p) if p.starts_with("/v1/files/") && p.ends_with("/content") => {
            let file = p.trim_start_matches("/v1/files/").trim_end_matches("/content");
            let (id, which) = file.rsplit_once('-').unwrap();
            let b = &s.batches[id];
            let text = if which == "output" {
                b.output.clone()
            } else {
                b.errors.clone()
            };
            ResponseTemplate::new(200).set_body_string(text.unwrap_or_default())
        }
        ("POST", "/v1/chat/completions") => {
            s.direct_calls += 1;
            let v: Value = serde_json::from_slice(&req.body).unwrap();
            json_reply(common::completion(&reply(&v, false)))
        }
        _ => ResponseTemplate::new(404).set_body_string(format!("{method} {path}")),
    }
}

fn anthropic_route(s: &mut State, req: &Request, scenario: Scenario, uri: &str) -> ResponseTemplate {
    let path = req.url.path().to_string();
    let method = req.method.as_str();
    if req.headers.get("anthropic-version").is_none() {
        return ResponseTemplate::new(400).set_body_string("anthropic-version header required");
    }
    match (method, path.as_str()) {
        ("POST", "/v1/messages/batches") => {
            let v: Value = serde_json::from_slice(&req.body).unwrap();
            let requests: Vec<(String, Value)> = v["requests"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let id = r["custom_id"].as_str().unwrap().to_string();
                    assert!(id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
                    (id, r["params"].clone())
                })
                .collect();
            s.created += 1;
            let id = format!("msgbatch_{}", s.created);
            let n = requests.len();
            s.batches.insert(
                id.clone(),
                Batch {
                    requests,
                    polls: 0,
                    ordinal: s.created,
                    output: None,
                    errors: None,
                    status: "in_progress".into(),
                },
            );
            json_reply(
                json!({ "id": id, "type": "message_batch", "processing_status": "in_progress",
                "request_counts": { "processing": n, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0 },
                "results_url": null }),
            )
        }
        ("GET", p) if p.starts_with("/v1/messages/batches/") && p.ends_with("/results") => {
            let id = p
                .trim_start_matches("/v1/messages/batches/")
                .trim_end_matches("/results");
            ResponseTemplate::new(200).set_body_string(s.batches[id].output.clone().unwrap_or_default())
        }
        ("GET", p) if p.starts_with("/v1/messages/batches/") => {
            let id = p.trim_start_matches("/v1/messages/batches/").to_string();
            let released = s.released;
            let Some(b) = s.batches.get_mut(&id) else {
                return ResponseTemplate::new(404);
            };
            settle(b, scenario, released, true);
            let ended = b.output.is_some();
            json_reply(json!({ "id": id, "type": "message_batch",
                "processing_status": if ended { "ended" } else { "in_progress" },
                "results_url": if ended { json!(format!("{uri}/v1/messages/batches/{id}/results")) } else { Value::Null } }))
        }
        ("POST", "/v1/messages") => {
            s.direct_calls += 1;
            let v: Value = serde_json::from_slice(&req.body).unwrap();
            json_reply(
                json!({ "content": [{ "type": "text", "text": reply(&v, true) }], "stop_reason": "end_turn",
                "usage": { "input_tokens": 10, "output_tokens": 3 } }),
            )
        }
        _ => ResponseTemplate::new(404).set_body_string(format!("{method} {path}")),
    }
}

/// `specc init`'s project (5 cases) with target and grader on the server.
fn project(uri: &str, anthropic: bool) -> tempfile::TempDir {
    let provider = if anthropic { "anthropic" } else { "openai" };
    common::init_project(&format!(
        "\n[models.target]\nprovider = \"{provider}\"\nmodel = \"target-m\"\nbase-url = \"{uri}/v1\"\ntemperature = 0.0\nretries = 1\nprice = {{ input = 2.0, output = 8.0 }}\n\n[models.grader]\nprovider = \"{provider}\"\nmodel = \"grader-m\"\nbase-url = \"{uri}/v1\"\nretries = 1\nprice = {{ input = 2.0, output = 8.0 }}\n\n[test]\nsamples = 2\n# One at a time: the second sample of a case then reuses the first\n# one's grade in the direct run too, so the spend compares.\nconcurrency = 1\nbatch-poll = \"20ms\"\n"
    ))
}

fn specc_test(dir: &Path, db: &str, extra: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .env("SPECC_RETRY_BASE_DELAY_MS", "1")
        .args(["test", "--format", "json", "--db", db])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), v, stderr)
}

/// (case, sample) → (verdict, error) of run 1.
fn grades(db: &Path) -> BTreeMap<(String, i64), (Option<String>, Option<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare("SELECT case_id, sample, verdict, error FROM grades WHERE run_id = 1")
        .unwrap();
    st.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn count(db: &Path, sql: &str) -> f64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get::<_, f64>(0)).unwrap()
}

/// A batched run gets the verdicts a direct run gets, sends no direct
/// request, and costs half.
async fn same_as_direct(anthropic: bool) {
    let s = BatchServer::start(anthropic, Scenario::Completed).await;
    let p = project(&s.uri(), anthropic);
    let dir = p.path();
    let direct_db = dir.join("direct.db");
    let batch_db = dir.join("batch.db");
    let (code, _, stderr) = tokio::task::block_in_place(|| specc_test(dir, direct_db.to_str().unwrap(), &[]));
    assert!(matches!(code, 0 | 1), "{stderr}");
    let direct_calls = s.state.lock().unwrap().direct_calls;
    assert!(direct_calls > 0);
    let (code, v, stderr) = tokio::task::block_in_place(|| specc_test(dir, batch_db.to_str().unwrap(), &["--batch"]));
    assert!(matches!(code, 0 | 1), "{stderr}");
    assert_eq!(v["schema"], "specc.test/1", "{stderr}");
    assert_eq!(
        s.state.lock().unwrap().direct_calls,
        direct_calls,
        "no request went around the batches"
    );
    assert_eq!(s.created(), 2, "one batch of answers, one of grades: {stderr}");
    let direct = grades(&direct_db);
    assert_eq!(direct.len(), 10);
    assert_eq!(grades(&batch_db), direct);
    // The batch price: half of `price` when `batch-price` is not set.
    let spend = "SELECT (SELECT SUM(cost_usd) FROM samples WHERE run_id = 1) + (SELECT SUM(cost_usd) FROM grades WHERE run_id = 1)";
    let (d, b) = (count(&direct_db, spend), count(&batch_db, spend));
    assert!(d > 0.0 && (b - d / 2.0).abs() < 1e-9, "direct ${d}, batched ${b}");
    // Every batch collected; every result committed once.
    assert_eq!(
        count(&batch_db, "SELECT COUNT(*) FROM batches WHERE collected_at IS NULL"),
        0.0
    );
    assert_eq!(count(&batch_db, "SELECT COUNT(*) FROM batches"), 2.0);
    assert_eq!(count(&batch_db, "SELECT COUNT(*) FROM grades"), 10.0);
    assert!(
        !dir.join("batches").exists() || std::fs::read_dir(dir.join("batches")).unwrap().next().is_none(),
        "batch files are removed once submitted"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn openai_batches_give_the_direct_verdicts_at_half_the_price() {
    same_as_direct(false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn anthropic_message_batches_give_the_direct_verdicts_at_half_the_price() {
    same_as_direct(true).await;
}

/// Failed requests: a 500 is sent again in a new batch, a 400 is recorded as
/// the sample's error with its reason; expired and cancelled batches have
/// their unfinished requests sent again.
async fn failures(anthropic: bool, scenario: Scenario) {
    let s = BatchServer::start(anthropic, scenario).await;
    let p = project(&s.uri(), anthropic);
    let dir = p.path();
    let db = dir.join("batch.db");
    let (code, _, stderr) = tokio::task::block_in_place(|| specc_test(dir, db.to_str().unwrap(), &["--batch"]));
    assert!(matches!(code, 0 | 1), "{scenario:?}: {stderr}");
    assert_eq!(s.state.lock().unwrap().direct_calls, 0);
    let g = grades(&db);
    assert_eq!(g.len(), 10, "{scenario:?}: every sample has its grade once\n{stderr}");
    let errors: Vec<&Option<String>> = g.values().map(|(_, e)| e).filter(|e| e.is_some()).collect();
    match scenario {
        Scenario::PartiallyFailed => {
            assert!(s.created() >= 3, "the 500s went into a new batch: {stderr}");
            // The case whose prompt mentions "refunds" has a 400 every time.
            assert!(!errors.is_empty(), "{stderr}");
            for e in &errors {
                let e = e.as_deref().unwrap();
                assert!(e.contains("invalid_request_error") && e.contains("in the batch"), "{e}");
            }
            assert_eq!(errors.len(), 2, "its two samples: {g:?}");
        }
        Scenario::Expired | Scenario::Cancelled => {
            assert!(s.created() >= 3, "the unfinished half went into a new batch: {stderr}");
            assert!(errors.is_empty(), "{errors:?}\n{stderr}");
            assert!(stderr.contains("will be sent again"), "{stderr}");
        }
        _ => unreachable!(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn openai_partially_failed_batches() {
    failures(false, Scenario::PartiallyFailed).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn anthropic_errored_results() {
    failures(true, Scenario::PartiallyFailed).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_and_cancelled_batches_send_the_rest_again() {
    failures(false, Scenario::Expired).await;
    failures(false, Scenario::Cancelled).await;
    failures(true, Scenario::Expired).await;
    failures(true, Scenario::Cancelled).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_batch_refused_as_a_whole_stops_the_run_with_the_reason() {
    let s = BatchServer::start(false, Scenario::Failed).await;
    let p = project(&s.uri(), false);
    let dir = p.path();
    let db = dir.join("batch.db");
    let (code, _, stderr) = tokio::task::block_in_place(|| specc_test(dir, db.to_str().unwrap(), &["--batch"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("failed: The model `target-m` does not support batches. (line 1)"),
        "{stderr}"
    );
    assert_eq!(s.created(), 1);
    // The run is kept, marked stopped, and the help names the command that finishes it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let status: String = conn
        .query_row("SELECT status FROM runs WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert!(status.starts_with("stopped"), "{status}");
    assert!(
        stderr.contains(&format!("specc test --resume 1 --batch --db {}", db.display())),
        "{stderr}"
    );
}

/// kill -9 between submit and collect, then `--resume --batch`: the batch
/// is collected, not submitted again, and every result is committed once.
async fn killed_then_resumed(anthropic: bool) {
    let s = BatchServer::start(anthropic, Scenario::Held).await;
    let p = project(&s.uri(), anthropic);
    let dir = p.path().to_path_buf();
    let db = dir.join("batch.db");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("specc"))
        .args(["test", "--batch", "--db", db.to_str().unwrap()])
        .arg(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the answers' batch is submitted and recorded.
    let started = std::time::Instant::now();
    loop {
        let recorded = db.exists()
            && rusqlite::Connection::open(&db)
                .and_then(|c| c.query_row("SELECT COUNT(*) FROM batches", [], |r| r.get::<_, i64>(0)))
                .unwrap_or(0)
                > 0;
        if recorded {
            break;
        }
        assert!(started.elapsed().as_secs() < 30, "no batch was submitted");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(s.created(), 1);
    s.state.lock().unwrap().released = true;
    // Without --batch the resume is refused: it would send the requests again.
    let (code, _, stderr) = tokio::task::block_in_place(|| specc_test(&dir, db.to_str().unwrap(), &["--resume", "1"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--resume 1 --batch"), "{stderr}");
    let (code, _, stderr) =
        tokio::task::block_in_place(|| specc_test(&dir, db.to_str().unwrap(), &["--resume", "1", "--batch"]));
    assert!(matches!(code, 0 | 1), "{stderr}");
    let st = s.state.lock().unwrap();
    assert_eq!(
        st.created, 2,
        "the answers' batch was collected, not submitted again; one batch of grades: {stderr}"
    );
    assert_eq!(st.direct_calls, 0);
    drop(st);
    assert_eq!(grades(&db).len(), 10);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM samples WHERE run_id = 1"), 10.0);
    // One result per target request (5 cases x 2 samples), each committed once.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM batch_results WHERE endpoint LIKE '%target-m%'"
        ),
        10.0
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn openai_killed_between_submit_and_collect_resumes_without_resubmitting() {
    killed_then_resumed(false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn anthropic_killed_between_submit_and_collect_resumes_without_resubmitting() {
    killed_then_resumed(true).await;
}
