//! specc's parse and structural checks against a bare pulldown-cmark parse of
//! the same text: the 2025-12-18 Model Spec release (model_spec.md and every
//! examples/*.md), read into memory once, outside the timed part.
//!
//! `bench/check-ratio.sh` runs this and prints the ratio of the two medians;
//! the target is specc within 3x the bare parse. Skips with a message when the
//! corpus (`../shared/corpus` from the repository root) is absent.

use divan::{Bencher, black_box};
use pulldown_cmark::{Options, Parser};
use specc_diagnostics::{FileId, SourceMap};
use specc_project::Workspace;
use specc_syntax::DocumentKind;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

// The same allocator as the `specc` binary, so the benchmark measures what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn release_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/openai-model-spec/2025-12-18")
}

/// One file of the release: its path relative to the release and its text.
struct File {
    path: String,
    text: String,
    kind: DocumentKind,
}

/// The release's files; `None` when the corpus is absent.
fn corpus() -> Option<&'static [File]> {
    static CORPUS: OnceLock<Option<Vec<File>>> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let dir = release_dir();
            let spec = std::fs::read_to_string(dir.join("model_spec.md")).ok()?;
            let mut files = vec![File {
                path: "model_spec.md".into(),
                text: spec,
                kind: DocumentKind::Spec,
            }];
            let mut examples: Vec<PathBuf> = std::fs::read_dir(dir.join("examples"))
                .ok()?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect();
            examples.sort();
            for p in examples {
                let clause = p.file_stem()?.to_string_lossy().into_owned();
                files.push(File {
                    path: format!("examples/{clause}.md"),
                    text: std::fs::read_to_string(&p).ok()?,
                    kind: DocumentKind::TestFile { clause },
                });
            }
            Some(files)
        })
        .as_deref()
}

fn main() {
    // As the binary runs (crates/specc/src/allocator.rs): no transparent
    // huge pages. With them, each 2 MiB page mimalloc's arenas touch anew is
    // zeroed whole, about a tenth of a full check.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with integer arguments only; on failure nothing changes.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    let Some(files) = corpus() else {
        println!(
            "skipping the check benchmarks: {} is absent",
            release_dir().join("model_spec.md").display()
        );
        return;
    };
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    println!("2025-12-18 release: {} files, {bytes} bytes", files.len());
    divan::main();
}

/// pulldown-cmark alone, with the options specc parses with, every event and
/// offset pulled.
#[divan::bench]
fn bare_pulldown_cmark(bencher: Bencher) {
    let files = corpus().expect("checked in main");
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    bencher.bench(|| {
        for f in files {
            for item in Parser::new_ext(black_box(&f.text), options).into_offset_iter() {
                black_box(item);
            }
        }
    });
}

/// The parse jobs for the files, in source-map order.
fn jobs(files: &[File]) -> Vec<(FileId, DocumentKind)> {
    files
        .iter()
        .enumerate()
        .map(|(i, f)| (FileId(i as u32), f.kind.clone()))
        .collect()
}

/// The #performance budget's "parse plus structural checks": every file parsed
/// into the IR, the workspace assembled in memory, and the structural checks
/// run over it (no file reading, no conflict checker).
#[divan::bench]
fn specc_parse_and_check(bencher: Bencher) {
    let files = corpus().expect("checked in main");
    let mut sources = SourceMap::new();
    for f in files {
        sources.add(f.path.clone(), f.text.clone());
    }
    let root = release_dir();
    bencher.with_inputs(|| sources.clone()).bench_local_values(|sources| {
        // The loader's own parallel parse, as `specc check` runs it.
        let ws = Workspace::from_sources(&root, black_box(sources), jobs(files));
        let result = specc_check::check_structure(&ws);
        (ws, result)
    });
}

/// Everything `specc check` does minus the file reading: the parse, the
/// structural checks, and the conflict checker (statement extraction over every
/// normative sentence, then pairing).
#[divan::bench]
fn specc_parse_and_full_check(bencher: Bencher) {
    let files = corpus().expect("checked in main");
    let mut sources = SourceMap::new();
    for f in files {
        sources.add(f.path.clone(), f.text.clone());
    }
    let root = release_dir();
    bencher.with_inputs(|| sources.clone()).bench_local_values(|sources| {
        let ws = Workspace::from_sources(&root, black_box(sources), jobs(files));
        let result = specc_check::check(&ws);
        (ws, result)
    });
}

/// The parse alone, per kind of file, to see where the time goes.
#[divan::bench(args = ["model_spec.md", "examples"])]
fn specc_parse_only(bencher: Bencher, which: &str) {
    let files: Vec<&File> = corpus()
        .expect("checked in main")
        .iter()
        .filter(|f| (which == "model_spec.md") == (f.path == "model_spec.md"))
        .collect();
    bencher.bench(|| {
        for f in &files {
            black_box(specc_syntax::parse(
                specc_diagnostics::FileId(0),
                &f.path,
                black_box(&f.text),
                f.kind.clone(),
            ));
        }
    });
}

/// The bare parse per kind of file, the anchor for [`specc_parse_only`].
#[divan::bench(args = ["model_spec.md", "examples"])]
fn bare_pulldown_cmark_only(bencher: Bencher, which: &str) {
    let files: Vec<&File> = corpus()
        .expect("checked in main")
        .iter()
        .filter(|f| (which == "model_spec.md") == (f.path == "model_spec.md"))
        .collect();
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    bencher.bench(|| {
        for f in &files {
            for item in Parser::new_ext(black_box(&f.text), options).into_offset_iter() {
                black_box(item);
            }
        }
    });
}

/// The structural checks alone, on a workspace parsed beforehand.
#[divan::bench]
fn structural_checks_only(bencher: Bencher) {
    let files = corpus().expect("checked in main");
    let mut sources = SourceMap::new();
    for f in files {
        sources.add(f.path.clone(), f.text.clone());
    }
    let ws = Workspace::from_sources(&release_dir(), sources, jobs(files));
    bencher.bench(|| specc_check::check_structure(black_box(&ws)));
}

/// The conflict checker alone, on a parsed workspace.
#[divan::bench]
fn conflict_checks_only(bencher: Bencher) {
    let files = corpus().expect("checked in main");
    let mut sources = SourceMap::new();
    for f in files {
        sources.add(f.path.clone(), f.text.clone());
    }
    let ws = Workspace::from_sources(&release_dir(), sources, jobs(files));
    bencher.bench(|| specc_conflicts::check(black_box(&ws)));
}
