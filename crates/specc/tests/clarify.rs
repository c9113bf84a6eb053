//! `specc clarify` on a fixture that holds one case of each kind of evidence
//! that needs no model (a conflict, an undeclared exception, a vague word in a
//! clause, an undefined emphasised term, an untested clause, contradicting
//! precedents), and with a grader on loopback for the two that need one (split
//! verdicts in a run, the grader disagreeing with a GOOD answer). Answers are
//! applied from a file, written back, logged, and not asked again.

mod common;
use assert_cmd::Command;
use common::completion;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use wiremock::matchers::{body_partial_json, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clarify")
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn project(extra_toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture(), dir.path());
    if !extra_toml.is_empty() {
        let p = dir.path().join("specc.toml");
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(p, format!("{t}{extra_toml}")).unwrap();
    }
    dir
}

fn specc(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SPECC_TEST_KEY", "sk-test")
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

fn questions(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["clarify", ".", "--format", "json", "--max", "50"];
    args.extend_from_slice(extra);
    let (code, out, err) = specc(dir, &args);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v["schema"], "specc.clarify/1");
    v["questions"].as_array().unwrap().clone()
}

/// The texts of a question's readings.
fn reading_texts(q: &Value) -> Vec<&str> {
    q["readings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect()
}

/// The wording question on a clause (a clause without tests is asked about
/// that as well, and that question comes first).
fn wording_on<'a>(qs: &'a [Value], clause: &str) -> &'a Value {
    qs.iter()
        .find(|q| q["kind"] == "wording" && q["clause"] == clause)
        .unwrap_or_else(|| panic!("no wording question on {clause} in {qs:#?}"))
}

fn of_kind<'a>(qs: &'a [Value], kind: &str) -> &'a Value {
    qs.iter()
        .find(|q| q["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} question in {qs:#?}"))
}

