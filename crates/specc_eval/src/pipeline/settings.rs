//! Settings from `specc.toml` with their defaults, typed, in one place:
//! endpoints built from `[models.*]`, the retry policy, and `[test]`.

use crate::providers::{Anthropic, Client, Exec, HttpTemplate, OpenAiCompatible, RetryPolicy};
use crate::runner::{Endpoint, RateLimiter};
use specc_project::{Config, ModelConfig, parse_duration};
use std::time::Duration;

/// Retries of a failed model request when `retries` is not set.
pub const DEFAULT_RETRIES: u32 = 4;
/// Requests in flight when `[test] concurrency` is not set.
pub const DEFAULT_CONCURRENCY: usize = 8;
/// `[test] pass-threshold` when not set.
pub const DEFAULT_PASS_THRESHOLD: f64 = 0.8;
/// A model request's timeout when `timeout` is not set.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A `[models.*]` table that cannot become an endpoint.
#[derive(Debug, thiserror::Error)]
pub enum EndpointError {
    #[error("[models.{name}] reads its API key from ${var}, which is not set")]
    MissingKey { name: String, var: String },
    #[error(
        "[models.{name}] reads its API key from ${var}, which is set but empty; export the key, or remove `api-key-env` for a server that needs none"
    )]
    EmptyKey { name: String, var: String },
    #[error("[models.{name}] needs `model`")]
    NeedsModel { name: String },
    #[error("[models.{name}] has an unknown provider `{provider}`")]
    UnknownProvider { name: String, provider: String },
    #[error("cannot build the HTTP client: {0}")]
    HttpClient(String),
}

fn http_client_error(e: reqwest::Error) -> EndpointError {
    EndpointError::HttpClient(e.to_string())
}

/// `[test]` and the target's settings, defaults applied.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TestSettings {
    pub samples: u32,
    pub concurrency: usize,
    pub pass_threshold: f64,
    pub budget: Option<f64>,
}

impl TestSettings {
    /// From the configuration; `samples` overrides `[test] samples`.
    pub fn new(config: &Config, samples: Option<u32>) -> TestSettings {
        let t = &config.test;
        TestSettings {
            samples: samples
                .unwrap_or_else(|| t.samples.as_ref().map(|s| *s.get_ref() as u32).unwrap_or(1))
                .max(1),
            concurrency: t
                .concurrency
                .as_ref()
                .map(|c| *c.get_ref() as usize)
                .unwrap_or(DEFAULT_CONCURRENCY),
            pass_threshold: pass_threshold(config),
            budget: t.budget.as_ref().map(|b| *b.get_ref()),
        }
    }
}

/// `[test] pass-threshold`, or the default.
pub fn pass_threshold(config: &Config) -> f64 {
    config
        .test
        .pass_threshold
        .as_ref()
        .map(|t| *t.get_ref())
        .unwrap_or(DEFAULT_PASS_THRESHOLD)
}

/// A model's `retries`, or the default.
pub fn retries(m: &ModelConfig) -> u32 {
    m.retries
        .as_ref()
        .map(|r| *r.get_ref() as u32)
        .unwrap_or(DEFAULT_RETRIES)
}

/// The retry policy of a model: `retries` from its settings; the first delay
/// can be shortened with `SPECC_RETRY_BASE_DELAY_MS` (for tests and local servers).
pub fn retry_policy(m: &ModelConfig) -> RetryPolicy {
    let mut p = RetryPolicy {
        retries: retries(m),
        ..RetryPolicy::default()
    };
    if let Some(ms) = std::env::var("SPECC_RETRY_BASE_DELAY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        p.base_delay = Duration::from_millis(ms);
        p.max_delay = p.max_delay.max(p.base_delay);
    }
    p
}

/// The graders `[models.grader]` describes: none, one, or a panel
/// (`[[models.grader]]`), each labelled with its place in the list.
pub fn graders(config: &Config) -> Result<Vec<Endpoint>, EndpointError> {
    let Some(models) = config.models.get("grader") else {
        return Ok(Vec::new());
    };
    let panel = models.len() > 1;
    models
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut e = endpoint("grader", m)?;
            if panel {
                e.label = e
                    .label
                    .replacen("[models.grader]", &format!("[[models.grader]] #{}", i + 1), 1);
            }
            Ok(e)
        })
        .collect()
}

/// Names the graders in runs and calibrations: the grader's identity, or a
/// panel's joined with ` + `; `None` without a grader.
pub fn graders_identity(graders: &[Endpoint]) -> Option<String> {
    (!graders.is_empty()).then(|| {
        graders
            .iter()
            .map(|g| g.identity.as_str())
            .collect::<Vec<_>>()
            .join(" + ")
    })
}

