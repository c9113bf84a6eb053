//! The runner, calibration and precedents on the in-process fake provider:
//! what is sent, what is stored and what is counted, with no subprocess and
//! no socket (the loopback tests in `providers/` cover the real HTTP path).

use crate::calibrate::{agreement, calibrate};
use crate::providers::{CallError, Client, Fake, RetryPolicy};
use crate::runner::{Endpoint, Progress, RunOptions, feed, run};
use crate::store::{RunMeta, Store};
use specc_suite::{ChatMessage, ChatRole, GradingInputs, Reference, TestCase, Verdict};
use specc_syntax::Judgement;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

fn endpoint(name: &str, fake: &Fake) -> Endpoint {
    Endpoint {
        client: Client::Fake(fake.clone()),
        label: format!("[models.{name}] (fake)"),
        identity: format!("fake|{name}"),
        temperature: Some(0.0),
        max_tokens: None,
        max_response_bytes: None,
        seed: None,
        price: Some((1.0, 2.0)),
        batch_price: None,
        batch: None,
        limiter: None,
        health: Default::default(),
    }
}

fn case(id: &str, prompt: &str) -> TestCase {
    TestCase {
        id: id.into(),
        hash: format!("h-{id}"),
        clause: Some("fee1".into()),
        section: Some("fees".into()),
        authority: Some("system".into()),
        tags: vec![],
        settings: vec![],
        prompt: vec![ChatMessage {
            role: ChatRole::User,
            content: prompt.into(),
        }],
        references: vec![],
        expectations: vec![],
        title: id.into(),
    }
}

fn inputs() -> GradingInputs {
    GradingInputs {
        clause: Some("The assistant must disclose every fee before the customer commits.".into()),
        section_chain: vec!["Fees".into()],
        precedents: vec![(
            "Fee named after the transfer".into(),
            "fail".into(),
            "Disclosing the fee only after the customer confirmed is too late.".into(),
        )],
        ..Default::default()
    }
}

fn options(use_cache: bool) -> RunOptions {
    RunOptions {
        samples: 1,
        concurrency: 4,
        policy: RetryPolicy {
            retries: 1,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(2),
        },
        use_cache,
        regrade: false,
        resume: None,
        structured_grader: false,
        budget: None,
        interruptible: false,
        quiet: false,
        batch_poll: Default::default(),
    }
}

fn meta() -> RunMeta {
    RunMeta {
        spec_hash: "spec".into(),
        target: "fake|target".into(),
        grader: "fake|grader".into(),
        settings: "{}".into(),
        ..Default::default()
    }
}

/// The answer under test, read from between the grader prompt's delimiters.
fn answer_in(prompt: &str) -> &str {
    let Some(at) = prompt.find("between the lines ") else {
        return "";
    };
    let rest = &prompt[at + "between the lines ".len()..];
    let delimiter = rest.split_whitespace().next().unwrap_or_default();
    rest.split(delimiter).nth(2).unwrap_or_default()
}

/// The grader passes answers that mention "$5" and fails the others.
fn grader() -> Fake {
    Fake::new(|req| {
        let prompt: String = req.messages.iter().map(|m| m.content.as_str()).collect();
        let verdict = if answer_in(&prompt).contains("$5") {
            "pass"
        } else {
            "fail"
        };
        Ok(Fake::text(&format!("The answer was read.\nVERDICT: {verdict}")))
    })
}

fn target() -> Fake {
    Fake::new(|req| {
        let q = &req.messages.last().map(|m| m.content.clone()).unwrap_or_default();
        if q.contains("down") {
            return Err(CallError::Fatal("HTTP 401: invalid key".into()));
        }
        Ok(Fake::text(if q.contains("wire") {
            "The wire costs $5."
        } else {
            "Done."
        }))
    })
}

fn run_cases(db: &std::path::Path, target: &Fake, grader: &Fake, use_cache: bool) -> (i64, Arc<Progress>) {
    let cases = vec![
        (case("fee1:wire", "Send a wire"), inputs()),
        (case("fee1:card", "Close my card"), inputs()),
        (case("fee1:down", "Is the server down?"), inputs()),
    ];
    let progress = Arc::new(Progress::default());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let id = rt
        .block_on(run(
            Store::open(db).unwrap(),
            meta(),
            feed(cases),
            Arc::new(endpoint("target", target)),
            Arc::new(vec![endpoint("grader", grader)]),
            options(use_cache),
            progress.clone(),
        ))
        .unwrap()
        .0;
    (id, progress)
}

