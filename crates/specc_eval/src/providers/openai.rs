//! The OpenAI-compatible Chat Completions client: roles mapped with
//! `developer-role`, structured output for the grader, usage read back.

use super::{CallError, Request, Response, http::send_for_json};
use crate::messages::ChatRole;
use serde_json::{Value, json};
use std::time::Duration;

/// An OpenAI-compatible Chat Completions endpoint.
pub struct OpenAiCompatible {
    pub(super) client: reqwest::Client,
    pub(super) base_url: String,
    pub(super) model: String,
    pub(super) api_key: Option<String>,
    /// `developer` or `system`: the role developer messages are sent as.
    pub(super) developer_role: String,
}

impl OpenAiCompatible {
    /// `api_key` comes from the environment variable the configuration names.
    /// Fails where the HTTP client cannot be built (no TLS roots, say):
    /// reqwest's `Client::default()` would panic on the same failure.
    pub fn new(
        base_url: &str,
        model: &str,
        api_key: Option<String>,
        developer_role: &str,
        timeout: Duration,
    ) -> Result<Self, reqwest::Error> {
        let client = super::client_builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .build()?;
        Ok(OpenAiCompatible {
            client,
            base_url: base_url.trim_end_matches('/').to_string(),
            model: model.to_string(),
            api_key,
            developer_role: developer_role.to_string(),
        })
    }

    /// The request body.
    pub fn body(&self, req: &Request) -> Value {
        let messages: Vec<Value> = req
            .messages
            .iter()
            .map(|m| {
                let role = match m.role {
                    ChatRole::System => "system",
                    ChatRole::Developer => self.developer_role.as_str(),
                    ChatRole::User => "user",
                    ChatRole::Assistant => "assistant",
                };
                json!({ "role": role, "content": m.content })
            })
            .collect();
        let mut body = json!({ "model": self.model, "messages": messages });
        if let Some(t) = req.temperature {
            body["temperature"] = json!(t);
        }
        if let Some(n) = req.max_tokens {
            body["max_tokens"] = json!(n);
        }
        if let Some(s) = req.seed {
            body["seed"] = json!(s);
        }
        if let Some(schema) = &req.json_schema {
            body["response_format"] = json!({ "type": "json_schema", "json_schema": { "name": "verdict", "strict": true, "schema": schema } });
        }
        body
    }

    /// One call, no retries.
    pub async fn call(&self, req: &Request) -> Result<Response, CallError> {
        let mut http = self
            .client
            .post(format!("{}/chat/completions", self.base_url))
            .json(&self.body(req));
        if let Some(key) = &self.api_key {
            http = http.bearer_auth(key);
        }
        let v = send_for_json(http, &[], req.response_cap()).await?;
        read_completion(&v)
    }
}

