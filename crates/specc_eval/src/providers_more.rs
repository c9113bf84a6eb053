//! The other providers of #providers: Anthropic's Messages API, `exec` (any
//! command: the conversation as JSON on stdin, the answer on stdout) and `http`
//! (a request template and a JSON path to the answer), and [`Client`], which
//! the runner calls without knowing which one it has.

use crate::messages::ChatRole;
use crate::provider::{CallError, OpenAiCompatible, Request, Response, send_for_json};
use serde_json::{Value, json};
use std::time::Duration;

/// Anthropic's Messages API (or a compatible server).
pub struct Anthropic {
    client: reqwest::Client,
    base_url: String,
    model: String,
    api_key: Option<String>,
}

impl Anthropic {
    pub fn new(base_url: &str, model: &str, api_key: Option<String>, timeout: Duration) -> Self {
        Anthropic {
            client: reqwest::Client::builder().timeout(timeout).build().unwrap_or_default(),
            base_url: base_url.trim_end_matches('/').to_string(),
            model: model.to_string(),
            api_key,
        }
    }

    /// The request body: system and developer messages become the `system`
    /// text, in order; consecutive turns of one role are joined, as the API
    /// requires alternating roles.
    pub fn body(&self, req: &Request) -> Value {
        let mut system = Vec::new();
        let mut turns: Vec<(&str, String)> = Vec::new();
        for m in &req.messages {
            let role = match m.role {
                ChatRole::System | ChatRole::Developer => {
                    system.push(m.content.clone());
                    continue;
                }
                ChatRole::User => "user",
                ChatRole::Assistant => "assistant",
            };
            match turns.last_mut() {
                Some((r, text)) if *r == role => {
                    text.push_str("\n\n");
                    text.push_str(&m.content);
                }
                _ => turns.push((role, m.content.clone())),
            }
        }
        let messages: Vec<Value> = turns
            .into_iter()
            .map(|(r, c)| json!({ "role": r, "content": c }))
            .collect();
        let mut body =
            json!({ "model": self.model, "max_tokens": req.max_tokens.unwrap_or(1024), "messages": messages });
        if !system.is_empty() {
            body["system"] = json!(system.join("\n\n"));
        }
        if let Some(t) = req.temperature {
            body["temperature"] = json!(t);
        }
        body
    }

    pub async fn call(&self, req: &Request) -> Result<Response, CallError> {
        let mut http = self
            .client
            .post(format!("{}/messages", self.base_url))
            .header("anthropic-version", "2023-06-01")
            .json(&self.body(req));
        if let Some(key) = &self.api_key {
            http = http.header("x-api-key", key);
        }
        // 529 is Anthropic's "overloaded".
        let v = send_for_json(http, &[529]).await?;
        let text: String = v["content"]
            .as_array()
            .map(|parts| {
                parts
                    .iter()
                    .filter(|p| p["type"] == "text")
                    .filter_map(|p| p["text"].as_str())
                    .collect::<Vec<_>>()
                    .join("")
            })
            .ok_or_else(|| retryable("the response has no content".into()))?;
        Ok(Response {
            text,
            input_tokens: v["usage"]["input_tokens"].as_u64().unwrap_or(0),
            output_tokens: v["usage"]["output_tokens"].as_u64().unwrap_or(0),
            finish_reason: v["stop_reason"].as_str().map(str::to_string),
        })
    }
}

fn retryable(reason: String) -> CallError {
    CallError::Retryable {
        reason,
        retry_after: None,
    }
}

/// Any command: the conversation goes in as JSON on stdin
/// (`{"messages": [{"role", "content"}], "temperature", "max_tokens"}`), the
/// answer comes back on stdout. For testing a whole application.
pub struct Exec {
    pub command: Vec<String>,
    pub timeout: Duration,
}

