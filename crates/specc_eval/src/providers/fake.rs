//! A deterministic in-process provider: a function from the request to the
//! reply, and a log of every request it was sent. Unit tests of the runner,
//! calibration and precedents run on it without a subprocess or a socket; the
//! loopback tests of the other providers keep testing the real HTTP path.

use super::{CallError, Request, Response};
use std::sync::{Arc, Mutex};

type Respond = dyn Fn(&Request) -> Result<Response, CallError> + Send + Sync;

/// A fake model. Clones share the log, so a test keeps one to read it after
/// handing the other to an endpoint.
#[derive(Clone)]
pub struct Fake {
    respond: Arc<Respond>,
    /// Whether it claims to enforce a JSON schema (the grader then asks for a
    /// verdict object instead of a final `VERDICT:` line).
    pub structured: bool,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Fake {
    /// Replies with whatever `respond` returns for each request.
    pub fn new(respond: impl Fn(&Request) -> Result<Response, CallError> + Send + Sync + 'static) -> Fake {
        Fake {
            respond: Arc::new(respond),
            structured: false,
            log: Arc::default(),
        }
    }

    /// Always the same text.
    pub fn replying(text: &str) -> Fake {
        let text = text.to_string();
        Fake::new(move |_| Ok(Fake::text(&text)))
    }

    /// A reply of `text` with token counts from its length (4 bytes a token).
    pub fn text(text: &str) -> Response {
        Response {
            text: text.to_string(),
            input_tokens: 10,
            output_tokens: text.len().div_ceil(4) as u64,
            finish_reason: Some("stop".into()),
        }
    }

    /// Claims structured output.
    pub fn structured(mut self) -> Fake {
        self.structured = true;
        self
    }

    /// Every request sent so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// How many requests it was sent.
    pub fn calls(&self) -> usize {
        self.log.lock().map(|l| l.len()).unwrap_or_default()
    }

    pub(super) fn call(&self, req: &Request) -> Result<Response, CallError> {
        if let Ok(mut log) = self.log.lock() {
            log.push(req.clone());
        }
        (self.respond)(req)
    }
}
