use anyhow::{Context, bail};
use specc_project::Workspace;
use std::collections::HashSet;
use std::path::Path;

pub fn run(project: &Path, section_id: &str) -> anyhow::Result<u8> {
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
    let id = mint(section_id, &used, |id| examples_dir.join(format!("{id}.md")).exists());
    std::fs::create_dir_all(&examples_dir).with_context(|| format!("cannot create `{}`", examples_dir.display()))?;
    let path = crate::output::writable(&pkg.root, examples_dir.join(format!("{id}.md")))?;
    let text = format!(
        "Examples for [^{id}] in {}:\n\n<!-- Add challenging prompts for this clause:\n\n**Example**: a short title\n\n~~~xml\n<user>\n...\n</user>\n~~~\n-->\n",
        section.title
    );
    std::fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))?;
    let line = ws.sources.file(doc.file).lines().line(section.span.start);
    println!("{id}");
    eprintln!("created {}", path.display());
    eprintln!(
        "add `[^{id}]` after the clause's sentence in section `{section_id}` ({}:{line})",
        doc.path
    );
    Ok(0)
}

/// A four-character ID of lowercase letters and digits, like the Model Spec's,
/// that no clause or test file uses yet.
fn mint(seed: &str, used: &HashSet<String>, taken: impl Fn(&str) -> bool) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    for attempt in 0u64.. {
        let hash = blake3::hash(format!("{seed}:{nanos}:{attempt}:{}", std::process::id()).as_bytes());
        let bytes = hash.as_bytes();
        // Starting with a letter keeps IDs from reading as numbers.
        let mut id = String::new();
        id.push(ALPHABET[bytes[0] as usize % 26] as char);
        for b in &bytes[1..4] {
            id.push(ALPHABET[*b as usize % ALPHABET.len()] as char);
        }
        if !used.contains(&id) && !taken(&id) {
            return id;
        }
    }
    unreachable!("the ID space is not exhausted")
}
