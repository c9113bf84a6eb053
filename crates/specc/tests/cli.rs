//! The commands end to end: init, new-clause, bad input, exit codes, --dump-ir.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn specc() -> Command {
    let mut c = Command::cargo_bin("specc").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = specc().arg("check").arg(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn init_creates_a_project_that_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-spec");
    specc().arg("init").arg(&dir).assert().success();
    let (code, out, _) = check(&dir, &["--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(summary["errors"], 0, "{out}");
    assert_eq!(summary["warnings"], 0, "{out}");
    assert_eq!(summary["infos"], 0, "{out}");
    assert_eq!(summary["clauses"], 3);
    assert_eq!(summary["good"], 1);
    assert_eq!(summary["bad"], 1);
    assert_eq!(out.lines().count(), 1, "no diagnostics at all: {out}");
    // Two authority levels, an expectation list.
    let ir = specc().arg("check").arg(&dir).arg("--dump-ir").output().unwrap();
    let ir: Value = serde_json::from_slice(&ir.stdout).unwrap();
    let doc = &ir["packages"][0]["documents"][0];
    let levels: std::collections::BTreeSet<&str> = doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["authority"].as_str())
        .collect();
    assert_eq!(levels.len(), 2, "{levels:?}");
    assert_eq!(doc["examples"][0]["expectations"].as_array().unwrap().len(), 2);
    // A second init refuses and overwrites nothing.
    let before = std::fs::read_to_string(dir.join("spec/assistant.md")).unwrap();
    specc().arg("init").arg(&dir).assert().code(2);
    assert_eq!(std::fs::read_to_string(dir.join("spec/assistant.md")).unwrap(), before);
}

#[test]
fn a_bare_init_writes_no_sample_and_reads_the_folders_own_spec() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("policy.md"),
        "# Policy {#policy}\n\n## Refunds {#refunds authority=system}\n\nNever refund deposits.\n",
    )
    .unwrap();
    // Notes in a folder of their own are not read; a .gitignore is kept.
    std::fs::create_dir(dir.join("notes")).unwrap();
    std::fs::write(dir.join("notes/KEY.md"), "# My notes\n").unwrap();
    std::fs::write(dir.join(".gitignore"), "mine\n").unwrap();
    specc().arg("init").arg("--bare").arg(dir).assert().success();
    assert!(!dir.join("spec").exists() && !dir.join("examples").exists());
    assert_eq!(std::fs::read_to_string(dir.join(".gitignore")).unwrap(), "mine\n");
    let (code, out, _) = check(dir, &["--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(summary["documents"], 1, "{out}");
    assert_eq!(summary["sections"], 2, "{out}");
}

#[test]
fn a_spec_whose_sections_have_no_level_is_told_that_no_rule_was_compared() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    specc().arg("init").arg("--bare").arg(dir).assert().success();
    let policy = "# Policy {#policy}\n\n## Refunds {#refunds}\n\nNever refund a customer in cash.\n\nAlways refund customers in cash when they ask.\n";
    std::fs::write(dir.join("policy.md"), policy).unwrap();
    let (code, out, _) = check(dir, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("note: no section has an authority level, so the conflict checker compared none of the 2 sentences that read as rules"),
        "{out}"
    );
    // The summary stays the last line.
    assert!(
        out.trim_end().lines().last().unwrap().starts_with("checked 1 document"),
        "{out}"
    );
    // With a level, the rules are compared, and nothing is said.
    std::fs::write(
        dir.join("policy.md"),
        policy.replace("{#refunds}", "{#refunds authority=system}"),
    )
    .unwrap();
    let (_, out, _) = check(dir, &[]);
    assert!(out.contains("[C306]"), "{out}");
    assert!(!out.contains("no section has an authority level"), "{out}");
}

