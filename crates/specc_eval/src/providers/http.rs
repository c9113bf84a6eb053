//! HTTP: the transport every HTTP provider shares (status and transport
//! errors classified the same way), and the `http` provider, a request
//! template and a JSON path to the answer.

use super::{CallError, Request, Response, too_large};
use crate::messages::ChatRole;
use serde_json::Value;
use std::time::Duration;

/// Sends a request and reads a JSON body, classifying failures the same way for
/// every HTTP provider: 429, 5xx and `also_retryable` statuses are retryable
/// (with the server's `Retry-After`), other non-2xx statuses are fatal, and
/// transport errors and malformed or truncated bodies are retryable.
/// No more than `cap` bytes of the body are read.
pub(crate) async fn send_for_json(
    http: reqwest::RequestBuilder,
    also_retryable: &[u16],
    cap: usize,
) -> Result<Value, CallError> {
    let mut resp = http.send().await.map_err(|e| transport_error(&e))?;
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.min(300.0)));
    if resp.content_length().is_some_and(|n| n > cap as u64) {
        return Err(too_large(cap));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| transport_error(&e))? {
        if bytes.len() + chunk.len() > cap {
            return Err(too_large(cap));
        }
        bytes.extend_from_slice(&chunk);
    }
    let code = status.as_u16();
    if code == 429 || status.is_server_error() || also_retryable.contains(&code) {
        return Err(CallError::Retryable {
            reason: format!("HTTP {code}"),
            retry_after,
        });
    }
    if !status.is_success() {
        let excerpt: String = String::from_utf8_lossy(&bytes).chars().take(300).collect();
        return Err(CallError::Fatal(format!("HTTP {code}: {excerpt}")));
    }
    serde_json::from_slice(&bytes).map_err(|e| CallError::Retryable {
        reason: format!("malformed JSON in the response: {e}"),
        retry_after: None,
    })
}

fn transport_error(e: &reqwest::Error) -> CallError {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "the response body was cut off"
    } else {
        "the connection failed"
    };
    // reqwest's message names the URL, never headers, so no key can leak here.
    CallError::Retryable {
        reason: format!("{kind}: {e}"),
        retry_after: None,
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
        let v = send_for_json(http, &[], req.response_cap()).await?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use crate::providers::test_request as req;

    #[tokio::test]
    async fn http_template_and_response_path() {
        let s = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/answer"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "data": [{ "reply": "pong" }] })))
            .mount(&s)
            .await;
        let h = HttpTemplate {
            client: crate::providers::client_builder().build().unwrap(),
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
