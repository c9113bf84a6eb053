//! Writing to stdout, where a closed pipe (`specc check | head`) ends quietly.

use std::io::Write;

pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
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