#[test]
fn the_runner_stores_verdicts_errors_and_counts_from_the_fake() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("results.db");
    let (t, g) = (target(), grader());
    let (run_id, progress) = run_cases(&db, &t, &g, true);
    let store = Store::open(&db).unwrap();
    let outcomes = store.case_outcomes(run_id).unwrap();
    let by: std::collections::HashMap<&str, _> = outcomes.iter().map(|o| (o.case.as_str(), o.counts)).collect();
    assert_eq!(by["fee1:wire"].pass, 1);
    assert_eq!(by["fee1:card"].fail, 1);
    // A dead target is an error state, never a pass or a fail.
    assert_eq!((by["fee1:down"].errors, by["fee1:down"].pass), (1, 0));
    let unpassed = store.unpassed_samples(run_id).unwrap();
    let down = unpassed.iter().find(|u| u.case == "fee1:down").unwrap();
    assert!(down.error.as_deref().unwrap().contains("HTTP 401"), "{down:?}");
    assert_eq!((progress.passed.load(Relaxed), progress.failed.load(Relaxed)), (1, 1));
    assert_eq!((t.calls(), g.calls()), (3, 2), "no grader call without an answer");
    // Spend: 10 input tokens at $1/M and the output at $2/M per request, target and grader.
    assert!(progress.spend() > 0.0);
    // The clause and the precedent reach the grader; the answer is fenced as data.
    let asked = g.requests();
    let text: String = asked[0].messages.iter().map(|m| m.content.as_str()).collect();
    assert!(text.contains("must disclose every fee"), "{text}");
    assert!(text.contains("Disclosing the fee only after the customer confirmed is too late."));
}

#[test]
fn a_second_run_answers_and_grades_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("results.db");
    let (t, g) = (target(), grader());
    run_cases(&db, &t, &g, true);
    let (run2, _) = run_cases(&db, &t, &g, true);
    // Only the errored case asks the target again; nothing is graded again.
    assert_eq!((t.calls(), g.calls()), (4, 2));
    let store = Store::open(&db).unwrap();
    let o = store.case_outcomes(run2).unwrap();
    assert_eq!(o.iter().map(|o| o.counts.pass).sum::<u64>(), 1);
    // Without the cache every request is made again.
    run_cases(&db, &t, &g, false);
    assert_eq!((t.calls(), g.calls()), (7, 4));
}

#[test]
fn a_grader_reply_without_a_verdict_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("results.db");
    let rambling = Fake::replying("I think this is probably fine.");
    let (run_id, progress) = run_cases(&db, &target(), &rambling, true);
    let store = Store::open(&db).unwrap();
    let total =
        store
            .case_outcomes(run_id)
            .unwrap()
            .iter()
            .fold(specc_suite::VerdictCounts::default(), |mut acc, o| {
                acc.add(&o.counts);
                acc
            });
    assert_eq!((total.pass, total.fail, total.errors), (0, 0, 3));
    assert_eq!(progress.passed.load(Relaxed), 0);
    // And it is not cached: a later, readable reply is asked for again.
    run_cases(&db, &target(), &rambling, true);
    assert_eq!(rambling.calls(), 4);
}

fn labelled(id: &str, good: &str, bad: &str) -> (TestCase, GradingInputs) {
    let mut c = case(id, "How much is a wire?");
    let reference = |judgement, content: &str| Reference {
        judgement,
        section: None,
        reason: None,
        content: content.into(),
    };
    c.references = vec![reference(Judgement::Good, good), reference(Judgement::Bad, bad)];
    (c, inputs())
}