impl Exec {
    pub async fn call(&self, req: &Request) -> Result<Response, CallError> {
        use tokio::io::AsyncWriteExt;
        let Some((program, args)) = self.command.split_first() else {
            return Err(CallError::Fatal("the exec provider has an empty command".into()));
        };
        let input = json!({ "messages": req.messages, "temperature": req.temperature, "max_tokens": req.max_tokens });
        let mut child = tokio::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| CallError::Fatal(format!("cannot start `{program}`: {e}")))?;
        if let Some(mut stdin) = child.stdin.take() {
            let bytes = input.to_string().into_bytes();
            // A command that exits without reading its input is its own business.
            let _ = stdin.write_all(&bytes).await;
        }
        let out = match tokio::time::timeout(self.timeout, child.wait_with_output()).await {
            Err(_) => return Err(retryable(format!("`{program}` timed out after {:?}", self.timeout))),
            Ok(Err(e)) => return Err(CallError::Fatal(format!("`{program}` failed: {e}"))),
            Ok(Ok(o)) => o,
        };
        if !out.status.success() {
            let err: String = String::from_utf8_lossy(&out.stderr).chars().take(300).collect();
            return Err(CallError::Fatal(format!(
                "`{program}` exited with {}: {err}",
                out.status
            )));
        }
        Ok(Response {
            text: String::from_utf8_lossy(&out.stdout).trim_end().to_string(),
            ..Default::default()
        })
    }
}

/// Any HTTP endpoint: a JSON request template in which `"{{messages}}"` is
/// replaced by the messages array and `"{{prompt}}"` by the last user message
/// (both JSON-encoded), and a dotted path (`choices.0.message.content`) to the answer.
pub struct HttpTemplate {
    pub client: reqwest::Client,
    pub url: String,
    pub template: String,
    pub response_path: String,
    pub headers: Vec<(String, String)>,
}

impl HttpTemplate {
    pub fn body(&self, req: &Request) -> Result<Value, CallError> {
        let messages = serde_json::to_string(&req.messages).unwrap_or_default();
        let prompt = req
            .messages
            .iter()
            .rev()
            .find(|m| m.role == ChatRole::User)
            .map(|m| m.content.as_str())
            .unwrap_or("");
        let text = self
            .template
            .replace("\"{{messages}}\"", &messages)
            .replace("\"{{prompt}}\"", &serde_json::to_string(prompt).unwrap_or_default());
        serde_json::from_str(&text)
            .map_err(|e| CallError::Fatal(format!("the request template is not JSON once filled in: {e}")))
    }

    pub async fn call(&self, req: &Request) -> Result<Response, CallError> {
        let mut http = self.client.post(&self.url).json(&self.body(req)?);
        for (k, v) in &self.headers {
            http = http.header(k, v);
        }
        let v = send_for_json(http, &[]).await?;
        let mut at = &v;
        for part in self.response_path.split('.').filter(|p| !p.is_empty()) {
            at = match part.parse::<usize>() {
                Ok(i) => &at[i],
                Err(_) => &at[part],
            };
        }
        let text = at
            .as_str()
            .ok_or_else(|| CallError::Fatal(format!("no string at `{}` in the response", self.response_path)))?;
        Ok(Response {
            text: text.to_string(),
            ..Default::default()
        })
    }
}

/// A configured provider.
pub enum Client {
    OpenAi(OpenAiCompatible),
    Anthropic(Anthropic),
    Exec(Exec),
    Http(HttpTemplate),
}

impl Client {
    pub async fn call(&self, req: &Request) -> Result<Response, CallError> {
        match self {
            Client::OpenAi(c) => c.call(req).await,
            Client::Anthropic(c) => c.call(req).await,
            Client::Exec(c) => c.call(req).await,
            Client::Http(c) => c.call(req).await,
        }
    }

