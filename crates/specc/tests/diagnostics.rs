//! One fixture project per diagnostic code, under `tests/fixtures/<CODE>-<name>/`,
//! with snapshots of its human and JSON rendering. A code without a fixture fails
//! `every_code_has_a_fixture`; a fixture that stops producing its code fails too.

use assert_cmd::Command;
use specc_diagnostics::CODES;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture_for(code: &str) -> Option<PathBuf> {
    std::fs::read_dir(fixtures())
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{code}-")))
        })
}

/// The project folder of a fixture: itself, or `a/` for multi-project fixtures.
fn project_dir(fixture: &Path) -> PathBuf {
    if fixture.join("a/specc.toml").exists() {
        fixture.join("a")
    } else {
        fixture.to_path_buf()
    }
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "."])
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn every_code_has_a_fixture() {
    let missing: Vec<&str> = CODES
        .iter()
        .map(|c| c.code)
        .filter(|c| fixture_for(c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a fixture under tests/fixtures: {missing:?}"
    );
}

#[test]
fn every_fixture_reports_its_code_and_matches_its_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/diagnostics");
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    for info in CODES {
        let fixture = fixture_for(info.code).expect("checked by every_code_has_a_fixture");
        let dir = project_dir(&fixture);
        // A fixture may need flags (`--deep`), listed in its `check-args` file.
        let extra = std::fs::read_to_string(fixture.join("check-args")).unwrap_or_default();
        let extra: Vec<&str> = extra.split_whitespace().collect();
        let (code, human) = run(&dir, &[&["--color", "never"], extra.as_slice()].concat());
        assert!(
            human.contains(&format!("[{}]", info.code)),
            "fixture {} does not produce {}:\n{human}",
            fixture.display(),
            info.code
        );
        let expected_exit = match info.code {
            "C001" | "C002" | "C003" | "C115" => 2,
            _ if info.severity == specc_diagnostics::Severity::Error => 1,
            _ => 0,
        };
        assert_eq!(code, expected_exit, "{}: exit code\n{human}", info.code);
        let (_, json) = run(&dir, &[&["--format", "json"], extra.as_slice()].concat());
        let name = fixture.file_name().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("{name}-human"), human);
        insta::assert_snapshot!(format!("{name}-json"), json);
    }
}

#[test]
fn warnings_fail_only_when_denied() {
    let dir = fixtures().join("C106-untested-clause");
    assert_eq!(run(&dir, &[]).0, 0);
    assert_eq!(run(&dir, &["--deny", "warnings"]).0, 1);
}

#[test]
fn explain_prints_every_code_documentation() {
    for info in CODES {
        for query in [info.code, info.name] {
            let out = Command::cargo_bin("specc")
                .unwrap()
                .args(["explain", query])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{query}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(
                text.contains(info.code) && text.contains("## Use instead"),
                "{query}: {text}"
            );
        }
    }
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["explain", "Z999"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The help of C003 says "`specc explain C003` lists the keys"; it does
/// (`specc_project`'s config tests check every key of every table).
#[test]
fn explain_c003_lists_the_keys_of_specc_toml() {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["explain", "C003"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "## Keys",
        "- `[spec]`",
        "- `[dependencies]`",
        "- `[lint]`",
        "- `[models.<name>]`",
        "- `[test]`",
        "- `[deep]`",
        "`pass-threshold` (0 to 1)",
        "`temperature` (0 to 2; the grader's defaults to 0)",
        "`seed` (a whole number",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
}
