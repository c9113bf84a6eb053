//! Anthropic's Messages API (or a compatible server).

use super::{CallError, Request, Response, http::send_for_json, retryable};
use crate::messages::ChatRole;
use serde_json::{Value, json};
use std::time::Duration;

/// Anthropic's Messages API (or a compatible server).
pub struct Anthropic {
    pub(super) client: reqwest::Client,
    pub(super) base_url: String,
    pub(super) model: String,
    pub(super) api_key: Option<String>,
}

impl Anthropic {
    /// Fails where the HTTP client cannot be built, as [`super::OpenAiCompatible::new`].
    pub fn new(
        base_url: &str,
        model: &str,
        api_key: Option<String>,
        timeout: Duration,
    ) -> Result<Self, reqwest::Error> {
        Ok(Anthropic {
            client: super::client_builder().timeout(timeout).build()?,
            base_url: base_url.trim_end_matches('/').to_string(),
            model: model.to_string(),
            api_key,
        })
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
        let v = send_for_json(http, &[529], req.response_cap()).await?;
        read_message(&v)
    }
}

/// A Messages API response body (from a call, or a batch's result).
pub(super) fn read_message(v: &Value) -> Result<Response, CallError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use crate::providers::test_request as req;

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
        )
        .unwrap();
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
        let a = Anthropic::new(&s.uri(), "m", None, Duration::from_secs(5)).unwrap();
        assert!(matches!(a.call(&req()).await, Err(CallError::Retryable { .. })));
    }
}
