//! `FileSource`: the filesystem, a git revision and unsaved buffers, each
//! read by the same loader.

use specc_project::{Disk, FileSource, GitTree, Kind, Overlay, SourceError, Workspace};
use std::path::Path;
use std::process::Command;

const SPEC: &str =
    "# Rules {#rules authority=user}\n\nThe assistant must be brief[^a1b2].\n\nThe assistant must be kind[^k1nd].\n";

fn test_file(id: &str, prompt: &str) -> String {
    format!("Examples for [^{id}] in Rules:\n\n**Example**: a question\n\n~~~xml\n<user>\n{prompt}\n</user>\n~~~\n")
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn commit_all(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", message]);
}

fn clause_texts(ws: &Workspace) -> Vec<String> {
    ws.root()
        .documents
        .iter()
        .flat_map(|d| d.clauses.iter().map(|c| c.text.clone()))
        .collect()
}

/// (clause, source text) of each test file of the root package.
fn test_files(ws: &Workspace) -> Vec<(String, String)> {
    ws.root()
        .test_files
        .iter()
        .map(|d| {
            let clause = match &d.kind {
                specc_syntax::DocumentKind::TestFile { clause } => clause.clone(),
                _ => String::new(),
            };
            (clause, ws.sources.file(d.file).text.clone())
        })
        .collect()
}

fn paths(ws: &Workspace) -> Vec<String> {
    ws.sources.iter().map(|(_, f)| f.path.clone()).collect()
}

#[test]
fn disk_loads_as_load_does() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(
        dir,
        &[
            ("spec/rules.md", SPEC),
            ("README.md", "# Readme\n"),
            ("examples/a1b2.md", &test_file("a1b2", "Hi")),
            ("examples/k1nd.md", &test_file("k1nd", "Hello")),
            (".hidden/x.md", "# Hidden {#hidden}\n"),
        ],
    );
    let a = Workspace::load(dir);
    let b = Workspace::load_from(&Disk, dir, false);
    assert!(!b.fatal && b.root_loaded(), "{:?}", b.diagnostics);
    assert_eq!(paths(&a), paths(&b));
    assert_eq!(clause_texts(&b).len(), 2);
    assert_eq!(b.root().test_files.len(), 2);
    assert!(Disk.is_dir(dir) && Disk.is_file(&dir.join("spec/rules.md")));
    assert_eq!(Disk.kind(&dir.join("nothing")), None);
    let mut names: Vec<_> = Disk
        .read_dir(&dir.join("examples"))
        .unwrap()
        .into_iter()
        .map(|e| (e.name.to_string_lossy().to_string(), e.kind, e.symlink))
        .collect();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        names,
        [
            ("a1b2.md".to_string(), Kind::File, None),
            ("k1nd.md".to_string(), Kind::File, None)
        ]
    );
    assert_eq!(Disk.describe(), None);
    // A folder that is not there is fatal, as before.
    let missing = Workspace::load_from(&Disk, &dir.join("nope"), false);
    assert!(missing.fatal && !missing.root_loaded());
    assert!(missing.diagnostics[0].message.ends_with("does not exist"));
}

#[cfg(unix)]
#[test]
fn disk_follows_symlinks_only_inside_the_project() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside.md");
    std::fs::write(&outside, "# Outside {#outside}\n\nThe assistant must wave[^w4ve].\n").unwrap();
    let dir = tmp.path().join("proj");
    write(
        &dir,
        &[
            ("spec/rules.md", SPEC),
            (
                "notes/extra.md",
                "# Extra {#extra}\n\nThe assistant must smile[^sm1l].\n",
            ),
        ],
    );
    std::os::unix::fs::symlink(dir.join("notes/extra.md"), dir.join("spec/inside.md")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("spec/outside.md")).unwrap();
    let link = Disk
        .read_dir(&dir.join("spec"))
        .unwrap()
        .into_iter()
        .find(|e| e.name == "inside.md")
        .unwrap();
    assert_eq!(link.kind, Kind::File);
    assert_eq!(link.symlink, Some(dir.join("notes/extra.md").canonicalize().unwrap()));
    let ws = Workspace::load(&dir);
    let texts = clause_texts(&ws);
    assert!(texts.iter().any(|t| t.contains("smile")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("wave")), "{texts:?}");
}

