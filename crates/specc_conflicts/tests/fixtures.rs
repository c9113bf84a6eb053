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
    assert!(precision >= 0.9, "precision {precision:.3}: {misses:#?}");
    assert!(recall >= 0.9, "recall {recall:.3}: {misses:#?}");
}

#[test]
fn deep_reviews_pairs_that_only_conditions_separate_first() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/none-separated-by-condition");
    let ws = Workspace::load(&dir);
    let a = analyze(&ws);
    assert!(a.conflicts.is_empty());
    let pairs = specc_conflicts::deep::review_pairs(&a.statements, &a.conflicts, 5);
    assert!(!pairs.is_empty());
    let (x, y) = (&a.statements[pairs[0].a], &a.statements[pairs[0].b]);
    assert_eq!(x.action.verbs, y.action.verbs);
    assert_ne!(x.conditions, y.conditions);
    // A pair the rules report is never sent to the grader.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conflict-must-vs-must-not");
    let ws = Workspace::load(&dir);
    let a = analyze(&ws);
    assert_eq!(a.conflicts.len(), 1);
    assert!(specc_conflicts::deep::review_pairs(&a.statements, &a.conflicts, 5).is_empty());
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
            "prohibition assistant promise a refund before the order is checked [\"when a customer asks about a refund\"]",
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
