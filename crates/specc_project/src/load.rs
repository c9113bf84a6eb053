//! Reading a project (and its path dependencies) into the IR, through a
//! [`FileSource`]: the discovery rules live here once, whatever the source.

use crate::config::{Config, parse_config};
use crate::source::{Disk, Entry, FileSource, Kind};
use globset::{Glob, GlobSet, GlobSetBuilder};
use specc_diagnostics::{Code, Diagnostic, FileId, SourceMap, Span};
use specc_syntax::{Document, DocumentKind};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One spec project: the root one or a dependency.
#[derive(Debug)]
pub struct Package {
    /// The dependency name it is imported under; `None` for the root project.
    pub name: Option<String>,
    pub root: PathBuf,
    pub config: Config,
    pub config_file: Option<FileId>,
    pub documents: Vec<Document>,
    pub test_files: Vec<Document>,
    pub precedents: Vec<Document>,
    pub dependencies: Vec<DependencyRef>,
}

/// A `[dependencies]` entry resolved to a loaded package.
#[derive(Debug, Clone)]
pub struct DependencyRef {
    pub name: String,
    /// Index into [`Workspace::packages`]; `None` when it could not be loaded.
    pub package: Option<usize>,
    pub ceiling: Option<String>,
}

/// Everything loaded for one `specc` invocation: the root package (index 0),
/// its dependencies, every source file, and the diagnostics of loading.
#[derive(Debug)]
pub struct Workspace {
    pub sources: SourceMap,
    pub packages: Vec<Package>,
    pub diagnostics: Vec<Diagnostic>,
    /// A configuration or IO problem that makes the result incomplete (exit 2).
    pub fatal: bool,
    /// Test files were read lean: see [`Workspace::load_lean`].
    lean: bool,
    /// `fatal` as it stood once the root package's own files were read, before
    /// its dependencies: see [`Workspace::root_loaded`].
    root_fatal: bool,
    /// The project's `specc.lock`, when it has one that parses.
    pub lock: Option<(FileId, crate::lockfile::Lockfile)>,
    /// Files parsed by an earlier load, reused when unchanged (the language server's).
    cache: Option<std::sync::Arc<ParseCache>>,
}

/// Parsed files kept from one load to the next, as a language server loads
/// the workspace again after every edit: a file whose path, kind and text are
/// those of the last parse is not parsed again (its document and diagnostics
/// are taken over with the file's new ID). One entry per path.
#[derive(Debug, Default)]
pub struct ParseCache {
    entries: std::sync::Mutex<HashMap<String, (u64, Parsed)>>,
    hits: std::sync::atomic::AtomicUsize,
}

impl ParseCache {
    pub fn new() -> ParseCache {
        ParseCache::default()
    }

    /// How many parses were reused so far.
    pub fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn key(text: &str, kind: &DocumentKind, lean: bool) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(text.as_bytes());
        h.update(format!("{kind:?}{lean}").as_bytes());
        h.digest()
    }

    fn get(&self, path: &str, key: u64, id: FileId) -> Option<Parsed> {
        let entries = self.entries.lock().ok()?;
        let (k, (doc, diags)) = entries.get(path)?;
        if *k != key {
            return None;
        }
        let old = doc.file;
        let mut doc = doc.clone();
        doc.file = id;
        let diags = diags
            .iter()
            .cloned()
            .map(|mut d| {
                if d.file == Some(old) {
                    d.file = Some(id);
                }
                for l in &mut d.labels {
                    if l.file == old {
                        l.file = id;
                    }
                }
                d
            })
            .collect();
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some((doc, diags))
    }

    fn put(&self, path: &str, key: u64, parsed: &Parsed) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(path.to_string(), (key, parsed.clone()));
        }
    }
}

impl Workspace {
    /// Loads the project at `root`. Never panics; problems become diagnostics.
    pub fn load(root: &Path) -> Workspace {
        Workspace::load_from(&Disk, root, false)
    }

    /// Loads the project like [`Workspace::load`], but counts test files'
    /// examples instead of keeping them (`Document::streamed`), so memory does
    /// not grow with the number of test prompts; only examples whose answer
    /// markers name a section (`GOOD[#id]`, which the checks resolve) are kept.
    /// For commands that stream the prompts again (`specc test`).
    pub fn load_lean(root: &Path) -> Workspace {
        Workspace::load_from(&Disk, root, true)
    }

