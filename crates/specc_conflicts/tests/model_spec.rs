//! The 2025-12-18 Model Spec: statement counts, the conflicts the rules report
//! (reviewed in docs/conflicts-model-spec.md) and the closest pairs that are
//! not conflicts. Reported as ignored when the corpus is absent (see tools/corpus_cfg.rs). Run with
//! `--nocapture` to regenerate the raw material of that document.

use specc_conflicts::{analyze, near_misses};
use specc_project::Workspace;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn model_spec_2025_12_18() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/openai-model-spec/2025-12-18");
    assert!(
        dir.join("model_spec.md").is_file(),
        "this test needs the Model Spec corpus, and {} is absent",
        dir.display()
    );
    let ws = Workspace::load(&dir);
    let a = analyze(&ws);
    let mut by: BTreeMap<(String, String), usize> = BTreeMap::new();
    for s in &a.statements {
        *by.entry((s.authority.clone(), s.modality.as_str().to_string()))
            .or_default() += 1;
    }
    println!("statements: {}", a.statements.len());
    for ((auth, m), n) in &by {
        println!("  {auth:10} {m:12} {n}");
    }
    println!("conflict findings: {}", a.conflicts.len());
    for c in &a.conflicts {
        let (w, l) = (&a.statements[c.winner], &a.statements[c.loser]);
        println!(
            "  {:?}: line {} ({}) \"{}\" vs line {} ({}) \"{}\"",
            c.kind, w.line, w.authority, w.text, l.line, l.authority, l.text
        );
    }
    println!("closest non-conflicts:");
    for m in near_misses(&a.statements, 12) {
        let (p, n) = (&a.statements[m.positive], &a.statements[m.prohibition]);
        println!(
            "  overlap {:.2}: line {} ({}, {} {}: {}) vs line {} ({}, {}: {}); {}\n    A: {}\n    B: {}",
            m.overlap,
            p.line,
            p.authority,
            p.modality.as_str(),
            p.actor.as_str(),
            p.action.display(),
            n.line,
            n.authority,
            n.modality.as_str(),
            n.action.display(),
            m.reason,
            p.text,
            n.text
        );
    }
    // The lexical candidates `--deep` would send to the grader, opposite polarity only.
    let skip = std::collections::HashSet::new();
    println!("closest lexical candidates of opposite polarity:");
    let lexical: Vec<_> = specc_conflicts::deep::candidates(&a.statements, &skip, 0.2, 400)
        .into_iter()
        .filter(|c| {
            let (x, y) = (&a.statements[c.a], &a.statements[c.b]);
            (x.modality == specc_conflicts::Modality::Prohibition)
                != (y.modality == specc_conflicts::Modality::Prohibition)
        })
        .take(12)
        .collect();
    for c in &lexical {
        let (x, y) = (&a.statements[c.a], &a.statements[c.b]);
        println!(
            "  similarity {:.2}: line {} ({}, {}: {}) vs line {} ({}, {}: {})\n    A: {}\n    B: {}",
            c.similarity,
            x.line,
            x.authority,
            x.modality.as_str(),
            x.action.display(),
            y.line,
            y.authority,
            y.modality.as_str(),
            y.action.display(),
            x.text,
            y.text
        );
    }
    assert!(a.statements.len() >= 250, "{}", a.statements.len());
    // Every statement is in a section with authority, and its span is its text.
    for s in &a.statements {
        assert!(!s.authority.is_empty());
        let src = &ws.sources.file(s.file).text[s.span.range()];
        assert_eq!(src.split_whitespace().collect::<Vec<_>>().join(" "), s.text);
    }
}

/// Every release of the corpus: the findings the checker reports, each
/// reviewed by hand in docs/conflicts-model-spec.md ("Findings on the five
/// releases"), where a line names the release, the two statements' lines and
/// the verdict. A finding with no review there fails the test.
#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn every_finding_on_the_five_releases_is_reviewed() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/openai-model-spec");
    let review =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/conflicts-model-spec.md"))
            .unwrap();
    let mut releases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("model_spec.md").is_file())
        .collect();
    releases.sort();
    assert_eq!(releases.len(), 5, "{releases:?}");
    let mut unreviewed = Vec::new();
    for dir in &releases {
        let release = dir.file_name().unwrap().to_string_lossy().to_string();
        let a = analyze(&Workspace::load(dir));
        for c in &a.conflicts {
            let (w, l) = (&a.statements[c.winner], &a.statements[c.loser]);
            let key = format!("{release} {}:{} {}:{}", w.path, w.line, l.path, l.line);
            println!(
                "{key} {:?}\n    W: {}\n       {:?} {:?} {:?}\n    L: {}\n       {:?} {:?} {:?}",
                c.kind,
                w.text,
                w.action.verbs,
                w.action.object_keys,
                w.conditions.iter().map(|c| &c.text).collect::<Vec<_>>(),
                l.text,
                l.action.verbs,
                l.action.object_keys,
                l.conditions.iter().map(|c| &c.text).collect::<Vec<_>>(),
            );
            if !review.contains(&format!("`{key}`")) {
                unreviewed.push(key);
            }
        }
    }
    assert!(
        unreviewed.is_empty(),
        "review these in docs/conflicts-model-spec.md: {unreviewed:#?}"
    );
}