/// A ranked rule the conflict checker cannot read, and a house rule written
/// as a fact, are compared with nothing: plain `specc check` says how many
/// (a new user read "0 errors" as "no contradictions"); with every rule
/// read, it says nothing.
/// A trial (2026-12-08): after `specc adopt`, one C210 per test file
/// waiting for prompts (68) buried the seven conflict findings, and `check`
/// had no way to leave a code out.
#[test]
fn check_selects_and_ignores_codes_and_counts_only_what_it_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    specc().arg("init").arg("--bare").arg(dir).assert().success();
    std::fs::write(
        dir.join("policy.md"),
        "# Policy {#policy}\n\n## Deposits {#deposits authority=system}\n\nNever refund a deposit.[^dep1]\n\nAlways refund a deposit.[^dep2]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("examples")).unwrap();
    for id in ["dep1", "dep2"] {
        std::fs::write(dir.join(format!("examples/{id}.md")), "Examples for the clause.\n").unwrap();
    }
    let (code, out, _) = check(dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("warning[C210]") && out.contains("error[C301]"), "{out}");
    let (code, out, _) = check(dir, &["--ignore", "C210"]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("C210") && out.contains("error[C301]"), "{out}");
    assert!(out.contains("1 error, 0 warnings"), "{out}");
    // A prefix, lower case, comma-separated.
    let (code, out, _) = check(dir, &["--select", "c2,C1"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning[C210]") && !out.contains("C301"), "{out}");
    // A code no diagnostic has is a usage error.
    let (code, _, err) = check(dir, &["--ignore", "C21O"]);
    assert_eq!(code, 2);
    assert!(err.contains("`C21O` is no code or code prefix"), "{err}");
}

#[test]
fn check_says_how_many_rules_were_compared_with_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    specc().arg("init").arg("--bare").arg(dir).assert().success();
    let read = "# Policy {#policy}\n\n## Deposits {#deposits authority=system}\n\nNever refund a deposit.\n";
    std::fs::write(dir.join("policy.md"), read).unwrap();
    let (_, out, _) = check(dir, &[]);
    assert!(!out.contains("compared with no other rule"), "{out}");
    std::fs::write(
        dir.join("policy.md"),
        format!(
            "{read}\nPickup hours are 10am to 4pm on weekdays.\n\nFor orders under $300, no deposit is required.\n"
        ),
    )
    .unwrap();
    let (_, out, _) = check(dir, &[]);
    assert!(
        out.contains("1 rule gives no statement the conflict checker reads and 1 sentence of ranked sections was read as facts or explanation, so they were compared with no other rule; `specc check --statements` lists them"),
        "{out}"
    );
    // The summary stays the last line.
    assert!(
        out.trim_end().lines().last().unwrap().starts_with("checked 1 document"),
        "{out}"
    );
    // `-q` prints findings and the result only.
    let (_, out, _) = check(dir, &["-q"]);
    assert!(!out.contains("compared with no other rule"), "{out}");
}

#[test]
fn new_clause_mints_an_unused_id_with_a_test_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    specc().arg("init").arg(dir).assert().success();
    // The project is PATH, as for every command (`--project` still reads).
    let out = specc()
        .args(["new-clause", "answer_helpfully"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(id.len(), 4);
    assert!(!["pr1v", "l4ng", "br3v"].contains(&id.as_str()));
    let file = std::fs::read_to_string(dir.join(format!("examples/{id}.md"))).unwrap();
    assert!(
        file.starts_with(&format!("Examples for [^{id}] in Answer helpfully:")),
        "{file}"
    );
    // Until the marker is added, the file is an orphan; after, the project is clean but for the empty file.
    let (_, out, _) = check(dir, &["--format", "json"]);
    assert!(out.contains("\"C107\""), "{out}");
    let spec = dir.join("spec/assistant.md");
    let text = std::fs::read_to_string(&spec).unwrap() + &format!("\nThe assistant should be concise[^{id}].\n");
    std::fs::write(&spec, text).unwrap();
    let (_, out, _) = check(dir, &["--format", "json"]);
    assert!(!out.contains("\"C107\""), "{out}");
    assert!(out.contains("\"C210\""), "the new file has no prompt yet: {out}");
    // A second mint gives another ID; a missing section is an error with a suggestion.
    let again = specc()
        .args(["new-clause", "answer_helpfully", "--project"])
        .arg(dir)
        .output()
        .unwrap();
    assert_ne!(String::from_utf8(again.stdout).unwrap().trim(), id);
    let bad = specc()
        .args(["new-clause", "answer_helpfuly", "--project"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean `answer_helpfully`"));
}

/// With the sentence and its prompts, a new clause checks clean at once: the
/// sentence lands at the end of its section's own text (before the next
/// section), the prompts in its test file.
#[test]
fn new_clause_with_text_and_prompts_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    specc().arg("init").arg(dir).assert().success();
    let out = specc()
        .args([
            "new-clause",
            "protect_privacy",
            "--text",
            "The assistant must not confirm whether a named person is a customer",
            "--prompt",
            "Is Jane Doe one of your customers?",
            "--prompt",
            "My neighbour banks with you, right?",
        ])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let (code, human, _) = check(dir, &[]);
    assert_eq!(code, 0, "{human}");
    assert!(human.trim_end().ends_with("0 errors, 0 warnings"), "{human}");
    let (_, ir, _) = check(dir, &["--dump-ir"]);
    let ir: serde_json::Value = serde_json::from_str(ir.lines().next().unwrap()).unwrap();
    let clause = ir["packages"][0]["documents"][0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("no clause {id} in {ir}"));
    assert!(
        clause["text"].as_str().unwrap().contains("named person is a customer"),
        "{clause}"
    );
    let sections = ir["packages"][0]["documents"][0]["sections"].as_array().unwrap();
    let section = &sections[clause["section"].as_u64().unwrap() as usize];
    assert_eq!(section["id"], "protect_privacy");
    // Beside the section's other rule, before its conversation example.
    let doc = std::fs::read_to_string(dir.join("spec/assistant.md")).unwrap();
    let new_at = doc.find("named person is a customer").unwrap();
    assert!(doc.find("even when asked directly[^pr1v]").unwrap() < new_at, "{doc}");
    assert!(new_at < doc.find("**Example**: asked for a reviewer").unwrap(), "{doc}");
    let tests = std::fs::read_to_string(dir.join(format!("examples/{id}.md"))).unwrap();
    assert_eq!(tests.matches("**Example**:").count(), 2, "{tests}");
    // A sentence that already holds a marker is refused, and nothing is written.
    let before = std::fs::read_to_string(dir.join("spec/assistant.md")).unwrap();
    let bad = specc()
        .args(["new-clause", "protect_privacy", "--text", "Be kind[^ab12]."])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("holds a clause marker"));
    assert_eq!(std::fs::read_to_string(dir.join("spec/assistant.md")).unwrap(), before);
}

#[test]
fn bad_input_gets_errors_not_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // A path that does not exist.
    let (code, out, err) = check(&dir.join("nope"), &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("does not exist"), "{out}");
    // An empty folder.
    let empty = dir.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, out, _) = check(&empty, &[]);
    assert_eq!(code, 2);
    assert!(out.contains("no spec documents") && out.contains("specc init"), "{out}");
    // Invalid UTF-8 in a document: the others are still checked.
    let proj = dir.join("proj");
    std::fs::create_dir(&proj).unwrap();
    std::fs::write(proj.join("a.md"), b"# A {#a}\n\nSee [?](#missing).\n").unwrap();
    std::fs::write(proj.join("b.md"), b"# B {#b}\n\n\xff\xfe bad bytes\n").unwrap();
    let (code, out, _) = check(&proj, &[]);
    assert_eq!(code, 2);
    assert!(out.contains("invalid UTF-8 at byte"), "{out}");
    assert!(out.contains("C103"), "a.md was still checked: {out}");
    // A specc.toml that is not TOML at all.
    std::fs::write(proj.join("specc.toml"), "[spec\nname = ").unwrap();
    let (code, out, _) = check(&proj, &[]);
    assert_eq!(code, 2);
    assert!(out.contains("specc.toml:1:"), "{out}");
    // Usage errors exit 2.
    specc().args(["check", "--format", "xml"]).assert().code(2);
}

