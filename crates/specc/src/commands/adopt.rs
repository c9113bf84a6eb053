//! `specc adopt [PATH]`: a plain Markdown policy brought into the dialect
//! (issue 15). The rewrite itself is [`specc_syntax::adopt`]; this reads the
//! documents, writes them back (or a diff, or into `--out`), creates a test
//! file per minted clause and a `specc.toml` when there is none, and says what
//! it did and what to do next.

use anyhow::{Context, bail};
use specc_syntax::adopt::{Adopted, Options, adopt};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Args<'a> {
    pub path: &'a Path,
    pub dry_run: bool,
    pub out: Option<&'a Path>,
    pub authority: Option<&'a str>,
    pub map: &'a [String],
}

/// Files that sit beside a policy and are not part of it.
const NOT_POLICY: &[&str] = &[
    "readme.md",
    "changelog.md",
    "contributing.md",
    "license.md",
    "code_of_conduct.md",
    "security.md",
    "clarifications.md",
];

/// The project root and the documents (relative paths) to adopt.
fn documents(path: &Path) -> anyhow::Result<(PathBuf, Vec<String>, bool)> {
    if path.is_file() {
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .context("the path names no file")?;
        return Ok((root.clone(), vec![name], root.join("specc.toml").exists()));
    }
    if !path.is_dir() {
        bail!(
            "`{}` does not exist\nhelp: give a Markdown file or the folder of a policy, e.g. `specc adopt policy.md`",
            path.display()
        );
    }
    let has_config = path.join("specc.toml").exists();
    if has_config {
        let ws = specc_project::Workspace::load(path);
        if ws.fatal || ws.packages.is_empty() {
            bail!(
                "cannot load the project at `{}`\nhelp: run `specc check {}` to see why",
                path.display(),
                path.display()
            );
        }
        // (Documents are named as the workspace shows them, under the path
        // given: "proj/policy.md" is "policy.md" of the project at "proj".)
        let docs = ws
            .root()
            .documents
            .iter()
            .map(|d| {
                Path::new(&d.path)
                    .strip_prefix(path)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_else(|_| d.path.clone())
            })
            .collect();
        return Ok((path.to_path_buf(), docs, true));
    }
    // No configuration: the Markdown files at the root and under spec/, as
    // specc reads them by default, less the files that sit beside a policy.
    let mut docs = Vec::new();
    for dir in [path.to_path_buf(), path.join("spec")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if p.is_file()
                && name.to_lowercase().ends_with(".md")
                && !NOT_POLICY.contains(&name.to_lowercase().as_str())
            {
                let rel = p.strip_prefix(path).unwrap_or(&p).to_string_lossy().replace('\\', "/");
                docs.push(rel);
            }
        }
    }
    docs.sort();
    if docs.is_empty() {
        bail!(
            "no Markdown policy in `{}`\nhelp: give the policy's file, e.g. `specc adopt {}/policy.md`",
            path.display(),
            path.display()
        );
    }
    Ok((path.to_path_buf(), docs, false))
}

