use crate::cli::{DiffArgs, DiffFormat, FailOn};
use crate::output::{out, write_line};
use anyhow::{Context, bail};
use specc_diagnostics::plural;
use specc_diff::{Bump, CaseChange, ClauseChange, SectionChange, Version, changelog, diff};
use specc_project::Workspace;
use std::io::Write;
use std::path::Path;

pub fn run(args: &DiffArgs) -> anyhow::Result<u8> {
    let (old_label, old_ws, new_label, new_ws) = match (&args.new, args.old.split_once("..")) {
        (None, Some((a, b))) if !Path::new(&args.old).exists() => (
            a.to_string(),
            Workspace::load_revision(&args.repo, a)?,
            b.to_string(),
            Workspace::load_revision(&args.repo, b)?,
        ),
        (None, _) => (
            args.old.clone(),
            Workspace::load_revision(&args.repo, &args.old)?,
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
        DiffFormat::Human => human(&mut w, &d, &old_ws, &new_ws, &old_label, &new_label)?,
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

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Colours a word diff: removed words red, added words green. The terminal
/// stream strips the colours when stdout is not a terminal or NO_COLOR is set.
fn colour_diff(s: &str) -> String {
    // Without colour the markers stay, so old and new words never run together
    // ("under [-150-]{+120+} words", not "under 150120 words").
    if !crate::output::stdout_color() {
        return s.to_string();
    }
    // A shortened diff may cut a marked stretch: always end uncoloured.
    s.replace("[-", RED)
        .replace("-]", RESET)
        .replace("{+", GREEN)
        .replace("+}", RESET)
        + RESET
}

/// The change set grouped by section, in the new version's order (removed
/// sections last), each section's clause, example and test-prompt changes under it.
fn human(
    w: &mut impl Write,
    d: &specc_diff::Diff,
    old: &Workspace,
    new: &Workspace,
    old_label: &str,
    new_label: &str,
) -> anyhow::Result<()> {
    writeln!(w, "{BOLD}diff {old_label} → {new_label}{RESET}")?;
    for r in &d.level_renames {
        writeln!(
            w,
            "{YELLOW}~ authority level `{}` renamed to `{}`{RESET} ({}; not repeated below)",
            r.from,
            r.to,
            plural(r.sections, "section", "sections")
        )?;
    }
    // Section of every clause, in either version, so test prompts find their group.
    let mut clause_section: std::collections::HashMap<String, String> = Default::default();
    for ws in [old, new] {
        for doc in &ws.root().documents {
            for c in &doc.clauses {
                if let Some(si) = c.section {
                    clause_section.insert(c.id.clone(), doc.sections[si].id.clone());
                }
            }
        }
    }
    let mut order: Vec<(String, String)> = Vec::new();
    for ws in [new, old] {
        for doc in &ws.root().documents {
            for sec in &doc.sections {
                if !order.iter().any(|(id, _)| id == &sec.id) {
                    order.push((sec.id.clone(), sec.title.clone()));
                }
            }
        }
    }
    let section_of_change = |c: &SectionChange| -> String {
        match c {
            SectionChange::Added { id, .. } | SectionChange::Removed { id, .. } | SectionChange::Moved { id, .. } => {
                id.clone()
            }
            SectionChange::Retitled { id, .. }
            | SectionChange::Reworded { id, .. }
            | SectionChange::Authority { id, .. } => id.clone(),
            SectionChange::Renamed { to, .. } => to.clone(),
        }
    };
    let case_owner = |id: &str| -> String {
        let owner = id.split(':').next().unwrap_or("");
        clause_section.get(owner).cloned().unwrap_or_else(|| owner.to_string())
    };
    let mut lines: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    let index = |sec: &str| order.iter().position(|(id, _)| id == sec).unwrap_or(usize::MAX);
    for c in &d.sections {
        let line = match c {
            SectionChange::Added { authority, .. } => format!(
                "{GREEN}+ section added{RESET} ({})",
                authority.as_deref().unwrap_or("unranked")
            ),
            SectionChange::Removed { .. } => format!("{RED}- section removed{RESET}"),
            SectionChange::Renamed { from, similarity, .. } => format!(
                "{YELLOW}~ renamed from `{from}`{RESET} ({:.0}% the same text)",
                similarity * 100.0
            ),
            SectionChange::Moved {
                from_parent, to_parent, ..
            } => format!(
                "{YELLOW}~ moved{RESET} from {} to {}",
                from_parent.as_deref().unwrap_or("the top level"),
                to_parent.as_deref().unwrap_or("the top level")
            ),
            SectionChange::Retitled { from, to, .. } => format!("{YELLOW}~ retitled{RESET} \"{from}\" → \"{to}\""),
            SectionChange::Reworded {
                similarity, word_diff, ..
            } => {
                format!(
                    "{YELLOW}~ reworded{RESET} ({:.0}% the same): {}",
                    similarity * 100.0,
                    colour_diff(&shorten(word_diff))
                )
            }
            SectionChange::Authority {
                from, to, direction, ..
            } => format!(
                "{RED}! authority {}{RESET}: {} → {}",
                format!("{direction:?}").to_lowercase(),
                from.as_deref().unwrap_or("none"),
                to.as_deref().unwrap_or("none")
            ),
        };
        lines.entry(index(&section_of_change(c))).or_default().push(line);
    }
    for c in &d.clauses {
        let (sec, line) = match c {
            ClauseChange::Added { id, section, text } => (
                section.clone(),
                format!("{GREEN}+ clause {id}{RESET}: {}", shorten(text)),
            ),
            ClauseChange::Removed { id, section, .. } => {
                (section.clone(), format!("{RED}- clause {id} removed{RESET}"))
            }
            ClauseChange::Reworded {
                id, section, word_diff, ..
            } => (
                section.clone(),
                format!(
                    "{YELLOW}~ clause {id} reworded{RESET}: {}",
                    colour_diff(&shorten(word_diff))
                ),
            ),
            ClauseChange::Moved { id, from, to } => (
                to.clone(),
                format!(
                    "{YELLOW}~ clause {id} moved here{RESET} from {}",
                    from.as_deref().unwrap_or("-")
                ),
            ),
        };
        lines.entry(index(sec.as_deref().unwrap_or(""))).or_default().push(line);
    }
    for (what, v) in [("example", &d.examples), ("test prompt", &d.test_prompts)] {
        for c in v {
            let (id, line) = match c {
                CaseChange::Added { id } => (id, format!("{GREEN}+ {what} {id}{RESET}")),
                CaseChange::Removed { id } => (id, format!("{RED}- {what} {id}{RESET}")),
                CaseChange::Changed { id } => (id, format!("{YELLOW}~ {what} {id} changed{RESET}")),
            };
            lines.entry(index(&case_owner(id))).or_default().push(line);
        }
    }
    for (i, group) in lines {
        match order.get(i) {
            Some((id, title)) => writeln!(w, "\n{BOLD}{title}{RESET} ({id})")?,
            None => writeln!(w, "\n{BOLD}(outside any section){RESET}")?,
        }
        for l in group {
            writeln!(w, "  {l}")?;
        }
    }
    writeln!(
        w,
        "\n{BOLD}suggested version bump: {}{RESET}",
        format!("{:?}", d.bump).to_lowercase()
    )?;
    for r in &d.reasons {
        writeln!(w, "  {r}")?;
    }
    Ok(())
}

/// One line of at most about 160 characters: line breaks become spaces, a cut
/// falls between words, and a marked stretch the cut opens is closed.
fn shorten(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 160 {
        return flat;
    }
    let mut cut: String = flat.chars().take(160).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    for (open, close) in [("[-", "-]"), ("{+", "+}")] {
        if cut.rfind(open).is_some_and(|o| cut.rfind(close).is_none_or(|c| c < o)) {
            cut.push_str(close);
        }
    }
    format!("{cut} …")
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