    /// Loads the project at `root` as [`Workspace::load`] (or, with `lean`,
    /// [`Workspace::load_lean`]) does, reading every file and folder through
    /// `source`: the filesystem, a git revision, unsaved buffers over either.
    /// Paths are the ones `root` is spelled with, joined with what is found.
    pub fn load_from(source: &dyn FileSource, root: &Path, lean: bool) -> Workspace {
        Workspace::load_cached(source, root, lean, None)
    }

    /// Loads like [`Workspace::load_from`], reusing the parses of unchanged
    /// files from `cache` and keeping this load's parses in it.
    pub fn load_cached(
        source: &dyn FileSource,
        root: &Path,
        lean: bool,
        cache: Option<std::sync::Arc<ParseCache>>,
    ) -> Workspace {
        let mut ws = Workspace {
            cache,
            sources: SourceMap::new(),
            packages: Vec::new(),
            diagnostics: Vec::new(),
            fatal: false,
            lean,
            root_fatal: true,
            lock: None,
        };
        let mut stack = Vec::new();
        ws.load_package(source, root, None, &mut stack);
        ws
    }

    /// Whether the root package's own files (specc.toml, specc.lock, documents,
    /// test files, precedents) were found and read without a fatal problem,
    /// whatever became of its dependencies. A past revision whose dependency
    /// lay outside the repository still has its own files to compare.
    pub fn root_loaded(&self) -> bool {
        !self.packages.is_empty() && !self.root_fatal
    }

    /// The project at `root` as committed at `rev`, read from git (nothing
    /// checked out) by the same loader and discovery rules as the working
    /// tree, its `specc.toml` included. Only the root package's own files must
    /// load: a dependency that was outside the repository at `rev` is a
    /// diagnostic, not a refusal.
    pub fn load_revision(root: &Path, rev: &str) -> Result<Workspace, crate::SourceError> {
        let tree = crate::GitTree::open(root, rev)?;
        let ws = Workspace::load_from(&tree, root, false);
        if !ws.root_loaded() || ws.root().documents.is_empty() {
            let why = ws
                .diagnostics
                .iter()
                .find(|d| d.severity == specc_diagnostics::Severity::Error)
                .map(|d| d.message.clone());
            return Err(crate::SourceError::NoSpecAtRevision {
                repo: root.to_path_buf(),
                rev: rev.to_string(),
                why,
            });
        }
        Ok(ws)
    }

    /// Whether test files were read by [`Workspace::load_lean`].
    pub fn is_lean(&self) -> bool {
        self.lean
    }

