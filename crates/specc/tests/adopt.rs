//! `specc adopt` (issue 15) on the long explanatory policy in
//! `examples/adopt/` (written for this repository) and on the Model Spec:
//! insertions only (stripping them gives back the original bytes), idempotent,
//! a project `specc check` accepts without errors, every minted marker on the
//! sentence it was minted for, and a document already in the dialect unchanged.

mod common;
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn policy_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/adopt")
}

fn specc(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SPECC_EMBEDDING_MODEL")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Removes what adopt adds, by its shape alone: ` {#id ...}` at the end of a
/// heading line and `[^id]` clause markers. The original has neither.
fn strip_dialect(text: &str) -> String {
    let heading_attrs = regex::Regex::new(r"(?m)^(#{1,6} .*?) \{#[^}\n]*\}$").unwrap();
    let markers = regex::Regex::new(r"\[\^[a-z][a-z0-9]{3}\]").unwrap();
    let once = heading_attrs.replace_all(text, "$1");
    markers.replace_all(&once, "").into_owned()
}

fn copy_policy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["harbor-constitution.md", "README.md"] {
        std::fs::copy(policy_dir().join(name), dir.path().join(name)).unwrap();
    }
    dir
}

#[test]
fn the_long_policy_round_trips_byte_for_byte_and_twice_changes_nothing() {
    let original = std::fs::read(policy_dir().join("harbor-constitution.md")).unwrap();
    let words = String::from_utf8_lossy(&original).split_whitespace().count();
    assert!(words >= 8000, "the policy is long: {words} words");
    let dir = copy_policy();
    let (code, _, err) = specc(dir.path(), &["adopt", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("adopted 1 document"), "{err}");
    assert!(err.contains("next:"), "{err}");
    let adopted = std::fs::read_to_string(dir.path().join("harbor-constitution.md")).unwrap();
    assert_ne!(adopted.as_bytes(), &original[..]);
    assert_eq!(
        strip_dialect(&adopted).as_bytes(),
        &original[..],
        "stripping the insertions gives back the bytes"
    );
    // The README beside it is not part of the policy.
    assert_eq!(
        std::fs::read(dir.path().join("README.md")).unwrap(),
        std::fs::read(policy_dir().join("README.md")).unwrap()
    );
    let config = std::fs::read_to_string(dir.path().join("specc.toml")).unwrap();
    assert!(config.contains("documents = [\"harbor-constitution.md\"]"), "{config}");

    // Every minted marker has its test file, and `specc check` reads them as clauses, without errors.
    let markers: Vec<String> = regex::Regex::new(r"\[\^([a-z0-9]{4})\]")
        .unwrap()
        .captures_iter(&adopted)
        .map(|c| c[1].to_string())
        .collect();
    assert!(markers.len() >= 100, "{} clauses", markers.len());
    for id in &markers {
        let test = std::fs::read_to_string(dir.path().join(format!("examples/{id}.md"))).unwrap();
        assert!(test.starts_with(&format!("Examples for [^{id}] in ")), "{test}");
    }
    let (code, out, err) = specc(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(code, 0, "no errors: {out}{err}");
    let summary: Value = out.lines().rev().find_map(|l| serde_json::from_str(l).ok()).unwrap();
    assert_eq!(summary["errors"], 0, "{summary}");
    assert_eq!(
        summary["clauses"].as_u64().unwrap() as usize,
        markers.len(),
        "{summary}"
    );

    // Twice: nothing changes, and it says so.
    let (code, _, err) = specc(dir.path(), &["adopt", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("nothing to change"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("harbor-constitution.md")).unwrap(),
        adopted
    );
}

#[test]
fn every_marker_sits_on_the_sentence_it_was_minted_for() {
    let text = std::fs::read_to_string(policy_dir().join("harbor-constitution.md")).unwrap();
    let options = specc_syntax::adopt::Options {
        authority: "system".into(),
        by_heading: vec![],
        taken: Default::default(),
    };
    let a = specc_syntax::adopt::adopt(&text, "harbor-constitution.md", &options, &mut Default::default());
    assert_eq!(specc_syntax::adopt::strip(&a.text, &a.insertions), text);
    let (doc, _) = specc_syntax::parse(
        specc_diagnostics::FileId(0),
        "harbor-constitution.md",
        &a.text,
        specc_syntax::DocumentKind::Spec,
    );
    assert_eq!(doc.clauses.len(), a.clauses.len());
    let strip_markers = regex::Regex::new(r"\[\^[a-z0-9]{4}\]").unwrap();
    for m in &a.clauses {
        let c = doc.clauses.iter().find(|c| c.id == m.id).expect("the clause is parsed");
        let clause_text = specc_syntax::text::squash(&strip_markers.replace_all(&c.text, ""));
        let sentence = strip_markers.replace_all(&m.sentence, "");
        // The clause is the sentence, or its last part where the sentence
        // holds a quotation that ends in a full stop (read as two by the parser).
        let sentence = specc_syntax::text::squash(&sentence);
        assert!(
            clause_text.contains(sentence.trim()) || !clause_text.is_empty() && sentence.ends_with(&clause_text),
            "clause {} reads {clause_text:?}, minted for {sentence:?}",
            m.id
        );
    }
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing_and_out_writes_elsewhere() {
    let dir = copy_policy();
    let before = std::fs::read(dir.path().join("harbor-constitution.md")).unwrap();
    let (code, out, err) = specc(dir.path(), &["adopt", "harbor-constitution.md", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("--- a/harbor-constitution.md\n+++ b/harbor-constitution.md\n"),
        "{out}"
    );
    assert!(
        out.contains("+# The Harbor Constitution {#the-harbor-constitution authority=system}"),
        "{out}"
    );
    assert!(out.contains("would create"), "{out}");
    assert!(err.contains("would adopt 1 document"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("harbor-constitution.md")).unwrap(),
        before
    );
    assert!(!dir.path().join("specc.toml").exists());
    assert!(!dir.path().join("examples").exists());

    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("adopted");
    let (code, _, err) = specc(
        dir.path(),
        &[
            "adopt",
            ".",
            "--out",
            target.to_str().unwrap(),
            "--authority",
            "developer",
            "--map",
            "Tone and style=guideline",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("harbor-constitution.md")).unwrap(),
        before
    );
    let adopted = std::fs::read_to_string(target.join("harbor-constitution.md")).unwrap();
    assert!(
        adopted.contains("{#the-harbor-constitution authority=developer}"),
        "{}",
        &adopted[..200]
    );
    assert!(adopted.contains("## Tone and style {#tone-and-style authority=guideline}"));
    assert!(target.join("specc.toml").is_file());
}

#[test]
fn heading_ids_match_the_anchors_the_links_use() {
    let text = std::fs::read_to_string(policy_dir().join("harbor-constitution.md")).unwrap();
    let options = specc_syntax::adopt::Options {
        authority: "system".into(),
        by_heading: vec![],
        taken: Default::default(),
    };
    let a = specc_syntax::adopt::adopt(&text, "p.md", &options, &mut Default::default());
    let (doc, _) = specc_syntax::parse(
        specc_diagnostics::FileId(0),
        "p.md",
        &a.text,
        specc_syntax::DocumentKind::Spec,
    );
    let ids: std::collections::HashSet<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), doc.sections.len(), "IDs are unique");
    let links: Vec<String> = specc_syntax::text::scan_links(&text, 0)
        .into_iter()
        .filter_map(|l| l.dest.strip_prefix('#').map(str::to_string))
        .collect();
    assert!(!links.is_empty());
    for l in &links {
        assert!(ids.contains(l.as_str()), "the link #{l} finds its heading");
    }
}

#[test]
fn bad_input_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = specc(dir.path(), &["adopt", "missing.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("does not exist") && err.contains("help:"), "{err}");
    let (code, _, err) = specc(dir.path(), &["adopt", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("no Markdown policy"), "{err}");
    std::fs::write(dir.path().join("p.md"), "# P\n\nThe assistant must be kind.\n").unwrap();
    let (code, _, err) = specc(dir.path(), &["adopt", "p.md", "--authority", "boss"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`boss` is not an authority level") && err.contains("root, system"),
        "{err}"
    );
    let (code, _, err) = specc(dir.path(), &["adopt", "p.md", "--map", "Tone"]);
    assert_eq!(code, 2);
    assert!(err.contains("HEADING=LEVEL"), "{err}");
    let (code, _, err) = specc(dir.path(), &["adopt", "p.md", "--dry-run", "--map", "Tone=guideline"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: --map `Tone=guideline` matches no heading"),
        "{err}"
    );
    assert!(err.contains("--map '*Tone*=guideline'"), "{err}");
}

/// A document already in the dialect keeps its author's choices: on every
/// Model Spec release adopt inserts nothing.
#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn the_model_spec_is_already_adopted() {
    let corpus = common::corpus();
    for release in ["2025-02-12", "2025-04-11", "2025-09-12", "2025-10-27", "2025-12-18"] {
        let text = std::fs::read_to_string(corpus.join(release).join("model_spec.md")).unwrap();
        let options = specc_syntax::adopt::Options {
            authority: "system".into(),
            by_heading: vec![],
            taken: Default::default(),
        };
        let a = specc_syntax::adopt::adopt(&text, "model_spec.md", &options, &mut Default::default());
        assert!(
            a.insertions.is_empty(),
            "{release}: {:?}",
            &a.insertions[..a.insertions.len().min(3)]
        );
        assert!(a.kept_clauses && a.kept_authority, "{release}");
        let (code, out, err) = specc(&corpus.join(release), &["adopt", "model_spec.md", "--dry-run"]);
        assert_eq!(code, 0, "{err}");
        assert!(!out.contains("--- a/"), "{release}: no diff: {out}");
    }
}

/// Issue 15, item 1: `check --statements` and `lint` say what they skipped
/// and why, with the fix; after `specc adopt` both read the rules.
#[test]
fn unranked_prose_is_explained_and_adopt_is_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("policy.md"),
        "# Refund policy\n\nRefunds exist because mistakes happen. The assistant must confirm the order number before it discusses a refund.\n",
    )
    .unwrap();
    let (_, out, _) = specc(dir.path(), &["check", ".", "--statements"]);
    assert!(out.starts_with("0 statements\n"), "{out}");
    assert!(
        out.contains("note: 2 sentences in sections without an authority level were not read"),
        "{out}"
    );
    assert!(out.contains("help: run `specc adopt`"), "{out}");
    let (_, out, _) = specc(dir.path(), &["lint", "."]);
    assert!(out.contains("specc adopt"), "{out}");
    let (code, _, err) = specc(dir.path(), &["adopt", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 clause minted, 1 sentence judged explanatory"), "{err}");
    let (_, out, _) = specc(dir.path(), &["check", ".", "--statements"]);
    assert!(out.contains("1 statement: 1 obligation"), "{out}");
    assert!(
        out.contains("note: 1 sentence of ranked sections states no rule"),
        "{out}"
    );
}

/// A project with a `specc.toml` (as `specc init` leaves it), adopted from
/// the folder above it into another folder: its documents are found under
/// the path given (not joined to it twice), and the copy keeps the
/// configuration, so it checks as the original does.
#[test]
fn a_configured_project_adopted_from_the_folder_above_keeps_its_configuration() {
    let parent = tempfile::tempdir().unwrap();
    let (code, _, err) = specc(parent.path(), &["init", "--bare", "proj"]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(
        parent.path().join("proj/studio.md"),
        "# Studio policy\n\n## Deposits\n\nThe assistant must never refund deposits.\n",
    )
    .unwrap();
    let (code, _, err) = specc(parent.path(), &["adopt", "proj", "--out", "adopted"]);
    assert_eq!(code, 0, "{err}");
    let adopted = std::fs::read_to_string(parent.path().join("adopted/studio.md")).unwrap();
    assert!(adopted.contains("{#studio-policy authority=system}"), "{adopted}");
    assert_eq!(
        std::fs::read_to_string(parent.path().join("adopted/specc.toml")).unwrap(),
        std::fs::read_to_string(parent.path().join("proj/specc.toml")).unwrap()
    );
    let (code, out, err) = specc(parent.path(), &["check", "adopted"]);
    assert_eq!(code, 0, "{out}{err}");
}
