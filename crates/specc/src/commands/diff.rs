use crate::cli::{DiffArgs, DiffFormat, FailOn};
use crate::output::{out, write_line};
use anyhow::{Context, bail};
use specc_diff::{Bump, CaseChange, ClauseChange, SectionChange, Version, changelog, diff};
use specc_project::Workspace;
use std::io::Write;
use std::path::Path;
use std::process::Command;

pub fn run(args: &DiffArgs) -> anyhow::Result<u8> {
    let (old_label, old_ws, new_label, new_ws) = match (&args.new, args.old.split_once("..")) {
        (None, Some((a, b))) if !Path::new(&args.old).exists() => (
            a.to_string(),
            from_git(&args.repo, a)?,
            b.to_string(),
            from_git(&args.repo, b)?,
        ),
        (None, _) => (
            args.old.clone(),
            from_git(&args.repo, &args.old)?,
            "working tree".to_string(),
            load(&args.repo)?,
        ),
        (Some(new), _) => (
            args.old.clone(),
            load(Path::new(&args.old))?,
            new.clone(),
            load(Path::new(new))?,
        ),
    };
    let d = diff(
        &Version {
            package: old_ws.root(),
            sources: &old_ws.sources,
        },
        &Version {
            package: new_ws.root(),
            sources: &new_ws.sources,
        },
    );
    let mut w = out();
    match args.format {
        DiffFormat::Json => {
            serde_json::to_writer(&mut w, &d)?;
            writeln!(w)?;
        }
        DiffFormat::Changelog => write_line(&mut w, &changelog(&d, &format!("{old_label} → {new_label}")))?,
        DiffFormat::Human => human(&mut w, &d, &old_label, &new_label)?,
    }
    w.flush()?;
    let limit = match args.fail_on {
        Some(FailOn::Major) => Bump::Major,
        Some(FailOn::Minor) => Bump::Minor,
        Some(FailOn::Patch) => Bump::Patch,
        None => return Ok(0),
    };
    Ok(if d.bump >= limit { 1 } else { 0 })
}

fn human(w: &mut impl Write, d: &specc_diff::Diff, old: &str, new: &str) -> anyhow::Result<()> {
    writeln!(w, "diff {old} → {new}")?;
    for r in &d.level_renames {
        writeln!(
            w,
            "  level  `{}` renamed to `{}` ({} sections)",
            r.from, r.to, r.sections
        )?;
    }
    for s in &d.sections {
        let line = match s {
            SectionChange::Added { id, title, authority } => format!(
                "+ section {id} \"{title}\" ({})",
                authority.as_deref().unwrap_or("unranked")
            ),
            SectionChange::Removed { id, title, .. } => format!("- section {id} \"{title}\""),
            SectionChange::Renamed {
                from, to, similarity, ..
            } => format!(
                "~ section {from} renamed to {to} ({:.0}% the same text)",
                similarity * 100.0
            ),
            SectionChange::Moved {
                id,
                from_parent,
                to_parent,
            } => format!(
                "~ section {id} moved from {} to {}",
                from_parent.as_deref().unwrap_or("top"),
                to_parent.as_deref().unwrap_or("top")
            ),
            SectionChange::Retitled { id, from, to } => format!("~ section {id} retitled \"{from}\" → \"{to}\""),
            SectionChange::Reworded { id, word_diff, .. } => format!("~ section {id} reworded: {}", shorten(word_diff)),
            SectionChange::Authority {
                id,
                from,
                to,
                direction,
            } => format!(
                "! section {id} authority {:?}: {} → {}",
                direction,
                from.as_deref().unwrap_or("none"),
                to.as_deref().unwrap_or("none")
            )
            .to_lowercase(),
        };
        writeln!(w, "  {line}")?;
    }
    for c in &d.clauses {
        let line = match c {
            ClauseChange::Added { id, section, text } => format!(
                "+ clause {id} in {}: {}",
                section.as_deref().unwrap_or("-"),
                shorten(text)
            ),
            ClauseChange::Removed { id, section, .. } => {
                format!("- clause {id} (was in {})", section.as_deref().unwrap_or("-"))
            }
            ClauseChange::Reworded { id, word_diff, .. } => format!("~ clause {id} reworded: {}", shorten(word_diff)),
            ClauseChange::Moved { id, from, to } => format!(
                "~ clause {id} moved from {} to {}",
                from.as_deref().unwrap_or("-"),
                to.as_deref().unwrap_or("-")
            ),
        };
        writeln!(w, "  {line}")?;
    }
    for (what, v) in [("example", &d.examples), ("test prompt", &d.test_prompts)] {
        for c in v {
            let line = match c {
                CaseChange::Added { id } => format!("+ {what} {id}"),
                CaseChange::Removed { id } => format!("- {what} {id}"),
                CaseChange::Changed { id } => format!("~ {what} {id} changed"),
            };
            writeln!(w, "  {line}")?;
        }
    }
    writeln!(w, "suggested bump: {:?}", d.bump)?;
    for r in &d.reasons {
        writeln!(w, "  {r}")?;
    }
    Ok(())
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s.to_string()
    }
}

fn load(path: &Path) -> anyhow::Result<Workspace> {
    if path.is_file() {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        return Ok(Workspace::from_texts(
            path.parent().unwrap_or(Path::new(".")),
            &[(&name, &text)],
        ));
    }
    let ws = Workspace::load(path);
    if ws.fatal || ws.packages.is_empty() {
        bail!(
            "cannot load the spec at `{}`\nhelp: run `specc check {}` to see why",
            path.display(),
            path.display()
        );
    }
    Ok(ws)
}

/// A project as committed at `rev`: its documents, test files and precedents,
/// read with `git show`, never checked out.
pub(crate) fn from_git(repo: &Path, rev: &str) -> anyhow::Result<Workspace> {
    let git = |args: &[&str]| -> anyhow::Result<Vec<u8>> {
        let out = Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(args)
            .output()
            .context("cannot run git; is it installed?")?;
        if !out.status.success() {
            bail!(
                "git {} failed: {}\nhelp: name a revision of the repository at `{}` (a commit, tag or branch), or two folders",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim(),
                repo.display()
            );
        }
        Ok(out.stdout)
    };
    let list = String::from_utf8(git(&["ls-tree", "-r", "--name-only", rev])?)?;
    let mut files = Vec::new();
    for path in list.lines().filter(|p| p.ends_with(".md")) {
        let name = path.rsplit('/').next().unwrap_or(path);
        let first = path.split('/').next().unwrap_or("");
        let top_level = !path.contains('/');
        let doc = (top_level || first == "spec")
            && !["README", "CHANGELOG", "CONTRIBUTING", "LICENSE"]
                .iter()
                .any(|p| name.starts_with(p));
        let test = first == "examples" || first == "precedents";
        if doc || test {
            let text = String::from_utf8(git(&["show", &format!("{rev}:{path}")])?)
                .with_context(|| format!("`{path}` at {rev} is not UTF-8"))?;
            files.push((path.to_string(), text));
        }
    }
    if files.is_empty() {
        bail!("no spec documents at revision {rev}");
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    Ok(Workspace::from_texts(repo, &refs))
}
