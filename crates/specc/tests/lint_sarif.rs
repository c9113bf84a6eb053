//! `specc lint --format sarif` validated against the published SARIF 2.1.0 JSON
//! schema (tests/data/sarif-schema-2.1.0.json; see tests/data/README.md for its
//! source), on a fixture project whose findings include a fix, a check error and
//! a file in a subfolder, and on the 2025-12-18 Model Spec release (reported
//! as ignored when `../shared/corpus` is absent, see tools/corpus_cfg.rs).

use assert_cmd::Command;
use jsonschema::Validator;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn validator() -> Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema",
        "{}",
        path.display()
    );
    // The published schema's pattern for `language` (of a run and of a tool
    // component) has a stray `]`: legacy ECMA 262 regexes read a lone `]` as a
    // literal, Unicode mode rejects it, and so does jsonschema's check of the
    // schema itself. Escaping it (in memory only; the file stays as published)
    // keeps the pattern's meaning. specc writes no `language` anyway.
    let mut schema = schema;
    let mut fixed = 0;
    for def in ["run", "toolComponent"] {
        let p = &mut schema["definitions"][def]["properties"]["language"]["pattern"];
        if *p == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
            *p = Value::from("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$");
            fixed += 1;
        }
    }
    assert_eq!(
        fixed, 2,
        "the schema file is not the one tests/data/README.md describes"
    );
    // Formats are checked too: URIs, URI references, dates.
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

/// The schema violations of `log`, one line each.
fn violations(v: &Validator, log: &Value) -> Vec<String> {
    v.iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_valid(v: &Validator, log: &Value) {
    let errs = violations(v, log);
    assert!(
        errs.is_empty(),
        "SARIF output violates the 2.1.0 schema:\n{}",
        errs.join("\n")
    );
}

/// `specc lint --format sarif ARGS PATH`, run in `cwd`.
fn sarif(cwd: &Path, path: &str, args: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(cwd)
        .args(["lint", "--format", "sarif"])
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let log = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), log)
}

const SPEC: &str = r#"# Rules {#rules authority=user}

The assistant should avoid excessive hedging.

The assistant should refuse weapons such as explosives, nerve agents, etc. It should say so.

The assistant must decline to help with a request when the request asks for detailed operational instructions that would give a meaningful uplift to someone trying to cause harm to other people, and when the same information is not already available to the public in an easy form, and when the user has not given any context that would make the request clearly benign or clearly part of their legitimate professional work.

See [?](#nope).
"#;

/// A project with two documents, one in a subfolder, and findings of A101,
/// A402 (with a safe fix), A701 and the check error C103.
fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proj");
    std::fs::create_dir_all(root.join("spec/more")).unwrap();
    std::fs::write(
        root.join("specc.toml"),
        "[spec]\nname = \"fixture\"\ndocuments = [\"spec/**/*.md\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("spec/rules.md"), SPEC).unwrap();
    std::fs::write(
        root.join("spec/more/extra.md"),
        "# Extra {#extra authority=root}\n\nThe assistant must give sufficient detail.\n",
    )
    .unwrap();
    tmp
}

/// Checks beyond the schema: what code scanning relies on.
fn check_semantics(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "specc");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in run["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[i]["id"], r["ruleId"],
            "ruleIndex points at the result's rule: {r}"
        );
        for loc in r["locations"].as_array().unwrap() {
            let uri = loc["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
            assert!(!uri.starts_with('/') && !uri.starts_with("./"), "relative URIs: {uri}");
        }
    }
}

#[test]
fn fixture_sarif_is_valid() {
    let v = validator();
    let tmp = fixture();
    for (cwd, path) in [(tmp.path().join("proj"), "."), (tmp.path().to_path_buf(), "proj")] {
        let (code, log) = sarif(&cwd, path, &["--select", "A101,A402,A701"]);
        assert_eq!(code, 1, "C103 is an error");
        assert_valid(&v, &log);
        check_semantics(&log);
        let results = log["runs"][0]["results"].as_array().unwrap();
        let mut got: Vec<(&str, &str)> = results
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap(),
                    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                        .as_str()
                        .unwrap(),
                )
            })
            .collect();
        assert_eq!(got[0].0, "C103", "check's errors come first");
        got.sort();
        assert_eq!(
            got,
            [
                ("A101", "spec/more/extra.md"),
                ("A101", "spec/rules.md"),
                ("A402", "spec/rules.md"),
                ("A701", "spec/rules.md"),
                ("C103", "spec/rules.md"),
            ],
            "{log:#}"
        );
        // The A402 result carries its fix.
        let a402 = results.iter().find(|r| r["ruleId"] == "A402").unwrap();
        let fix = &a402["fixes"][0];
        let rep = &fix["artifactChanges"][0]["replacements"][0];
        assert_eq!(rep["insertedContent"]["text"], ".");
        assert_eq!(rep["deletedRegion"]["startLine"], 5);
        assert!(fix["description"]["text"].as_str().unwrap().contains(", etc."));
        // Each rule comes with its help text.
        let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        let a101 = rules.iter().find(|r| r["id"] == "A101").unwrap();
        assert!(
            a101["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## Why is this bad?")
        );
    }
}