/// A Chat Completions response body (from a call, or a line of a batch's output).
pub(super) fn read_completion(v: &Value) -> Result<Response, CallError> {
    let choice = &v["choices"][0];
    let Some(text) = choice["message"]["content"].as_str() else {
        return Err(CallError::Retryable {
            reason: "the response has no choices[0].message.content".into(),
            retry_after: None,
        });
    };
    Ok(Response {
        text: text.to_string(),
        input_tokens: v["usage"]["prompt_tokens"].as_u64().unwrap_or(0),
        output_tokens: v["usage"]["completion_tokens"].as_u64().unwrap_or(0),
        finish_reason: choice["finish_reason"].as_str().map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::ChatMessage;
    use crate::providers::{Client, RetryPolicy, backoff, call_with_retries};
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn ok_body(text: &str) -> Value {
        json!({ "choices": [{ "message": { "role": "assistant", "content": text }, "finish_reason": "stop" }],
                "usage": { "prompt_tokens": 7, "completion_tokens": 2 } })
    }

    fn req() -> Request {
        Request {
            messages: vec![
                ChatMessage {
                    role: ChatRole::Developer,
                    content: "Be brief.".into(),
                },
                ChatMessage {
                    role: ChatRole::User,
                    content: "Hi".into(),
                },
            ],
            temperature: Some(0.0),
            max_tokens: Some(16),
            seed: None,
            json_schema: None,
            max_response_bytes: None,
        }
    }

    fn fast() -> RetryPolicy {
        RetryPolicy {
            retries: 3,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(50),
        }
    }

    #[tokio::test]
    async fn happy_path_maps_roles_and_reads_usage() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/v1/chat/completions"))
            .and(header("authorization", "Bearer sk-test-123"))
            .respond_with(ResponseTemplate::new(200).set_body_json(ok_body("Hello")))
            .expect(1)
            .mount(&server)
            .await;
        let p = OpenAiCompatible::new(
            &format!("{}/v1", server.uri()),
            "m",
            Some("sk-test-123".into()),
            "system",
            Duration::from_secs(5),
        )
        .unwrap();
        let r = p.call(&req()).await.unwrap();
        assert_eq!(
            r,
            Response {
                text: "Hello".into(),
                input_tokens: 7,
                output_tokens: 2,
                finish_reason: Some("stop".into())
            }
        );
        let sent: Value = serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
        assert_eq!(sent["messages"][0]["role"], "system", "developer-role = system");
        assert_eq!(sent["temperature"], 0.0);
        assert_eq!(sent["max_tokens"], 16);
    }

    #[tokio::test]
    async fn retries_429_with_retry_after_then_succeeds() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
            .up_to_n_times(2)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(ok_body("ok")))
            .mount(&server)
            .await;
        let p = OpenAiCompatible::new(&server.uri(), "m", None, "developer", Duration::from_secs(5)).unwrap();
        let p = Client::OpenAi(p);
        let (r, attempts) = call_with_retries(&p, &req(), &fast()).await;
        assert_eq!(r.unwrap().text, "ok");
        assert_eq!(attempts, 3);
    }

    #[tokio::test]
    async fn server_errors_malformed_and_truncated_bodies_are_retryable() {
        for template in [
            ResponseTemplate::new(500),
            ResponseTemplate::new(200).set_body_string("{not json"),
            ResponseTemplate::new(200).set_body_string(r#"{"choices": [{"message": {"content": "cut of"#),
            ResponseTemplate::new(200).set_body_json(json!({"choices": []})),
        ] {
            let server = MockServer::start().await;
            Mock::given(method("POST")).respond_with(template).mount(&server).await;
            let p = OpenAiCompatible::new(&server.uri(), "m", None, "developer", Duration::from_secs(5)).unwrap();
            let p = Client::OpenAi(p);
            let (r, attempts) = call_with_retries(&p, &req(), &fast()).await;
            assert!(matches!(r, Err(CallError::Retryable { .. })), "{r:?}");
            assert_eq!(attempts, 4, "three retries, then the error is recorded");
        }
    }

    #[tokio::test]
    async fn a_stall_past_the_timeout_is_retryable_and_a_400_is_not() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(ok_body("late"))
                    .set_delay(Duration::from_millis(600)),
            )
            .mount(&server)
            .await;
        let p = OpenAiCompatible::new(&server.uri(), "m", None, "developer", Duration::from_millis(150)).unwrap();
        let p = Client::OpenAi(p);
        let (r, _) = call_with_retries(&p, &req(), &RetryPolicy { retries: 1, ..fast() }).await;
        match r {
            Err(CallError::Retryable { reason, .. }) => assert!(reason.contains("timed out"), "{reason}"),
            other => panic!("{other:?}"),
        }
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(400).set_body_string("bad model"))
            .expect(1)
            .mount(&server)
            .await;
        let p = OpenAiCompatible::new(
            &server.uri(),
            "m",
            Some("sk-secret-999".into()),
            "developer",
            Duration::from_secs(5),
        )
        .unwrap();
        let p = Client::OpenAi(p);
        let (r, attempts) = call_with_retries(&p, &req(), &fast()).await;
        let err = r.unwrap_err();
        assert_eq!(attempts, 1);
        assert!(matches!(err, CallError::Fatal(_)));
        assert!(!err.to_string().contains("sk-secret-999"), "no key in errors");
    }

    #[test]
    fn backoff_grows_and_honours_retry_after() {
        let p = RetryPolicy::default();
        let mut rng = fastrand::Rng::with_seed(1);
        let d0 = backoff(&p, 0, None, &mut rng);
        let d3 = backoff(&p, 3, None, &mut rng);
        assert!(d0 >= Duration::from_millis(500) && d0 <= Duration::from_millis(750));
        assert!(d3 >= Duration::from_millis(4000));
        assert_eq!(
            backoff(&p, 0, Some(Duration::from_secs(2)), &mut rng),
            Duration::from_secs(2)
        );
        assert_eq!(backoff(&p, 20, None, &mut rng), p.max_delay);
    }
}
