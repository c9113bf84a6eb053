//! The providers' batch APIs (#scale): OpenAI's Files + Batches and
//! Anthropic's Message Batches. A batch is written to a file one request at
//! a time ([`BatchFile`]), uploaded and submitted ([`Client::submit_batch`]),
//! polled ([`Client::batch_state`]) and its results read back line by line
//! ([`Client::batch_results`]), so neither the requests nor the results of
//! a large batch are held in memory. [`BatchQueue`] is one endpoint's
//! requests of a round of `specc test --batch`.

use super::{Anthropic, CallError, Client, OpenAiCompatible, Request, Response, anthropic, http, openai, redact};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Which batch API an endpoint has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchKind {
    /// A JSONL file uploaded to `/files`, then `POST /batches`.
    OpenAi,
    /// `POST /messages/batches` with every request in the body.
    Anthropic,
}

impl BatchKind {
    /// The most requests one batch may hold (OpenAI: 50,000; Anthropic: 100,000).
    pub fn max_requests(self) -> usize {
        match self {
            BatchKind::OpenAi => 50_000,
            BatchKind::Anthropic => 100_000,
        }
    }

    /// The most bytes of one batch (OpenAI: a 200 MB file; Anthropic: 256 MB), with room to spare.
    pub fn max_bytes(self) -> u64 {
        match self {
            BatchKind::OpenAi => 190_000_000,
            BatchKind::Anthropic => 245_000_000,
        }
    }
}

/// Where a submitted batch is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchState {
    /// Still running: the provider's status (`validating`, `in_progress`, ...).
    Running(String),
    /// Done, one way or another: the provider's status (`completed`,
    /// `failed`, `expired`, `cancelled`, `ended`), where its results are
    /// (OpenAI: the output and error file IDs; Anthropic: the results URL),
    /// and the batch's own error, for a batch that failed as a whole.
    Ended {
        status: String,
        results: Vec<String>,
        error: Option<String>,
    },
}

/// One request's result in a batch.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchItem {
    pub custom_id: String,
    pub outcome: Result<Response, ItemError>,
}

/// Why a request in a batch has no answer.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemError {
    pub message: String,
    /// Worth sending again in a new batch (expired, cancelled, a 5xx or 429).
    pub retryable: bool,
}

/// A batch being written: one request per line, in the provider's format.
pub struct BatchFile {
    kind: BatchKind,
    path: PathBuf,
    out: std::io::BufWriter<std::fs::File>,
    requests: usize,
    bytes: u64,
}

impl BatchFile {
    pub fn create(kind: BatchKind, path: &Path) -> std::io::Result<BatchFile> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        // Anthropic takes the requests as one JSON body: the file is that body.
        if kind == BatchKind::Anthropic {
            out.write_all(b"{\"requests\":[\n")?;
        }
        Ok(BatchFile {
            kind,
            path: path.to_path_buf(),
            out,
            requests: 0,
            bytes: 0,
        })
    }

    /// Whether one more request of `size` bytes fits the provider's limits.
    pub fn has_room(&self, size: usize) -> bool {
        self.requests < self.kind.max_requests() && self.bytes + size as u64 + 16 < self.kind.max_bytes()
    }

    pub fn requests(&self) -> usize {
        self.requests
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one request line (from [`Client::batch_line`]).
    pub fn push(&mut self, line: &str) -> std::io::Result<()> {
        if self.kind == BatchKind::Anthropic && self.requests > 0 {
            self.out.write_all(b",\n")?;
        }
        self.out.write_all(line.as_bytes())?;
        if self.kind == BatchKind::OpenAi {
            self.out.write_all(b"\n")?;
        }
        self.requests += 1;
        self.bytes += line.len() as u64 + 2;
        Ok(())
    }

    /// Closes the file; returns its path.
    pub fn finish(mut self) -> std::io::Result<PathBuf> {
        if self.kind == BatchKind::Anthropic {
            self.out.write_all(b"\n]}\n")?;
        }
        self.out.flush()?;
        Ok(self.path)
    }
}