pub fn run(args: Args<'_>) -> anyhow::Result<u8> {
    let (root, docs, has_config) = documents(args.path)?;
    let ws = has_config.then(|| specc_project::Workspace::load(&root));
    let config = ws.as_ref().and_then(|w| w.packages.first()).map(|p| &p.config);
    let levels: Vec<String> = config
        .map(|c| c.authority_levels())
        .unwrap_or_else(|| specc_project::DEFAULT_AUTHORITY.iter().map(|s| s.to_string()).collect());
    let check_level = |l: &str, what: &str| -> anyhow::Result<()> {
        if levels.iter().any(|x| x == l) {
            Ok(())
        } else {
            bail!(
                "{what} `{l}` is not an authority level\nhelp: the levels are {}",
                levels.join(", ")
            )
        }
    };
    let authority = args.authority.unwrap_or("system").to_string();
    check_level(&authority, "--authority")?;
    let mut by_heading = Vec::new();
    for m in args.map {
        let Some((title, level)) = m.rsplit_once('=') else {
            bail!(
                "--map `{m}` is not `HEADING=LEVEL`\nhelp: for example --map 'Tone and style=guideline' (`*` matches any text)"
            );
        };
        check_level(level.trim(), "--map level")?;
        by_heading.push((title.trim().to_string(), level.trim().to_string()));
    }
    let examples = config
        .map(|c| c.spec.examples_dir().to_string())
        .unwrap_or_else(|| "examples".into());
    let out_root = args.out.map(Path::to_path_buf).unwrap_or_else(|| root.clone());

    // IDs in use: test files already there, and every document's clauses.
    let mut used: HashSet<String> = HashSet::new();
    if let Ok(entries) = std::fs::read_dir(root.join(&examples)) {
        for e in entries.flatten() {
            if let Some(stem) = e.path().file_stem() {
                used.insert(stem.to_string_lossy().to_string());
            }
        }
    }
    let options = Options {
        authority: authority.clone(),
        by_heading,
        taken: used.clone(),
    };
    let mut adopted: Vec<(String, String, Adopted)> = Vec::new();
    for rel in &docs {
        let path = root.join(rel);
        specc_project::inside::inside(&root, &path)?;
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
        let a = adopt(&text, rel, &options, &mut used);
        adopted.push((rel.clone(), text, a));
    }

    // A --map that matches no heading is most likely a typo.
    for (pattern, level) in &options.by_heading {
        let matched = adopted.iter().any(|(rel, text, _)| {
            let (doc, _) = specc_syntax::parse(
                specc_diagnostics::FileId(0),
                rel,
                text,
                specc_syntax::DocumentKind::Spec,
            );
            doc.sections
                .iter()
                .any(|s| specc_syntax::adopt::title_matches(pattern, &s.title))
        });
        if !matched {
            eprintln!(
                "warning: --map `{pattern}={level}` matches no heading\nhelp: give a heading's title as written (case is ignored), or use `*` for any text, e.g. --map '*{}*={level}'",
                pattern.trim_matches('*')
            );
        }
    }

    // What would be written: documents, test files, the configuration.
    let mut writes: Vec<(PathBuf, String, bool)> = Vec::new();
    for (rel, original, a) in &adopted {
        if a.text != *original || args.out.is_some() {
            writes.push((out_root.join(rel), a.text.clone(), a.text != *original));
        }
        for c in &a.clauses {
            let file = out_root.join(&examples).join(format!("{}.md", c.id));
            if !file.exists() {
                let rule = match &c.lead_in {
                    Some(lead) => format!("{lead} {}", c.sentence),
                    None => c.sentence.clone(),
                };
                writes.push((file, test_file(&c.id, &c.section_title, &rule), true));
            }
        }
    }
    let config_path = out_root.join("specc.toml");
    // Adopted into another folder, a project keeps its configuration (and the
    // schema beside it), so the copy checks as the original does.
    if has_config && args.out.is_some() && !config_path.exists() {
        for name in ["specc.toml", "specc.schema.json"] {
            if let Ok(text) = std::fs::read_to_string(root.join(name)) {
                writes.push((out_root.join(name), text, true));
            }
        }
    }
    if !has_config && !config_path.exists() {
        let name = root
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
            .unwrap_or_else(|| "policy".into());
        let list = docs.iter().map(|d| toml_string(d)).collect::<Vec<_>>().join(", ");
        writes.push((
            config_path,
            format!(
                "[spec]\nname = {}\nversion = \"0.1.0\"\ndocuments = [{list}]\n# Highest authority first.\nauthority = [{}]\n",
                toml_string(&name),
                levels.iter().map(|l| toml_string(l)).collect::<Vec<_>>().join(", ")
            ),
            true,
        ));
    }

    if args.dry_run {
        for (rel, original, a) in &adopted {
            if a.text != *original {
                let diff = similar::TextDiff::from_lines(original.as_str(), a.text.as_str());
                print!(
                    "{}",
                    diff.unified_diff()
                        .context_radius(1)
                        .header(&format!("a/{rel}"), &format!("b/{rel}"))
                );
            }
        }
        for (path, _, changed) in &writes {
            if *changed && !docs.iter().any(|d| out_root.join(d) == *path) {
                writeln!(std::io::stdout(), "would create {}", path.display())?;
            }
        }
    } else {
        if args.out.is_some() {
            std::fs::create_dir_all(&out_root).with_context(|| format!("cannot create `{}`", out_root.display()))?;
        }
        for (path, text, _) in &writes {
            let path = crate::output::writable(&out_root, path.clone())?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
            }
            std::fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))?;
        }
    }
    summary(&adopted, &writes, args.dry_run, &out_root, &examples);
    Ok(0)
}

