//! Where a project's files come from. The loader ([`crate::Workspace::load_from`])
//! reads every file and folder through a [`FileSource`]: the filesystem
//! ([`Disk`]), a git tree at a revision ([`GitTree`], read with `git`, nothing
//! checked out), or unsaved editor buffers over either ([`Overlay`]). The
//! discovery rules live once, in the loader, whatever the source.

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

/// What is at a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    /// Something else: a device, a socket, a symbolic link that resolves to nothing.
    Other,
}

/// One entry of a folder listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: OsString,
    /// What the entry is, symbolic links followed.
    pub kind: Kind,
    /// Set when the entry is a symbolic link: the canonical path it resolves
    /// to (the link's own path when it resolves to nothing). The loader follows
    /// a link only when it stays inside the project, and never into a folder.
    pub symlink: Option<PathBuf>,
}

/// A read-only view of a tree of files. Paths are the ones the loader builds
/// by joining names onto the project root it was given.
pub trait FileSource: Send + Sync {
    /// A file's bytes.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// What is at `path` (symbolic links followed), or `None` when nothing is.
    fn kind(&self, path: &Path) -> Option<Kind>;
    /// A folder's entries, in no particular order.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>>;
    /// One spelling per file or folder, to tell whether two paths are the same
    /// (dependency cycles): `canonicalize` on disk, lexical elsewhere. `None`
    /// when it cannot be worked out.
    fn canonicalize(&self, path: &Path) -> Option<PathBuf>;
    /// Where the files come from, for messages (`revision 1a2b3c`); `None` for
    /// the files on disk, whose messages name paths alone.
    fn describe(&self) -> Option<String> {
        None
    }

    fn is_file(&self, path: &Path) -> bool {
        self.kind(path) == Some(Kind::File)
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.kind(path) == Some(Kind::Dir)
    }
}

impl<T: FileSource + ?Sized> FileSource for &T {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        (**self).read(path)
    }
    fn kind(&self, path: &Path) -> Option<Kind> {
        (**self).kind(path)
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>> {
        (**self).read_dir(path)
    }
    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        (**self).canonicalize(path)
    }
    fn describe(&self) -> Option<String> {
        (**self).describe()
    }
}

impl<T: FileSource + ?Sized> FileSource for Box<T> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        (**self).read(path)
    }
    fn kind(&self, path: &Path) -> Option<Kind> {
        (**self).kind(path)
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>> {
        (**self).read_dir(path)
    }
    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        (**self).canonicalize(path)
    }
    fn describe(&self) -> Option<String> {
        (**self).describe()
    }
}

/// The filesystem, through `std::fs`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

fn kind_of(t: std::fs::FileType) -> Kind {
    if t.is_file() {
        Kind::File
    } else if t.is_dir() {
        Kind::Dir
    } else {
        Kind::Other
    }
}

impl FileSource for Disk {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        std::fs::metadata(path).ok().map(|m| kind_of(m.file_type()))
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(path)? {
            let e = e?;
            let t = e.file_type()?;
            let entry = if t.is_symlink() {
                let p = e.path();
                Entry {
                    name: e.file_name(),
                    kind: std::fs::metadata(&p).map_or(Kind::Other, |m| kind_of(m.file_type())),
                    symlink: Some(std::fs::canonicalize(&p).unwrap_or(p)),
                }
            } else {
                Entry {
                    name: e.file_name(),
                    kind: kind_of(t),
                    symlink: None,
                }
            };
            out.push(entry);
        }
        Ok(out)
    }

    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(path).ok()
    }
}

/// Why a [`GitTree`] could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot run git: {err}\nhelp: install git, or compare two folders instead of revisions")]
    NoGit { err: io::Error },
    #[error(
        "`{repo}` is not in a git repository: {stderr}\nhelp: pass a project folder inside a git repository (to `specc diff`, with --repo)"
    )]
    NotARepository { repo: PathBuf, stderr: String },
    #[error(
        "git cannot read revision `{rev}` of the repository at `{repo}`: {stderr}\nhelp: name a revision of that repository (a commit, tag or branch)"
    )]
    BadRevision { repo: PathBuf, rev: String, stderr: String },
    /// The tree opened, but the project at that revision did not load.
    #[error(
        "cannot load the spec at `{}` at revision {rev}{}\nhelp: name a revision at which that folder holds the spec (`git log -- {}` lists them)",
        .repo.display(), .why.as_deref().map(|w| format!(": {w}")).unwrap_or_default(), .repo.display()
    )]
    NoSpecAtRevision {
        repo: PathBuf,
        rev: String,
        why: Option<String>,
    },
}

