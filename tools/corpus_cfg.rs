//! The build script of every crate whose tests read the corpus (their
//! Cargo.toml names it as `build`), one file for all of them. Sets
//! `cfg(corpus)` when the Model Spec corpus (`../shared/corpus/openai-model-spec`
//! beside the workspace) is present and `SPECC_NO_CORPUS` is not set. Tests that
//! read the corpus carry `#[cfg_attr(not(corpus), ignore = "needs ...")]`, so
//! without it libtest reports each of them as ignored, by name, never as passed.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(corpus)");
    println!("cargo::rerun-if-env-changed=SPECC_NO_CORPUS");
    println!("cargo::rerun-if-changed=../../tools/corpus_cfg.rs");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let corpus = manifest.join("../../../shared/corpus/openai-model-spec");
    // Watch the corpus, or the nearest folder of `shared/corpus` that exists,
    // so that the corpus appearing or going away reruns this script. Cargo
    // scans a watched folder whole, so never the folder that holds the
    // workspace: every file written in the checkout (its target folder
    // included) would rerun this script and recompile three crates and all
    // that depend on them, on every build (the README's clone recompiled
    // specc for the wheel after the install, 2026-12-08). (A path that does
    // not exist would rerun it on every build too.) With no `shared` beside
    // the workspace, nothing is watched: after adding one, `touch
    // tools/corpus_cfg.rs` (the corpus tests say they are ignored until then).
    let shared = manifest.join("../../../shared");
    if let Some(watch) = [corpus.as_path(), &shared.join("corpus"), &shared]
        .into_iter()
        .find(|p| p.is_dir())
    {
        println!("cargo::rerun-if-changed={}", absolute(watch).display());
    }
    let disabled = std::env::var_os("SPECC_NO_CORPUS").is_some_and(|v| !v.is_empty());
    if corpus.is_dir() && !disabled {
        println!("cargo::rustc-cfg=corpus");
    }
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}
