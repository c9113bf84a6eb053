//! `specc test --changed-since` and `specc diff REV` read the old revision with
//! the same loader as the working tree, `specc.toml` included: a project whose
//! test files live in a custom `[spec] examples` folder.

mod common;
use assert_cmd::Command;
use common::{completion, git};
use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(body_partial_json(json!({ "model": "target-m" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion("Sure, briefly.")))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(body_partial_json(json!({ "model": "grader-m" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion(r#"{"verdict": "pass", "rationale": "ok"}"#)))
        .mount(&s)
        .await;
    s
}

const SPEC: &str = "# Style {#style authority=user}\n\nThe assistant should keep answers short[^sh0r].\n\nThe assistant should answer politely[^p0l1].\n";

fn test_file(id: &str, prompt: &str) -> String {
    format!("Examples for [^{id}] in Style:\n\n**Example**: a question\n\n~~~xml\n<user>\n{prompt}\n</user>\n~~~\n")
}

/// A committed project whose test files are in `cases/`, not `examples/`.
fn project(uri: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let toml = format!(
        "[spec]\nname = \"custom-cases\"\nversion = \"0.1.0\"\nexamples = \"cases\"\n\n[models.target]\nprovider = \"openai\"\nmodel = \"target-m\"\nbase-url = \"{uri}/v1\"\napi-key-env = \"SPECC_TEST_KEY\"\ntemperature = 0.0\ntimeout = \"5s\"\nretries = 1\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{uri}/v1\"\napi-key-env = \"SPECC_TEST_KEY\"\ntemperature = 0.0\n\n[test]\nsamples = 1\nconcurrency = 1\n"
    );
    for (p, text) in [
        ("specc.toml", toml),
        (".gitignore", ".specc/\n".to_string()),
        ("spec/style.md", SPEC.to_string()),
        ("cases/sh0r.md", test_file("sh0r", "How do refunds work?")),
        ("cases/p0l1.md", test_file("p0l1", "Where is my parcel?")),
    ] {
        let p = dir.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "first"]);
    tmp
}

#[tokio::test(flavor = "multi_thread")]
async fn changed_since_reads_the_old_revision_s_custom_examples_folder() {
    let s = server().await;
    let p = project(&s.uri());
    let dir = p.path();
    // The project checks clean: `cases/` holds the test files.
    Command::cargo_bin("specc")
        .unwrap()
        .arg("check")
        .arg(dir)
        .assert()
        .success();
    // Edit one test file's prompt, uncommitted.
    std::fs::write(dir.join("cases/p0l1.md"), test_file("p0l1", "Where is my order?")).unwrap();

    let out = tokio::task::block_in_place(|| {
        Command::cargo_bin("specc")
            .unwrap()
            .env("SPECC_TEST_KEY", "sk-test")
            .args(["test", "--format", "json", "--no-cache", "--changed-since", "HEAD"])
            .arg(dir)
            .output()
            .unwrap()
    });
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{stderr}", String::from_utf8_lossy(&out.stdout)));
    assert!(
        stderr.contains("1 of 2 cases changed since HEAD: 1 because its prompt, answers or expectations changed"),
        "{stderr}"
    );
    let sent: Vec<String> = s
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).to_string())
        .filter(|b| b.contains("target-m"))
        .collect();
    assert_eq!(sent.len(), 1, "{stderr}");
    assert!(sent[0].contains("Where is my order?"), "{sent:?}");
    assert_eq!(v["requests"]["target"], 1, "{v:#}");

    // specc diff HEAD shows that test prompt, and only it, as changed.
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "HEAD", "--format", "json", "--repo"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    let prompts = d["test_prompts"].as_array().unwrap();
    assert_eq!(prompts.len(), 1, "{d:#}");
    assert_eq!(prompts[0]["change"], "changed");
    assert!(prompts[0]["id"].as_str().unwrap().starts_with("p0l1"), "{d:#}");
    assert!(d["clauses"].as_array().unwrap().is_empty(), "{d:#}");
    let human = Command::cargo_bin("specc")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["diff", "HEAD", "--repo"])
        .arg(dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("~ test prompt p0l1"), "{text}");
}

#[test]
fn diff_of_a_revision_reads_a_project_in_a_subfolder() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    let dir = repo.join("policy");
    git(repo, &["init", "-q"]);
    std::fs::write(repo.join("README.md"), "# A repository\n").unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", "before the spec"]);
    for (p, text) in [
        (
            "specc.toml",
            "[spec]\nname = \"sub\"\nexamples = \"cases\"\n".to_string(),
        ),
        ("spec/style.md", SPEC.to_string()),
        ("cases/sh0r.md", test_file("sh0r", "How do refunds work?")),
        ("cases/p0l1.md", test_file("p0l1", "Where is my parcel?")),
    ] {
        let p = dir.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", "first"]);
    std::fs::write(dir.join("spec/style.md"), SPEC.replace("short", "brief")).unwrap();
    std::fs::write(dir.join("cases/sh0r.md"), test_file("sh0r", "How do returns work?")).unwrap();
    git(repo, &["commit", "-qam", "second"]);
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "HEAD~1..HEAD", "--format", "json", "--repo"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["clauses"].as_array().unwrap().len(), 1, "{d:#}");
    assert_eq!(d["clauses"][0]["id"], "sh0r");
    let prompts = d["test_prompts"].as_array().unwrap();
    assert_eq!(prompts.len(), 1, "{d:#}");
    assert!(prompts[0]["id"].as_str().unwrap().starts_with("sh0r"), "{d:#}");
    // A revision before the project existed is an error with a help line.
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "HEAD~2..HEAD", "--repo"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("at revision HEAD~2") && stderr.contains("\nhelp: "),
        "{stderr}"
    );
}

