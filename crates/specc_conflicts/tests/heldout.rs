//! A held-out evaluation of the conflict checker (#conflicts): small spec
//! projects under `tests/heldout/<name>/`, written and labelled from the
//! specification alone before the implementation or its own fixtures were read.
//! Each folder's `expect.txt` lists the findings a user would expect (`C301`,
//! `C302`, `C303`, `C304`, one per line; empty for none). The test runs the
//! conflict diagnostics (what `specc check` reports), counts the C301-C304
//! findings per folder against the labels (a finding is a true positive when an
//! unused label of the same code remains in that folder), prints every case and
//! the overall precision and recall, and asserts the measured floor.

use specc_conflicts::analyze;
use specc_project::Workspace;
use std::path::{Path, PathBuf};

const CODES: [&str; 4] = ["C301", "C302", "C303", "C304"];

/// The target for both. Measured when the set was written: precision
/// 1.000 (no false alarm), recall 0.914 (32 of 35 labelled findings); the three
/// misses were an "avoid <gerund>" object left unlemmatised (`avoid using emoji`
/// vs `use emoji`), prohibitions written as list items under a bare "The
/// assistant must not:" lead-in (not extracted), and a synonym pair (`reveal` vs
/// `disclose`) that only `--deep` can be expected to see. The first two were
/// fixed after being seen (recall 0.971, 34 of 35, precision still 1.000), so
/// the set is no longer fully held out: see docs/conflicts-model-spec.md.
/// Raised to the measured 1.000 on 2026-12-06, when two false alarms had
/// slipped under 0.9 unnoticed ("writes in French" and "in German" read as
/// one situation): issue 14 asks that this set keep its numbers.
const PRECISION_FLOOR: f64 = 1.0;
const RECALL_FLOOR: f64 = 1.0;

struct Outcome {
    name: String,
    expected: Vec<String>,
    found: Vec<String>,
    tp: usize,
    fp: Vec<String>,
    fnn: Vec<String>,
    detail: Vec<String>,
}

fn labels(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_to_string(dir.join("expect.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    for l in &v {
        assert!(CODES.contains(&l.as_str()), "{}: unknown label {l}", dir.display());
    }
    v.sort();
    v
}

fn evaluate(dir: &Path) -> Outcome {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let ws = Workspace::load(dir);
    assert!(!ws.fatal, "{name}: {:?}", ws.diagnostics);
    let expected = labels(dir);
    let diags = specc_conflicts::check(&ws);
    let conflict_diags: Vec<_> = diags.iter().filter(|d| CODES.contains(&d.code.as_str())).collect();
    let mut found: Vec<String> = conflict_diags.iter().map(|d| d.code.as_str().to_string()).collect();
    found.sort();
    let mut rest = expected.clone();
    let (mut tp, mut fp) = (0, Vec::new());
    for f in &found {
        if let Some(i) = rest.iter().position(|e| e == f) {
            rest.remove(i);
            tp += 1;
        } else {
            fp.push(f.clone());
        }
    }
    let mut detail = Vec::new();
    if !fp.is_empty() || !rest.is_empty() {
        for d in &conflict_diags {
            detail.push(format!("finding {}: {}", d.code.as_str(), d.message));
        }
        for s in &analyze(&ws).statements {
            detail.push(format!(
                "statement [{}{}{}] {} {} `{}` conditions {:?}",
                s.module.as_deref().map(|m| format!("{m}:")).unwrap_or_default(),
                s.authority,
                if s.tags.is_empty() {
                    String::new()
                } else {
                    format!(" tags={}", s.tags.join(","))
                },
                s.modality.as_str(),
                s.actor.as_str(),
                s.action.display(),
                s.conditions
            ));
        }
    }
    Outcome {
        name,
        expected,
        found,
        tp,
        fp,
        fnn: rest,
        detail,
    }
}

#[test]
fn heldout_precision_and_recall() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/heldout");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expect.txt").is_file())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 40,
        "expected the whole held-out set, found {}",
        dirs.len()
    );
    let outcomes: Vec<Outcome> = dirs.iter().map(|d| evaluate(d)).collect();
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    for o in &outcomes {
        tp += o.tp;
        fp += o.fp.len();
        fnn += o.fnn.len();
        let ok = o.fp.is_empty() && o.fnn.is_empty();
        println!(
            "{} {:<45} expected [{}] found [{}]",
            if ok { "ok  " } else { "FAIL" },
            o.name,
            o.expected.join(" "),
            o.found.join(" ")
        );
        for f in &o.fp {
            println!("       false alarm {f}");
        }
        for f in &o.fnn {
            println!("       missed {f}");
        }
        for d in &o.detail {
            println!("       {d}");
        }
    }
    let labelled = outcomes.iter().filter(|o| !o.expected.is_empty()).count();
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fnn).max(1) as f64;
    println!(
        "held-out conflicts: {} specs ({labelled} with findings, {} without), {} labelled findings; \
         {tp} true positives, {fp} false positives, {fnn} false negatives; precision {precision:.3}, recall {recall:.3}",
        outcomes.len(),
        outcomes.len() - labelled,
        tp + fnn
    );
    assert!(
        precision >= PRECISION_FLOOR,
        "precision {precision:.3} below {PRECISION_FLOOR}"
    );
    assert!(recall >= RECALL_FLOOR, "recall {recall:.3} below {RECALL_FLOOR}");
}
