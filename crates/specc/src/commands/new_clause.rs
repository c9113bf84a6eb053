//! `specc new-clause`: an unused clause ID minted in a section, its test
//! file, and (with `--text` and `--prompt`) the clause sentence and its
//! first prompts.

use anyhow::{Context, bail};
use specc_project::Workspace;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

pub fn run(project: &Path, section_id: &str, sentence: Option<&str>, prompts: &[String]) -> anyhow::Result<u8> {
    let ws = Workspace::load(project);
    if ws.fatal || ws.packages.is_empty() {
        bail!(
            "cannot load the project at `{}`\nhelp: run `specc check {}` to see why",
            project.display(),
            project.display()
        );
    }
    let pkg = ws.root();
    let Some((doc, section)) = pkg
        .documents
        .iter()
        .find_map(|d| d.sections.iter().find(|s| s.id == section_id).map(|s| (d, s)))
    else {
        let ids: Vec<&str> = pkg
            .documents
            .iter()
            .flat_map(|d| d.sections.iter().map(|s| s.id.as_str()))
            .collect();
        let hint = specc_check::closest(section_id, ids.iter().copied())
            .map(|b| format!("did you mean `{b}`?"))
            .unwrap_or_else(|| "`specc check --dump-ir` lists the sections".to_string());
        bail!("no section with ID `{section_id}`\nhelp: {hint}");
    };
    let examples_dir = pkg.root.join(pkg.config.spec.examples_dir());
    let mut used: HashSet<String> = pkg
        .documents
        .iter()
        .flat_map(|d| d.clauses.iter().map(|c| c.id.clone()))
        .collect();
    used.extend(pkg.test_files.iter().filter_map(|t| match &t.kind {
        specc_syntax::DocumentKind::TestFile { clause } => Some(clause.clone()),
        _ => None,
    }));
    // Files already in the folder count too, parsed or not.
    if let Ok(entries) = std::fs::read_dir(&examples_dir) {
        used.extend(entries.flatten().filter_map(|e| {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "md") {
                Some(p.file_stem()?.to_string_lossy().to_string())
            } else {
                None
            }
        }));
    }
    // Seeded by the moment, so two people minting in one section differ.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let id = specc_syntax::adopt::mint_id(&format!("{section_id}:{nanos}:{}", std::process::id()), &used);
    std::fs::create_dir_all(&examples_dir).with_context(|| format!("cannot create `{}`", examples_dir.display()))?;
    let path = crate::output::writable(&pkg.root, examples_dir.join(format!("{id}.md")))?;
    let examples: String = prompts
        .iter()
        .map(|p| {
            let title: String = p
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let title = title.trim_end_matches(['?', '.', '!', ',', ':']);
            format!("\n**Example**: {title}\n\n~~~xml\n<user>\n{}\n</user>\n~~~\n", p.trim())
        })
        .collect();
    let text = if examples.is_empty() {
        format!(
            "Examples for [^{id}] in {}:\n\n<!-- Add challenging prompts for this clause:\n\n**Example**: a short title\n\n~~~xml\n<user>\n...\n</user>\n~~~\n-->\n",
            section.title
        )
    } else {
        format!("Examples for [^{id}] in {}:\n{examples}", section.title)
    };
    if prompts.iter().any(|p| p.trim().is_empty()) {
        bail!("a --prompt is empty\nhelp: write the user's message, e.g. --prompt \"Can you ...?\"");
    }
    let added_at = match sentence {
        Some(sentence) => Some(add_clause(&ws, doc, section, sentence, &id)?),
        None => None,
    };
    std::fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))?;
    let line = ws.sources.file(doc.file).lines().line(section.span.start);
    writeln!(std::io::stdout(), "{id}")?;
    specc_diagnostics::note!("created {}", path.display());
    if let Some(at) = added_at {
        specc_diagnostics::note!("added the clause [^{id}] to section `{section_id}` ({}:{at})", doc.path);
        if section.authority.is_none() {
            eprintln!(
                "warning: section `{section_id}` has no authority level, so lint and the conflict checker do not read its rules\nhelp: add `authority=...` to its heading, or `[spec] default-authority` in specc.toml"
            );
        }
    } else {
        specc_diagnostics::note!(
            "next: add `[^{id}]` after the clause's sentence in section `{section_id}` ({}:{line}), or run again with --text",
            doc.path
        );
    }
    if prompts.is_empty() {
        specc_diagnostics::note!(
            "next: write its first test prompts in {} (or pass --prompt)",
            path.display()
        );
    }
    Ok(0)
}

/// Adds `sentence` with its marker as a paragraph at the end of the
/// section's own text (before its first subsection or example); returns its line.
fn add_clause(
    ws: &Workspace,
    doc: &specc_syntax::Document,
    section: &specc_syntax::Section,
    sentence: &str,
    id: &str,
) -> anyhow::Result<usize> {
    let sentence = sentence.trim();
    if sentence.is_empty() {
        bail!("--text is empty\nhelp: write the clause's sentence, e.g. --text \"The assistant must ...\"");
    }
    if sentence.contains("[^") {
        bail!("--text holds a clause marker; specc adds the new clause's own\nhelp: leave out the `[^...]`");
    }
    // A marker covers one sentence: a second would be a clause of its own.
    let inner = sentence.trim_end_matches(['.', '!', '?']);
    if sentence.contains('\n') || [". ", "! ", "? "].iter().any(|end| inner.contains(end)) {
        bail!("--text holds more than one sentence; a clause is one sentence\nhelp: run new-clause once per sentence");
    }
    let file = ws.sources.file(doc.file);
    let src = file.text.as_str();
    // The section's own rules end where its first subsection or its first
    // conversation example starts (a rule after the examples reads as theirs).
    let end = doc
        .sections
        .iter()
        .map(|s| s.span.start)
        .chain(doc.examples.iter().map(|e| e.span.start))
        .filter(|&start| start > section.span.start && start < section.extent.end)
        .min()
        .unwrap_or(section.extent.end);
    let (body, stop) = match sentence.char_indices().last() {
        Some((i, c @ ('.' | '!' | '?'))) => (&sentence[..i], c.to_string()),
        _ => (sentence, ".".to_string()),
    };
    let before = src[..end].trim_end_matches(['\n', ' ']);
    let after = &src[end..];
    let text = format!(
        "{before}\n\n{body}[^{id}]{stop}\n{}{after}",
        if after.is_empty() { "" } else { "\n" }
    );
    let path = std::path::PathBuf::from(&file.path);
    std::fs::write(&path, file.as_saved(&text)).with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(before.lines().count() + 2)
}
