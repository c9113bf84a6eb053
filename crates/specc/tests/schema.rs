//! The JSON Schema of `specc.toml` (`docs/schemas/specc.toml.json`, printed
//! by `specc schema`, written by `specc init` beside the specc.toml it makes
//! and named there by `#:schema`): generated from the config types, so it
//! cannot drift; every specc.toml of this repository is valid under it; and
//! an unknown key is refused by the schema and by specc alike.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schema() -> Value {
    let out = Command::cargo_bin("specc").unwrap().arg("schema").output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn as_json(toml_text: &str) -> Value {
    let v: toml::Value = toml::from_str(toml_text).unwrap();
    serde_json::to_value(v).unwrap()
}

/// Every `specc.toml` under `dir`, build outputs and packages left out.
fn configs(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if p.is_dir() {
            if !matches!(name.as_str(), "target" | "node_modules" | ".git") {
                configs(&p, out);
            }
        } else if name == "specc.toml" {
            out.push(p);
        }
    }
}

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let shipped: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("docs/schemas/specc.toml.json")).unwrap()).unwrap();
    assert_eq!(
        shipped,
        schema(),
        "docs/schemas/specc.toml.json is stale: run `cargo run -p specc -- schema > docs/schemas/specc.toml.json`"
    );
}

#[test]
fn every_specc_toml_in_the_repository_is_valid_under_it() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let mut found = Vec::new();
    configs(&repo(), &mut found);
    assert!(found.len() >= 20, "{found:?}");
    let mut checked = 0;
    for path in found {
        let text = std::fs::read_to_string(&path).unwrap();
        // Fixtures of configuration errors are invalid on purpose.
        if path.to_string_lossy().contains("C003-invalid-config") || toml::from_str::<toml::Value>(&text).is_err() {
            continue;
        }
        let errors: Vec<String> = validator.iter_errors(&as_json(&text)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
}

#[test]
fn an_unknown_key_is_refused_by_the_schema_and_by_specc() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    for (toml_text, key) in [
        ("[test]\nsampels = 3\n", "sampels"),
        ("[models.target]\nprovider = \"openai\"\nmodle = \"m\"\n", "modle"),
        ("[spec]\nauthor = \"me\"\n", "author"),
        ("[models.targte]\nprovider = \"openai\"\n", "targte"),
    ] {
        assert!(!validator.is_valid(&as_json(toml_text)), "the schema took {key}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("specc.toml"), toml_text).unwrap();
        std::fs::create_dir_all(dir.path().join("spec")).unwrap();
        std::fs::write(dir.path().join("spec/a.md"), "# A {#a}\n").unwrap();
        let out = Command::cargo_bin("specc")
            .unwrap()
            .arg("check")
            .arg(dir.path())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("error[C003]") && said.contains(key), "{said}");
    }
    // Values out of range too: a wrong provider, a temperature of 3.
    for bad in [
        "[models.target]\nprovider = \"gopher\"\n",
        "[models.grader]\nprovider = \"openai\"\ntemperature = 3.0\n",
        "[models.grader]\nprovider = \"openai\"\ndeveloper-role = \"admin\"\n",
        "[models.grader]\nprovider = \"openai\"\nmax-tokens = 0\n",
        "[models.grader]\nprovider = \"openai\"\nbase-url = \"ftp://x\"\n",
        "[models.grader]\nprovider = \"openai\"\nprice = { input = -1.0, output = 1.0 }\n",
        "[test]\nbudget = -1.0\n",
        "[spec]\nversion = \"\"\n",
        "[spec]\nauthority = []\n",
    ] {
        assert!(!validator.is_valid(&as_json(bad)), "{bad}");
    }
}

#[test]
fn init_writes_the_schema_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("specc")
        .unwrap()
        .arg("init")
        .arg(dir.path())
        .assert()
        .success();
    let toml_text = std::fs::read_to_string(dir.path().join("specc.toml")).unwrap();
    assert!(toml_text.starts_with("#:schema ./specc.schema.json\n"), "{toml_text}");
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("specc.schema.json")).unwrap()).unwrap();
    assert_eq!(written, schema());
    let validator = jsonschema::validator_for(&written).unwrap();
    assert!(validator.is_valid(&as_json(&toml_text)));
}