/// A repository whose first commit has the project, then edits that are not
/// committed (or are, in a second commit).
fn repo_with_history(project: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    let dir = repo.join(project);
    write(
        &dir,
        &[
            ("specc.toml", "[spec]\nname = \"t\"\nexamples = \"cases\"\n"),
            ("spec/rules.md", SPEC),
            ("cases/a1b2.md", &test_file("a1b2", "Old prompt")),
            ("cases/k1nd.md", &test_file("k1nd", "Hello")),
        ],
    );
    write(repo, &[("elsewhere/notes.md", "not the project\n")]);
    commit_all(repo, "first");
    write(
        &dir,
        &[
            ("spec/rules.md", &SPEC.replace("brief", "terse")),
            ("cases/a1b2.md", &test_file("a1b2", "New prompt")),
            ("spec/added.md", "# Added {#added}\n\nThe assistant must add[^add1].\n"),
        ],
    );
    tmp
}

#[test]
fn git_tree_reads_the_old_revision_with_its_custom_examples_folder() {
    let tmp = repo_with_history("");
    let dir = tmp.path();
    let tree = GitTree::open(dir, "HEAD").unwrap();
    assert_eq!(tree.describe().as_deref(), Some("revision HEAD"));
    assert_eq!(tree.read(&dir.join("spec/rules.md")).unwrap(), SPEC.as_bytes());
    assert_eq!(tree.kind(&dir.join("spec")), Some(Kind::Dir));
    assert_eq!(tree.kind(&dir.join("spec/added.md")), None, "not committed");
    assert!(tree.read(&dir.join("spec/added.md")).is_err());
    let old = Workspace::load_from(&tree, dir, false);
    assert!(!old.fatal, "{:?}", old.diagnostics);
    assert_eq!(
        clause_texts(&old),
        [
            "The assistant must be brief[^a1b2].",
            "The assistant must be kind[^k1nd]."
        ]
    );
    // specc.toml at the revision names `cases` as the examples folder.
    let tests = test_files(&old);
    assert_eq!(tests.len(), 2, "{tests:?}");
    assert_eq!(tests[0].0, "a1b2");
    assert!(tests[0].1.contains("Old prompt"));
    // The working tree has moved on.
    let now = Workspace::load(dir);
    assert!(test_files(&now)[0].1.contains("New prompt"));
    assert_eq!(now.root().documents.len(), 2);
    // The same file paths, whichever source: diagnostics and hashes agree.
    assert_eq!(paths(&old), paths(&Workspace::load_from(&tree, dir, false)));
    let new_paths = paths(&now);
    assert!(paths(&old).iter().all(|p| new_paths.contains(p)));
}

#[test]
fn git_tree_of_a_project_in_a_subfolder_with_a_sibling_dependency() {
    let tmp = repo_with_history("specs/proj");
    let repo = tmp.path();
    write(
        repo,
        &[
            (
                "specs/base/spec/base.md",
                "# Base {#base authority=root}\n\nThe assistant must be safe[^s4fe].\n",
            ),
            (
                "specs/base/examples/s4fe.md",
                &test_file("s4fe", "Hi").replace("Rules", "Base"),
            ),
        ],
    );
    let toml = "[spec]\nname = \"t\"\nexamples = \"cases\"\n\n[dependencies]\nbase = { path = \"../base\" }\n";
    write(repo, &[("specs/proj/specc.toml", toml)]);
    commit_all(repo, "dependency");
    let dir = repo.join("specs/proj");
    let tree = GitTree::open(&dir, "HEAD").unwrap();
    // Paths above the project but inside the repository are in the tree.
    assert_eq!(tree.kind(&dir.join("../base")), Some(Kind::Dir));
    assert_eq!(tree.kind(&dir.join("../../elsewhere/notes.md")), Some(Kind::File));
    // Outside the repository nothing is.
    assert_eq!(tree.kind(&dir.join("../../..")), None);
    let ws = Workspace::load_from(&tree, &dir, false);
    assert!(!ws.fatal, "{:?}", ws.diagnostics);
    assert_eq!(ws.packages.len(), 2);
    assert_eq!(ws.packages[1].name.as_deref(), Some("base"));
    assert_eq!(ws.packages[1].test_files.len(), 1);
    assert!(
        clause_texts(&ws).iter().any(|t| t.contains("terse")),
        "committed in the second commit"
    );
    let first = GitTree::open(&dir, "HEAD~1").unwrap();
    let old = Workspace::load_from(&first, &dir, false);
    assert!(!old.fatal, "{:?}", old.diagnostics);
    assert_eq!(old.packages.len(), 1, "no dependency yet");
    assert!(test_files(&old)[0].1.contains("Old prompt"));
}