impl Client {
    /// The batch API this endpoint has, if any.
    pub fn batch_kind(&self) -> Option<BatchKind> {
        match self {
            Client::OpenAi(_) => Some(BatchKind::OpenAi),
            Client::Anthropic(_) => Some(BatchKind::Anthropic),
            _ => None,
        }
    }

    /// One request as a line of this provider's batch; `None` without a batch API.
    pub fn batch_line(&self, custom_id: &str, req: &Request) -> Option<String> {
        let v = match self {
            Client::OpenAi(c) => {
                json!({ "custom_id": custom_id, "method": "POST", "url": "/v1/chat/completions", "body": c.body(req) })
            }
            Client::Anthropic(c) => json!({ "custom_id": custom_id, "params": c.body(req) }),
            _ => return None,
        };
        Some(v.to_string())
    }

    /// Uploads and submits a finished batch file; returns the batch's ID.
    pub async fn submit_batch(&self, file: &Path) -> Result<String, CallError> {
        let result = match self {
            Client::OpenAi(c) => openai_submit(c, file).await,
            Client::Anthropic(c) => anthropic_submit(c, file).await,
            _ => Err(CallError::Fatal("this provider has no batch API".into())),
        };
        specc_diagnostics::trace!(
            "specc: submitted {} as a batch to {}: {}",
            file.display(),
            redact(&self.endpoint()),
            match &result {
                Ok(id) => id.clone(),
                Err(e) => redact(&e.to_string()),
            }
        );
        result.map_err(redacted)
    }

    /// Where a submitted batch is.
    pub async fn batch_state(&self, id: &str) -> Result<BatchState, CallError> {
        let result = match self {
            Client::OpenAi(c) => openai_state(c, id).await,
            Client::Anthropic(c) => anthropic_state(c, id).await,
            _ => Err(CallError::Fatal("this provider has no batch API".into())),
        };
        specc_diagnostics::trace!(
            "specc: batch {id}: {}",
            match &result {
                Ok(BatchState::Running(s)) => s.clone(),
                Ok(BatchState::Ended { status, .. }) => status.clone(),
                Err(e) => redact(&e.to_string()),
            }
        );
        result.map_err(redacted)
    }

    /// Reads an ended batch's results, handing each to `each` as it is read.
    pub async fn batch_results(&self, state: &BatchState, each: &mut dyn FnMut(BatchItem)) -> Result<(), CallError> {
        let BatchState::Ended { results, .. } = state else {
            return Ok(());
        };
        let mut each_redacted = |item: BatchItem| {
            each(BatchItem {
                custom_id: item.custom_id,
                outcome: match item.outcome {
                    Ok(r) => Ok(Response {
                        text: redact(&r.text),
                        ..r
                    }),
                    Err(e) => Err(ItemError {
                        message: redact(&e.message),
                        ..e
                    }),
                },
            })
        };
        for where_ in results {
            let result = match self {
                Client::OpenAi(c) => {
                    let url = format!("{}/files/{where_}/content", c.base_url);
                    let http = authorize_openai(c, c.client.get(url));
                    read_lines(http, &mut |line| each_redacted(openai_item(line))).await
                }
                Client::Anthropic(c) => {
                    let http = authorize_anthropic(c, c.client.get(where_));
                    read_lines(http, &mut |line| each_redacted(anthropic_item(line))).await
                }
                _ => Ok(()),
            };
            result.map_err(redacted)?;
        }
        Ok(())
    }
}

fn redacted(e: CallError) -> CallError {
    match e {
        CallError::Fatal(m) => CallError::Fatal(redact(&m)),
        CallError::Retryable { reason, retry_after } => CallError::Retryable {
            reason: redact(&reason),
            retry_after,
        },
    }
}

