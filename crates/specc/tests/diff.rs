//! `specc diff` on consecutive Model Spec releases, checked against what their
//! CHANGELOG.md says, and on a git repository made for the test.

mod common;
use assert_cmd::Command;
use common::{corpus, git};
use serde_json::Value;
use std::path::Path;

fn diff_json(old: &Path, new: &Path) -> Value {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "--format", "json"])
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "specc.diff/1");
    v
}

fn changes<'a>(v: &'a Value, list: &str, change: &str) -> Vec<&'a Value> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["change"] == change)
        .collect()
}

fn ids(v: &[&Value], key: &str) -> Vec<String> {
    v.iter().map(|c| c[key].as_str().unwrap().to_string()).collect()
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn april_to_september_2025_matches_its_changelog() {
    let c = corpus();
    let v = diff_json(&c.join("2025-04-11"), &c.join("2025-09-12"));
    // "Renames the top authority level from Platform to Root": once, not per section.
    let renames = v["level_renames"].as_array().unwrap();
    assert_eq!(renames.len(), 1);
    assert_eq!(
        (renames[0]["from"].as_str(), renames[0]["to"].as_str()),
        (Some("platform"), Some("root"))
    );
    assert!(renames[0]["sections"].as_u64().unwrap() > 10);
    // "Moves a few principles to System-level": each one reported, as lowered.
    let authority = changes(&v, "sections", "authority");
    assert!(!authority.is_empty() && authority.len() <= 5, "{authority:#?}");
    for a in &authority {
        assert_eq!(
            (a["from"].as_str(), a["to"].as_str(), a["direction"].as_str()),
            (Some("root"), Some("system"), Some("lowered"))
        );
    }
    assert!(ids(&authority, "id").contains(&"comply_with_laws".to_string()));
    // New sections the changelog names.
    let added = ids(&changes(&v, "sections", "added"), "id");
    for id in [
        "red_line_principles",
        "no_other_objectives",
        "scope_of_autonomy",
        "control_side_effects",
    ] {
        assert!(added.contains(&id.to_string()), "{id} added: {added:?}");
    }
    // "merging the stub 'Be Approachable' section into 'Use appropriate style'".
    assert!(ids(&changes(&v, "sections", "removed"), "id").contains(&"approachable".to_string()));
    // Clauses were removed, so the suggestion is major.
    assert_eq!(v["bump"], "major");
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn february_to_april_2025_is_a_patch() {
    let c = corpus();
    let v = diff_json(&c.join("2025-02-12"), &c.join("2025-04-11"));
    assert_eq!(v["bump"], "patch", "{:#}", v["reasons"]);
    assert!(v["level_renames"].as_array().unwrap().is_empty());
    // "Narrows the exception for white lies": the section about them is reworded
    // (its "white lie that's over the line" example moves within it, unchanged).
    assert!(
        v["sections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["change"] == "reworded" && s["id"] == "do_not_lie")
    );
    assert!(
        v["examples"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !e["id"].as_str().unwrap().contains("white-lie"))
    );
    // "Fixes a bug in the example 'Transforming buggy code in an interactive chat'"
    // and "Fixes LaTeX syntax in a few of the examples": exactly those examples changed.
    let changed = ids(&changes(&v, "examples", "changed"), "id");
    assert!(
        changed.contains(&"avoid_overstepping:transforming-buggy-code-in-an-interactive-chat".to_string()),
        "{changed:?}"
    );
    assert!(
        changed.iter().filter(|id| id.contains("volume-of-a-bomb")).count() >= 2,
        "{changed:?}"
    );
    assert!(changes(&v, "examples", "added").is_empty() && changes(&v, "examples", "removed").is_empty());
    assert!(changes(&v, "clauses", "added").is_empty() && changes(&v, "clauses", "removed").is_empty());
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn changelog_format_groups_breaking_added_changed_removed() {
    let c = corpus();
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "--format", "changelog"])
        .arg(c.join("2025-04-11"))
        .arg(c.join("2025-09-12"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for h in ["### Breaking", "### Added", "### Changed", "### Removed"] {
        assert!(text.contains(h), "{h} in\n{text}");
    }
    assert!(text.contains("Renamed the authority level `platform` to `root`"));
    assert!(text.contains("Section \"Red-line principles\" (`red_line_principles`)."));
    // --fail-on: major here.
    Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "--fail-on", "major"])
        .arg(c.join("2025-04-11"))
        .arg(c.join("2025-09-12"))
        .assert()
        .code(1);
    Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "--fail-on", "major"])
        .arg(c.join("2025-02-12"))
        .arg(c.join("2025-04-11"))
        .assert()
        .code(0);
}

#[test]
fn git_revisions_one_clause_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    Command::cargo_bin("specc")
        .unwrap()
        .arg("init")
        .arg(dir)
        .assert()
        .success();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "first"]);
    let spec = dir.join("spec/assistant.md");
    let text = std::fs::read_to_string(&spec)
        .unwrap()
        .replace("under 200 words", "under 150 words");
    std::fs::write(&spec, text).unwrap();
    git(dir, &["commit", "-qam", "tighten"]);
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "HEAD~1..HEAD", "--format", "json", "--repo"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let clauses = v["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 1, "{clauses:#?}");
    assert_eq!(
        (clauses[0]["change"].as_str(), clauses[0]["id"].as_str()),
        (Some("reworded"), Some("br3v"))
    );
    assert!(clauses[0]["word_diff"].as_str().unwrap().contains("[-200-]{+150+}"));
    assert_eq!(v["bump"], "patch");
    // One revision against the working tree: nothing changed since HEAD.
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "HEAD", "--format", "json", "--repo"])
        .arg(dir)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["bump"], "none", "{v:#}");
    // A bad revision is an error that says what to do.
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "nope..HEAD", "--repo"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("help:"));
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn human_output_groups_changes_by_section() {
    let c = corpus();
    let out = Command::cargo_bin("specc")
        .unwrap()
        .env("NO_COLOR", "1")
        .arg("diff")
        .arg(c.join("2025-04-11"))
        .arg(c.join("2025-09-12"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "no colour when stdout is not a terminal");
    assert!(
        text.contains("~ authority level `platform` renamed to `root`"),
        "{text}"
    );
    assert!(
        text.contains("\nRed-line principles (red_line_principles)\n  + section added"),
        "{text}"
    );
    assert!(
        text.contains("\nComply with applicable laws (comply_with_laws)\n"),
        "{text}"
    );
    assert!(text.contains("! authority lowered: root → system"), "{text}");
    assert!(text.trim_end().contains("suggested version bump: major"), "{text}");
}