/// A dependency outside the repository is not in the old revision: the root
/// package still loads, so `specc diff` compares it.
#[test]
fn diff_of_a_revision_whose_dependency_is_outside_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base");
    std::fs::create_dir_all(base.join("spec")).unwrap();
    std::fs::write(
        base.join("spec/base.md"),
        "# Base {#base authority=root}\n\nThe assistant must be safe[^s4fe].\n",
    )
    .unwrap();
    let dir = tmp.path().join("repo");
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::write(
        dir.join("specc.toml"),
        "[spec]\nname = \"t\"\n\n[dependencies]\nbase = { path = \"../base\" }\n",
    )
    .unwrap();
    std::fs::write(dir.join("spec/style.md"), SPEC).unwrap();
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "first"]);
    std::fs::write(dir.join("spec/style.md"), SPEC.replace("short", "brief")).unwrap();
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "HEAD", "--format", "json", "--repo"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["clauses"][0]["id"], "sh0r", "{d:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_changed_since_run_is_partial_and_compared_only_on_its_cases() {
    let s = server().await;
    let p = project(&s.uri());
    let dir = p.path();
    let specc = |args: &[&str]| {
        let out = Command::cargo_bin("specc")
            .unwrap()
            .env("SPECC_TEST_KEY", "sk-test")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.code().unwrap() < 2,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let d = dir.to_str().unwrap();
    tokio::task::block_in_place(|| specc(&["test", d, "--format", "json"]));
    std::fs::write(dir.join("cases/p0l1.md"), test_file("p0l1", "Where is my order?")).unwrap();
    tokio::task::block_in_place(|| specc(&["test", d, "--format", "json", "--changed-since", "HEAD"]));

    let runs: Value = serde_json::from_str(&specc(&["runs", d, "--format", "json"])).unwrap();
    assert_eq!(runs["runs"][0]["scope"], "--changed-since HEAD", "{runs:#}");
    assert_eq!(runs["runs"][1]["scope"], Value::Null, "{runs:#}");
    let human = specc(&["runs", d]);
    assert!(human.contains("(partial: --changed-since HEAD)"), "{human}");
    // Run 1 had both clauses, run 2 only the changed one: compared on that one.
    let c: Value = serde_json::from_str(&specc(&["compare", "1", "2", "--project", d, "--format", "json"])).unwrap();
    let ids: Vec<&str> = c["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["p0l1"], "{c:#}");
    assert_eq!(c["run_b"]["scope"], "--changed-since HEAD");
    // The partial run is no point of the trend.
    let conn = rusqlite::Connection::open(dir.join(".specc/results.db")).unwrap();
    let settings: String = conn
        .query_row("SELECT settings FROM runs WHERE id = 2", [], |r| r.get(0))
        .unwrap();
    assert!(settings.contains("\"scope\":\"--changed-since HEAD\""), "{settings}");
}
