//! Model providers (#providers). [`Client`] is what the runner, calibration
//! and `--deep` call, without knowing which provider it holds: the
//! OpenAI-compatible Chat Completions API (`openai.rs`: OpenAI, Azure OpenAI,
//! vLLM, llama.cpp, Ollama, LM Studio), Anthropic's Messages API
//! (`anthropic.rs`), any command (`exec.rs`), any HTTP endpoint with a request
//! template (`http.rs`, which also holds the HTTP transport the others share),
//! and a deterministic in-process fake for unit tests (`fake.rs`).
//!
//! Calls are classified as retryable (429, 5xx, timeouts, resets, malformed or
//! truncated bodies) or not, and [`call_with_retries`] backs off exponentially
//! with jitter, honouring `Retry-After`. API keys travel only in the request
//! header: no error message, log line or stored setting contains one.

mod anthropic;
mod batch;
mod exec;
mod fake;
mod http;
mod openai;

pub use anthropic::Anthropic;
pub use batch::{BatchFile, BatchItem, BatchKind, BatchQueue, BatchState, ItemError, PollPolicy};
pub use exec::Exec;
pub use fake::Fake;
pub use http::HttpTemplate;
pub use openai::OpenAiCompatible;

use crate::messages::ChatMessage;
use serde_json::Value;
use std::time::Duration;

/// Every HTTP client starts here: rustls' ring provider is installed once per
/// process first (reqwest is built without a provider of its own, and its
/// builder panics without one).
pub fn client_builder() -> reqwest::ClientBuilder {
    static PROVIDER: std::sync::Once = std::sync::Once::new();
    PROVIDER.call_once(|| {
        // An error means another provider is installed already, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::Client::builder()
}

/// What to send.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub messages: Vec<ChatMessage>,
    pub temperature: Option<f64>,
    pub max_tokens: Option<u64>,
    /// Sent where the provider takes one (OpenAI-compatible servers), so a
    /// grader's borderline verdicts repeat.
    pub seed: Option<i64>,
    /// A JSON schema the reply must follow (structured output), for the grader.
    pub json_schema: Option<Value>,
    /// The most bytes read of a reply; `None`: [`DEFAULT_MAX_RESPONSE_BYTES`].
    pub max_response_bytes: Option<u64>,
}

/// A model's reply is cut off (and the call fails) past this many bytes
/// unless `max-response-bytes` says otherwise: a server that streams without
/// end must not fill memory, the database or the grader's prompt.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 4 * 1024 * 1024;

impl Request {
    /// The reply size limit in bytes.
    pub fn response_cap(&self) -> usize {
        usize::try_from(self.max_response_bytes.unwrap_or(DEFAULT_MAX_RESPONSE_BYTES)).unwrap_or(usize::MAX)
    }
}

/// The error of a reply over the limit: fatal (a retry would get the same),
/// and the sample records it instead of the answer.
pub(crate) fn too_large(cap: usize) -> CallError {
    CallError::Fatal(format!(
        "the reply was truncated: it is over the limit of {cap} bytes (raise `max-response-bytes` of the model if such replies are expected)"
    ))
}

/// What came back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Response {
    pub text: String,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub finish_reason: Option<String>,
}

/// Why a call failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CallError {
    #[error("{reason} (retryable)")]
    Retryable {
        reason: String,
        retry_after: Option<Duration>,
    },
    #[error("{0}")]
    Fatal(String),
}

/// A configured provider.
pub enum Client {
    OpenAi(OpenAiCompatible),
    Anthropic(Anthropic),
    Exec(Exec),
    Http(HttpTemplate),
    /// In-process and deterministic: for unit tests of whatever calls a model.
    Fake(Fake),
}

impl Client {
    /// One request. Whatever comes back, answer or error, has every
    /// configured secret redacted ([`redact`]): a server may echo a key.
    pub async fn call(&self, req: &Request) -> Result<Response, CallError> {
        let started = std::time::Instant::now();
        let result = match self {
            Client::OpenAi(c) => c.call(req).await,
            Client::Anthropic(c) => c.call(req).await,
            Client::Exec(c) => c.call(req).await,
            Client::Http(c) => c.call(req).await,
            Client::Fake(c) => c.call(req),
        };
        if specc_diagnostics::verbose() {
            let outcome = match &result {
                Ok(r) => format!("{} + {} tokens", r.input_tokens, r.output_tokens),
                Err(e) => e.to_string(),
            };
            // The endpoint, never a header: keys travel only in headers.
            eprintln!(
                "specc: {} ({} messages): {} in {} ms",
                redact(&self.endpoint()),
                req.messages.len(),
                redact(&outcome),
                started.elapsed().as_millis()
            );
        }
        match result {
            Ok(r) => Ok(Response {
                text: redact(&r.text),
                ..r
            }),
            Err(CallError::Fatal(m)) => Err(CallError::Fatal(redact(&m))),
            Err(CallError::Retryable { reason, retry_after }) => Err(CallError::Retryable {
                reason: redact(&reason),
                retry_after,
            }),
        }
    }