fn authorize_openai(c: &OpenAiCompatible, http: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    match &c.api_key {
        Some(key) => http.bearer_auth(key),
        None => http,
    }
}

fn authorize_anthropic(c: &Anthropic, http: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    let http = http.header("anthropic-version", "2023-06-01");
    match &c.api_key {
        Some(key) => http.header("x-api-key", key),
        None => http,
    }
}

/// The most bytes of a status reply read (not results, which are streamed).
const STATUS_CAP: usize = 1 << 20;

async fn file_body(file: &Path) -> Result<(reqwest::Body, u64), CallError> {
    let f = tokio::fs::File::open(file)
        .await
        .map_err(|e| CallError::Fatal(format!("cannot read the batch file `{}`: {e}", file.display())))?;
    let len = f.metadata().await.map(|m| m.len()).unwrap_or(0);
    Ok((reqwest::Body::from(f), len))
}

async fn openai_submit(c: &OpenAiCompatible, file: &Path) -> Result<String, CallError> {
    let (body, len) = file_body(file).await?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "batch.jsonl".into());
    let part = reqwest::multipart::Part::stream_with_length(body, len)
        .file_name(name)
        .mime_str("application/jsonl")
        .map_err(|e| CallError::Fatal(e.to_string()))?;
    let form = reqwest::multipart::Form::new()
        .text("purpose", "batch")
        .part("file", part);
    let http = authorize_openai(c, c.client.post(format!("{}/files", c.base_url)).multipart(form));
    let uploaded = http::send_for_json(http, &[], STATUS_CAP).await?;
    let Some(file_id) = uploaded["id"].as_str() else {
        return Err(CallError::Fatal(format!("the file upload returned no id: {uploaded}")));
    };
    let http = authorize_openai(
        c,
        c.client.post(format!("{}/batches", c.base_url)).json(&json!({
            "input_file_id": file_id,
            "endpoint": "/v1/chat/completions",
            "completion_window": "24h",
        })),
    );
    let created = http::send_for_json(http, &[], STATUS_CAP).await?;
    created["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| CallError::Fatal(format!("the batch was not created: {created}")))
}