/// A git tree at a revision, read with `git` (`ls-tree` once, then blobs
/// through one `cat-file --batch` process); nothing is checked out. It answers
/// for the paths under the folder it was opened on, which may be a subfolder of
/// the repository, and for the rest of the repository through `..`; symbolic
/// links and submodules in the tree are left out, and paths outside the
/// repository are absent.
pub struct GitTree {
    /// The folder it was opened on, spelled absolute and lexically normalised.
    base: PathBuf,
    /// `base` relative to the repository's top folder (`--show-prefix`).
    prefix: PathBuf,
    rev: String,
    /// Repository-relative path to blob id.
    files: HashMap<PathBuf, String>,
    /// Repository-relative folder (the top is `""`) to its entries.
    dirs: HashMap<PathBuf, BTreeMap<OsString, Kind>>,
    cat: Mutex<Option<CatFile>>,
    repo: PathBuf,
}

impl std::fmt::Debug for GitTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitTree")
            .field("repo", &self.repo)
            .field("rev", &self.rev)
            .field("prefix", &self.prefix)
            .field("files", &self.files.len())
            .finish_non_exhaustive()
    }
}

fn git(repo: &Path, args: &[&str]) -> Result<Result<Vec<u8>, String>, SourceError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|err| SourceError::NoGit { err })?;
    Ok(if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    })
}

#[cfg(unix)]
fn path_of(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

impl GitTree {
    /// Lists the tree of `rev` in the repository that holds the folder `repo`.
    pub fn open(repo: &Path, rev: &str) -> Result<GitTree, SourceError> {
        let bad_revision = |stderr: String| SourceError::BadRevision {
            repo: repo.to_path_buf(),
            rev: rev.to_string(),
            stderr,
        };
        if rev.is_empty() || rev.starts_with('-') {
            return Err(bad_revision("not a revision name".into()));
        }
        let prefix = git(repo, &["rev-parse", "--show-prefix"])?.map_err(|stderr| SourceError::NotARepository {
            repo: repo.to_path_buf(),
            stderr,
        })?;
        let prefix = path_of(
            String::from_utf8_lossy(&prefix)
                .trim_end_matches(['\n', '\r'])
                .as_bytes(),
        );
        let listing = git(repo, &["ls-tree", "-r", "-z", "--full-tree", rev])?.map_err(bad_revision)?;
        let mut files = HashMap::new();
        let mut dirs: HashMap<PathBuf, BTreeMap<OsString, Kind>> = HashMap::new();
        dirs.insert(PathBuf::new(), BTreeMap::new());
        for record in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
            // `<mode> <type> <object>\t<path>`
            let Some(tab) = record.iter().position(|b| *b == b'\t') else {
                continue;
            };
            let meta = String::from_utf8_lossy(&record[..tab]);
            let mut meta = meta.split(' ');
            let (Some(mode), Some(kind), Some(oid)) = (meta.next(), meta.next(), meta.next()) else {
                continue;
            };
            // Symbolic links (120000) and submodules (commits) are left out.
            if kind != "blob" || mode == "120000" {
                continue;
            }
            let path = path_of(&record[tab + 1..]);
            let mut child = path.clone();
            let mut kind = Kind::File;
            while let Some(parent) = child.parent() {
                let Some(name) = child.file_name() else { break };
                let known = dirs
                    .entry(parent.to_path_buf())
                    .or_default()
                    .insert(name.to_os_string(), kind)
                    .is_some();
                if known && kind == Kind::Dir {
                    break;
                }
                kind = Kind::Dir;
                child = parent.to_path_buf();
            }
            files.insert(path, oid.to_string());
        }
        Ok(GitTree {
            base: absolute(repo),
            prefix,
            rev: rev.to_string(),
            files,
            dirs,
            cat: Mutex::new(None),
            repo: repo.to_path_buf(),
        })
    }

    /// The revision it was opened at, as given.
    pub fn revision(&self) -> &str {
        &self.rev
    }

    /// The repository-relative path of `path`, or `None` outside the repository.
    fn locate(&self, path: &Path) -> Option<PathBuf> {
        let rel = relative_to(&absolute(path), &self.base);
        let in_repo = normalize(&self.prefix.join(rel));
        match in_repo.components().next() {
            Some(Component::Normal(_)) | None => Some(in_repo),
            _ => None,
        }
    }

    fn not_found(&self, path: &Path) -> io::Error {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("`{}` is not in revision {}", path.display(), self.rev),
        )
    }

    fn cat(&self, oid: &str) -> io::Result<Vec<u8>> {
        let mut slot = self.cat.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            *slot = Some(CatFile::start(&self.repo)?);
        }
        let result = slot
            .as_mut()
            .map_or_else(|| Err(io::Error::other("git cat-file")), |c| c.blob(oid));
        if result.is_err() {
            // The process may be out of step: start a fresh one next time.
            *slot = None;
        }
        result
    }
}