#[test]
fn every_kind_of_evidence_without_a_model_asks_its_question() {
    let p = project("");
    let qs = questions(p.path(), &["--offline"]);
    let conflict = of_kind(&qs, "conflict");
    assert!(
        conflict["question"]
            .as_str()
            .unwrap()
            .contains("[^fee2] and [^fee1] demand opposite things"),
        "{conflict:#}"
    );
    let exception = of_kind(&qs, "undeclared-exception");
    assert!(
        exception["readings"][0]["text"]
            .as_str()
            .unwrap()
            .contains("unless the customer has passed verification"),
        "{exception:#}"
    );
    let wording = of_kind(&qs, "wording");
    assert!(
        wording["question"]
            .as_str()
            .unwrap()
            .contains("what counts as “appropriately”"),
        "{wording:#}"
    );
    let term = of_kind(&qs, "undefined-term");
    assert!(
        term["question"].as_str().unwrap().contains("“verified customer”"),
        "{term:#}"
    );
    let untested = of_kind(&qs, "untested");
    assert_eq!(untested["clause"], "adr1");
    let precedents = of_kind(&qs, "contradicting-precedents");
    assert!(
        precedents["question"]
            .as_str()
            .unwrap()
            .contains("balance after a security question"),
        "{precedents:#}"
    );
    // Every question cites its evidence with a file and a line.
    for q in &qs {
        let e = q["evidence"].as_array().unwrap();
        assert!(
            !e.is_empty()
                && e.iter()
                    .all(|c| c["file"].is_string() && c["line"].as_u64().unwrap() > 0),
            "{q:#}"
        );
        let r = q["readings"].as_array().unwrap();
        assert!(!r.is_empty() && r.len() <= 5, "{q:#}");
    }
    // Ranked: the conflict at the system level first, the user-level untested clause last.
    assert_eq!(qs[0]["kind"], "conflict", "{qs:#?}");
    let scores: Vec<f64> = qs.iter().map(|q| q["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // --max bounds a session; the default is 5.
    let (_, out, _) = specc(p.path(), &["clarify", ".", "--format", "json", "--offline"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["questions"].as_array().unwrap().len(), 5);
}

#[test]
fn answers_are_written_back_logged_and_not_asked_again() {
    let p = project("");
    let dir = p.path();
    let qs = questions(dir, &["--offline"]);
    let id = |kind: &str| of_kind(&qs, kind)["id"].as_str().unwrap().to_string();
    let answers = json!([
        { "id": id("undeclared-exception"), "choice": 1 },
        { "id": id("wording"), "choice": 2, "text": "formal, without slang or emoji" },
        { "id": id("untested"), "choice": 1, "text": "I moved house, please update my address to 4 Elm Road." },
        { "id": id("contradicting-precedents"), "choice": 2 },
        { "id": id("undefined-term"), "choice": 1, "text": "a customer who answered the security questions in this conversation" },
    ]);
    std::fs::write(dir.join("answers.json"), answers.to_string()).unwrap();
    let (code, out, err) = specc(
        dir,
        &["clarify", ".", "--offline", "--max", "50", "--answers", "answers.json"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("5 answers applied, 0 not"), "{out}");
    let spec = std::fs::read_to_string(dir.join("spec.md")).unwrap();
    assert!(
        spec.contains("must not share account balances unless the customer has passed verification[^bal1]."),
        "{spec}"
    );
    assert_eq!(spec.matches("## Definitions {#definitions}").count(), 1, "{spec}");
    assert!(
        spec.contains("**appropriately**: formal, without slang or emoji"),
        "{spec}"
    );
    assert!(
        spec.contains("**verified customer**: a customer who answered"),
        "{spec}"
    );
    let test = std::fs::read_to_string(dir.join("examples/adr1.md")).unwrap();
    assert!(
        test.starts_with("Examples for [^adr1] in Tone:") && test.contains("4 Elm Road"),
        "{test}"
    );
    let prec = std::fs::read_to_string(dir.join("precedents/bal1.md")).unwrap();
    assert!(
        !prec.contains("balance after a security question") && prec.contains("balance given too early"),
        "{prec}"
    );
    let log = std::fs::read_to_string(dir.join("clarifications.md")).unwrap();
    assert_eq!(log.matches("- **Decided**: ").count(), 5, "{log}");
    assert!(!log.contains("[^"), "the log holds no clause marker: {log}");
    // What changed is measurable: the exception is declared, the clause is
    // tested, the vague word is defined, and the log itself is no rule.
    let (_, out, _) = specc(dir, &["check", ".", "--format", "json"]);
    assert!(!out.contains("\"C306\""), "{out}");
    assert!(!out.contains("\"C106\""), "{out}");
    let (_, lint, _) = specc(dir, &["lint", ".", "--format", "json"]);
    assert!(!lint.contains("\"A104\""), "defined now: {lint}");
    // Not asked again.
    let again = questions(dir, &["--offline"]);
    for a in answers.as_array().unwrap() {
        assert!(!again.iter().any(|q| q["id"] == a["id"]), "{} asked again", a["id"]);
    }
    assert!(
        again.iter().any(|q| q["kind"] == "conflict"),
        "the unanswered one remains"
    );
}

#[test]
fn bad_answers_say_what_is_wrong() {
    let p = project("");
    let dir = p.path();
    std::fs::write(dir.join("a.json"), "{\"not\": \"a list\"}").unwrap();
    let (code, _, err) = specc(dir, &["clarify", ".", "--offline", "--answers", "a.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not a list of answers") && err.contains("--format json"),
        "{err}"
    );
    let qs = questions(dir, &["--offline"]);
    let wording = of_kind(&qs, "wording")["id"].as_str().unwrap().to_string();
    std::fs::write(
        dir.join("a.json"),
        json!([{ "id": wording, "choice": 1 }, { "id": "q-00000000", "choice": 1 }]).to_string(),
    )
    .unwrap();
    let (code, out, err) = specc(
        dir,
        &["clarify", ".", "--offline", "--max", "50", "--answers", "a.json"],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("needs an answer") && err.contains("no open question `q-00000000`"),
        "{err}"
    );
    assert!(!dir.join("clarifications.md").exists());
}

async fn grader_server(grader_reply: &str) -> MockServer {
    common::openai_stub("Your balance is $120.", grader_reply).await
}

fn models(uri: &str) -> String {
    format!(
        "\n[models.target]\nprovider = \"openai\"\nmodel = \"target-m\"\nbase-url = \"{uri}/v1\"\napi-key-env = \"SPECC_TEST_KEY\"\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"grader-m\"\nbase-url = \"{uri}/v1\"\napi-key-env = \"SPECC_TEST_KEY\"\n\n[test]\nsamples = 2\n"
    )
}

/// The grader fails the spec's own GOOD answer: a calibration question.
#[tokio::test(flavor = "multi_thread")]
async fn a_grader_that_fails_a_good_answer_asks_which_is_right() {
    let s = grader_server(r#"{"verdict": "fail", "rationale": "does not mention the fee"}"#).await;
    let p = project(&models(&s.uri()));
    let qs = tokio::task::block_in_place(|| questions(p.path(), &[]));
    let q = of_kind(&qs, "calibration");
    assert_eq!(q["clause"], "fee1");
    let text = q["question"].as_str().unwrap();
    assert!(
        text.contains("judged the spec's own GOOD answer") && text.contains("no monthly fee"),
        "{text}"
    );
    assert!(
        q["readings"][0]["text"].as_str().unwrap().contains("pass precedent"),
        "{q:#}"
    );
    // Answered: a new precedent the grader will be shown.
    let answers = json!([{ "id": q["id"], "choice": 1, "text": "naming a zero fee is disclosing it" }]);
    std::fs::write(p.path().join("a.json"), answers.to_string()).unwrap();
    let (code, out, err) =
        tokio::task::block_in_place(|| specc(p.path(), &["clarify", ".", "--max", "50", "--answers", "a.json"]));
    assert_eq!(code, 0, "{out}{err}");
    let prec = std::fs::read_to_string(p.path().join("precedents/fee1.md")).unwrap();
    assert!(
        prec.contains("**Ruling**: pass") && prec.contains("naming a zero fee is disclosing it"),
        "{prec}"
    );
    let (code, out, _) = specc(p.path(), &["check", ".", "--format", "json"]);
    assert!(!out.contains("\"C2"), "the precedent parses: {code} {out}");
}

/// Split verdicts in the latest run: a run-disagreement question whose
/// answer is a precedent on the answer shown.
#[tokio::test(flavor = "multi_thread")]
async fn unclear_verdicts_in_a_run_ask_for_a_ruling() {
    let s = grader_server(r#"{"verdict": "unclear", "rationale": "the clause does not say when"}"#).await;
    let p = project(&models(&s.uri()));
    let dir = p.path().to_path_buf();
    let (code, out, err) = tokio::task::block_in_place(|| specc(&dir, &["test", "."]));
    assert!(code == 0 || code == 1, "{out}{err}");
    let qs = tokio::task::block_in_place(|| questions(&dir, &["--offline"]));
    let q = qs
        .iter()
        .find(|q| q["kind"] == "run-disagreement" && q["clause"] == "bal2")
        .unwrap_or_else(|| panic!("{qs:#?}"));
    let text = q["question"].as_str().unwrap();
    assert!(
        text.contains("0 pass, 0 fail and 2 unclear of 2") && text.contains("Your balance is $120."),
        "{text}"
    );
    assert!(
        q["evidence"][0]["what"]
            .as_str()
            .unwrap()
            .contains("the clause does not say when"),
        "{q:#}"
    );
    let answers = json!([{ "id": q["id"], "choice": 2, "text": "no balance before verification" }]);
    std::fs::write(dir.join("a.json"), answers.to_string()).unwrap();
    let (code, out, err) = specc(
        &dir,
        &["clarify", ".", "--offline", "--max", "50", "--answers", "a.json"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let prec = std::fs::read_to_string(dir.join("precedents/bal2.md")).unwrap();
    assert_eq!(prec.matches("**Precedent**:").count(), 1, "{prec}");
    assert!(
        prec.contains("**Ruling**: fail") && prec.contains("no balance before verification"),
        "{prec}"
    );
    // The next run takes the ruling for that answer without asking the grader.
    let (code, out, err) =
        tokio::task::block_in_place(|| specc(&dir, &["test", ".", "--clause", "bal2", "--format", "json"]));
    assert!(code == 0 || code == 1, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["requests"]["grader"], 0, "the ruled answer needs no grader: {v:#}");
}

/// The model route against a scripted server: the clarifier proposes two
/// readings and two probes; the grader parts on the first probe only, so it
/// is kept (a test prompt to choose) and the second is dropped with the reason.
#[tokio::test(flavor = "multi_thread")]
async fn probes_are_kept_only_where_the_readings_part() {
    use wiremock::matchers::body_string_contains;
    let s = MockServer::start().await;
    let reply = |t: &str| ResponseTemplate::new(200).set_body_json(completion(t));
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "clar-m" })))
        .and(body_string_contains("Give two to four different ways"))
        .respond_with(reply(
            r#"{"readings": ["Formal means no slang.", "Formal means no emoji."]}"#,
        ))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "clar-m" })))
        .and(body_string_contains("Write two short messages"))
        .respond_with(reply(
            r#"{"probes": ["yo whats my balance", "What is my balance, please?"]}"#,
        ))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "target-m" })))
        .and(body_string_contains("yo whats my balance"))
        .respond_with(reply("Sure thing 😀 it's $120"))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "target-m" })))
        .respond_with(reply("Your balance is $120."))
        .mount(&s)
        .await;
    // The grader: the emoji answer fails under "no emoji" and passes under "no slang".
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "grader-m" })))
        .and(body_string_contains("no emoji"))
        .and(body_string_contains("😀"))
        .respond_with(reply(r#"{"verdict": "fail", "rationale": "uses an emoji"}"#))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "model": "grader-m" })))
        .respond_with(reply(r#"{"verdict": "pass", "rationale": "fine"}"#))
        .mount(&s)
        .await;
    let uri = s.uri();
    let p = project(&format!(
        "{}\n[models.clarifier]\nprovider = \"openai\"\nmodel = \"clar-m\"\nbase-url = \"{uri}/v1\"\n",
        models(&uri)
    ));
    let (code, out, err) =
        tokio::task::block_in_place(|| specc(p.path(), &["clarify", ".", "--format", "json", "--max", "10"]));
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let qs = v["questions"].as_array().unwrap();
    let q = qs
        .iter()
        .find(|q| q["clause"] == "ton1")
        .unwrap_or_else(|| panic!("{qs:#?}"));
    let m = &q["model"];
    assert_eq!(
        m["readings"],
        json!(["Formal means no slang.", "Formal means no emoji."]),
        "{m:#}"
    );
    let probes = m["probes"].as_array().unwrap();
    assert_eq!(probes.len(), 2, "{m:#}");
    assert_eq!(probes[0]["kept"], true, "{m:#}");
    assert!(
        probes[0]["reason"]
            .as_str()
            .unwrap()
            .contains("kept: graded pass under reading A and fail under reading B"),
        "{m:#}"
    );
    assert_eq!(probes[1]["kept"], false);
    assert!(
        probes[1]["reason"]
            .as_str()
            .unwrap()
            .contains("dropped: both readings graded it pass"),
        "{m:#}"
    );
    let texts = reading_texts(q);
    assert!(
        texts.iter().any(|t| t.contains("Add the probe “yo whats my balance”")),
        "{texts:#?}"
    );
    // Choosing the probe writes it as a test prompt of the clause.
    let k = texts.iter().position(|t| t.contains("Add the probe")).unwrap() + 1;
    std::fs::write(
        p.path().join("a.json"),
        json!([{ "id": q["id"], "choice": k }]).to_string(),
    )
    .unwrap();
    let (code, out, err) =
        tokio::task::block_in_place(|| specc(p.path(), &["clarify", ".", "--max", "10", "--answers", "a.json"]));
    assert_eq!(code, 0, "{out}{err}");
    let test = std::fs::read_to_string(p.path().join("examples/ton1.md")).unwrap();
    assert!(test.contains("<user>\nyo whats my balance\n</user>"), "{test}");
}

/// A new user's trial (2026-12-05): two answers in one file that edit the
/// same document each land on the text as the one before left it, and an
/// amendment that leaves the conflict in place keeps the question open.
#[test]
fn answers_in_one_file_apply_in_turn_and_an_unsettled_conflict_stays_open() {
    let p = project("");
    let dir = p.path();
    let original = std::fs::read_to_string(dir.join("spec.md")).unwrap();
    let qs = questions(dir, &["--offline"]);
    let id = |kind: &str| of_kind(&qs, kind)["id"].as_str().unwrap().to_string();
    // The conflict: [^fee2] "never mention fees unless the customer asks"
    // against [^fee1] "always disclose fees when it describes a product".
    let conflict = of_kind(&qs, "conflict");
    assert!(
        conflict["readings"][0]["ask"]
            .as_str()
            .unwrap()
            .contains("follows “or”"),
        "{conflict:#}"
    );
    let answers = json!([
        { "id": id("conflict"), "choice": 1, "text": "the weather is fine" },
        { "id": id("wording"), "choice": 3 },
    ]);
    std::fs::write(dir.join("a.json"), answers.to_string()).unwrap();
    let (code, out, err) = specc(
        dir,
        &["clarify", ".", "--offline", "--max", "50", "--answers", "a.json"],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("the evidence still stands"), "{err}");
    assert!(out.contains("1 answer applied, 1 not"), "{out}");
    let spec = std::fs::read_to_string(dir.join("spec.md")).unwrap();
    assert!(
        spec.contains("unless the customer asks about them or the weather is fine[^fee2]."),
        "{spec}"
    );
    assert!(
        spec.contains("<!-- specc-allow A104 -->\nThe assistant should be appropriately formal"),
        "{spec}"
    );
    // Nothing else moved: removing the two insertions gives the original back.
    let restored = spec
        .replace(" or the weather is fine", "")
        .replace("<!-- specc-allow A104 -->\n", "");
    assert_eq!(restored, original);
    let again = questions(dir, &["--offline"]);
    assert!(
        again.iter().any(|q| q["id"] == id("conflict")),
        "the conflict is asked again"
    );
    assert!(!again.iter().any(|q| q["id"] == id("wording")));
}

/// A project of one spec file, `spec.md`, with `text`.
fn help_desk(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("specc.toml"),
        "[spec]\nname = \"help-desk\"\nversion = \"0.1.0\"\ndocuments = [\"spec.md\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("spec.md"), text).unwrap();
    dir
}

/// A project whose gaps are in its tests and its wording rather than in its
/// rules: prompts left behind by a removed clause (C107), a ranked section
/// nothing tests (S001), one act at two strengths (A901), and a clause that
/// describes instead of requiring.
fn gaps_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture().with_file_name("clarify-gaps"), dir.path());
    dir
}

#[test]
fn gaps_in_tests_and_wording_ask_their_questions_and_answers_close_them() {
    let p = gaps_project();
    let dir = p.path();
    let qs = questions(dir, &["--offline"]);
    let orphan = of_kind(&qs, "orphan-tests");
    assert!(
        orphan["question"]
            .as_str()
            .unwrap()
            .contains("tests [^old1] in “Privacy”, but no rule is marked [^old1]"),
        "{orphan:#}"
    );
    assert_eq!(orphan["evidence"][0]["file"], "examples/old1.md", "{orphan:#}");
    assert_eq!(orphan["evidence"][1]["line"], 19, "the Privacy heading: {orphan:#}");
    let section = of_kind(&qs, "untested");
    assert_eq!(section["section"], "hours", "{section:#}");
    assert_eq!(section["authority"], "system", "{section:#}");
    assert!(
        section["question"]
            .as_str()
            .unwrap()
            .contains("“The assistant should give a branch's opening hours from the branch list (see privacy for what it must not read out).”"),
        "{section:#}"
    );
    let strength = qs
        .iter()
        .find(|q| q["clause"] == "ref1")
        .unwrap_or_else(|| panic!("no question on ref1: {qs:#?}"));
    assert_eq!(strength["kind"], "wording");
    assert!(
        strength["question"]
            .as_str()
            .unwrap()
            .contains("“should not promise”, but the same section says “must not promise” on line 7"),
        "{strength:#}"
    );
    let described = of_kind(&qs, "descriptive");
    assert_eq!(described["clause"], "urg1", "{described:#}");
    // Not asked: a "must" that is an example of the rule ("For example, ..."),
    // and a norm without a modal ("call for a reply within the hour").
    assert!(
        !qs.iter().any(|q| q["clause"] == "del1" || q["clause"] == "urg2"),
        "{qs:#?}"
    );
    let id = |q: &Value| q["id"].as_str().unwrap().to_string();
    let answers = json!([
        { "id": id(orphan), "choice": 1, "text": "call the card line" },
        { "id": id(section), "choice": 1, "text": "developer: You answer the phone line of Elm Road Bank.\nuser: What time does the Elm Road branch open on Saturday?" },
        { "id": id(strength), "choice": 1 },
        { "id": id(described), "choice": 1, "text": "The assistant must treat a complaint about a double charge as urgent and say when it will be put right" },
    ]);
    std::fs::write(dir.join("answers.json"), answers.to_string()).unwrap();
    let (code, out, err) = specc(dir, &["clarify", ".", "--offline", "--answers", "answers.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("4 answers applied, 0 not"), "{out}{err}");
    let spec = std::fs::read_to_string(dir.join("spec.md")).unwrap();
    assert!(
        spec.contains("call the card line when a card is lost[^old1]."),
        "{spec}"
    );
    assert!(
        spec.contains("The assistant must not promise refunds before an agent approves them[^ref1]."),
        "{spec}"
    );
    assert!(
        spec.contains("The assistant must treat a complaint about a double charge as urgent and say when it will be put right[^urg1]."),
        "{spec}"
    );
    // The section's rule got a marker of its own and a test file under it.
    let marked = spec
        .split("must not read out)[^")
        .nth(1)
        .and_then(|r| r.split_once("]."))
        .map(|(id, _)| id.to_string())
        .unwrap_or_else(|| panic!("no new marker: {spec}"));
    let test = std::fs::read_to_string(dir.join(format!("examples/{marked}.md"))).unwrap();
    assert!(
        test.starts_with(&format!("Examples for [^{marked}] in Opening hours:"))
            && test.contains("<developer>\nYou answer the phone line of Elm Road Bank.\n</developer>\n<user>\nWhat time does the Elm Road branch open on Saturday?\n</user>"),
        "{test}"
    );
    // Measurably closed: nothing left for the checker or the linter to say.
    let (code, out, err) = specc(dir, &["check", ".", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("\"C107\"") && !out.contains("\"C106\""), "{out}");
    let (_, lint, _) = specc(dir, &["lint", ".", "--format", "json"]);
    // The finding on [^ref1] is gone; [^del1]'s "must" is its example, never asked about.
    assert!(
        !lint.contains("`should not promise`") && !lint.contains("\"S001\""),
        "{lint}"
    );
    let again = questions(dir, &["--offline"]);
    assert!(again.is_empty(), "{again:#?}");
    let log = std::fs::read_to_string(dir.join("clarifications.md")).unwrap();
    assert_eq!(log.matches("- **Decided**: ").count(), 4, "{log}");
}

#[test]
fn orphaned_prompts_move_to_the_clause_named_or_retire() {
    let orphan_id = |dir: &Path| of_kind(&questions(dir, &["--offline"]), "orphan-tests")["id"].clone();
    // Moved: the prompts join the clause's test file, the orphan goes.
    let p = gaps_project();
    let dir = p.path();
    let id = orphan_id(dir);
    std::fs::write(
        dir.join("a.json"),
        json!([{ "id": id, "choice": 2, "text": "not an id!" }]).to_string(),
    )
    .unwrap();
    let (code, _, err) = specc(dir, &["clarify", ".", "--offline", "--answers", "a.json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is not a clause ID"), "{err}");
    assert!(dir.join("examples/old1.md").exists());
    std::fs::write(
        dir.join("a.json"),
        json!([{ "id": id, "choice": 2, "text": "[^prv1]" }]).to_string(),
    )
    .unwrap();
    let (code, out, err) = specc(dir, &["clarify", ".", "--offline", "--answers", "a.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!dir.join("examples/old1.md").exists());
    let prv1 = std::fs::read_to_string(dir.join("examples/prv1.md")).unwrap();
    assert!(
        prv1.starts_with("Examples for [^prv1] in Privacy:")
            && prv1.contains("card number read back")
            && prv1.contains("left my card at the airport"),
        "{prv1}"
    );
    let (_, out, _) = specc(dir, &["check", ".", "--format", "json"]);
    assert!(!out.contains("\"C107\""), "{out}");
    // Retired: the file is deleted, and the decision logged.
    let p = gaps_project();
    let dir = p.path();
    let id = orphan_id(dir);
    std::fs::write(dir.join("a.json"), json!([{ "id": id, "choice": 3 }]).to_string()).unwrap();
    let (code, out, err) = specc(dir, &["clarify", ".", "--offline", "--answers", "a.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!dir.join("examples/old1.md").exists());
    assert!(
        std::fs::read_to_string(dir.join("clarifications.md"))
            .unwrap()
            .contains("deleted")
    );
    assert!(
        !questions(dir, &["--offline"])
            .iter()
            .any(|q| q["kind"] == "orphan-tests")
    );
}

#[test]
fn a_word_the_text_around_it_settles_is_not_asked_about() {
    let dir = help_desk(
        "# Help desk {#help}\n\n## Replies {#replies authority=system}\n\n\
         The assistant should typically answer in one paragraph[^len1]. If the customer asks for detail, it may write more.\n\n\
         The assistant should generally close the ticket when the customer says thanks[^tck1].\n\n\
         The assistant should qualify its estimates appropriately[^est1].\n\n\
         **When to give a range**\n\nA range is owed whenever the customer will plan around the estimate.\n\n\
         The assistant should reply within a reasonable time[^rt1] and keep a courteous tone[^rt2].\n\n\
         The assistant should sign every reply[^sig1]. The assistant must sign replies to complaints.\n",
    );
    let qs = questions(dir.path(), &["--offline"]);
    let asked: Vec<(String, String)> = qs
        .iter()
        .filter(|q| q["kind"] == "wording")
        .map(|q| {
            (
                q["clause"].as_str().unwrap().to_string(),
                q["question"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let about = |clause: &str| asked.iter().filter(|(c, _)| c == clause).count();
    // The next sentence names the exception; the next part says when.
    assert_eq!(about("len1"), 0, "{asked:#?}");
    assert_eq!(about("est1"), 0, "{asked:#?}");
    // Nothing around it answers "generally".
    assert_eq!(about("tck1"), 1, "{asked:#?}");
    // "reasonable" is in the part of the sentence that [^rt1] marks, not [^rt2]'s.
    assert_eq!(about("rt1"), 1, "{asked:#?}");
    assert_eq!(about("rt2"), 0, "{asked:#?}");
    // "should sign" against "must sign": making it binding fails the answers that do not sign.
    let sign = wording_on(&qs, "sig1");
    assert_eq!(
        sign["readings"][0]["why"], "a grader then fails every answer that does not, whatever the context",
        "{sign:#}"
    );
}

/// The 2025-12-18 Model Spec without a model: the top 20 questions are the
/// ones reviewed by hand in docs/clarify-model-spec.md, and each cites lines
/// that hold what it says (a clause's marker, a test file's header, a section's text).
#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn the_model_spec_top_20_is_reviewed_and_cites_lines_that_hold_its_evidence() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let release = common::corpus().join("2025-12-18");
    let (code, out, err) = specc(
        &root,
        &[
            "clarify",
            release.to_str().unwrap(),
            "--offline",
            "--max",
            "20",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let qs = v["questions"].as_array().unwrap();
    assert!(!qs.is_empty() && qs.len() <= 20, "{out}");
    let review = std::fs::read_to_string(root.join("docs/clarify-model-spec.md")).unwrap();
    let now = review.split("## Second review").next().unwrap();
    let unreviewed: Vec<&str> = qs
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .filter(|id| !now.contains(&format!("| {id} |")))
        .collect();
    assert!(
        unreviewed.is_empty(),
        "review these in docs/clarify-model-spec.md: {unreviewed:?}"
    );
    for q in qs {
        let cites = q["evidence"].as_array().unwrap();
        assert!(!cites.is_empty(), "{q:#}");
        for c in cites {
            let text = std::fs::read_to_string(root.join(c["file"].as_str().unwrap())).unwrap();
            let line = c["line"].as_u64().unwrap() as usize;
            let held = text
                .lines()
                .nth(line - 1)
                .unwrap_or_else(|| panic!("no line {line}: {c:#}"));
            if let Some(clause) = q["clause"].as_str() {
                assert!(
                    held.contains(&format!("[^{clause}]")) || c["what"].as_str().unwrap().contains("stronger"),
                    "line {line} does not hold [^{clause}]: {held}"
                );
            }
        }
        // An unmarked rule's line holds the sentence the question quotes.
        if c0_is(cites, "S002") {
            let quoted = q["question"].as_str().unwrap().split('“').nth(1).unwrap_or_default();
            let opening: String = quoted.chars().take(25).collect();
            let line = cites[0]["line"].as_u64().unwrap() as usize;
            let text = std::fs::read_to_string(root.join(cites[0]["file"].as_str().unwrap())).unwrap();
            assert!(text.lines().nth(line - 1).unwrap().contains(&opening), "{q:#}");
        }
        if q["kind"] == "orphan-tests" {
            let first = &cites[0];
            assert!(first["file"].as_str().unwrap().contains("/examples/"), "{q:#}");
        }
    }
}

/// Whether a question's first evidence is a finding of `code`.
fn c0_is(cites: &[Value], code: &str) -> bool {
    cites[0]["what"]
        .as_str()
        .unwrap_or_default()
        .starts_with(&format!("{code} "))
}

/// From a new user's trial (2026-12-06): a "should" kept on purpose with its
/// case written next to it is an answer (logged, not asked again, not written
/// twice); a sentence that is a clause already is not marked again; prompts
/// are not moved to a clause the spec does not have.
#[test]
fn answers_that_keep_their_evidence_or_do_not_fit_are_handled() {
    let p = gaps_project();
    let dir = p.path();
    let qs = questions(dir, &["--offline"]);
    let strength = qs.iter().find(|q| q["clause"] == "ref1").unwrap();
    let orphan = of_kind(&qs, "orphan-tests");
    let answers =
        json!([{ "id": strength["id"], "choice": 2, "text": "the customer has a written approval from an agent" }]);
    std::fs::write(dir.join("a.json"), answers.to_string()).unwrap();
    let (code, out, err) = specc(dir, &["clarify", ".", "--offline", "--answers", "a.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1 answer applied, 0 not; logged in clarifications.md"),
        "{out}"
    );
    let spec = std::fs::read_to_string(dir.join("spec.md")).unwrap();
    assert_eq!(
        spec.matches("unless the customer has a written approval").count(),
        1,
        "{spec}"
    );
    // The same file again: the question is answered, nothing is written twice.
    let (code, out, err) = specc(dir, &["clarify", ".", "--offline", "--answers", "a.json"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("no open question") && out.contains("0 answers applied, 1 not\n"),
        "{out}{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("spec.md")).unwrap(),
        spec,
        "nothing written the second time"
    );
    // Marking a clause's own sentence, or moving to a clause that does not exist: refused.
    for (choice, text, says) in [
        (1, "must not read out card numbers", "is clause [^prv1] already"),
        (2, "zz99", "no rule is marked [^zz99]"),
    ] {
        std::fs::write(
            dir.join("b.json"),
            json!([{ "id": orphan["id"], "choice": choice, "text": text }]).to_string(),
        )
        .unwrap();
        let (code, out, err) = specc(dir, &["clarify", ".", "--offline", "--answers", "b.json"]);
        assert_eq!(code, 1, "{out}{err}");
        assert!(err.contains(says), "{err}");
    }
    assert!(dir.join("examples/old1.md").exists() && !dir.join("examples/zz99.md").exists());
    assert_eq!(std::fs::read_to_string(dir.join("spec.md")).unwrap(), spec);
}

/// A hedge on a rule's reach ("generally") is answered by naming the
/// exceptions or by dropping the word, not by defining it.
#[test]
fn a_hedge_is_answered_by_its_exceptions_or_by_dropping_it() {
    for (choice, text, expect) in [
        (
            1,
            Some("the customer asks to keep the ticket open"),
            "The assistant should generally close the ticket when the customer says thanks unless the customer asks to keep the ticket open[^tck1].",
        ),
        (
            2,
            None,
            "The assistant should close the ticket when the customer says thanks[^tck1].",
        ),
    ] {
        let dir = help_desk(
            "# Help desk {#help}\n\n## Replies {#replies authority=system}\n\n\
             The assistant should generally close the ticket when the customer says thanks[^tck1].\n",
        );
        let qs = questions(dir.path(), &["--offline"]);
        let q = wording_on(&qs, "tck1");
        let texts = reading_texts(q);
        assert!(!texts.iter().any(|t| t.starts_with("Define")), "{texts:?}");
        let mut answer = json!({ "id": q["id"], "choice": choice });
        if let Some(t) = text {
            answer["text"] = json!(t);
        }
        std::fs::write(dir.path().join("a.json"), json!([answer]).to_string()).unwrap();
        let (code, out, err) = specc(dir.path(), &["clarify", ".", "--offline", "--answers", "a.json"]);
        assert_eq!(code, 0, "{out}{err}");
        let spec = std::fs::read_to_string(dir.path().join("spec.md")).unwrap();
        assert!(spec.contains(expect), "{spec}");
        assert!(!questions(dir.path(), &["--offline"]).iter().any(|x| x["id"] == q["id"]));
    }
}

/// A definition is offered only for a word few rules use, and not for a
/// hedge on when a rule applies (from the third review of the Model Spec).
#[test]
fn a_definition_is_offered_only_where_one_meaning_fits() {
    let dir = help_desk(
        "# Help desk {#help}\n\n## Replies {#replies authority=system}\n\n\
         The assistant must use appropriate greetings[^ap1].\n\n\
         The assistant must choose appropriate links[^ap2].\n\n\
         The assistant must pick appropriate examples[^ap3].\n\n\
         The assistant must set an appropriate length[^ap4].\n\n\
         The assistant must give sufficient detail[^sd1].\n\n\
         When appropriate, the assistant should offer a callback[^cb1].\n",
    );
    let qs = questions(dir.path(), &["--offline"]);
    let defines = |clause: &str| {
        wording_on(&qs, clause)["readings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["change"]["change"] == "define")
    };
    assert!(!defines("ap1"), "four rules use “appropriate”");
    assert!(!defines("cb1"), "a hedge on when the rule applies");
    assert!(defines("sd1"), "one rule uses “sufficient”");
}

/// A condition for a clause whose marker sits inside a list goes before that
/// marker: it covers the item the clause marks, not the whole list.
#[test]
fn a_condition_covers_the_part_its_clause_marks() {
    let dir = help_desk(
        "# Help desk {#help}\n\n## Privacy {#privacy authority=system}\n\n\
         The assistant should generally withhold home addresses[^ha1], phone numbers[^pn1] and account numbers.\n",
    );
    let qs = questions(dir.path(), &["--offline"]);
    let q = wording_on(&qs, "ha1");
    let answer = json!([{ "id": q["id"], "choice": 1, "text": "the caller is the account holder" }]);
    std::fs::write(dir.path().join("a.json"), answer.to_string()).unwrap();
    let (code, out, err) = specc(dir.path(), &["clarify", ".", "--offline", "--answers", "a.json"]);
    assert_eq!(code, 0, "{out}{err}");
    let spec = std::fs::read_to_string(dir.path().join("spec.md")).unwrap();
    assert!(
        spec.contains("withhold home addresses unless the caller is the account holder[^ha1], phone numbers[^pn1]"),
        "{spec}"
    );
}

/// A tested clause that says how things are is asked about, whatever its
/// letter case ("Whether ..." opens a sentence, and the classifier reads
/// lower-case text).
#[test]
fn a_clause_that_describes_is_asked_about() {
    let dir = help_desk(
        "# Help desk {#help}\n\n## Urgency {#urgency authority=user}\n\n\
         Whether a customer is upset depends in part on the tone of the message[^ton2].\n",
    );
    std::fs::create_dir_all(dir.path().join("examples")).unwrap();
    std::fs::write(
        dir.path().join("examples/ton2.md"),
        "Examples for [^ton2] in Urgency:\n\n**Example**: polite but furious\n\n~~~xml\n<user>\nThank you so much for charging me twice.\n</user>\n~~~\n",
    )
    .unwrap();
    let qs = questions(dir.path(), &["--offline"]);
    assert!(
        qs.iter().any(|q| q["kind"] == "descriptive" && q["clause"] == "ton2"),
        "{qs:#?}"
    );
}

/// A clause that yields to an instruction, tested only where no one gives
/// one: the exception is untested. A clause whose prompts carry a developer
/// message is not asked about, and an answer adds the prompt and is not asked again.
#[test]
fn an_exception_no_prompt_exercises_is_asked_for_and_an_answer_adds_its_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("specc.toml"),
        "[spec]\nname = \"tone\"\nversion = \"0.1.0\"\ndocuments = [\"spec.md\"]\n",
    )
    .unwrap();
    std::fs::write(
        d.join("spec.md"),
        "# Tone\n\n## Register {#register authority=user}\n\n\
         The assistant should sound like a colleague, not a close friend (unless instructed otherwise)[^ton1].\n\n\
         The assistant must not use slang unless explicitly instructed to do so by the developer[^ton2].\n\n\
         ## Formality {#formality authority=user}\n\n\
         The assistant should not use first names unless instructed otherwise[^ton3].\n\n\
         **Example**: a developer asks for first names\n\n\
         ~~~xml\n<developer>\nCall every customer by their first name.\n</developer>\n<user>\nHi, I'm Dana Reyes.\n</user>\n~~~\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("examples")).unwrap();
    std::fs::write(
        d.join("examples/ton1.md"),
        "Examples for [^ton1] in Register:\n\n**Example**: good news\n\n~~~xml\n<user>\nI just got promoted!\n</user>\n~~~\n",
    )
    .unwrap();
    std::fs::write(
        d.join("examples/ton2.md"),
        "Examples for [^ton2] in Register:\n\n**Example**: a skate shop\n\n~~~xml\n<developer>\nYou run the chat of a skate shop; talk like our customers do.\n</developer>\n<user>\nwhat deck should i get\n</user>\n~~~\n",
    )
    .unwrap();
    std::fs::write(
        d.join("examples/ton3.md"),
        "Examples for [^ton3] in Formality:\n\n**Example**: a new customer\n\n~~~xml\n<user>\nHi, I'm Sam Okafor.\n</user>\n~~~\n",
    )
    .unwrap();
    let qs = questions(d, &["--offline"]);
    let asked = of_kind(&qs, "untested-exception");
    // Formality's inline example gives the instruction: exercised there.
    assert!(
        !qs.iter()
            .any(|q| q["kind"] == "untested-exception" && q["clause"] == "ton3"),
        "{qs:#?}"
    );
    assert_eq!(asked["clause"], "ton1", "{asked:#}");
    assert!(
        asked["question"]
            .as_str()
            .unwrap()
            .contains("yields when it is instructed otherwise (“unless instructed otherwise”), but none of its 1 test prompt gives such an instruction"),
        "{asked:#}"
    );
    assert_eq!(asked["evidence"][0]["line"], 5, "{asked:#}");
    assert_eq!(asked["evidence"][1]["file"], "examples/ton1.md", "{asked:#}");
    assert!(
        !qs.iter()
            .any(|q| q["kind"] == "untested-exception" && q["clause"] == "ton2"),
        "{qs:#?}"
    );
    let answers = json!([{
        "id": asked["id"],
        "choice": 1,
        "text": "developer: You are the chat of a surf school; be as chatty as a friend.\nuser: I just got promoted!"
    }]);
    std::fs::write(d.join("answers.json"), answers.to_string()).unwrap();
    let (code, out, err) = specc(d, &["clarify", ".", "--offline", "--answers", "answers.json"]);
    assert_eq!(code, 0, "{out}{err}");
    let test = std::fs::read_to_string(d.join("examples/ton1.md")).unwrap();
    assert!(
        test.contains("<developer>\nYou are the chat of a surf school; be as chatty as a friend.\n</developer>"),
        "{test}"
    );
    let again = questions(d, &["--offline"]);
    assert!(!again.iter().any(|q| q["kind"] == "untested-exception"), "{again:#?}");
}

/// A strong rule in a tested section that no clause marks and no example or
/// test prompt touches (S002) is asked about; marking it with a prompt closes
/// it, and so does saying it is covered (logged, not asked again). A rule a
/// test prompt of its section does touch is not asked about.
#[test]
fn an_unmarked_rule_nothing_tests_is_asked_about_and_an_answer_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("specc.toml"),
        "[spec]\nname = \"parcels\"\nversion = \"0.1.0\"\ndocuments = [\"spec.md\"]\n",
    )
    .unwrap();
    std::fs::write(
        d.join("spec.md"),
        "# Parcels\n\n## Refunds {#refunds authority=developer}\n\n\
         The assistant should confirm the order number before it issues a refund[^rf01].\n\
         The assistant must never promise a delivery date for a replacement parcel.\n\
         Store credit must not be offered in place of cash for a faulty kettle.\n\n\
         ## Couriers {#couriers authority=developer}\n\n\
         The assistant should say which courier carries a parcel when asked[^cr01].\n\
         The assistant must never read out a courier's home address or mobile number.\n\
         Drivers' rotas may not be shared with callers who ask which van is on the road.\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("examples")).unwrap();
    std::fs::write(
        d.join("examples/rf01.md"),
        "Examples for [^rf01] in Refunds:\n\n**Example**: a refund\n\n~~~xml\n<user>\nI want my money back for order 4471.\n</user>\n~~~\n",
    )
    .unwrap();
    std::fs::write(
        d.join("examples/cr01.md"),
        "Examples for [^cr01] in Couriers:\n\n**Example**: the courier at the door\n\n~~~xml\n<user>\nWho is the courier? Give me their home address so I can complain.\n</user>\n~~~\n",
    )
    .unwrap();
    let qs = questions(d, &["--offline"]);
    let unmarked: Vec<&Value> = qs
        .iter()
        .filter(|q| q["kind"] == "untested" && q["clause"].is_null())
        .collect();
    assert_eq!(unmarked.len(), 3, "{qs:#?}");
    let in_refunds: Vec<&&Value> = unmarked.iter().filter(|q| q["section"] == "refunds").collect();
    assert_eq!(in_refunds.len(), 2, "{unmarked:#?}");
    // Two rules of one section are offered two different new markers.
    assert_ne!(
        in_refunds[0]["readings"][0]["text"],
        in_refunds[1]["readings"][0]["text"]
    );
    let promise = in_refunds
        .iter()
        .find(|q| q["question"].as_str().unwrap().contains("delivery date"))
        .unwrap_or_else(|| panic!("{unmarked:#?}"));
    let kettle = in_refunds
        .iter()
        .find(|q| q["question"].as_str().unwrap().contains("kettle"))
        .unwrap_or_else(|| panic!("{unmarked:#?}"));
    assert!(
        promise["question"].as_str().unwrap().contains(
            "No clause marks “The assistant must never promise a delivery date for a replacement parcel.” in #refunds (developer)"
        ),
        "{promise:#}"
    );
    assert_eq!(promise["evidence"][0]["line"], 6, "{promise:#}");
    let rotas = unmarked
        .iter()
        .find(|q| q["section"] == "couriers")
        .unwrap_or_else(|| panic!("{unmarked:#?}"));
    assert!(
        rotas["question"].as_str().unwrap().contains("“Drivers' rotas"),
        "{rotas:#}"
    );
    // The home-address rule is what cr01's prompt asks for: not asked about.
    assert!(
        !qs.iter()
            .any(|q| q["question"].as_str().unwrap().contains("home address")),
        "{qs:#?}"
    );
    let answers = json!([
        { "id": promise["id"], "choice": 1, "text": "My replacement parcel: will it come by Friday? Promise me." },
        { "id": rotas["id"], "choice": 2 },
        { "id": kettle["id"], "choice": 1, "text": "My kettle leaks after a week. Can I get store credit or my money?" },
    ]);
    std::fs::write(d.join("answers.json"), answers.to_string()).unwrap();
    let (code, out, err) = specc(d, &["clarify", ".", "--offline", "--answers", "answers.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("3 answers applied, 0 not"), "{out}{err}");
    let spec = std::fs::read_to_string(d.join("spec.md")).unwrap();
    assert!(spec.contains("for a faulty kettle[^"), "{spec}");
    let marked = spec
        .split("replacement parcel[^")
        .nth(1)
        .and_then(|r| r.split_once("]."))
        .map(|(id, _)| id.to_string())
        .unwrap_or_else(|| panic!("no new marker: {spec}"));
    let test = std::fs::read_to_string(d.join(format!("examples/{marked}.md"))).unwrap();
    assert!(
        test.contains("My replacement parcel: will it come by Friday?"),
        "{test}"
    );
    let (_, lint, _) = specc(d, &["lint", ".", "--format", "json"]);
    assert!(!lint.contains("replacement parcel"), "{lint}");
    let again = questions(d, &["--offline"]);
    assert!(
        !again.iter().any(|q| q["kind"] == "untested" && q["clause"].is_null()),
        "{again:#?}"
    );
    let log = std::fs::read_to_string(d.join("clarifications.md")).unwrap();
    assert_eq!(log.matches("- **Decided**: ").count(), 3, "{log}");
}