    /// Whether the provider enforces a JSON schema on replies (the grader then
    /// asks for a verdict object; otherwise for a final `VERDICT:` line).
    pub fn structured_output(&self) -> bool {
        matches!(self, Client::OpenAi(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::ChatMessage;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn req() -> Request {
        Request {
            messages: vec![
                ChatMessage {
                    role: ChatRole::System,
                    content: "S".into(),
                },
                ChatMessage {
                    role: ChatRole::Developer,
                    content: "D".into(),
                },
                ChatMessage {
                    role: ChatRole::User,
                    content: "one".into(),
                },
                ChatMessage {
                    role: ChatRole::User,
                    content: "[result from browser]\ntwo".into(),
                },
            ],
            temperature: Some(0.5),
            max_tokens: None,
            json_schema: None,
        }
    }

    #[tokio::test]
    async fn anthropic_messages_api() {
        let s = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/v1/messages"))
            .and(header("x-api-key", "ak"))
            .and(header("anthropic-version", "2023-06-01"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "content": [{ "type": "text", "text": "Hi" }], "stop_reason": "end_turn",
                "usage": { "input_tokens": 5, "output_tokens": 1 } })))
            .mount(&s)
            .await;
        let a = Anthropic::new(
            &format!("{}/v1", s.uri()),
            "claude-x",
            Some("ak".into()),
            Duration::from_secs(5),
        );
        let r = a.call(&req()).await.unwrap();
        assert_eq!((r.text.as_str(), r.input_tokens, r.output_tokens), ("Hi", 5, 1));
        let sent: Value = serde_json::from_slice(&s.received_requests().await.unwrap()[0].body).unwrap();
        assert_eq!(sent["system"], "S\n\nD", "system and developer, in order");
        assert_eq!(
            sent["messages"].as_array().unwrap().len(),
            1,
            "consecutive user turns joined"
        );
        assert_eq!(sent["max_tokens"], 1024);
        // 529 overloaded is retryable.
        let s = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(529))
            .mount(&s)
            .await;
        let a = Anthropic::new(&s.uri(), "m", None, Duration::from_secs(5));
        assert!(matches!(a.call(&req()).await, Err(CallError::Retryable { .. })));
    }

    #[tokio::test]
    async fn exec_sends_json_on_stdin_and_reads_stdout() {
        let e = Exec {
            command: vec!["sh".into(), "-c".into(), "wc -c | tr -d ' '".into()],
            timeout: Duration::from_secs(5),
        };
        let r = e.call(&req()).await.unwrap();
        let expected = json!({ "messages": req().messages, "temperature": 0.5, "max_tokens": null })
            .to_string()
            .len();
        assert_eq!(r.text, expected.to_string());
        let failing = Exec {
            command: vec!["sh".into(), "-c".into(), "echo boom >&2; exit 3".into()],
            timeout: Duration::from_secs(5),
        };
        let err = failing.call(&req()).await.unwrap_err();
        assert!(matches!(&err, CallError::Fatal(m) if m.contains("boom")), "{err:?}");
        let slow = Exec {
            command: vec!["sleep".into(), "5".into()],
            timeout: Duration::from_millis(100),
        };
        assert!(matches!(slow.call(&req()).await, Err(CallError::Retryable { .. })));
    }

    #[tokio::test]
    async fn http_template_and_response_path() {
        let s = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/answer"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "data": [{ "reply": "pong" }] })))
            .mount(&s)
            .await;
        let h = HttpTemplate {
            client: reqwest::Client::new(),
            url: format!("{}/answer", s.uri()),
            template: r#"{"input": "{{prompt}}", "history": "{{messages}}", "mode": "test"}"#.into(),
            response_path: "data.0.reply".into(),
            headers: vec![("x-app".into(), "specc".into())],
        };
        assert_eq!(h.call(&req()).await.unwrap().text, "pong");
        let sent: Value = serde_json::from_slice(&s.received_requests().await.unwrap()[0].body).unwrap();
        assert_eq!(sent["input"], "[result from browser]\ntwo");
        assert_eq!(sent["history"].as_array().unwrap().len(), 4);
        assert_eq!(sent["mode"], "test");
    }
}