impl FileSource for GitTree {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let rel = self.locate(path).ok_or_else(|| self.not_found(path))?;
        match self.files.get(&rel) {
            Some(oid) => self.cat(oid),
            None if self.dirs.contains_key(&rel) => Err(io::Error::other(format!(
                "`{}` is a folder in revision {}",
                path.display(),
                self.rev
            ))),
            None => Err(self.not_found(path)),
        }
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        let rel = self.locate(path)?;
        if self.files.contains_key(&rel) {
            Some(Kind::File)
        } else if self.dirs.contains_key(&rel) {
            Some(Kind::Dir)
        } else {
            None
        }
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>> {
        let rel = self.locate(path).ok_or_else(|| self.not_found(path))?;
        let dir = self.dirs.get(&rel).ok_or_else(|| self.not_found(path))?;
        Ok(dir
            .iter()
            .map(|(name, kind)| Entry {
                name: name.clone(),
                kind: *kind,
                symlink: None,
            })
            .collect())
    }

    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        Some(absolute(path))
    }

    fn describe(&self) -> Option<String> {
        Some(format!("revision {}", self.rev))
    }
}

/// One `git cat-file --batch` process.
struct CatFile {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl CatFile {
    fn start(repo: &Path) -> io::Result<CatFile> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().map(BufReader::new);
        match stdout {
            Some(stdout) => Ok(CatFile { child, stdin, stdout }),
            None => Err(io::Error::other("git cat-file has no output")),
        }
    }

    fn blob(&mut self, oid: &str) -> io::Result<Vec<u8>> {
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| io::Error::other("git cat-file closed"))?;
        writeln!(stdin, "{oid}")?;
        stdin.flush()?;
        let mut header = String::new();
        self.stdout.read_line(&mut header)?;
        // `<oid> <type> <size>`, or `<oid> missing`.
        let mut parts = header.split_whitespace();
        let (Some(_), Some(kind), Some(size)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("git cat-file: {}", header.trim()),
            ));
        };
        let size: usize = size
            .parse()
            .map_err(|_| io::Error::other(format!("git cat-file: {}", header.trim())))?;
        let mut bytes = vec![0; size];
        self.stdout.read_exact(&mut bytes)?;
        let mut newline = [0u8; 1];
        self.stdout.read_exact(&mut newline)?;
        if kind != "blob" {
            return Err(io::Error::other(format!("object {oid} is a {kind}, not a file")));
        }
        Ok(bytes)
    }
}

