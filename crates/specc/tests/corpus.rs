//! `specc check` on every Model Spec release, with zero configuration. Without
//! `../shared/corpus` every test here is reported as ignored (see tools/corpus_cfg.rs).

mod common;
use assert_cmd::Command;
use common::corpus;
use serde_json::Value;
use std::collections::BTreeSet;

const RELEASES: &[&str] = &["2025-02-12", "2025-04-11", "2025-09-12", "2025-10-27", "2025-12-18"];

struct Run {
    code: i32,
    diagnostics: Vec<Value>,
    summary: Value,
}

fn check_json(dir: &std::path::Path) -> Run {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    for l in &lines {
        assert_eq!(l["schema"], "specc.check/1");
    }
    let summary = lines.pop().expect("a summary line");
    assert_eq!(summary["type"], "summary");
    Run {
        code: out.status.code().unwrap(),
        diagnostics: lines,
        summary,
    }
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn release_2025_12_18_counts_exactly() {
    let corpus = corpus();
    let run = check_json(&corpus.join("2025-12-18"));
    let s = &run.summary;
    let expect = [
        ("sections_with_ids", 80),
        ("clauses", 116),
        ("examples", 183),
        ("comparisons", 189),
        ("good", 193),
        ("bad", 196),
        ("ok", 8),
        ("test_files", 114),
        ("test_prompts", 272),
        ("errors", 0),
    ];
    for (key, n) in expect {
        assert_eq!(s[key], n, "{key}");
    }
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics);
}

fn markers(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(p) = rest.find("[^") {
        let after = &rest[p + 2..];
        let end = after.find(']').unwrap_or(0);
        let id = &after[..end];
        if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.insert(id.to_string());
        }
        rest = &after[end..];
    }
    out
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn untested_clauses_and_orphan_files_match_the_marker_and_file_lists() {
    let corpus = corpus();
    for release in RELEASES {
        let dir = corpus.join(release);
        let spec = std::fs::read_to_string(dir.join("model_spec.md")).unwrap();
        let marked = markers(&spec);
        let files: BTreeSet<String> = std::fs::read_dir(dir.join("examples"))
            .unwrap()
            .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().to_string())
            .collect();
        let untested: BTreeSet<String> = marked.difference(&files).cloned().collect();
        let orphans: BTreeSet<String> = files.difference(&marked).cloned().collect();

        let run = check_json(&dir);
        let reported = |code: &str| -> BTreeSet<String> {
            run.diagnostics
                .iter()
                .filter(|d| d["code"] == code)
                .map(|d| d["message"].as_str().unwrap().split('`').nth(1).unwrap().to_string())
                .collect()
        };
        assert_eq!(reported("C106"), untested, "{release}: untested clauses");
        assert_eq!(reported("C107"), orphans, "{release}: orphan test files");
        assert_eq!(run.summary["clauses"], marked.len(), "{release}");
        assert_eq!(run.summary["test_files"], files.len(), "{release}");
        let titles = spec.matches("\n**Example**:").count();
        assert_eq!(run.summary["examples"], titles, "{release}: every example is read");
        // Only real defects are errors: the stray `*` typo in the two oldest releases.
        let errors: Vec<&Value> = run.diagnostics.iter().filter(|d| d["severity"] == "error").collect();
        if ["2025-02-12", "2025-04-11"].contains(release) {
            assert_eq!(errors.len(), 1, "{release}: {errors:#?}");
            assert_eq!(errors[0]["location"]["line"], 2745);
            assert_eq!(run.code, 1);
        } else {
            assert!(errors.is_empty(), "{release}: {errors:#?}");
            assert_eq!(run.code, 0);
        }
    }
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn stale_header_is_a_warning() {
    let corpus = corpus();
    let run = check_json(&corpus.join("2025-12-18"));
    let stale: Vec<&Value> = run.diagnostics.iter().filter(|d| d["code"] == "C108").collect();
    assert!(!stale.is_empty());
    for d in stale {
        assert_eq!(d["severity"], "warning");
        let file = d["location"]["file"].as_str().unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let first = text.lines().next().unwrap();
        let suggestion = d["suggestion"].as_str().unwrap();
        assert!(
            !first.contains(&format!(" in {suggestion}:")),
            "{first} vs {suggestion}"
        );
    }
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn human_output_ends_with_the_summary_line_and_where_to_read_more() {
    let corpus = corpus();
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["check", "--color", "never"])
        .arg(corpus.join("2025-12-18"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last: Vec<&str> = stdout.lines().rev().take(3).collect();
    assert_eq!(
        last[0],
        "checked 1 document: 80 sections, 116 clauses, 183 examples, 272 test prompts; 0 errors, 7 warnings"
    );
    // (What the conflict checker compared with nothing, so "0 errors" does
    // not read as "no contradictions": most of the Model Spec explains.)
    assert!(
        last[1].starts_with("note: ") && last[1].ends_with("`specc check --statements` lists them"),
        "{}",
        last[1]
    );
    assert_eq!(
        last[2],
        "Codes found: C106, C108, C107. For more about one, try `specc explain C106`."
    );
    assert!(stdout.contains("warning[C106]: clause `"));
    assert!(stdout.contains("--> "));
}