    /// A workspace of in-memory spec documents (path, text), with default
    /// configuration: for tests, editors and tools that hold text not on disk.
    pub fn from_texts(root: &Path, files: &[(&str, &str)]) -> Workspace {
        let mut sources = SourceMap::new();
        let jobs = files
            .iter()
            .map(|(path, text)| {
                let stem = Path::new(path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                let kind = if path.starts_with("examples/") {
                    DocumentKind::TestFile { clause: stem }
                } else if path.starts_with("precedents/") {
                    DocumentKind::Precedents { clause: stem }
                } else {
                    DocumentKind::Spec
                };
                (sources.add(*path, *text), kind)
            })
            .collect();
        Workspace::from_sources(root, sources, jobs)
    }

    /// A one-package workspace with default configuration from files already
    /// in a source map, parsed as `load` parses them (in parallel).
    pub fn from_sources(root: &Path, sources: SourceMap, jobs: Vec<(FileId, DocumentKind)>) -> Workspace {
        let mut pkg = Package {
            name: None,
            root: root.to_path_buf(),
            config: Config::default(),
            config_file: None,
            documents: Vec::new(),
            test_files: Vec::new(),
            precedents: Vec::new(),
            dependencies: Vec::new(),
        };
        let mut diagnostics = Vec::new();
        for (doc, diags) in parse_files(&sources, jobs, false, None) {
            diagnostics.extend(diags);
            match &doc.kind {
                DocumentKind::Spec => pkg.documents.push(doc),
                DocumentKind::TestFile { .. } => pkg.test_files.push(doc),
                DocumentKind::Precedents { .. } => pkg.precedents.push(doc),
            }
        }
        Workspace {
            cache: None,
            sources,
            packages: vec![pkg],
            diagnostics,
            fatal: false,
            lean: false,
            root_fatal: false,
            lock: None,
        }
    }

    pub fn root(&self) -> &Package {
        &self.packages[0]
    }

    fn load_package(
        &mut self,
        source: &dyn FileSource,
        root: &Path,
        name: Option<String>,
        stack: &mut Vec<PathBuf>,
    ) -> Option<usize> {
        let canonical = source.canonicalize(root).unwrap_or_else(|| root.to_path_buf());
        if let Some(i) = self
            .packages
            .iter()
            .position(|p| source.canonicalize(&p.root).as_ref() == Some(&canonical))
        {
            return Some(i);
        }
        let at = at(source);
        if !source.is_dir(root) {
            let what = if source.kind(root).is_some() {
                "is not a directory"
            } else {
                "does not exist"
            };
            self.diagnostics.push(
                Diagnostic::new(Code::NoDocuments, format!("`{}` {what}{at}", root.display()))
                    .with_help("pass the folder of a spec project, for example `specc check path/to/spec`"),
            );
            self.fatal = true;
            return None;
        }
        stack.push(canonical.clone());

        let (config, config_file) = self.read_config(source, root);

        // The project's own lock (dependencies' locks are their business), read
        // before the documents so its findings sort first.
        if name.is_none() {
            self.read_lock(source, root);
        }

        let index = self.packages.len();
        self.packages.push(Package {
            name,
            root: root.to_path_buf(),
            config,
            config_file,
            documents: Vec::new(),
            test_files: Vec::new(),
            precedents: Vec::new(),
            dependencies: Vec::new(),
        });

        self.read_files(source, index, &at);
        if index == 0 {
            self.root_fatal = self.fatal;
        }

        self.load_dependencies(source, index, stack);
        stack.pop();
        Some(index)
    }

    /// The package's `specc.toml`, or the defaults without one; a broken one
    /// is fatal and its diagnostics point at its keys.
    fn read_config(&mut self, source: &dyn FileSource, root: &Path) -> (Config, Option<FileId>) {
        let config_path = root.join("specc.toml");
        let mut config = Config::default();
        let mut config_file = None;
        if source.kind(&config_path).is_some() && self.stays_inside(source, root, &config_path) {
            match source.read(&config_path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        let id = self.sources.add(display(&config_path), text);
                        config_file = Some(id);
                        match parse_config(id, &self.sources.file(id).text) {
                            Ok(c) => config = c,
                            Err(diags) => {
                                self.diagnostics.extend(diags);
                                self.fatal = true;
                            }
                        }
                    }
                    Err(_) => self.unreadable(source, &config_path, "it is not valid UTF-8", true),
                },
                Err(e) => self.unreadable(source, &config_path, &e.to_string(), true),
            }
        }

