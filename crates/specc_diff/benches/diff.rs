//! `specc diff` of two Model Spec releases (2025-10-27 → 2025-12-18) against one
//! `specc check` of a release, both from text in memory (file reading excluded),
//! parsing included. Target: the diff within 10× the check. `bench/diff-ratio.sh`
//! prints the ratio.

use divan::{Bencher, black_box};
use specc_diagnostics::{FileId, SourceMap};
use specc_project::Workspace;
use specc_syntax::DocumentKind;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn release(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/openai-model-spec")
        .join(name)
}

type Files = Vec<(String, String, DocumentKind)>;

fn read(name: &str) -> Option<Files> {
    let dir = release(name);
    let mut files = vec![(
        "model_spec.md".to_string(),
        std::fs::read_to_string(dir.join("model_spec.md")).ok()?,
        DocumentKind::Spec,
    )];
    let mut ex: Vec<PathBuf> = std::fs::read_dir(dir.join("examples"))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    ex.sort();
    for p in ex {
        let clause = p.file_stem()?.to_string_lossy().to_string();
        files.push((
            format!("examples/{clause}.md"),
            std::fs::read_to_string(&p).ok()?,
            DocumentKind::TestFile { clause },
        ));
    }
    Some(files)
}

fn corpus() -> Option<&'static (Files, Files)> {
    static C: OnceLock<Option<(Files, Files)>> = OnceLock::new();
    C.get_or_init(|| Some((read("2025-10-27")?, read("2025-12-18")?)))
        .as_ref()
}

/// What `Workspace::load` builds, from text in memory.
fn workspace(files: &Files) -> Workspace {
    let mut sources = SourceMap::new();
    let jobs: Vec<(FileId, DocumentKind)> = files
        .iter()
        .map(|(p, t, k)| (sources.add(p.clone(), t.clone()), k.clone()))
        .collect();
    Workspace::from_sources(&PathBuf::from("."), sources, jobs)
}

fn main() {
    if corpus().is_none() {
        println!("skipping the diff benchmarks: the corpus releases are absent");
        return;
    }
    divan::main();
}

/// One `specc check` of the 2025-12-18 release: parse and structural checks.
#[divan::bench]
fn check_one_release(bencher: Bencher) {
    let (_, new) = corpus().expect("checked in main");
    bencher.bench(|| {
        let ws = workspace(black_box(new));
        let r = specc_check::check(&ws);
        (ws, r)
    });
}

/// `specc diff` of two releases: parse both and compare.
#[divan::bench]
fn diff_two_releases(bencher: Bencher) {
    let (old, new) = corpus().expect("checked in main");
    bencher.bench(|| {
        let a = workspace(black_box(old));
        let b = workspace(black_box(new));
        let d = specc_diff::diff(
            &specc_diff::Version {
                package: a.root(),
                sources: &a.sources,
            },
            &specc_diff::Version {
                package: b.root(),
                sources: &b.sources,
            },
        );
        (a, b, d)
    });
}