#[test]
fn file_names_that_need_escaping_give_valid_uris() {
    let v = validator();
    let tmp = tempfile::tempdir().unwrap();
    for (name, uri) in [
        ("my spec.md", "my%20spec.md"),
        ("odd,name:1.md", "odd%2Cname%3A1.md"),
        ("100% sure.md", "100%25%20sure.md"),
        ("naïve.md", "na%C3%AFve.md"),
    ] {
        std::fs::write(
            tmp.path().join(name),
            "# A {#a authority=user}\n\nThe assistant should avoid excessive hedging.\n",
        )
        .unwrap();
        let (_, log) = sarif(tmp.path(), ".", &["--select", "A101"]);
        assert_valid(&v, &log);
        let loc = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], uri);
        std::fs::remove_file(tmp.path().join(name)).unwrap();
    }
}

#[test]
fn broken_logs_fail_validation() {
    let v = validator();
    let tmp = fixture();
    let (_, log) = sarif(&tmp.path().join("proj"), ".", &["--select", "A101,A402,A701"]);
    assert_valid(&v, &log);
    type Breaker = fn(&mut Value);
    let breakers: &[(&str, Breaker)] = &[
        ("no version", |l| {
            l.as_object_mut().unwrap().remove("version");
        }),
        ("version 2.0.0", |l| l["version"] = json!("2.0.0")),
        ("no runs", |l| {
            l.as_object_mut().unwrap().remove("runs");
        }),
        ("unknown top-level property", |l| l["extra"] = json!(1)),
        ("no tool driver name", |l| {
            l["runs"][0]["tool"]["driver"].as_object_mut().unwrap().remove("name");
        }),
        ("bad level", |l| l["runs"][0]["results"][0]["level"] = json!("fatal")),
        ("message without text", |l| {
            l["runs"][0]["results"][0]["message"] = json!({})
        }),
        ("line 0", |l| {
            l["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = json!(0)
        }),
        ("negative rule index", |l| {
            l["runs"][0]["results"][0]["ruleIndex"] = json!(-2)
        }),
        ("columnKind unknown", |l| l["runs"][0]["columnKind"] = json!("bytes")),
        ("fix without changes", |l| {
            let results = l["runs"][0]["results"].as_array_mut().unwrap();
            let a402 = results.iter_mut().find(|r| r["ruleId"] == "A402").unwrap();
            a402["fixes"][0]["artifactChanges"] = json!([]);
        }),
        ("rules not an array", |l| {
            l["runs"][0]["tool"]["driver"]["rules"] = json!({})
        }),
    ];
    for (what, f) in breakers {
        let mut broken = log.clone();
        f(&mut broken);
        assert!(
            !violations(&v, &broken).is_empty(),
            "a log with {what} passed validation"
        );
    }
}

/// A release of the corpus; panics when absent (the test using it is ignored
/// without the corpus, see tools/corpus_cfg.rs).
fn corpus_release(release: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/openai-model-spec")
        .join(release);
    assert!(
        dir.join("model_spec.md").is_file(),
        "this test needs the Model Spec corpus, and {} is absent",
        dir.display()
    );
    dir
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn corpus_sarif_is_valid() {
    let dir = corpus_release("2025-12-18");
    let v = validator();
    // The default rule set (whatever it holds now) and the three rules these tests know.
    for args in [&[][..], &["--select", "A101,A402,A701"]] {
        let (code, log) = sarif(&dir, ".", args);
        assert!(code == 0 || code == 1, "exit {code}");
        assert_valid(&v, &log);
        check_semantics(&log);
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert!(results.len() > 10, "the release has findings: {}", results.len());
        assert!(results.iter().any(|r| r["ruleId"] == "A101"));
        assert!(
            results.iter().any(|r| r["fixes"].is_array()),
            "some findings carry a fix"
        );
    }
}