        (config, config_file)
    }

    /// The project's `specc.lock`, when it has one.
    fn read_lock(&mut self, source: &dyn FileSource, root: &Path) {
        let lock_path = root.join(crate::lockfile::LOCK_FILE);
        if source.is_file(&lock_path)
            && let Some(id) = self.read(source, root, &lock_path)
        {
            match crate::lockfile::parse(id, &self.sources.file(id).text) {
                Ok(l) => self.lock = Some((id, l)),
                Err(d) => {
                    self.diagnostics.push(*d);
                    self.fatal = true;
                }
            }
        }
    }

    /// Discovers, reads and parses the documents, test files and precedents
    /// of package `index`.
    fn read_files(&mut self, source: &dyn FileSource, index: usize, at: &str) {
        let root = self.packages[index].root.clone();
        let (docs, tests, precs) = self.discover(source, index);
        if docs.is_empty() && !self.fatal {
            // Say what was looked for: the project's own globs when it has them.
            let help = match &self.packages[index].config.spec.documents {
                Some(globs) => format!(
                    "specc.toml's [spec] documents ({}) matches no `.md` file outside `{}/` and `{}/`; fix the globs (relative to the project folder, e.g. \"policy/**/*.md\")",
                    globs.iter().map(|g| format!("\"{}\"", g.get_ref())).collect::<Vec<_>>().join(", "),
                    self.packages[index].config.spec.examples_dir(),
                    self.packages[index].config.spec.precedents_dir(),
                ),
                None => "specc reads `*.md` at the root and under `spec/` (not README, CHANGELOG, CONTRIBUTING, LICENSE); run `specc init` to start a spec, or list documents in specc.toml under [spec] documents".to_string(),
            };
            self.diagnostics.push(
                Diagnostic::new(
                    Code::NoDocuments,
                    format!("no spec documents in `{}`{at}", root.display()),
                )
                .with_help(help),
            );
            self.fatal = true;
        }
        // Read every file first (IO in order), then parse them in parallel.
        let mut jobs: Vec<(FileId, DocumentKind)> = Vec::new();
        for path in docs {
            if let Some(id) = self.read(source, &root, &path) {
                jobs.push((id, DocumentKind::Spec));
            }
        }
        for path in tests {
            let clause = stem(&path);
            if let Some(id) = self.read(source, &root, &path) {
                jobs.push((id, DocumentKind::TestFile { clause }));
            }
        }
        for path in precs {
            let clause = stem(&path);
            if let Some(id) = self.read(source, &root, &path) {
                jobs.push((id, DocumentKind::Precedents { clause }));
            }
        }
        let default_level = self.packages[index].config.spec.default_level();
        for (mut doc, diags) in parse_files(&self.sources, jobs, self.lean, self.cache.as_deref()) {
            self.diagnostics.extend(diags);
            // `[spec] default-authority`: sections that declare no level and
            // inherit none take it (a section that inherits one already has it).
            if let Some(level) = &default_level {
                for section in doc.sections.iter_mut().filter(|s| s.authority.is_none()) {
                    section.authority = Some(level.clone());
                }
            }
            let pkg = &mut self.packages[index];
            match doc.kind {
                DocumentKind::Spec => pkg.documents.push(doc),
                DocumentKind::TestFile { .. } => pkg.test_files.push(doc),
                DocumentKind::Precedents { .. } => pkg.precedents.push(doc),
            }
        }
    }

    /// The dependencies of package `index`, depth first, with cycle detection
    /// along the import chain (`stack`).
    fn load_dependencies(&mut self, source: &dyn FileSource, index: usize, stack: &mut Vec<PathBuf>) {
        let root = self.packages[index].root.clone();
        let at = at(source);
        let deps: Vec<(String, String, Option<String>, Span)> = self.packages[index]
            .config
            .dependencies
            .iter()
            .map(|(n, d)| {
                (
                    n.clone(),
                    d.path.get_ref().clone(),
                    d.ceiling
                        .as_ref()
                        .map(|c| specc_syntax::canonical_authority(c.get_ref()).to_string()),
                    Span::from(d.path.span()),
                )
            })
            .collect();
        for (dep_name, rel, ceiling, span) in deps {
            let dep_root = root.join(&rel);
            let dep_canonical = source.canonicalize(&dep_root).unwrap_or_else(|| dep_root.clone());
            let config_file = self.packages[index].config_file;
            if stack.contains(&dep_canonical) {
                // Named by the dependency names along the chain, not by absolute paths.
                let names: Vec<String> = self
                    .packages
                    .iter()
                    .map(|p| p.name.clone().unwrap_or_else(|| display(&p.root)))
                    .collect();
                let start = self
                    .packages
                    .iter()
                    .position(|p| source.canonicalize(&p.root).as_ref() == Some(&dep_canonical))
                    .unwrap_or(0);
                let chain: Vec<String> = names[start..=index]
                    .iter()
                    .cloned()
                    .chain(std::iter::once(names[start].clone()))
                    .collect();
                let mut d = Diagnostic::new(
                    Code::DependencyCycle,
                    format!("dependency `{dep_name}` imports a project that imports it"),
                )
                .with_note(format!("import chain: {}", chain.join(" -> ")))
                .with_help("move what both need into a third spec that both import");
                if let Some(f) = config_file {
                    d = d.at(f, span).with_label("this import closes the cycle");
                }
                self.diagnostics.push(d);
                self.packages[index].dependencies.push(DependencyRef {
                    name: dep_name,
                    package: None,
                    ceiling,
                });
                continue;
            }
            let loaded = if source.is_dir(&dep_root) {
                self.load_package(source, &dep_root, Some(dep_name.clone()), stack)
            } else {
                let mut d = Diagnostic::new(
                    Code::ConfigError,
                    format!(
                        "dependency `{dep_name}` path `{}` is not a folder{at}",
                        dep_root.display()
                    ),
                )
                .with_help("fix `path` so it names the dependency's project folder, relative to this specc.toml");
                if let Some(f) = config_file {
                    d = d.at(f, span);
                }
                self.diagnostics.push(d);
                self.fatal = true;
                None
            };
            self.packages[index].dependencies.push(DependencyRef {
                name: dep_name,
                package: loaded,
                ceiling,
            });
        }
    }

    fn unreadable(&mut self, source: &dyn FileSource, path: &Path, why: &str, fatal: bool) {
        let at = at(source);
        self.diagnostics.push(
            Diagnostic::new(
                Code::UnreadableFile,
                format!("cannot read `{}`{at}: {why}", display(path)),
            )
            .with_help("make the file readable and save it as UTF-8; every other file was still checked"),
        );
        if fatal {
            self.fatal = true;
        }
    }

    /// Whether `path` stays inside the package `root` once its links are
    /// followed; if not, C115 names it and it is not read. A path that does
    /// not resolve (missing, a dangling link) is left to the read to report.
    fn stays_inside(&mut self, source: &dyn FileSource, root: &Path, path: &Path) -> bool {
        let (Some(root_c), Some(path_c)) = (source.canonicalize(root), source.canonicalize(path)) else {
            return true;
        };
        if path_c.starts_with(&root_c) {
            return true;
        }
        let at = at(source);
        self.diagnostics.push(
            Diagnostic::new(
                Code::OutsideProject,
                format!(
                    "`{}`{at} leads outside the project (a symbolic link or `..`); it was not read",
                    display(path)
                ),
            )
            .with_help("commit the file itself instead of a link, or a link to a file inside the project"),
        );
        self.fatal = true;
        false
    }

    /// Reads a file of the package at `root` into the source map; unreadable
    /// files, and files that lead outside the package, become diagnostics.
    fn read(&mut self, source: &dyn FileSource, root: &Path, path: &Path) -> Option<FileId> {
        if !self.stays_inside(source, root, path) {
            return None;
        }
        let bytes = match source.read(path) {
            Ok(b) => b,
            Err(e) => {
                self.unreadable(source, path, &e.to_string(), true);
                return None;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
                let line = valid.matches('\n').count() + 1;
                self.unreadable(source, path, &format!("invalid UTF-8 at byte {at} (line {line})"), true);
                return None;
            }
        };
        Some(self.sources.add(display(path), text))
    }

    /// Documents, test files and precedent files of a package, sorted.
    fn discover(&mut self, source: &dyn FileSource, index: usize) -> (Vec<PathBuf>, Vec<PathBuf>, Vec<PathBuf>) {
        let pkg = &self.packages[index];
        let root = pkg.root.clone();
        let examples_dir = pkg.config.spec.examples_dir().to_string();
        let precedents_dir = pkg.config.spec.precedents_dir().to_string();
        let globs: Option<GlobSet> = pkg.config.spec.documents.as_ref().map(|gs| {
            let mut b = GlobSetBuilder::new();
            for g in gs {
                if let Ok(glob) = Glob::new(g.get_ref()) {
                    b.add(glob);
                }
            }
            b.build().unwrap_or_else(|_| GlobSet::empty())
        });

        let mut files = Vec::new();
        self.walk(source, &root, &mut files);
        let mut docs = Vec::new();
        // A link that leaves the project is reported when it is read.
        for (path, _) in files {
            let Ok(rel) = path.strip_prefix(&root) else {
                continue;
            };
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            if !rel_s.ends_with(".md") {
                continue;
            }
            let first = rel_s.split('/').next().unwrap_or("");
            if first == examples_dir || first == precedents_dir {
                continue;
            }
            let selected = match &globs {
                Some(g) => g.is_match(&rel_s),
                None => {
                    let name = rel
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    let skipped = ["README", "CHANGELOG", "CONTRIBUTING", "LICENSE"]
                        .iter()
                        .any(|p| name.starts_with(p));
                    !skipped && (rel.components().count() == 1 || first == "spec")
                }
            };
            if selected {
                docs.push(path);
            }
        }
        let mut list = |dir: &str| -> Vec<PathBuf> {
            let dir = root.join(dir);
            if !self.stays_inside(source, &root, &dir) {
                return Vec::new();
            }
            let mut v: Vec<PathBuf> = source
                .read_dir(&dir)
                .map(|entries| {
                    entries
                        .into_iter()
                        .filter(|e| e.kind == Kind::File && Path::new(&e.name).extension().is_some_and(|x| x == "md"))
                        .map(|e| dir.join(e.name))
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            v
        };
        (docs, list(&examples_dir), list(&precedents_dir))
    }

    /// The files under `dir`, depth first in name order, with where each
    /// symbolic link resolves; hidden entries, `target` and `node_modules` are
    /// skipped, and symbolic links to folders are not followed.
    fn walk(&mut self, source: &dyn FileSource, dir: &Path, files: &mut Vec<(PathBuf, Option<PathBuf>)>) {
        let mut entries: Vec<Entry> = match source.read_dir(dir) {
            Ok(v) => v,
            Err(e) => {
                let at = at(source);
                self.diagnostics.push(
                    Diagnostic::new(Code::UnreadableFile, format!("cannot read `{}`{at}: {e}", display(dir)))
                        .with_help("fix the folder's permissions; every other file was still checked"),
                );
                self.fatal = true;
                return;
            }
        };
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        for e in entries {
            let name = e.name.to_string_lossy();
            if name.starts_with('.') || name == "target" || name == "node_modules" {
                continue;
            }
            let path = dir.join(&e.name);
            match (e.kind, e.symlink) {
                (Kind::Dir, None) => self.walk(source, &path, files),
                (Kind::File, symlink) => files.push((path, symlink)),
                _ => {}
            }
        }
    }
}

/// One file's IR and the diagnostics of parsing it.
pub type Parsed = (Document, Vec<Diagnostic>);

/// Parses files of the source map, on as many threads as the machine has
/// (largest files first, so one big document does not finish last), and
/// returns the results in the order given. `lean`: test files keep only the
/// examples the checks read (see [`Workspace::load_lean`]).
pub fn parse_files(
    sources: &SourceMap,
    jobs: Vec<(FileId, DocumentKind)>,
    lean: bool,
    cache: Option<&ParseCache>,
) -> Vec<Parsed> {
    if let Some(cache) = cache {
        // Reuse what is unchanged; parse the rest as below, and keep it.
        let keys: Vec<u64> = jobs
            .iter()
            .map(|(id, kind)| ParseCache::key(&sources.file(*id).text, kind, lean))
            .collect();
        let mut out: Vec<Option<Parsed>> = jobs
            .iter()
            .zip(&keys)
            .map(|((id, _), k)| cache.get(&sources.file(*id).path, *k, *id))
            .collect();
        let missing: Vec<usize> = (0..jobs.len()).filter(|&i| out[i].is_none()).collect();
        let parsed = parse_files(sources, missing.iter().map(|&i| jobs[i].clone()).collect(), lean, None);
        for (i, p) in missing.into_iter().zip(parsed) {
            cache.put(&sources.file(jobs[i].0).path, keys[i], &p);
            out[i] = Some(p);
        }
        return out.into_iter().flatten().collect();
    }
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(jobs.len().max(1));
    let parse_one = |(id, kind): &(FileId, DocumentKind)| {
        let f = sources.file(*id);
        if lean && matches!(kind, DocumentKind::TestFile { .. }) {
            let mut kept = Vec::new();
            let (mut doc, diags) = specc_syntax::parse_streaming(*id, &f.path, &f.text, kind.clone(), &mut |ex| {
                if names_a_section(&ex) {
                    kept.push(ex);
                }
            });
            doc.streamed.examples -= kept.len();
            doc.streamed.cases -= kept
                .iter()
                .filter(|e| e.well_formed)
                .map(|e| e.cases.len())
                .sum::<usize>();
            doc.examples = kept;
            return (doc, diags);
        }
        specc_syntax::parse(*id, &f.path, &f.text, kind.clone())
    };
    // A lean load is for memory, not speed: on this thread, so no short-lived
    // parser thread leaves its allocator heap behind (mimalloc keeps an exited
    // thread's pages until another thread reclaims them).
    if threads <= 1 || jobs.len() < 2 || lean {
        return jobs.iter().map(parse_one).collect();
    }
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sources.file(jobs[i].0).text.len()));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Parsed>> = (0..jobs.len()).map(|_| None).collect();
    let work = || {
        let mut mine = Vec::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = order.get(k) else { break };
            mine.push((i, parse_one(&jobs[i])));
        }
        mine
    };
    let done: Vec<Vec<(usize, Parsed)>> = std::thread::scope(|scope| {
        // This thread works too: one fewer thread to start.
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = vec![work()];
        // The parser never panics; if it ever did, that thread's files would be
        // missing and are parsed again below.
        all.extend(handles.into_iter().map(|h| h.join().unwrap_or_default()));
        all
    });
    for (i, r) in done.into_iter().flatten() {
        results[i] = Some(r);
    }
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| parse_one(&jobs[i])))
        .collect()
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// ` at revision …` for messages about files not read from disk.
fn at(source: &dyn FileSource) -> String {
    source.describe().map(|d| format!(" at {d}")).unwrap_or_default()
}

fn display(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Whether an example has an answer marker naming a section (`GOOD[#id]`).
fn names_a_section(ex: &specc_syntax::Example) -> bool {
    ex.comparisons().any(|c| {
        c.answers
            .iter()
            .any(|a| a.marker.as_ref().is_some_and(|m| m.section.is_some()))
    })
}