    /// Where requests go, for `-v`.
    pub fn endpoint(&self) -> String {
        match self {
            Client::OpenAi(c) => format!("POST {}/chat/completions model {}", c.base_url, c.model),
            Client::Anthropic(c) => format!("POST {}/messages model {}", c.base_url, c.model),
            Client::Exec(c) => format!("exec {}", c.command.first().map(String::as_str).unwrap_or_default()),
            Client::Http(c) => format!("POST {}", c.url),
            Client::Fake(_) => "fake".into(),
        }
    }

    /// Whether the provider enforces a JSON schema on replies (the grader then
    /// asks for a verdict object; otherwise for a final `VERDICT:` line).
    pub fn structured_output(&self) -> bool {
        match self {
            Client::OpenAi(_) => true,
            Client::Fake(f) => f.structured,
            _ => false,
        }
    }
}

/// The secrets of this process's endpoints: API keys and credential headers.
static SECRETS: std::sync::RwLock<Vec<String>> = std::sync::RwLock::new(Vec::new());

/// What [`redact`] puts in a secret's place.
pub const REDACTED: &str = "[redacted]";

/// Remembers a secret, so [`redact`] hides it wherever it shows up. Values
/// too short to be a credential are not taken (they would redact words).
pub fn register_secret(secret: &str) {
    let secret = secret.trim();
    if secret.len() < 8 {
        return;
    }
    if let Ok(mut all) = SECRETS.write()
        && !all.iter().any(|s| s == secret)
    {
        all.push(secret.to_string());
        // Longest first, so a key that contains another is hidden whole.
        all.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }
}

/// `text` with every registered secret replaced by [`REDACTED`].
pub fn redact(text: &str) -> String {
    let Ok(all) = SECRETS.read() else {
        return text.to_string();
    };
    let mut out = text.to_string();
    for s in all.iter() {
        if out.contains(s.as_str()) {
            out = out.replace(s.as_str(), REDACTED);
        }
    }
    out
}

fn retryable(reason: String) -> CallError {
    CallError::Retryable {
        reason,
        retry_after: None,
    }
}

impl CallError {
    /// Whether the failure says the endpoint cannot be used at all, rather
    /// than that this one request failed: nothing listens, the connection
    /// timed out, the command cannot start, or the server refuses every
    /// request alike (401 and 403: the key; 404: the path or the model).
    pub fn unreachable(&self) -> bool {
        let reason = match self {
            CallError::Retryable { reason, .. } => reason,
            CallError::Fatal(reason) => reason,
        };
        [
            "could not connect",
            "timed out",
            "cannot start",
            "HTTP 401",
            "HTTP 403",
            "HTTP 404",
        ]
        .iter()
        .any(|p| reason.starts_with(p))
    }
}

/// What a failed call says in results: the reason, and whether retries ran out.
pub fn describe(e: &CallError) -> String {
    match e {
        CallError::Retryable { reason, .. } => format!("{reason} (retries exhausted)"),
        CallError::Fatal(r) => r.clone(),
    }
}

/// How often and how patiently to retry.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    pub retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

/// The delay before retry `attempt` (0-based): exponential with jitter, or the
/// server's `Retry-After` when it gave one (capped at the policy's maximum).
pub fn backoff(policy: &RetryPolicy, attempt: u32, retry_after: Option<Duration>, rng: &mut fastrand::Rng) -> Duration {
    if let Some(ra) = retry_after {
        return ra.min(policy.max_delay);
    }
    let exp = policy.base_delay.saturating_mul(1u32 << attempt.min(16));
    let jitter = Duration::from_millis(rng.u64(..=exp.as_millis().min(1000) as u64 / 2));
    (exp + jitter).min(policy.max_delay)
}

/// Calls with retries; returns the last error when they run out, and the
/// number of attempts made.
pub async fn call_with_retries(p: &Client, req: &Request, policy: &RetryPolicy) -> (Result<Response, CallError>, u32) {
    let mut rng = fastrand::Rng::new();
    let mut attempt = 0;
    loop {
        match p.call(req).await {
            Ok(r) => return (Ok(r), attempt + 1),
            Err(CallError::Retryable { reason, retry_after }) if attempt < policy.retries => {
                let _ = reason;
                tokio::time::sleep(backoff(policy, attempt, retry_after, &mut rng)).await;
                attempt += 1;
            }
            Err(e) => return (Err(e), attempt + 1),
        }
    }
}

/// A conversation with every role the providers map (system, developer,
/// user, a tool result as user text), for their tests.
#[cfg(test)]
pub(crate) fn test_request() -> Request {
    Request {
        messages: vec![
            crate::messages::ChatMessage {
                role: crate::messages::ChatRole::System,
                content: "S".into(),
            },
            crate::messages::ChatMessage {
                role: crate::messages::ChatRole::Developer,
                content: "D".into(),
            },
            crate::messages::ChatMessage {
                role: crate::messages::ChatRole::User,
                content: "one".into(),
            },
            crate::messages::ChatMessage {
                role: crate::messages::ChatRole::User,
                content: "[result from browser]\ntwo".into(),
            },
        ],
        temperature: Some(0.5),
        max_tokens: None,
        seed: None,
        json_schema: None,
        max_response_bytes: None,
    }
}

#[cfg(test)]
mod tls_tests {
    /// reqwest has no crypto provider of its own here: without the one
    /// `client_builder` installs, building a client panics.
    #[test]
    fn clients_build_with_the_ring_provider_installed() {
        for _ in 0..2 {
            assert!(super::client_builder().build().is_ok());
        }
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }
}