/// A test file for a minted clause: its header and a commented example to fill in.
fn test_file(id: &str, title: &str, sentence: &str) -> String {
    format!(
        "Examples for [^{id}] in {title}:\n\n<!-- The clause: {}\n\nAdd challenging prompts for it, each like this:\n\n**Example**: a short title\n\n~~~xml\n<user>\n...\n</user>\n~~~\n-->\n",
        sentence.replace("--", "- -")
    )
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn summary(
    adopted: &[(String, String, Adopted)],
    writes: &[(PathBuf, String, bool)],
    dry_run: bool,
    out: &Path,
    examples: &str,
) {
    let sum = |f: fn(&Adopted) -> usize| adopted.iter().map(|(_, _, a)| f(a)).sum::<usize>();
    let (sections, ids, levels, clauses, explanatory) = (
        sum(|a| a.sections),
        sum(|a| a.ids_added),
        sum(|a| a.authority_added),
        sum(|a| a.clauses.len()),
        sum(|a| a.explanatory),
    );
    let verb = if dry_run { "would adopt" } else { "adopted" };
    specc_diagnostics::note!(
        "{verb} {} ({}): {} added, {} set, {} minted, {} judged explanatory",
        specc_diagnostics::plural(adopted.len(), "document", "documents"),
        specc_diagnostics::plural(sections, "section", "sections"),
        specc_diagnostics::plural(ids, "section ID", "section IDs"),
        specc_diagnostics::plural(levels, "authority level", "authority levels"),
        specc_diagnostics::plural(clauses, "clause", "clauses"),
        specc_diagnostics::plural(explanatory, "sentence", "sentences"),
    );
    for (rel, _, a) in adopted {
        if a.kept_clauses {
            eprintln!(
                "note: `{rel}` already has clause markers; its clauses are kept as they are and none were minted"
            );
        }
        if a.kept_authority {
            eprintln!("note: `{rel}` already declares authority levels; sections without one stay unranked");
        }
    }
    let created = writes
        .iter()
        .filter(|(p, _, c)| *c && p.starts_with(out.join(examples)))
        .count();
    if created > 0 {
        eprintln!(
            "{} {} in {}",
            if dry_run { "would create" } else { "created" },
            specc_diagnostics::plural(created, "test file", "test files"),
            out.join(examples).display()
        );
    }
    if clauses + ids + levels == 0 {
        eprintln!("nothing to change: the policy is already in the dialect");
        return;
    }
    let dir = out.display();
    specc_diagnostics::note!("next:");
    specc_diagnostics::note!("  specc check {dir}     # IDs, references, clauses and their tests");
    specc_diagnostics::note!(
        "  specc check {dir} --ignore C210   # the same, without a warning for each test file that waits for prompts"
    );
    specc_diagnostics::note!("  specc lint {dir}      # vague or untestable wording in the rules");
    specc_diagnostics::note!(
        "  write challenging prompts in {}/<id>.md for each clause (until a test file holds one, `specc check` warns: C210), then `specc test {dir}`",
        out.join(examples).display()
    );
}
