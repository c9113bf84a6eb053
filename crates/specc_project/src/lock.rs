//! `specc.lock`: what each dependency was when the project was last checked
//! against it (its `[spec] version` and a content hash), so that a dependency
//! that changed underneath is reported before the conflicts it may bring.
//! `specc check` writes the file when it is absent; `specc check --update-lock`
//! records the current state after a reviewed change.

use crate::load::Workspace;
use specc_diagnostics::{Code, Diagnostic, FileId, Span};
use std::path::PathBuf;

pub use crate::lockfile::{LOCK_FILE, LockedDependency, Lockfile, render};

/// Why a lock file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("cannot write `{path}`: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Outside(crate::inside::Outside),
}

/// The content hash of package `index`: stable across machines (relative
/// paths, file bytes) and covering its dependencies, so a change anywhere
/// below shows at the top.
pub fn package_hash(ws: &Workspace, index: usize) -> String {
    fn walk(ws: &Workspace, index: usize, stack: &mut Vec<usize>) -> blake3::Hash {
        let pkg = &ws.packages[index];
        let mut files: Vec<(String, &str)> = Vec::new();
        // Paths relative to the package root, whatever folder specc was run from.
        let root = pkg.root.display().to_string().replace('\\', "/");
        let root = root
            .strip_prefix("./")
            .unwrap_or(&root)
            .trim_end_matches('/')
            .to_string();
        let rel = |id: FileId| {
            let f = ws.sources.file(id);
            let p = f.path.replace('\\', "/");
            let r = match p.strip_prefix(&format!("{root}/")) {
                Some(r) if !root.is_empty() && root != "." => r.to_string(),
                _ => p.clone(),
            };
            (r, f.text.as_str())
        };
        files.extend(pkg.config_file.map(rel));
        for d in pkg.documents.iter().chain(&pkg.test_files).chain(&pkg.precedents) {
            files.push(rel(d.file));
        }
        files.sort();
        let mut h = blake3::Hasher::new();
        for (path, text) in files {
            for part in [path.as_bytes(), text.as_bytes()] {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part);
            }
        }
        stack.push(index);
        for d in &pkg.dependencies {
            h.update(d.name.as_bytes());
            match d.package {
                Some(q) if !stack.contains(&q) => {
                    h.update(walk(ws, q, stack).as_bytes());
                }
                _ => {
                    h.update(b"-");
                }
            }
        }
        stack.pop();
        h.finalize()
    }
    format!("blake3:{}", walk(ws, index, &mut Vec::new()).to_hex())
}

/// The lock the project's current dependencies call for.
pub fn current(ws: &Workspace) -> Lockfile {
    let mut lock = Lockfile {
        version: 1,
        dependencies: Vec::new(),
    };
    let Some(root) = ws.packages.first() else { return lock };
    for d in &root.dependencies {
        let Some(p) = d.package else { continue };
        let path = root
            .config
            .dependencies
            .get(&d.name)
            .map(|c| c.path.get_ref().clone())
            .unwrap_or_default();
        lock.dependencies.push(LockedDependency {
            name: d.name.clone(),
            path,
            version: ws.packages[p].config.spec.version.as_ref().map(|v| v.get_ref().clone()),
            hash: package_hash(ws, p),
        });
    }
    lock
}

/// Writes the current lock next to the project's `specc.toml`.
pub fn write(ws: &Workspace) -> Result<PathBuf, LockError> {
    let root = ws.packages.first().map(|p| p.root.clone()).unwrap_or_default();
    let path = root.join(LOCK_FILE);
    crate::inside::writable(&root, &path).map_err(LockError::Outside)?;
    std::fs::write(&path, render(&current(ws))).map_err(|source| LockError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Dependencies whose version or content differ from what `specc.lock`
/// recorded, or that it does not record. Each finding points at the
/// dependency's entry in specc.toml, so it comes before the conflicts.
pub fn changes(ws: &Workspace) -> Vec<Diagnostic> {
    let (Some(root), Some((_, recorded))) = (ws.packages.first(), &ws.lock) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for now in current(ws).dependencies {
        let span = root
            .config
            .dependencies
            .get(&now.name)
            .map(|c| Span::from(c.path.span()))
            .unwrap_or_default();
        let was = recorded.dependencies.iter().find(|d| d.name == now.name);
        let message = match was {
            None => format!("dependency `{}` is not recorded in specc.lock", now.name),
            Some(was) if was.hash != now.hash || was.version != now.version => {
                let v = |v: &Option<String>| v.clone().unwrap_or_else(|| "no version".into());
                if was.version != now.version {
                    format!(
                        "dependency `{}` changed since specc.lock recorded it ({} → {})",
                        now.name,
                        v(&was.version),
                        v(&now.version)
                    )
                } else {
                    format!(
                        "dependency `{}` changed since specc.lock recorded it (same version {}, different content)",
                        now.name,
                        v(&now.version)
                    )
                }
            }
            Some(_) => continue,
        };
        let mut d = Diagnostic::new(Code::ChangedDependency, message)
            .with_help("review the dependency's changes and the conflicts below, then run `specc check --update-lock`");
        if let Some(was) = was {
            d = d.with_note(format!("recorded {}, now {}", short(&was.hash), short(&now.hash)));
        }
        if let Some(f) = root.config_file {
            d = d.at(f, span).with_label("this dependency");
        }
        out.push(d);
    }
    out
}

fn short(hash: &str) -> String {
    hash.chars().take("blake3:".len() + 12).collect()
}
