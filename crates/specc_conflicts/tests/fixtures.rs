//! The labelled fixture set: small specs under `tests/fixtures/<name>/` with
//! known conflicts of each kind (`expect.txt`, one kind per line) and known
//! non-conflicts (an empty `expect.txt`): separated by a condition or an
//! exception, different actors, different scope, narrowing prohibitions,
//! questions, possibility, unranked prose. Precision and recall over the
//! labelled findings must both be at least 0.9.

use specc_conflicts::{ConflictKind, analyze};
use specc_project::Workspace;
use std::path::PathBuf;

fn kind_name(k: ConflictKind) -> &'static str {
    match k {
        ConflictKind::Conflict => "conflict",
        ConflictKind::Shadowed => "shadowed",
        ConflictKind::Override => "override",
        ConflictKind::WeakenedDependencyRule => "weakened-dependency-rule",
        ConflictKind::UndeclaredException => "undeclared-exception",
    }
}

#[test]
fn precision_and_recall_over_the_labelled_fixtures() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expect.txt").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 30, "expected the whole fixture set, found {}", dirs.len());
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for dir in &dirs {
        let ws = Workspace::load(dir);
        assert!(!ws.fatal, "{}: {:?}", dir.display(), ws.diagnostics);
        let mut expected: Vec<String> = std::fs::read_to_string(dir.join("expect.txt"))
            .unwrap()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let a = analyze(&ws);
        let mut found: Vec<String> = a.conflicts.iter().map(|c| kind_name(c.kind).to_string()).collect();
        expected.sort();
        found.sort();
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut rest = expected.clone();
        for f in &found {
            if let Some(i) = rest.iter().position(|e| e == f) {
                rest.remove(i);
                tp += 1;
            } else {
                fp += 1;
                misses.push(format!("{name}: unexpected {f}"));
            }
        }
        for e in rest {
            fnn += 1;
            let st: Vec<String> = a
                .statements
                .iter()
                .map(|s| {
                    format!(
                        "{} {} {} {:?}",
                        s.modality.as_str(),
                        s.actor.as_str(),
                        s.action.display(),
                        s.conditions
                    )
                })
                .collect();
            misses.push(format!("{name}: missed {e}; statements: {st:?}"));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fnn).max(1) as f64;
    println!(
        "conflict fixtures: {} specs, {tp} true positives, {fp} false positives, {fnn} false negatives; precision {precision:.3}, recall {recall:.3}",
        dirs.len()
    );
    for m in &misses {
        println!("  {m}");
    }
    // At the measured 1.000 since 2026-12-06 (two false alarms had sat under
    // a 0.9 floor: a permission narrowed by a guarded prohibition).
    assert!(precision >= 1.0, "precision {precision:.3}: {misses:#?}");
    assert!(recall >= 1.0, "recall {recall:.3}: {misses:#?}");
}

#[test]
fn deep_reviews_pairs_that_only_conditions_separate_first() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/none-separated-by-condition");
    let ws = Workspace::load(&dir);
    let a = analyze(&ws);
    assert!(a.conflicts.is_empty());
    let pairs = specc_conflicts::deep::review_pairs(&a.statements, &a.conflicts, None, 5);
    assert!(!pairs.is_empty());
    let (x, y) = (&a.statements[pairs[0].a], &a.statements[pairs[0].b]);
    assert_eq!(x.action.verbs, y.action.verbs);
    assert_ne!(x.conditions, y.conditions);
    // A pair the rules report is never sent to the grader.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conflict-must-vs-must-not");
    let ws = Workspace::load(&dir);
    let a = analyze(&ws);
    assert_eq!(a.conflicts.len(), 1);
    assert!(specc_conflicts::deep::review_pairs(&a.statements, &a.conflicts, None, 5).is_empty());
}

