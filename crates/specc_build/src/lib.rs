//! `specc build`: compiles a loaded spec project into its targets (#build).
//!
//! One module per target: [`html`] (a static documentation site), [`prompt`]
//! (a system prompt in chain-of-command order), [`records`] (eval sets for
//! Inspect AI and OpenAI Evals, deliberative-alignment SFT records, preference
//! pairs) and [`ir`] (the intermediate representation as JSON). Every output
//! carries provenance: clause or section IDs and the [`spec_hash`] of the whole
//! spec.
//!
//! This crate does no IO: targets are returned as strings or [`OutputFile`]s and
//! the binary writes them. Results of earlier runs come in as [`html::PassRates`],
//! read from the results database by the caller.

pub mod html;
pub mod ir;
mod markdown;
pub mod prompt;
pub mod records;
pub mod report;

pub use specc_suite::{Selection, SelectionError, SelectionRequest};

use specc_project::{Package, Workspace};

/// A bad request to build: an unknown section or level, a budget too small.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// `--section` or `--authority` names what the project does not have.
    #[error(transparent)]
    Selection(#[from] SelectionError),
    #[error(
        "--max-tokens {budget} leaves no room for any section: the preamble alone takes {needed} tokens and the smallest selected section {smallest}\nhelp: raise --max-tokens or select fewer, smaller sections"
    )]
    BudgetTooSmall {
        budget: usize,
        needed: usize,
        smallest: usize,
    },
    #[error(
        "no section with an authority level matches the filters, so the prompt would be empty\nhelp: sections without `authority=` are non-normative; name them with --section to include them"
    )]
    EmptyPrompt,
}

/// A file of a multi-file target, relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub contents: String,
}

/// A file's path relative to the package root, with `/` separators: what a
/// reader of the built output (and the spec hash) should see, whatever path
/// the project was loaded from.
pub fn relative_path(pkg: &Package, path: &str) -> String {
    let p = std::path::Path::new(path);
    let rel = p.strip_prefix(&pkg.root).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The spec version hash: 16 hex digits of a Blake3 hash over the root
/// package's files (spec documents, test files, precedents), each as its path
/// and its bytes, in path order, and the parts of `specc.toml` that say what
/// the spec is (`[spec]` name, version and authority levels). Any edit to the
/// spec changes it; moving the project folder, or pointing it at another model
/// (`[models.*]`, `[test]`), does not: runs of one spec version against
/// different models share it. Every build record and every run carries it.
pub fn spec_hash(ws: &Workspace, pkg: &Package) -> String {
    let mut files: Vec<(String, &str)> = pkg
        .documents
        .iter()
        .chain(&pkg.test_files)
        .chain(&pkg.precedents)
        .map(|d| (relative_path(pkg, &d.path), ws.sources.file(d.file).text.as_str()))
        .collect();
    let spec = &pkg.config.spec;
    let identity = format!(
        "{:?}\u{1f}{:?}\u{1f}{:?}",
        spec.name,
        spec.version.as_ref().map(|v| v.get_ref()),
        pkg.config.authority_levels()
    );
    // Not a path a spec file can have, so it cannot collide with one.
    files.push(("\0specc.toml [spec]".into(), identity.as_str()));
    files.sort();
    let mut h = blake3::Hasher::new();
    for (path, text) in files {
        // Lengths first, so no two different file sets hash the same bytes.
        h.update(&(path.len() as u64).to_le_bytes());
        h.update(path.as_bytes());
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    h.finalize().to_hex()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn spec_hash_changes_with_any_file_and_not_with_order() {
        let a = Workspace::from_texts(Path::new("."), &[("a.md", "# A {#a}\n"), ("examples/x.md", "hi\n")]);
        let b = Workspace::from_texts(Path::new("."), &[("examples/x.md", "hi\n"), ("a.md", "# A {#a}\n")]);
        let c = Workspace::from_texts(Path::new("."), &[("a.md", "# A {#a}\n"), ("examples/x.md", "hi!\n")]);
        let (ha, hb, hc) = (
            spec_hash(&a, a.root()),
            spec_hash(&b, b.root()),
            spec_hash(&c, c.root()),
        );
        assert_eq!(ha, hb);
        assert_ne!(ha, hc);
        assert_eq!(ha.len(), 16);
        let moved = Workspace::from_texts(
            Path::new("elsewhere"),
            &[("a.md", "# A {#a}\n"), ("examples/x.md", "hi\n")],
        );
        assert_eq!(
            spec_hash(&moved, moved.root()),
            ha,
            "the folder's location is not part of the spec"
        );
    }

    #[test]
    fn spec_hash_follows_the_spec_settings_not_the_models() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("spec.md"), "# A {#a authority=user}\n\nBe kind.\n").unwrap();
        let hash_with = |toml: &str| {
            std::fs::write(dir.path().join("specc.toml"), toml).unwrap();
            let ws = Workspace::load(dir.path());
            assert!(!ws.fatal, "{:?}", ws.diagnostics);
            spec_hash(&ws, ws.root())
        };
        let base = hash_with("[spec]\nname = \"s\"\n");
        let models = hash_with(
            "[spec]\nname = \"s\"\n\n[models.target]\nprovider = \"openai\"\nmodel = \"m\"\nbase-url = \"http://127.0.0.1:1/v1\"\n",
        );
        assert_eq!(base, models, "another model is not another spec version");
        let levels = hash_with("[spec]\nname = \"s\"\nauthority = [\"root\", \"user\"]\n");
        assert_ne!(base, levels, "the chain of command is part of the spec");
        assert_ne!(base, hash_with("[spec]\nname = \"t\"\n"));
    }
}