#[test]
fn calibration_measures_the_fake_grader_against_the_spec_labels() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let policy = options(true).policy;
    // A grader that reads the answer right: GOOD answers mention $5.
    let g = grader();
    let items = rt.block_on(calibrate(
        vec![
            labelled("fee1:a", "It costs $5.", "It is free."),
            labelled("fee1:b", "$5, shown before you confirm.", "No idea."),
        ],
        Arc::new(vec![endpoint("grader", &g)]),
        policy,
        2,
    ));
    assert_eq!(items.len(), 4);
    assert!(items.iter().all(|i| i.got == Some(i.expected)), "{items:?}");
    let a = agreement(&items.iter().collect::<Vec<_>>());
    assert_eq!(
        (a.true_positive_rate, a.true_negative_rate, a.kappa),
        (Some(1.0), Some(1.0), Some(1.0))
    );
    // The grader never sees the answer it grades among the references.
    for r in g.requests() {
        let prompt: String = r.messages.iter().map(|m| m.content.as_str()).collect();
        let answer = answer_in(&prompt).trim();
        assert_eq!(prompt.matches(answer).count(), 1, "{prompt}");
    }
    // A grader that passes everything agrees on GOOD answers only.
    let lenient = Fake::replying("Looks fine.\nVERDICT: pass");
    let items = rt.block_on(calibrate(
        vec![labelled("fee1:a", "It costs $5.", "It is free.")],
        Arc::new(vec![endpoint("grader", &lenient)]),
        policy,
        1,
    ));
    let a = agreement(&items.iter().collect::<Vec<_>>());
    assert_eq!((a.true_positive_rate, a.true_negative_rate), (Some(1.0), Some(0.0)));
    // Errors are counted apart, never as agreement.
    let broken = Fake::new(|_| Err(CallError::Fatal("HTTP 500".into())));
    let items = rt.block_on(calibrate(
        vec![labelled("fee1:a", "It costs $5.", "It is free.")],
        Arc::new(vec![endpoint("grader", &broken)]),
        policy,
        1,
    ));
    let a = agreement(&items.iter().collect::<Vec<_>>());
    assert_eq!((a.unclear_or_errors, a.true_positive_rate), (2, None));
    assert!(items.iter().all(|i| i.got.is_none() && i.error.is_some()));
}

#[test]
fn precedents_of_a_project_are_calibration_items_with_their_ruling() {
    let ws = specc_project::Workspace::from_texts(
        std::path::Path::new("/p"),
        &[
            (
                "spec.md",
                "# Fees {#fees authority=system}\n\nThe assistant must disclose every fee before the customer commits.[^fee1]\n",
            ),
            (
                "precedents/fee1.md",
                "**Precedent**: Fee named after the transfer\n\n~~~xml\n<user>\nSend $100.\n</user>\n<assistant>\nSent. There was a $5 fee.\n</assistant>\n~~~\n\n**Ruling**: fail\n\n**Rationale**: Too late.\n\n**Decided**: 2026-12-01 by a reviewer\n",
            ),
        ],
    );
    let pkg = ws.root();
    let cases = specc_suite::labelled_cases(&ws, pkg, &specc_suite::Selection::all());
    assert_eq!(cases.len(), 1, "{cases:?}");
    let (c, i) = &cases[0];
    assert_eq!(c.references[0].judgement, Judgement::Bad);
    assert_eq!(c.references[0].content, "Sent. There was a $5 fee.");
    assert_eq!(
        i.precedents,
        [(
            "Fee named after the transfer".to_string(),
            "fail".to_string(),
            "Too late.".to_string()
        )]
    );
    // Graded by the fake: the ruling is what the grader is measured against.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let items = rt.block_on(calibrate(
        cases,
        Arc::new(vec![endpoint("grader", &grader())]),
        options(true).policy,
        1,
    ));
    assert_eq!(items[0].expected, Verdict::Fail);
    assert_eq!(
        items[0].got,
        Some(Verdict::Pass),
        "this grader passes any answer that names $5"
    );
}

#[test]
fn a_ruled_answer_takes_its_ruling_without_the_grader() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("results.db");
    let mut ruled = inputs();
    ruled.rulings = vec![specc_suite::RuledAnswer {
        title: "Wire fee named".into(),
        conversation: case("fee1:wire", "Send   a wire").prompt,
        answer: "The wire  costs $5.\n".into(),
        verdict: Verdict::Fail,
        rationale: "Named after the customer committed.".into(),
    }];
    let mut with_spec = case("fee1:wire", "Send a wire");
    with_spec.prompt.insert(
        0,
        ChatMessage {
            role: ChatRole::System,
            content: "The compiled spec.".into(),
        },
    );
    let (t, g) = (target(), grader());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let run_id = rt
        .block_on(run(
            Store::open(&db).unwrap(),
            meta(),
            feed(vec![
                (with_spec, ruled.clone()),
                (case("fee1:card", "Close my card"), ruled),
            ]),
            Arc::new(endpoint("target", &t)),
            Arc::new(vec![endpoint("grader", &g)]),
            options(true),
            Arc::new(Progress::default()),
        ))
        .unwrap()
        .0;
    // The ruled answer (whitespace and the system message aside) is not graded;
    // the other case is.
    assert_eq!(g.calls(), 1);
    let store = Store::open(&db).unwrap();
    let wire = store
        .case_outcomes(run_id)
        .unwrap()
        .into_iter()
        .find(|o| o.case == "fee1:wire")
        .unwrap();
    assert_eq!(
        (wire.counts.fail, wire.counts.pass),
        (1, 0),
        "the ruling, not the grader's pass"
    );
}
