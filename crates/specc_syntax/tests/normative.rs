//! The normative-sentence classifier on a labelled set (issue 15): sentences
//! of the Model Spec's ranked sections, labelled by hand and stored by release,
//! line and a hash of the sentence (the corpus is not copied here), and
//! explanatory and normative prose written for this set (`written.jsonl`). The
//! test prints precision and recall of "normative" and every mistake, and
//! fails below 0.9 on either. Without `../shared/corpus` the Model Spec half
//! is reported as ignored by its own test name, and the written half still runs.
//!
//! `SPECC_DUMP=/tmp/sentences.jsonl cargo test -p specc_syntax --test normative -- --ignored dump`
//! writes every candidate sentence of a release with its key, for labelling.

use specc_diagnostics::{FileId, LineIndex};
use specc_syntax::normative::{Actors, Kind, classify};
use specc_syntax::{DocumentKind, norm::prose_sentences, parse};
use std::path::{Path, PathBuf};

fn corpus_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/openai-model-spec")
}

fn set_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/normative")
}

/// The key of a sentence: xxh3 of its source text with whitespace collapsed.
fn key(source: &str) -> String {
    let squashed = source.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(squashed.as_bytes()))
}

/// (line, key, source text, normalised text) of every sentence in a ranked section.
fn ranked_sentences(text: &str) -> Vec<(usize, String, String, String)> {
    let (doc, _) = parse(FileId(0), "model_spec.md", text, DocumentKind::Spec);
    let lines = LineIndex::new(text);
    prose_sentences(text, &doc)
        .into_iter()
        .filter(|s| s.section.is_some_and(|i| doc.sections[i].authority.is_some()))
        .map(|s| {
            let source = &text[s.span.range()];
            (lines.line(s.span.start), key(source), source.to_string(), s.norm.text)
        })
        .collect()
}

/// The normalised sentences of plain text, read as one ranked paragraph.
fn written_norm(text: &str) -> String {
    let src = format!("# T {{#t authority=system}}\n\n{text}\n");
    let (doc, _) = parse(FileId(0), "t.md", &src, DocumentKind::Spec);
    prose_sentences(&src, &doc)
        .into_iter()
        .map(|s| s.norm.text)
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fnn: usize,
    tn: usize,
    mistakes: Vec<String>,
}

impl Score {
    fn add(&mut self, id: &str, text: &str, normative: bool, predicted: bool) {
        match (normative, predicted) {
            (true, true) => self.tp += 1,
            (false, false) => self.tn += 1,
            (true, false) => {
                self.fnn += 1;
                self.mistakes.push(format!("missed rule {id}: {text}"));
            }
            (false, true) => {
                self.fp += 1;
                self.mistakes.push(format!("prose read as a rule {id}: {text}"));
            }
        }
    }

    fn report(&self, name: &str) -> (f64, f64) {
        for m in &self.mistakes {
            println!("{m}");
        }
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fnn).max(1) as f64;
        println!(
            "{name}: {} sentences ({} normative): precision {p:.3}, recall {r:.3}",
            self.tp + self.fp + self.fnn + self.tn,
            self.tp + self.fnn
        );
        (p, r)
    }
}

fn labels(file: &str) -> Vec<serde_json::Value> {
    let path = set_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{file}: {e}: {l}")))
        .collect()
}

fn written_score() -> Score {
    score_of("written.jsonl")
}

fn score_of(file: &str) -> Score {
    let mut score = Score::default();
    let all = labels(file);
    // A document's assistant is named in it: learn the names from the set read as one text.
    let text: String = all
        .iter()
        .map(|v| format!("{}\n", v["text"].as_str().unwrap()))
        .collect();
    let actors = Actors::learn(&text);
    for v in all {
        let text = v["text"].as_str().unwrap();
        let normative = v["label"].as_str().unwrap() == "normative";
        let predicted = classify(&written_norm(text), &actors) == Kind::Normative;
        score.add(v["id"].as_str().unwrap(), text, normative, predicted);
    }
    score
}

fn model_spec_score() -> Score {
    let mut score = Score::default();
    let actors = Actors::default();
    let mut by_release: std::collections::BTreeMap<String, Vec<(usize, String, String, String)>> = Default::default();
    for v in labels("model-spec.jsonl") {
        let release = v["release"].as_str().unwrap().to_string();
        let sentences = by_release.entry(release.clone()).or_insert_with(|| {
            let path = corpus_root().join(&release).join("model_spec.md");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("this test needs the Model Spec corpus: {}: {e}", path.display()));
            ranked_sentences(&text)
        });
        let k = v["key"].as_str().unwrap();
        let Some((line, _, source, norm)) = sentences.iter().find(|s| s.1 == k) else {
            panic!(
                "{release}: no sentence with key {k} (line {}): the labels no longer match the corpus",
                v["line"]
            );
        };
        let normative = v["label"].as_str().unwrap() == "normative";
        let predicted = classify(norm, &actors) == Kind::Normative;
        let short: String = source.chars().take(140).collect();
        score.add(&format!("{release}:{line}"), &short, normative, predicted);
    }
    score
}

#[test]
fn written_prose_and_rules() {
    let score = written_score();
    let (p, r) = score.report("written");
    assert!(score.tp + score.fnn + score.fp + score.tn >= 150);
    assert!(p >= 0.9 && r >= 0.9, "precision {p:.3}, recall {r:.3}");
}

/// Written after the classifier was tuned on the two halves above, by someone
/// who had seen neither, and never tuned against: the honest number.
#[test]
fn held_out_sentences() {
    let score = score_of("heldout.jsonl");
    let (p, r) = score.report("held out");
    assert!(score.tp + score.fnn + score.fp + score.tn >= 100);
    assert!(p >= 0.85 && r >= 0.85, "precision {p:.3}, recall {r:.3}");
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn model_spec_ranked_sentences() {
    let score = model_spec_score();
    let (p, r) = score.report("model spec");
    assert!(score.tp + score.fnn + score.fp + score.tn >= 150);
    assert!(p >= 0.9 && r >= 0.9, "precision {p:.3}, recall {r:.3}");
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn both_halves_together() {
    let mut a = written_score();
    let b = model_spec_score();
    a.tp += b.tp;
    a.fp += b.fp;
    a.fnn += b.fnn;
    a.tn += b.tn;
    a.mistakes.clear();
    let (p, r) = a.report("all");
    assert!(a.tp + a.fnn + a.fp + a.tn >= 300);
    assert!(p >= 0.9 && r >= 0.9, "precision {p:.3}, recall {r:.3}");
}

#[test]
#[ignore = "a tool: writes the sentences of a release for labelling"]
fn dump() {
    let out = std::env::var("SPECC_DUMP").expect("SPECC_DUMP=path");
    let release = std::env::var("SPECC_RELEASE").unwrap_or_else(|_| "2025-12-18".into());
    let text = std::fs::read_to_string(corpus_root().join(&release).join("model_spec.md")).unwrap();
    let mut lines = String::new();
    for (line, key, source, _) in ranked_sentences(&text) {
        let v = serde_json::json!({"release": release, "line": line, "key": key, "text": source});
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    std::fs::write(Path::new(&out), lines).unwrap();
}