async fn openai_state(c: &OpenAiCompatible, id: &str) -> Result<BatchState, CallError> {
    let http = authorize_openai(c, c.client.get(format!("{}/batches/{id}", c.base_url)));
    let v = http::send_for_json(http, &[], STATUS_CAP).await?;
    let status = v["status"].as_str().unwrap_or("unknown").to_string();
    Ok(match status.as_str() {
        "completed" | "failed" | "expired" | "cancelled" => BatchState::Ended {
            results: ["output_file_id", "error_file_id"]
                .iter()
                .filter_map(|k| v[*k].as_str().map(str::to_string))
                .collect(),
            error: v["errors"]["data"].as_array().filter(|d| !d.is_empty()).map(|d| {
                d.iter()
                    .map(|e| {
                        format!(
                            "{}{}",
                            e["message"].as_str().unwrap_or("error"),
                            e["line"].as_u64().map(|l| format!(" (line {l})")).unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
            status,
        },
        _ => BatchState::Running(status),
    })
}

/// A line of an OpenAI batch's output or error file.
fn openai_item(line: &str) -> BatchItem {
    let v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
    let custom_id = v["custom_id"].as_str().unwrap_or_default().to_string();
    let code = v["response"]["status_code"].as_u64();
    let outcome = match code {
        Some(200) => openai::read_completion(&v["response"]["body"]).map_err(|e| ItemError {
            message: e.to_string(),
            retryable: true,
        }),
        _ => {
            let message = v["error"]["message"]
                .as_str()
                .or_else(|| v["response"]["body"]["error"]["message"].as_str())
                .unwrap_or("no response")
                .to_string();
            let code_text = v["error"]["code"].as_str().unwrap_or_default();
            let retryable =
                code.is_none_or(|c| c == 429 || c >= 500) || matches!(code_text, "batch_expired" | "batch_cancelled");
            Err(ItemError {
                message: match code {
                    Some(c) => format!("HTTP {c} in the batch: {message}"),
                    None => format!("in the batch: {message}"),
                },
                retryable,
            })
        }
    };
    BatchItem { custom_id, outcome }
}

async fn anthropic_submit(c: &Anthropic, file: &Path) -> Result<String, CallError> {
    let (body, _) = file_body(file).await?;
    let http = authorize_anthropic(
        c,
        c.client
            .post(format!("{}/messages/batches", c.base_url))
            .header("content-type", "application/json")
            .body(body),
    );
    let v = http::send_for_json(http, &[529], STATUS_CAP).await?;
    v["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| CallError::Fatal(format!("the message batch was not created: {v}")))
}

async fn anthropic_state(c: &Anthropic, id: &str) -> Result<BatchState, CallError> {
    let http = authorize_anthropic(c, c.client.get(format!("{}/messages/batches/{id}", c.base_url)));
    let v = http::send_for_json(http, &[529], STATUS_CAP).await?;
    let status = v["processing_status"].as_str().unwrap_or("unknown").to_string();
    Ok(if status == "ended" {
        BatchState::Ended {
            results: v["results_url"].as_str().map(str::to_string).into_iter().collect(),
            error: None,
            status,
        }
    } else {
        BatchState::Running(status)
    })
}

/// A line of an Anthropic batch's results.
fn anthropic_item(line: &str) -> BatchItem {
    let v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
    let custom_id = v["custom_id"].as_str().unwrap_or_default().to_string();
    let result = &v["result"];
    let outcome = match result["type"].as_str() {
        Some("succeeded") => anthropic::read_message(&result["message"]).map_err(|e| ItemError {
            message: e.to_string(),
            retryable: true,
        }),
        Some("errored") => {
            let kind = result["error"]["error"]["type"]
                .as_str()
                .or_else(|| result["error"]["type"].as_str())
                .unwrap_or("error");
            let message = result["error"]["error"]["message"]
                .as_str()
                .or_else(|| result["error"]["message"].as_str())
                .unwrap_or("no message");
            Err(ItemError {
                message: format!("{kind} in the batch: {message}"),
                // An invalid request fails again; a server error may not.
                retryable: !matches!(
                    kind,
                    "invalid_request_error" | "authentication_error" | "permission_error"
                ),
            })
        }
        Some(other @ ("canceled" | "expired")) => Err(ItemError {
            message: format!("the request was {other} before it ran"),
            retryable: true,
        }),
        _ => Err(ItemError {
            message: format!(
                "an unreadable result line: {}",
                line.chars().take(200).collect::<String>()
            ),
            retryable: true,
        }),
    };
    BatchItem { custom_id, outcome }
}

/// Reads a JSONL body line by line as it arrives.
async fn read_lines(http: reqwest::RequestBuilder, each: &mut dyn FnMut(&str)) -> Result<(), CallError> {
    let mut resp = http.send().await.map_err(|e| CallError::Retryable {
        reason: format!("could not read the batch results: {e}"),
        retry_after: None,
    })?;
    let status = resp.status();
    if !status.is_success() {
        let code = status.as_u16();
        return Err(if code == 429 || status.is_server_error() {
            CallError::Retryable {
                reason: format!("HTTP {code} reading the batch results"),
                retry_after: None,
            }
        } else {
            CallError::Fatal(format!("HTTP {code} reading the batch results"))
        });
    }
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let chunk = resp.chunk().await.map_err(|e| CallError::Retryable {
            reason: format!("the batch results were cut off: {e}"),
            retry_after: None,
        })?;
        let Some(chunk) = chunk else { break };
        pending.extend_from_slice(&chunk);
        // Every whole line in the buffer, then only the unfinished one kept.
        let mut start = 0;
        while let Some(at) = pending[start..].iter().position(|b| *b == b'\n') {
            let text = String::from_utf8_lossy(&pending[start..start + at]);
            if !text.trim().is_empty() {
                each(text.trim());
            }
            start += at + 1;
        }
        pending.drain(..start);
        if pending.capacity() > 4 * pending.len().max(1 << 16) {
            pending.shrink_to(pending.len().max(1 << 16));
        }
    }
    let text = String::from_utf8_lossy(&pending);
    if !text.trim().is_empty() {
        each(text.trim());
    }
    Ok(())
}

/// The requests one endpoint defers in a round, written to batch files.
pub struct BatchQueue {
    kind: BatchKind,
    dir: PathBuf,
    /// Names the files: the endpoint's identity hashed.
    stem: String,
    inner: Mutex<Queued>,
    files: AtomicU64,
}

#[derive(Default)]
struct Queued {
    current: Option<BatchFile>,
    finished: Vec<(PathBuf, usize)>,
    /// Cache keys written this round (hashed: a run may write millions):
    /// an identical request is sent once.
    seen: HashSet<u64>,
    /// Keys written for more than one sample in this process (two samples
    /// with one answer share its grade): the first sample to read the result
    /// pays for it, the others get it free, like a cache hit.
    shared: std::collections::HashMap<u64, Option<u64>>,
    error: Option<String>,
}

impl BatchQueue {
    /// A queue for `client` writing under `dir`; `None` when the provider has
    /// no batch API (it is then called directly).
    pub fn new(client: &Client, identity: &str, dir: &Path) -> Option<BatchQueue> {
        Some(BatchQueue {
            kind: client.batch_kind()?,
            dir: dir.to_path_buf(),
            stem: format!("{:016x}", xxhash_rust::xxh3::xxh3_64(identity.as_bytes())),
            inner: Mutex::new(Queued::default()),
            files: AtomicU64::new(0),
        })
    }

    /// Writes a request for a later batch; the first error stops the run.
    pub fn defer(&self, client: &Client, custom_id: &str, req: &Request) -> Result<(), String> {
        let Some(line) = client.batch_line(custom_id, req) else {
            return Err("this provider has no batch API".into());
        };
        let mut q = self
            .inner
            .lock()
            .map_err(|_| "the batch queue is poisoned".to_string())?;
        if let Some(e) = &q.error {
            return Err(e.clone());
        }
        let hashed = xxhash_rust::xxh3::xxh3_64(custom_id.as_bytes());
        if !q.seen.insert(hashed) {
            q.shared.entry(hashed).or_insert(None);
            return Ok(());
        }
        let result = (|| -> std::io::Result<()> {
            if q.current.as_ref().is_some_and(|f| !f.has_room(line.len())) {
                let full = q.current.take().expect("checked");
                let n = full.requests();
                q.finished.push((full.finish()?, n));
            }
            if q.current.is_none() {
                let n = self.files.fetch_add(1, Ordering::Relaxed);
                let path = self.dir.join(format!("{}-{}-{n}.jsonl", self.stem, std::process::id()));
                q.current = Some(BatchFile::create(self.kind, &path)?);
            }
            q.current.as_mut().expect("just made").push(&line)
        })();
        result.map_err(|e| {
            let e = format!("cannot write the batch file in `{}`: {e}", self.dir.display());
            q.error = Some(e.clone());
            e
        })
    }

    /// Whether `claimant` (a case and sample) pays for the result of
    /// `custom_id`: yes unless another sample of this process read it first.
    /// A sample reading it again (a later round) pays again, which rewrites
    /// its own row with the same cost.
    pub fn pays(&self, custom_id: &str, claimant: &str) -> bool {
        let Ok(mut q) = self.inner.lock() else { return true };
        let key = xxhash_rust::xxh3::xxh3_64(custom_id.as_bytes());
        let me = xxhash_rust::xxh3::xxh3_64(claimant.as_bytes());
        match q.shared.get_mut(&key) {
            None => true,
            Some(first @ None) => {
                *first = Some(me);
                true
            }
            Some(Some(first)) => *first == me,
        }
    }

    /// The round's finished files and their request counts; the queue starts
    /// the next round empty.
    pub fn take_files(&self) -> Result<Vec<(PathBuf, usize)>, String> {
        let mut q = self
            .inner
            .lock()
            .map_err(|_| "the batch queue is poisoned".to_string())?;
        if let Some(e) = q.error.take() {
            return Err(e);
        }
        if let Some(f) = q.current.take() {
            let n = f.requests();
            let path = f
                .finish()
                .map_err(|e| format!("cannot write the batch file in `{}`: {e}", self.dir.display()))?;
            q.finished.push((path, n));
        }
        q.seen.clear();
        Ok(std::mem::take(&mut q.finished))
    }
}

/// How patiently batches are polled: from a second, doubling up to `max`
/// (`[test] batch-poll`, default a minute).
#[derive(Clone, Copy, Debug)]
pub struct PollPolicy {
    pub first: Duration,
    pub max: Duration,
}

impl PollPolicy {
    /// Polls from a second (or `max`, if shorter), doubling up to `max`.
    pub fn up_to(max: Duration) -> PollPolicy {
        PollPolicy {
            first: PollPolicy::default().first.min(max),
            max,
        }
    }
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            first: Duration::from_secs(1),
            max: Duration::from_secs(60),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_of_both_providers_are_read_with_their_errors() {
        let ok = openai_item(
            r#"{"id":"r1","custom_id":"a1","response":{"status_code":200,"body":{"choices":[{"message":{"content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":4,"completion_tokens":1}}},"error":null}"#,
        );
        assert_eq!(ok.custom_id, "a1");
        assert_eq!(ok.outcome.unwrap().text, "hi");
        let bad = openai_item(
            r#"{"custom_id":"a2","response":{"status_code":400,"body":{"error":{"message":"bad model"}}},"error":null}"#,
        );
        assert_eq!(
            bad.outcome,
            Err(ItemError {
                message: "HTTP 400 in the batch: bad model".into(),
                retryable: false
            })
        );
        let expired = openai_item(
            r#"{"custom_id":"a3","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}"#,
        );
        assert!(expired.outcome.unwrap_err().retryable);
        let ok = anthropic_item(
            r#"{"custom_id":"b1","result":{"type":"succeeded","message":{"content":[{"type":"text","text":"yo"}],"usage":{"input_tokens":3,"output_tokens":1}}}}"#,
        );
        assert_eq!(ok.outcome.unwrap().output_tokens, 1);
        let invalid = anthropic_item(
            r#"{"custom_id":"b2","result":{"type":"errored","error":{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: field required"}}}}"#,
        );
        assert!(!invalid.outcome.unwrap_err().retryable);
        let canceled = anthropic_item(r#"{"custom_id":"b3","result":{"type":"canceled"}}"#);
        assert_eq!(
            canceled.outcome.unwrap_err().message,
            "the request was canceled before it ran"
        );
    }

    #[test]
    fn an_anthropic_batch_file_is_one_json_body_and_an_openai_one_is_jsonl() {
        let dir = tempfile::tempdir().unwrap();
        for kind in [BatchKind::OpenAi, BatchKind::Anthropic] {
            let mut f = BatchFile::create(kind, &dir.path().join(format!("{kind:?}"))).unwrap();
            f.push(r#"{"custom_id":"a"}"#).unwrap();
            f.push(r#"{"custom_id":"b"}"#).unwrap();
            assert!(f.has_room(100));
            let text = std::fs::read_to_string(f.finish().unwrap()).unwrap();
            match kind {
                BatchKind::OpenAi => assert_eq!(text.lines().count(), 2),
                BatchKind::Anthropic => {
                    let v: Value = serde_json::from_str(&text).unwrap();
                    assert_eq!(v["requests"].as_array().unwrap().len(), 2);
                }
            }
        }
    }
}
