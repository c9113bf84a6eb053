//! Writing to stdout, where a closed pipe (`specc check | head`) ends quietly.

use std::io::Write;

pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let io = c
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                // serde_json wraps the writer's error and does not give it as its
                // source (`check --dump-ir | head` fails inside `to_writer`).
                c.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        io == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether styled output would reach a terminal that wants colour.
pub fn stdout_color() -> bool {
    !matches!(
        anstream::AutoStream::choice(&std::io::stdout()),
        anstream::ColorChoice::Never
    )
}

pub fn out() -> anstream::AutoStream<std::io::StdoutLock<'static>> {
    anstream::AutoStream::auto(std::io::stdout().lock())
}

pub fn write_line(w: &mut impl Write, s: &str) -> anyhow::Result<()> {
    w.write_all(s.as_bytes())?;
    w.write_all(b"\n")?;
    Ok(())
}

/// Prints the errors of a workspace that could not be loaded whole (a bad
/// `specc.toml`, an unreadable file, no documents) and says whether it was so:
/// the commands that need the whole project then exit 2.
pub fn refuse_on_errors(ws: &specc_project::Workspace) -> bool {
    if !ws.fatal && !ws.packages.is_empty() {
        return false;
    }
    let checked = specc_check::check(ws);
    for d in checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == specc_diagnostics::Severity::Error)
    {
        eprintln!(
            "{}",
            specc_diagnostics::HumanRenderer::new(false).render(d, &ws.sources)
        );
    }
    true
}

/// A path a command writes, checked by [`specc_project::inside::writable`]:
/// nothing is written through a link that leaves the project.
pub fn writable(root: &std::path::Path, path: std::path::PathBuf) -> anyhow::Result<std::path::PathBuf> {
    Ok(specc_project::inside::writable(root, &path)?)
}

/// The results database: `--db`, or `.specc/results.db` in the project.
pub fn results_db(root: &std::path::Path, given: Option<&std::path::PathBuf>) -> anyhow::Result<std::path::PathBuf> {
    writable(root, given.cloned().unwrap_or_else(|| root.join(".specc/results.db")))
}

/// Today's date (UTC) as YYYY-MM-DD.
pub fn today() -> String {
    specc_suite::precedent::today()
}

/// The one file `specc check FILE` or `specc lint FILE` reports on: the whole
/// project is read (references and coverage need it), only this file's
/// findings are shown, as `ruff check FILE` does.
static ONLY_FILE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// For `check` and `lint`: a file path means its project (the nearest folder
/// above it with a `specc.toml`, or its own folder) with findings kept to
/// that file; other paths as [`discover`] reads them.
pub fn discover_file_or_project(path: &mut std::path::PathBuf) {
    if path.is_file() {
        let Ok(file) = std::fs::canonicalize(&*path) else {
            return;
        };
        // The project is found from where the path is, not where a link leads.
        let Ok(given) = std::path::absolute(&*path) else { return };
        let given: std::path::PathBuf = given.components().collect();
        let parent = given.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
        let mut root = parent
            .ancestors()
            .find(|a| a.join("specc.toml").is_file())
            .unwrap_or(&parent)
            .to_path_buf();
        // Shown relative to where specc was started when the path was given so.
        if path.is_relative()
            && let Ok(here) = std::env::current_dir()
            && let Ok(rel) = root.strip_prefix(&here)
        {
            root = if rel.as_os_str().is_empty() {
                std::path::PathBuf::from(".")
            } else {
                rel.to_path_buf()
            };
        }
        specc_diagnostics::note!(
            "specc: `{}` is a file; reading the project at `{}` and reporting on this file",
            path.display(),
            root.display()
        );
        let _ = ONLY_FILE.set(file);
        *path = root;
        return;
    }
    discover(path);
}

/// The file `specc check FILE` or `specc lint FILE` reports on, if one was given.
pub fn only_file() -> Option<&'static std::path::Path> {
    ONLY_FILE.get().map(std::path::PathBuf::as_path)
}

/// The source of [`ONLY_FILE`]: `None` without one, `Err` with what to do
/// when the project does not read it.
pub fn only_file_id(sources: &specc_diagnostics::SourceMap) -> anyhow::Result<Option<specc_diagnostics::FileId>> {
    let Some(only) = ONLY_FILE.get() else { return Ok(None) };
    let same = |p: &str| std::fs::canonicalize(p).is_ok_and(|c| &c == only);
    match sources.iter().find(|(_, f)| same(&f.path)) {
        Some((id, _)) => Ok(Some(id)),
        None => anyhow::bail!(
            "`{}` is not a document, test file or precedent of its project; add it to `documents` in specc.toml, or pass the project's folder",
            only.display()
        ),
    }
}

/// Keeps the findings about [`ONLY_FILE`], and the errors that concern every
/// file (none at all, or in specc.toml, specc.lock or a dependency): only the
/// other spec files of the project are left out. `Err` with what to do when
/// the project does not read that file.
pub fn keep_only_file(
    diagnostics: &mut Vec<specc_diagnostics::Diagnostic>,
    sources: &specc_diagnostics::SourceMap,
    root: &std::path::Path,
) -> anyhow::Result<()> {
    let Some(id) = only_file_id(sources)? else {
        return Ok(());
    };
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let another_spec_file = |f: specc_diagnostics::FileId| {
        let path = &sources.file(f).path;
        path.ends_with(".md") && std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(&root))
    };
    diagnostics.retain(|d| match d.file {
        Some(f) if f == id => true,
        Some(f) => d.severity == specc_diagnostics::Severity::Error && !another_spec_file(f),
        None => d.severity == specc_diagnostics::Severity::Error,
    });
    Ok(())
}

/// When `path` is a folder with no `specc.toml` inside a project that has
/// one, the project's folder (and says so on stderr); otherwise `path` as it is.
pub fn discover(path: &mut std::path::PathBuf) {
    if !path.is_dir() || path.join("specc.toml").exists() {
        return;
    }
    let Ok(abs) = std::path::absolute(&*path) else { return };
    let abs: std::path::PathBuf = abs.components().collect();
    if let Some(root) = abs.ancestors().skip(1).find(|a| a.join("specc.toml").is_file()) {
        specc_diagnostics::note!(
            "specc: `{}` has no specc.toml; using the project at `{}`",
            path.display(),
            root.display()
        );
        *path = root.to_path_buf();
    }
}

/// The line after a human report's findings that points to their
/// explanations, as rustc's "try `rustc --explain E0308`" does: the codes in
/// the order shown, the first error's named (or the first finding's);
/// `None` without findings.
pub fn explain_hint<'a>(findings: impl IntoIterator<Item = (&'a str, bool)>) -> Option<String> {
    let mut codes: Vec<&str> = Vec::new();
    let mut first_error = None;
    for (code, is_error) in findings {
        if is_error && first_error.is_none() {
            first_error = Some(code);
        }
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let first = first_error.or(codes.first().copied())?;
    Some(if codes.len() == 1 {
        format!("For more about {first}, try `specc explain {first}`.")
    } else {
        format!(
            "Codes found: {}. For more about one, try `specc explain {first}`.",
            codes.join(", ")
        )
    })
}