#[test]
fn a_dependency_outside_the_repository_is_a_diagnostic() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("base");
    write(
        &outside,
        &[("spec/base.md", "# Base {#base}\n\nThe assistant must be safe[^s4fe].\n")],
    );
    let repo = tmp.path().join("repo");
    write(
        &repo,
        &[
            (
                "specc.toml",
                "[spec]\nname = \"t\"\n\n[dependencies]\nbase = { path = \"../base\" }\n",
            ),
            ("spec/rules.md", SPEC),
        ],
    );
    git(&repo, &["init", "-q"]);
    commit_all(&repo, "first");
    // On disk the dependency is there.
    assert!(!Workspace::load(&repo).fatal);
    let tree = GitTree::open(&repo, "HEAD").unwrap();
    let ws = Workspace::load_from(&tree, &repo, false);
    assert!(ws.fatal && ws.root_loaded(), "{:?}", ws.diagnostics);
    let d = ws
        .diagnostics
        .iter()
        .find(|d| d.message.contains("dependency `base`"))
        .unwrap();
    assert!(d.message.ends_with("is not a folder at revision HEAD"), "{}", d.message);
}

#[cfg(unix)]
#[test]
fn git_tree_skips_symlinks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(
        dir,
        &[
            ("spec/rules.md", SPEC),
            (
                "notes/extra.md",
                "# Extra {#extra}\n\nThe assistant must smile[^sm1l].\n",
            ),
        ],
    );
    std::os::unix::fs::symlink("../notes/extra.md", dir.join("spec/link.md")).unwrap();
    git(dir, &["init", "-q"]);
    commit_all(dir, "first");
    let tree = GitTree::open(dir, "HEAD").unwrap();
    assert_eq!(tree.kind(&dir.join("spec/link.md")), None);
    let names: Vec<_> = tree
        .read_dir(&dir.join("spec"))
        .unwrap()
        .into_iter()
        .map(|e| e.name.to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["rules.md"]);
    let ws = Workspace::load_from(&tree, dir, false);
    assert!(!ws.fatal, "{:?}", ws.diagnostics);
    assert!(!clause_texts(&ws).iter().any(|t| t.contains("smile")));
}