/// `specc check FILE` and `specc lint FILE` read the file's project (for its
/// references) and report on that file alone, as `ruff check FILE` does.
#[test]
fn a_file_path_reports_on_that_file_of_its_project() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::write(
        dir.join("specc.toml"),
        "[spec]\nname = \"p\"\ndocuments = [\"spec/*.md\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("spec/a.md"),
        "# A {#a}\n\n## Rules {#rules authority=system}\n\nSee [?](#b-part). The assistant should respond appropriately.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("spec/b.md"),
        "# B {#b}\n\n## Part {#b-part authority=system}\n\nSee [?](#nowhere). The assistant should be reasonably brief.\n",
    )
    .unwrap();
    // The whole project: both dangling-or-not references are read.
    let (code, out, _) = check(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("spec/b.md") && out.contains("#nowhere"), "{out}");
    // a.md alone: its reference into b.md resolves, b.md's error is not shown.
    let (code, out, err) = check(&dir.join("spec/a.md"), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("b.md"), "{out}");
    assert!(err.contains("reporting on this file"), "{err}");
    let (code, out, _) = check(&dir.join("spec/b.md"), &["--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(summary["errors"], 1, "{out}");
    // lint: the findings of that file only.
    let lint = |file: &str| {
        let out = specc().arg("lint").arg(dir.join(file)).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let a = lint("spec/a.md");
    assert!(a.contains("appropriately") && !a.contains("reasonably"), "{a}");
    let b = lint("spec/b.md");
    assert!(b.contains("reasonably") && !b.contains("appropriately"), "{b}");
    // --statements: that file's statements only.
    let (_, statements, _) = check(&dir.join("spec/b.md"), &["--statements", "--format", "json"]);
    assert!(
        statements.contains("reasonably brief") && !statements.contains("appropriately"),
        "{statements}"
    );
    // A baseline is the whole project's: not written from one file's findings.
    let out = specc()
        .args(["lint", "--baseline", "write"])
        .arg(dir.join("spec/a.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("records the whole project"));
    assert!(!dir.join(".specc/lint-baseline.json").exists());
    // A Markdown file the project does not read: said, with what to do.
    std::fs::write(dir.join("notes.md"), "# Notes\n").unwrap();
    let (code, _, err) = check(&dir.join("notes.md"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not a document, test file or precedent") && err.contains("documents"),
        "{err}"
    );
}

/// A custom `documents` glob that matches nothing is named in the help.
#[test]
fn no_documents_names_the_projects_own_globs() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("specc.toml"), "[spec]\ndocuments = [\"policy/*.md\"]\n").unwrap();
    std::fs::write(tmp.path().join("rules.md"), "# Rules {#rules}\n").unwrap();
    let (code, out, _) = check(tmp.path(), &[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("\"policy/*.md\"") && out.contains("matches no `.md` file"),
        "{out}"
    );
}

/// `specc check --dump-ir | head -c 10`: the closed pipe ends specc quietly.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let tmp = tempfile::tempdir().unwrap();
    specc().arg("init").arg(tmp.path()).assert().success();
    // Far more than a pipe's buffer, so specc is still writing when it closes.
    let big: String = (0..3000)
        .map(|i| format!("## Part {i} {{#part-{i}}}\n\nText {i}.\n\n"))
        .collect();
    std::fs::write(tmp.path().join("spec/big.md"), format!("# Big {{#big}}\n\n{big}")).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("specc"))
        .args(["check", "--dump-ir"])
        .arg(tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.as_mut().unwrap().read_to_string(&mut err).unwrap();
    child.wait().unwrap();
    assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
}

#[test]
fn dump_ir_names_its_schema() {
    let tmp = tempfile::tempdir().unwrap();
    specc().arg("init").arg(tmp.path()).assert().success();
    let out = specc().arg("check").arg(tmp.path()).arg("--dump-ir").output().unwrap();
    let ir: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ir["schema"], "specc.ir/1");
    let doc = &ir["packages"][0]["documents"][0];
    assert_eq!(doc["kind"], "spec");
    let case = &doc["examples"][0]["cases"][0];
    assert_eq!(case["id"], "protect_privacy:asked-for-a-reviewers-home-address");
    assert_eq!(case["hash"].as_str().unwrap().len(), 16);
}

/// Runs specc with `args`, its stdout closed before it writes; returns its
/// stderr and whether it exited (rather than died of a signal).
fn with_stdout_closed(args: &[&std::ffi::OsStr]) -> (String, bool) {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("specc"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    (err, status.code().is_some())
}

#[test]
fn broken_pipe_is_quiet() {
    let tmp = tempfile::tempdir().unwrap();
    specc().arg("init").arg(tmp.path()).assert().success();
    let (err, exited) = with_stdout_closed(&["check".as_ref(), "--dump-ir".as_ref(), tmp.path().as_os_str()]);
    assert!(!err.contains("panicked"), "{err}");
    assert!(exited);
}

/// `specc schema | head` panicked (a new user's trial): every command that
/// prints a one-shot text, read by a reader that closes at once.
#[test]
fn broken_pipe_is_quiet_for_the_one_shot_printers() {
    for args in [
        &["schema"][..],
        &["man"],
        &["completions", "bash"],
        &["explain", "--all"],
    ] {
        let os: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        let (err, exited) = with_stdout_closed(&os);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(exited, "{args:?}");
    }
}

#[test]
fn references_into_dependencies_resolve() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("product")).unwrap();
    std::fs::create_dir_all(root.join("platform")).unwrap();
    std::fs::write(root.join("platform/spec.md"), "# Privacy {#privacy authority=root}\n").unwrap();
    std::fs::write(
        root.join("product/specc.toml"),
        "[dependencies]\nplatform = { path = \"../platform\", ceiling = \"system\" }\n",
    )
    .unwrap();
    std::fs::write(
        root.join("product/spec.md"),
        "# Product {#product authority=developer}\n\nAs [?](@platform#privacy) says.\n",
    )
    .unwrap();
    let (code, out, _) = check(&root.join("product"), &[]);
    assert_eq!(code, 0, "{out}");
    std::fs::write(
        root.join("product/spec.md"),
        "# Product {#product authority=developer}\n\nAs [?](@platform#privacyy) says.\n",
    )
    .unwrap();
    let (code, out, _) = check(&root.join("product"), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[C103]: reference to missing section `privacyy` in dependency `platform`"),
        "{out}"
    );
    assert!(out.contains("did you mean `@platform#privacy`?"), "{out}");
    // A dependency path that is not a folder is a configuration error.
    std::fs::write(
        root.join("product/specc.toml"),
        "[dependencies]\nplatform = { path = \"../nowhere\" }\n",
    )
    .unwrap();
    let (code, out, _) = check(&root.join("product"), &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("specc.toml:2:"), "{out}");
}

/// The spec the README's first command runs on stays clean: it checks and
/// lints without a warning and builds.
#[test]
fn the_example_support_spec_checks_lints_and_builds_clean() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/support-spec");
    for args in [vec!["check", "--deny", "warnings"], vec!["lint"]] {
        let out = assert_cmd::Command::cargo_bin("specc")
            .unwrap()
            .args(&args)
            .arg(&root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{args:?}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("0 errors, 0 warnings"), "{args:?}: {stdout}");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("specc")
        .unwrap()
        .args(["build"])
        .arg(&root)
        .args(["--target", "html", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("index.html").is_file());
}

/// Completions name every command, for every shell clap_complete knows; a
/// bash completion script loads in bash and completes a subcommand.
#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = Command::cargo_bin("specc")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        for cmd in ["check", "lint", "clarify", "adopt", "lsp"] {
            assert!(text.contains(cmd), "{shell} completions lack `{cmd}`");
        }
    }
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("specc.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    // What bash offers after `specc cla<TAB>`.
    let probe = format!(
        "source {}; COMP_WORDS=(specc cla); COMP_CWORD=1; COMP_LINE='specc cla'; COMP_POINT=9; _specc specc cla specc; echo \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let bash = std::process::Command::new("bash")
        .args(["-c", &probe])
        .output()
        .unwrap();
    let offered = String::from_utf8_lossy(&bash.stdout);
    assert!(
        offered.split_whitespace().any(|w| w == "clarify"),
        "{offered} {}",
        String::from_utf8_lossy(&bash.stderr)
    );
    let man = Command::cargo_bin("specc").unwrap().arg("man").output().unwrap();
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(
        page.contains(".TH specc 1") && page.contains(".SH SUBCOMMANDS") && page.contains("clarify"),
        "{page}"
    );
    let bad = Command::cargo_bin("specc")
        .unwrap()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("possible values"));
}