/// The endpoint `[models.<name>]` describes. The API key is read from the
/// environment variable it names, here and nowhere else.
pub fn endpoint(name: &str, m: &ModelConfig) -> Result<Endpoint, EndpointError> {
    let provider = m.provider.get_ref().as_str();
    let key = match &m.api_key_env {
        Some(var) => {
            let key = std::env::var(var).map_err(|_| EndpointError::MissingKey {
                name: name.to_string(),
                var: var.clone(),
            })?;
            // An empty bearer token reads as a refused key at the server, far from the cause.
            if key.trim().is_empty() {
                return Err(EndpointError::EmptyKey {
                    name: name.to_string(),
                    var: var.clone(),
                });
            }
            Some(key)
        }
        None => None,
    };
    // Nothing stored or printed may carry a credential, even one a server echoes.
    if let Some(k) = &key {
        crate::providers::register_secret(k);
    }
    for (header, value) in &m.headers {
        let h = header.to_ascii_lowercase();
        if ["auth", "key", "token", "secret", "cookie"]
            .iter()
            .any(|w| h.contains(w))
        {
            crate::providers::register_secret(value);
        }
    }
    let timeout = m
        .timeout
        .as_ref()
        .and_then(|t| parse_duration(t.get_ref()))
        .unwrap_or(DEFAULT_TIMEOUT);
    let model = m.model.clone().unwrap_or_default();
    let need_model = || {
        if model.is_empty() {
            return Err(EndpointError::NeedsModel { name: name.to_string() });
        }
        Ok(())
    };
    let string = |v: Option<&String>, default: &str| v.cloned().unwrap_or_else(|| default.to_string());
    let (client, identity, label) = match provider {
        "openai" => {
            need_model()?;
            let base = string(m.base_url.as_ref().map(|u| u.get_ref()), "https://api.openai.com/v1");
            let role = string(m.developer_role.as_ref().map(|r| r.get_ref()), "developer");
            (
                Client::OpenAi(OpenAiCompatible::new(&base, &model, key, &role, timeout).map_err(http_client_error)?),
                format!("openai|{base}|{model}"),
                format!("[models.{name}] (openai, model `{model}` at {base})"),
            )
        }
        "anthropic" => {
            need_model()?;
            let base = string(m.base_url.as_ref().map(|u| u.get_ref()), "https://api.anthropic.com/v1");
            (
                Client::Anthropic(Anthropic::new(&base, &model, key, timeout).map_err(http_client_error)?),
                format!("anthropic|{base}|{model}"),
                format!("[models.{name}] (anthropic, model `{model}` at {base})"),
            )
        }
        "exec" => {
            let command = m.command.clone().unwrap_or_default();
            let identity = format!("exec|{}", command.join(" "));
            let label = format!("[models.{name}] (exec `{}`)", command.join(" "));
            (Client::Exec(Exec { command, timeout }), identity, label)
        }
        "http" => {
            let url = string(m.url.as_ref().map(|u| u.get_ref()), "");
            let template = m
                .request
                .clone()
                .unwrap_or_else(|| r#"{"messages": "{{messages}}"}"#.to_string());
            let response_path = m.response_path.clone().unwrap_or_else(|| "answer".to_string());
            let mut headers: Vec<(String, String)> = m.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            if let Some(k) = key {
                headers.push(("authorization".into(), format!("Bearer {k}")));
            }
            let client = crate::providers::client_builder()
                .timeout(timeout)
                .build()
                .map_err(http_client_error)?;
            let identity = format!("http|{url}|{template}|{response_path}");
            let label = format!("[models.{name}] (http, {url})");
            (
                Client::Http(HttpTemplate {
                    client,
                    url,
                    template,
                    response_path,
                    headers,
                }),
                identity,
                label,
            )
        }
        other => {
            return Err(EndpointError::UnknownProvider {
                name: name.to_string(),
                provider: other.to_string(),
            });
        }
    };
    Ok(Endpoint {
        client,
        label,
        identity,
        // An unseeded grader at the provider's default temperature gives
        // different verdicts on borderline answers: the grader defaults to 0.
        temperature: m
            .temperature
            .as_ref()
            .map(|t| *t.get_ref())
            .or((name == "grader").then_some(0.0)),
        seed: m.seed.as_ref().map(|s| *s.get_ref()),
        max_tokens: m.max_tokens.as_ref().map(|t| *t.get_ref() as u64),
        max_response_bytes: m.max_response_bytes.as_ref().map(|t| *t.get_ref() as u64),
        price: m.price.as_ref().map(|p| (*p.input.get_ref(), *p.output.get_ref())),
        batch_price: m
            .batch_price
            .as_ref()
            .map(|p| (*p.input.get_ref(), *p.output.get_ref())),
        batch: None,
        limiter: m
            .requests_per_minute
            .as_ref()
            .map(|r| RateLimiter::per_minute(*r.get_ref() as u32)),
        health: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::Request;

    fn config(toml: &str) -> Config {
        specc_project::parse_config(specc_diagnostics::FileId(0), toml).unwrap()
    }

    #[test]
    fn the_grader_defaults_to_temperature_0_and_a_seed_is_sent() {
        let c = config(
            "[models.target]\nprovider = \"openai\"\nmodel = \"t\"\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"g\"\nseed = 7\n\n[models.clarifier]\nprovider = \"openai\"\nmodel = \"j\"\ntemperature = 0.7\n",
        );
        let grader = endpoint("grader", c.model("grader").unwrap()).unwrap();
        assert_eq!((grader.temperature, grader.seed), (Some(0.0), Some(7)));
        let target = endpoint("target", c.model("target").unwrap()).unwrap();
        assert_eq!(
            (target.temperature, target.seed),
            (None, None),
            "the target keeps the provider's default"
        );
        assert_eq!(
            endpoint("clarifier", c.model("clarifier").unwrap())
                .unwrap()
                .temperature,
            Some(0.7)
        );
        // The seed reaches an OpenAI-compatible request body; none is sent without one.
        let with =
            crate::providers::OpenAiCompatible::new("http://127.0.0.1:1/v1", "g", None, "developer", DEFAULT_TIMEOUT)
                .unwrap();
        let req = |seed| Request {
            seed,
            ..Default::default()
        };
        assert_eq!(with.body(&req(Some(7)))["seed"], 7);
        assert!(with.body(&req(None)).get("seed").is_none());
    }
}