#[test]
fn git_tree_errors_say_what_to_pass() {
    let tmp = repo_with_history("");
    let err = GitTree::open(tmp.path(), "no-such-branch").unwrap_err();
    assert!(matches!(err, SourceError::BadRevision { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("no-such-branch") && msg.contains("\nhelp: "), "{msg}");
    let err = GitTree::open(tmp.path(), "--output=x").unwrap_err();
    assert!(matches!(err, SourceError::BadRevision { .. }), "{err}");
    let plain = tempfile::tempdir().unwrap();
    let err = GitTree::open(plain.path(), "HEAD").unwrap_err();
    assert!(
        matches!(err, SourceError::NotARepository { .. }) || matches!(err, SourceError::BadRevision { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("\nhelp: "), "{err}");
}

#[test]
fn overlay_buffers_shadow_files_and_new_ones_are_discovered() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(
        dir,
        &[("spec/rules.md", SPEC), ("examples/a1b2.md", &test_file("a1b2", "Hi"))],
    );
    let mut overlay = Overlay::new(Disk);
    // `./` and `..` spellings name the same buffer.
    overlay.insert(dir.join("./spec/rules.md"), SPEC.replace("brief", "concise"));
    assert!(overlay.get(dir.join("spec/x/../rules.md")).is_some());
    // A new file in a folder that is not on disk yet.
    overlay.insert(dir.join("precedents/k1nd.md"), "Precedents for [^k1nd] in Rules:\n");
    overlay.insert(dir.join("examples/k1nd.md"), test_file("k1nd", "Unsaved prompt"));
    assert_eq!(overlay.kind(&dir.join("precedents")), Some(Kind::Dir));
    assert_eq!(overlay.kind(&dir.join("precedents/k1nd.md")), Some(Kind::File));
    let mut names: Vec<_> = overlay
        .read_dir(&dir.join("examples"))
        .unwrap()
        .into_iter()
        .map(|e| e.name.to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["a1b2.md", "k1nd.md"]);
    let ws = Workspace::load_from(&overlay, dir, false);
    assert!(!ws.fatal, "{:?}", ws.diagnostics);
    assert_eq!(
        clause_texts(&ws),
        [
            "The assistant must be concise[^a1b2].",
            "The assistant must be kind[^k1nd]."
        ]
    );
    let tests = test_files(&ws);
    assert_eq!(tests.len(), 2);
    assert!(tests[1].1.contains("Unsaved prompt"));
    assert_eq!(ws.root().precedents.len(), 1);
    // The disk is untouched, and a dropped buffer reads from it again.
    assert_eq!(std::fs::read_to_string(dir.join("spec/rules.md")).unwrap(), SPEC);
    overlay.remove(dir.join("spec/rules.md"));
    let ws = Workspace::load_from(&overlay, dir, false);
    assert!(clause_texts(&ws)[0].contains("brief"));
}

#[test]
fn overlay_over_a_git_revision() {
    let tmp = repo_with_history("");
    let dir = tmp.path();
    let mut overlay = Overlay::new(GitTree::open(dir, "HEAD").unwrap());
    overlay.insert(dir.join("cases/a1b2.md"), test_file("a1b2", "Buffer prompt"));
    assert_eq!(overlay.describe().as_deref(), Some("revision HEAD"));
    let ws = Workspace::load_from(&overlay, dir, true);
    assert!(ws.is_lean());
    let tests = test_files(&ws);
    assert!(tests[0].1.contains("Buffer prompt"));
    assert!(clause_texts(&ws)[0].contains("brief"), "the rest is the revision's");
}

/// A second load through a parse cache parses only the file whose text
/// changed, and gives what a fresh load gives.
#[test]
fn a_parse_cache_reparses_only_what_changed() {
    use specc_project::{Disk, Overlay, ParseCache, Workspace};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("spec.md"),
        "# S {#s authority=user}\n\nThe assistant must be kind[^k1nd].\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("examples")).unwrap();
    std::fs::write(
        root.join("examples/k1nd.md"),
        "Examples for [^k1nd] in S:\n\n**Example**: x\n\n~~~xml\n<user>\nhi\n</user>\n~~~\n",
    )
    .unwrap();
    std::fs::write(root.join("examples/orph.md"), "Examples for [^orph] in S:\n").unwrap();
    let cache = Arc::new(ParseCache::new());
    let mut overlay = Overlay::new(Disk);
    Workspace::load_cached(&overlay, root, false, Some(cache.clone()));
    assert_eq!(cache.hits(), 0);
    overlay.insert(
        root.join("spec.md"),
        "# S {#s authority=user}\n\nThe assistant must be kind[^k1nd]. [x](#nowhere)\n",
    );
    let cached = Workspace::load_cached(&overlay, root, false, Some(cache.clone()));
    assert_eq!(cache.hits(), 2, "the two test files were reused, the spec parsed again");
    let fresh = Workspace::load_from(&overlay, root, false);
    let render = |ws: &Workspace| {
        let mut d: Vec<String> = ws
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{:?} {} {:?} {}",
                    d.file.map(|f| ws.sources.file(f).path.clone()),
                    d.code.as_str(),
                    d.span,
                    d.message
                )
            })
            .collect();
        d.sort();
        (
            d,
            ws.packages[0].test_files.len(),
            ws.packages[0].documents[0].references.len(),
        )
    };
    assert_eq!(render(&cached), render(&fresh));
}
