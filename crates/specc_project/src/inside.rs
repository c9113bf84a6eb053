//! The one place that decides whether a path stays inside a project once
//! its symbolic links are followed (#reliability): a spec repository is
//! untrusted input, and a committed link (`examples/a.md -> /etc/passwd`,
//! `build/ -> /home/you`) must not make specc read or write outside it.

use std::path::{Component, Path, PathBuf};

/// A path that leaves its project.
#[derive(Debug, thiserror::Error)]
#[error(
    "`{path}` leads outside `{root}` (through a symbolic link or `..`); specc reads and writes only inside the project\nhelp: replace the link with the file itself, or point the command at a folder of your own"
)]
pub struct Outside {
    pub path: String,
    pub root: String,
}

/// Whether `path` (existing or not) resolves inside `root`: every symbolic
/// link on the way is followed, and a link that cannot be followed (it
/// dangles, or loops) counts as outside, since writing through it would
/// create its target wherever that is.
pub fn resolves_inside(root: &Path, path: &Path) -> bool {
    let Ok(root) = std::fs::canonicalize(root) else {
        return false;
    };
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        match std::env::current_dir() {
            Ok(d) => d.join(path),
            Err(_) => return false,
        }
    };
    // The deepest part that exists is resolved by the filesystem; the rest
    // (what a write would create) must be plain names.
    let mut existing = path.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if std::fs::symlink_metadata(existing).is_ok() {
            break;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(Component::Normal(name))) => {
                rest.push(name);
                existing = parent;
            }
            _ => return false,
        }
    }
    let Ok(mut resolved) = std::fs::canonicalize(existing) else {
        return false;
    };
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved.starts_with(&root)
}

/// `path` when it resolves inside `root`, for a write or a read.
pub fn inside(root: &Path, path: &Path) -> Result<PathBuf, Outside> {
    if resolves_inside(root, path) {
        Ok(path.to_path_buf())
    } else {
        Err(Outside {
            path: path.display().to_string(),
            root: root.display().to_string(),
        })
    }
}

/// A path a command is about to write: when it lies in the project (by
/// name), it must resolve inside it too; a place outside that the user named
/// (`--out /tmp/site`) is theirs to choose.
pub fn writable(root: &Path, path: &Path) -> Result<PathBuf, Outside> {
    let absolute = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        }
    };
    if lexically_normal(&absolute(path)).starts_with(lexically_normal(&absolute(root))) {
        inside(root, path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// `a/./b/../c` as `a/c`, without asking the filesystem.
fn lexically_normal(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_followed_only_inside_the_project() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        std::fs::create_dir_all(r.join("examples")).unwrap();
        std::fs::write(r.join("spec.md"), "# A").unwrap();
        // Plain files and files yet to be written.
        assert!(resolves_inside(r, &r.join("spec.md")));
        assert!(resolves_inside(r, &r.join("build/html/index.html")));
        // A link inside the project is followed.
        symlink(r.join("spec.md"), r.join("examples/same.md")).unwrap();
        assert!(resolves_inside(r, &r.join("examples/same.md")));
        // A link to a file outside, to a folder outside, or dangling is not.
        symlink(outside.path().join("secret"), r.join("examples/xx01.md")).unwrap();
        assert!(!resolves_inside(r, &r.join("examples/xx01.md")));
        symlink(outside.path(), r.join("build")).unwrap();
        assert!(!resolves_inside(r, &r.join("build/html/index.html")));
        symlink(outside.path().join("not-yet"), r.join("specc.lock")).unwrap();
        assert!(!resolves_inside(r, &r.join("specc.lock")));
        // `..` that leaves.
        assert!(!resolves_inside(r, &r.join("../elsewhere.md")));
        let e = inside(r, &r.join("examples/xx01.md")).unwrap_err();
        assert!(e.to_string().contains("leads outside"), "{e}");
        // Writes: checked in the project, the user's own choice elsewhere.
        assert!(writable(r, &r.join("build/html/index.html")).is_err());
        assert!(writable(r, &r.join("./x/../specc.lock")).is_err());
        assert!(writable(r, &r.join("site/index.html")).is_ok());
        assert!(writable(r, &outside.path().join("site/index.html")).is_ok());
    }
}