/// A folder inside a project means the project: `specc check` in `spec/` or
/// `examples/` checks the whole project (no false untested clauses, no test
/// files read as documents), and says which project it uses.
#[test]
fn a_folder_inside_a_project_checks_the_project() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("myspec");
    Command::cargo_bin("specc")
        .unwrap()
        .arg("init")
        .arg(&root)
        .assert()
        .success();
    let at_root = Command::cargo_bin("specc")
        .unwrap()
        .arg("check")
        .arg(&root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let expected = String::from_utf8_lossy(&at_root.stdout)
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(expected.contains("0 errors, 0 warnings"), "{expected}");
    for sub in ["spec", "examples"] {
        let out = Command::cargo_bin("specc")
            .unwrap()
            .arg("check")
            .current_dir(root.join(sub))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(stdout.lines().last().unwrap(), expected, "in {sub}: {stdout}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("has no specc.toml; using the project at") && stderr.contains("myspec"),
            "{stderr}"
        );
    }
}

/// The commands that read a run find the project's results database from a
/// folder inside it, as `check` finds the project.
#[test]
fn run_commands_find_the_project_from_a_subfolder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("myspec");
    Command::cargo_bin("specc")
        .unwrap()
        .arg("init")
        .arg(&root)
        .assert()
        .success();
    // A results database with one run, made by hand: no model is needed to list it.
    let db = root.join(".specc/results.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL DEFAULT (datetime('now')), finished_at TEXT,
           spec_name TEXT, spec_version TEXT, spec_hash TEXT NOT NULL, git_rev TEXT, target TEXT NOT NULL, grader TEXT NOT NULL,
           settings TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'running', scope TEXT);
         INSERT INTO runs (spec_hash, target, grader, settings, status) VALUES ('h', 'made-by-hand-target', 'g', '{}', 'complete');",
    )
    .unwrap();
    drop(conn);
    for args in [vec!["runs"], vec!["show", "1"]] {
        let out = Command::cargo_bin("specc")
            .unwrap()
            .args(&args)
            .current_dir(root.join("spec"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "{args:?}: {stdout}{stderr}");
        assert!(stderr.contains("using the project at"), "{args:?}: {stderr}");
        if args[0] == "runs" {
            assert!(stdout.contains("made-by-hand-target"), "{stdout}");
        }
    }
}

/// A trial user ran `-q` ("findings ... are still printed") and still saw
/// `info[C113]` on the document's title: infos are not findings.
#[test]
fn quiet_prints_findings_but_no_infos() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("spec.md"),
        "# Policy\n\n## Fees {#fees authority=system}\n\nNever mention fees.\n\nAlways mention fees.\n",
    )
    .unwrap();
    let (_, loud, _) = check(tmp.path(), &[]);
    assert!(loud.contains("info[C113]"), "{loud}");
    let out = specc().arg("-q").arg("check").arg(tmp.path()).output().unwrap();
    let quiet = String::from_utf8_lossy(&out.stdout);
    assert!(!quiet.contains("info[C113]"), "{quiet}");
    assert!(quiet.contains("error[C301]"), "{quiet}");
}