impl Drop for CatFile {
    fn drop(&mut self) {
        // Closing its input ends the process.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// Unsaved text (an editor's buffers) over another source: reads and listings
/// see the buffers, a new unsaved file included. Paths are compared absolute
/// and lexically normalised, so `./a.md` and `a.md` name the same buffer.
#[derive(Debug, Default)]
pub struct Overlay<S> {
    base: S,
    buffers: BTreeMap<PathBuf, String>,
}

impl<S: FileSource> Overlay<S> {
    pub fn new(base: S) -> Overlay<S> {
        Overlay {
            base,
            buffers: BTreeMap::new(),
        }
    }

    /// Sets the unsaved text of a file; returns the text it replaces.
    pub fn insert(&mut self, path: impl AsRef<Path>, text: impl Into<String>) -> Option<String> {
        self.buffers.insert(absolute(path.as_ref()), text.into())
    }

    /// Drops a buffer (closed or saved): the file reads from the base again.
    pub fn remove(&mut self, path: impl AsRef<Path>) -> Option<String> {
        self.buffers.remove(&absolute(path.as_ref()))
    }

    /// The unsaved text of a file, if it has some.
    pub fn get(&self, path: impl AsRef<Path>) -> Option<&str> {
        self.buffers.get(&absolute(path.as_ref())).map(String::as_str)
    }

    /// The source under the buffers.
    pub fn base(&self) -> &S {
        &self.base
    }

    /// Buffers strictly under folder `dir` (already normalised).
    fn under<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = &'a Path> + 'a {
        self.buffers
            .range::<Path, _>((std::ops::Bound::Excluded(dir), std::ops::Bound::Unbounded))
            .map(|(p, _)| p.as_path())
            .take_while(move |p| p.starts_with(dir))
    }
}

impl<S: FileSource> FileSource for Overlay<S> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.buffers.get(&absolute(path)) {
            Some(text) => Ok(text.clone().into_bytes()),
            None => self.base.read(path),
        }
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        let key = absolute(path);
        if self.buffers.contains_key(&key) {
            return Some(Kind::File);
        }
        self.base
            .kind(path)
            .or_else(|| self.under(&key).next().map(|_| Kind::Dir))
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>> {
        let key = absolute(path);
        let mut entries = match self.base.read_dir(path) {
            Ok(v) => v,
            Err(e) if self.under(&key).next().is_none() => return Err(e),
            Err(_) => Vec::new(),
        };
        for p in self.under(&key) {
            let Ok(rest) = p.strip_prefix(&key) else { continue };
            let mut parts = rest.components();
            let Some(Component::Normal(name)) = parts.next() else {
                continue;
            };
            let kind = if parts.next().is_none() { Kind::File } else { Kind::Dir };
            match entries.iter_mut().find(|e| e.name == name) {
                // An unsaved file replaces what is on disk; a folder stays one.
                Some(e) if kind == Kind::File => {
                    e.kind = Kind::File;
                    e.symlink = None;
                }
                Some(_) => {}
                None => entries.push(Entry {
                    name: name.to_os_string(),
                    kind,
                    symlink: None,
                }),
            }
        }
        Ok(entries)
    }

    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        self.base
            .canonicalize(path)
            .or_else(|| self.kind(path).map(|_| absolute(path)))
    }

    fn describe(&self) -> Option<String> {
        self.base.describe()
    }
}

/// `path` made absolute against the current folder and normalised lexically
/// (`.` dropped, `..` taken off the folder before it); symbolic links are not
/// resolved.
fn absolute(path: &Path) -> PathBuf {
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// `.` dropped and `..` taken off the folder before it, where there is one.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `base` (both normalised absolute), with `..` where it
/// leaves `base`.
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_is_lexical() {
        assert_eq!(normalize(Path::new("./a/./b/../c.md")), PathBuf::from("a/c.md"));
        assert_eq!(normalize(Path::new("../a")), PathBuf::from("../a"));
        assert_eq!(normalize(Path::new("/../a")), PathBuf::from("/a"));
        assert_eq!(normalize(Path::new("a/..")), PathBuf::new());
        assert_eq!(
            relative_to(Path::new("/r/dep/a.md"), Path::new("/r/sub")),
            PathBuf::from("../dep/a.md")
        );
        assert_eq!(relative_to(Path::new("/r/sub"), Path::new("/r/sub")), PathBuf::new());
    }
}