/// The embedding route on a paraphrase the lexical route misses, with made-up
/// embeddings: statement 0 (a prohibition) and 1 (an obligation) are close,
/// the rest are far, and two close statements of the same modality are not a
/// candidate.
#[test]
fn deep_embedding_route_adds_close_opposed_pairs() {
    use specc_conflicts::deep::{MIN_COSINE, Route, embedding_candidates, review_pairs};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/deep/paraphrase");
    let ws = Workspace::load(&dir);
    assert!(!ws.fatal, "{:?}", ws.diagnostics);
    let a = analyze(&ws);
    assert!(a.conflicts.is_empty());
    let find = |needle: &str| a.statements.iter().position(|s| s.text.contains(needle)).unwrap();
    let (secret, reveal, tone, cooking) = (
        find("system prompt"),
        find("hidden instructions"),
        find("upbeat"),
        find("cooking"),
    );
    assert!(
        review_pairs(&a.statements, &a.conflicts, None, 10).is_empty(),
        "the lexical route alone finds nothing here"
    );
    // Unit vectors: the paraphrase pair at cosine 0.8, tone and cooking (both
    // obligations) at 1.0, everything else orthogonal.
    let mut e = vec![vec![0f32; 4]; a.statements.len()];
    for (i, v) in e.iter_mut().enumerate() {
        v[i % 2 + 2] = 1.0;
    }
    e[secret] = vec![1.0, 0.0, 0.0, 0.0];
    e[reveal] = vec![0.8, 0.6, 0.0, 0.0];
    e[tone] = vec![0.0, 0.0, 0.0, 1.0];
    e[cooking] = vec![0.0, 0.0, 0.0, 1.0];
    let got = embedding_candidates(&a.statements, &e, &Default::default(), MIN_COSINE, 10);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].a.min(got[0].b), got[0].a.max(got[0].b)),
        (secret.min(reveal), secret.max(reveal))
    );
    assert_eq!(got[0].route, Route::Embedding);
    assert!((got[0].similarity - 0.8).abs() < 1e-6);
    let pairs = review_pairs(&a.statements, &a.conflicts, Some(&e), 10);
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    // Below the floor, or capped at zero, nothing.
    assert!(embedding_candidates(&a.statements, &e, &Default::default(), 0.9, 10).is_empty());
    assert!(review_pairs(&a.statements, &a.conflicts, Some(&e), 0).is_empty());
    // Embeddings that do not fit (wrong count or length) never panic.
    assert!(embedding_candidates(&a.statements, &e[..1], &Default::default(), MIN_COSINE, 10).is_empty());
    let ragged: Vec<Vec<f32>> = e.iter().enumerate().map(|(i, v)| v[..(i % 2) + 2].to_vec()).collect();
    let _ = review_pairs(&a.statements, &a.conflicts, Some(&ragged), 10);
}

/// Adjudications cached before the embedding route keep their key: the key is
/// the statements' content, never the route or the position. The value is what
/// `pair_key` (unchanged by the embedding route) computes for this pair; a
/// change here invalidates every cached adjudication and needs a PROMPT_VERSION bump.
#[test]
fn deep_cache_key_is_stable() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/deep/paraphrase");
    let a = analyze(&Workspace::load(&dir));
    let find = |needle: &str| a.statements.iter().find(|s| s.text.contains(needle)).unwrap();
    let (x, y) = (find("system prompt"), find("hidden instructions"));
    let key = specc_conflicts::deep::pair_key("openai:grader-m", x, y);
    assert_eq!(key, specc_conflicts::deep::pair_key("openai:grader-m", y, x));
    assert_eq!(key, "453b842e8b132b6d8070ef8298829415242ae37a2bd4c46ba000d41952bfa51e");
}

/// Items under a lead-in ("The assistant must not:") are statements of their
/// own with the lead-in's modality, actor and conditions (#clauses); a list under
/// a sentence without an open trigger is not.
#[test]
fn list_items_take_their_lead_in() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |name: &str| {
        let ws = Workspace::load(&root.join(name));
        analyze(&ws)
            .statements
            .iter()
            .map(|s| {
                format!(
                    "{} {} {} {:?}",
                    s.modality.as_str(),
                    s.actor.as_str(),
                    s.action.display(),
                    s.conditions.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        read("conflict-lead-in-list"),
        [
            "prohibition assistant promise a refund [\"before the order is checked\", \"when a customer asks about a refund\"]",
            "prohibition assistant quote internal policy numbers [\"when a customer asks about a refund\"]",
            "obligation assistant quote internal policy numbers [\"when a customer asks about a refund\"]",
        ]
    );
    assert_eq!(
        read("none-lead-in-list"),
        [
            "prohibition assistant write the answers to the exam questions [\"if the user is taking a graded exam\"]",
            "prohibition assistant grade the user's own answers [\"if the user is taking a graded exam\"]",
            "permission assistant write the answers to the exam questions []",
            "obligation assistant explain the method []",
            "prohibition assistant grade the user's own answers for another student []",
            // A nested list's lead-in is its parent item.
            "permission assistant give a hint [\"when the user is stuck\"]",
        ]
    );
}
