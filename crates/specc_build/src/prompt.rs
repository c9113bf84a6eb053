//! The `prompt` target: the spec as a system prompt. Each document's preamble
//! (the text under its title, before its first section: what the business is,
//! who the assistant is) as context that rules nothing, then the normative
//! sections (those with an authority level) in chain-of-command order, highest
//! level first and document order within a level; commentary and examples
//! removed (examples come back with `--examples`); an optional token budget
//! that drops examples, then preambles, then the lowest authority first.
//!
//! A section's text is its own Markdown source, from its heading to the next
//! heading, less commentary blocks, conversation examples with their
//! expectation lists, and whole-line HTML comments (`<!-- specc-allow -->`).
//! Taking the source keeps lists, tables and code blocks as the author wrote
//! them; clause markers `[^id]` stay, so an answer can cite them.

use crate::{BuildError, Selection, spec_hash};
use specc_project::{Package, Workspace};
use specc_syntax::{Document, Example, ExpectationKind, Judgement, Turn};

/// Tokens a text costs, estimated as its UTF-8 bytes divided by 4, rounded up.
/// That is the usual rule of thumb for English with BPE tokenizers (GPT-4-era
/// tokenizers average about 4 bytes per token on English prose); it needs no
/// tokenizer and never depends on the model.
pub fn estimate_tokens(text: &str) -> usize {
    text.len().div_ceil(4)
}

/// What the prompt target includes.
#[derive(Clone, Debug, Default)]
pub struct PromptOptions {
    /// Include each section's conversation examples.
    pub examples: bool,
    /// Budget in estimated tokens ([`estimate_tokens`]).
    pub max_tokens: Option<usize>,
}

/// A compiled prompt and what the budget left out.
#[derive(Clone, Debug)]
pub struct Prompt {
    /// The prompt, ending in a newline.
    pub text: String,
    /// [`estimate_tokens`] of the text.
    pub tokens: usize,
    /// Section IDs included, in order.
    pub sections: Vec<String>,
    /// Left out for the budget, in the order they were dropped (lowest authority first).
    pub omitted: Vec<Omitted>,
}

/// A part of the prompt the budget left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Omitted {
    /// The section ID.
    pub section: String,
    /// Its level; `None` for a document's preamble or an unranked section named by `--section`.
    pub authority: Option<String>,
    /// Only the section's examples were left out; its text is in.
    pub examples_only: bool,
    /// A document's preamble (context, no rules) was left out.
    pub context: bool,
    /// Estimated tokens the part would have cost.
    pub tokens: usize,
}

struct Unit {
    section: String,
    authority: Option<String>,
    examples: bool,
    /// A document's preamble: what the business is, who the assistant is.
    context: bool,
    text: String,
    kept: bool,
}

/// The byte range of a section's own content: after its heading, up to the next heading.
fn own_range(doc: &Document, src: &str, si: usize) -> std::ops::Range<usize> {
    let start = doc.sections[si].span.end.min(src.len());
    let end = doc
        .sections
        .get(si + 1)
        .map(|s| s.span.start)
        .unwrap_or(src.len())
        .max(start);
    start..end
}

/// A section's normative text: its own Markdown less commentary, examples and
/// HTML comments, with `[?](#id)` links given their target's title (a reader
/// of the prompt cannot look the ID up).
pub fn section_text(ws: &Workspace, pkg: &Package, doc: &Document, si: usize) -> String {
    let src = &ws.sources.file(doc.file).text;
    let range = own_range(doc, src, si);
    let mut cut: Vec<std::ops::Range<usize>> = doc
        .commentary
        .iter()
        .map(|c| c.span.range())
        .chain(doc.examples.iter().map(|e| e.span.range()))
        .filter(|r| r.start < range.end && r.end > range.start)
        .collect();
    cut.sort_by_key(|r| r.start);
    let mut text = String::new();
    let mut at = range.start;
    for r in cut {
        if r.start > at {
            text.push_str(&src[at..r.start]);
        }
        at = at.max(r.end);
    }
    if at < range.end {
        text.push_str(&src[at..range.end]);
    }
    titled_links(&tidy(&text), pkg)
}

/// `[?](#id)` becomes `[<title of id>](#id)`; unknown IDs and `@dep#id` stay as written.
fn titled_links(text: &str, pkg: &Package) -> String {
    const OPEN: &str = "[?](#";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        let title = after.find(')').and_then(|j| {
            let id = &after[..j];
            pkg.documents
                .iter()
                .flat_map(|d| &d.sections)
                .find(|s| s.id == id)
                .map(|s| (j, s.title.as_str()))
        });
        match title {
            Some((j, title)) => {
                out.push_str(&format!("[{title}](#{})", &after[..j]));
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Drops whole-line HTML comments and runs of blank lines.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = true;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("<!--") && t.ends_with("-->") {
            continue;
        }
        if t.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        blank = false;
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// An example as the spec writes it, less `comment=` notes (never sent to a model).
pub fn example_text(ex: &Example) -> String {
    let mut out = format!("Example: {}\n", ex.title);
    let message = |out: &mut String, m: &specc_syntax::Message, marker: Option<String>| {
        let role = m.role.as_str();
        out.push('<');
        out.push_str(role);
        for (k, v) in m.attributes.iter().filter(|(k, _)| k != "comment") {
            out.push_str(&format!(" {k}=\"{v}\""));
        }
        out.push('>');
        if let Some(mk) = marker {
            out.push_str(&format!(" <!-- {mk} -->"));
        }
        out.push('\n');
        out.push_str(m.content.trim_end_matches('\n'));
        out.push_str(&format!("\n</{role}>\n"));
    };
    for t in &ex.turns {
        match t {
            Turn::Message(m) => message(&mut out, m, None),
            Turn::Comparison(c) => {
                out.push_str("<comparison>\n");
                for a in &c.answers {
                    let marker = a.marker.as_ref().map(|mk| {
                        let kind = match mk.judgement {
                            Judgement::Good => "GOOD",
                            Judgement::Bad => "BAD",
                            Judgement::Ok => "OK",
                        };
                        let sec = mk.section.as_ref().map(|s| format!("[#{s}]")).unwrap_or_default();
                        let reason = mk.reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default();
                        format!("{kind}{sec}{reason}")
                    });
                    message(&mut out, a, marker);
                }
                out.push_str("</comparison>\n");
            }
        }
    }
    let rubric: Vec<&str> = ex
        .expectations
        .iter()
        .filter_map(|e| match &e.check {
            ExpectationKind::Rubric { text } => Some(text.as_str()),
            ExpectationKind::Assertion { .. } => None,
        })
        .collect();
    if !rubric.is_empty() {
        out.push_str("Expected:\n");
        for r in rubric {
            out.push_str(&format!("- {r}\n"));
        }
    }
    out
}

/// The whole spec as a system prompt, with no filters, examples or budget: what
/// `specc test --with-spec` sends. Empty when the spec has no section with an
/// authority level.
pub fn system_prompt(ws: &Workspace, pkg: &Package) -> String {
    prompt(ws, pkg, &Selection::all(), &PromptOptions::default())
        .map(|p| p.text)
        .unwrap_or_default()
}

/// Compiles the prompt.
pub fn prompt(ws: &Workspace, pkg: &Package, sel: &Selection, opts: &PromptOptions) -> Result<Prompt, BuildError> {
    let levels = pkg.config.authority_levels();
    let name = pkg
        .config
        .spec
        .name
        .as_ref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    // The version the author gave it, and the content hash that pins the text.
    let version = match pkg.config.spec.version.as_ref() {
        Some(v) => format!("{} (content {})", v.get_ref(), spec_hash(ws, pkg)),
        None => spec_hash(ws, pkg),
    };
    // (The clause markers are explained only where there are some.)
    let clauses = if pkg.documents.iter().any(|d| !d.clauses.is_empty()) {
        "; [^id] marks a clause"
    } else {
        ""
    };
    let mut header = format!(
        "Follow this behaviour specification{name}. Sections are listed from the highest authority to the lowest; a higher one wins a conflict. Each heading gives the section's ID and authority level (a `context` section describes the setting and rules nothing){clauses}.\nSpec version: {version}\n"
    );
    let mut units: Vec<Unit> = Vec::new();
    // Each document's preamble, the text under its title before its first
    // section ("Harbourside runs a clinic ...; 'Harbour' is the chat
    // assistant"): rules about "our opening hours" or "the assistant" mean
    // little to a model never told whose they are. Unranked, so it rules
    // nothing; only in a prompt no filter narrows.
    if sel.keeps(None, None, &[]) {
        for d in &pkg.documents {
            let Some((si, s)) = d.sections.iter().enumerate().find(|(_, s)| s.parent.is_none()) else {
                continue;
            };
            if s.authority.is_some() || d.sections.iter().take(si).any(|x| x.authority.is_some()) {
                continue;
            }
            let body = section_text(ws, pkg, d, si);
            if body.trim().is_empty() {
                continue;
            }
            units.push(Unit {
                section: s.id.clone(),
                authority: None,
                examples: false,
                context: true,
                text: format!("\n## {} [{}, context]\n\n{body}\n", s.title, s.id),
                kept: true,
            });
        }
    }
    // Ranked sections by level, then unranked ones that --section named.
    let groups = levels.iter().map(Some).chain(std::iter::once(None));
    for level in groups {
        for d in &pkg.documents {
            for (si, s) in d.sections.iter().enumerate() {
                if s.authority.as_ref() != level {
                    continue;
                }
                if level.is_none() && !sel.names_section(&s.id) {
                    continue;
                }
                if !sel.keeps(Some(&s.id), s.authority.as_deref(), &s.tags) {
                    continue;
                }
                let lvl = s.authority.as_deref().unwrap_or("unranked");
                let body = section_text(ws, pkg, d, si);
                // (A subsection keeps its depth: "### Pet Health Club".)
                let hashes = "#".repeat(usize::from(s.level.clamp(2, 6)));
                let text = if body.is_empty() {
                    format!("\n{hashes} {} [{}, {lvl}]\n", s.title, s.id)
                } else {
                    format!("\n{hashes} {} [{}, {lvl}]\n\n{body}\n", s.title, s.id)
                };
                units.push(Unit {
                    section: s.id.clone(),
                    authority: s.authority.clone(),
                    examples: false,
                    context: false,
                    text,
                    kept: true,
                });
                if opts.examples {
                    let exs: Vec<String> = d
                        .examples
                        .iter()
                        .filter(|e| e.section == Some(si) && e.well_formed)
                        .map(example_text)
                        .collect();
                    if !exs.is_empty() {
                        units.push(Unit {
                            section: s.id.clone(),
                            authority: s.authority.clone(),
                            examples: true,
                            context: false,
                            text: format!("\nExamples for [{}]:\n\n{}", s.id, exs.join("\n")),
                            kept: true,
                        });
                    }
                }
            }
        }
    }
    if units.iter().all(|u| u.context) {
        return Err(BuildError::EmptyPrompt);
    }
    // The definitions the kept text uses: a rule about a "verified customer"
    // means nothing to a model that is never told what one is.
    let used: Vec<String> = {
        let text = units.iter().map(|u| u.text.to_lowercase()).collect::<String>();
        let mut out = Vec::new();
        for d in pkg.documents.iter().flat_map(|d| d.definitions.iter()) {
            let uses = std::iter::once(&d.term)
                .chain(&d.aliases)
                .any(|t| contains_word(&text, &t.to_lowercase()));
            if uses && !out.contains(&d.text) {
                out.push(d.text.clone());
            }
        }
        out
    };
    if !used.is_empty() {
        header.push_str("\n## Definitions\n\n");
        for d in &used {
            header.push_str(d);
            header.push_str("\n\n");
        }
    }
    let mut omitted = Vec::new();
    if let Some(budget) = opts.max_tokens {
        // The header, every unit and the final newline.
        let mut bytes: usize = header.len() + units.iter().map(|u| u.text.len()).sum::<usize>() + 1;
        // Examples go before any section text, then the preambles, then the
        // ranked sections; within each, lowest authority (the end of the
        // prompt) first.
        for pass in 0..3 {
            for u in units.iter_mut().rev().filter(|u| match pass {
                0 => u.examples,
                1 => u.context,
                _ => !u.examples && !u.context,
            }) {
                if bytes.div_ceil(4) <= budget {
                    break;
                }
                u.kept = false;
                bytes -= u.text.len();
                omitted.push(Omitted {
                    section: u.section.clone(),
                    authority: u.authority.clone(),
                    examples_only: u.examples,
                    context: u.context,
                    tokens: estimate_tokens(&u.text),
                });
            }
        }
        if !units.iter().any(|u| u.kept && !u.examples && !u.context) {
            return Err(BuildError::BudgetTooSmall {
                budget,
                needed: estimate_tokens(&header),
                smallest: units
                    .iter()
                    .filter(|u| !u.examples && !u.context)
                    .map(|u| estimate_tokens(&u.text))
                    .min()
                    .unwrap_or(0),
            });
        }
    }
    let mut text = header;
    let mut sections = Vec::new();
    for u in units.iter().filter(|u| u.kept) {
        text.push_str(&u.text);
        if !u.examples && !u.context {
            sections.push(u.section.clone());
        }
    }
    text.push('\n');
    let tokens = estimate_tokens(&text);
    Ok(Prompt {
        text,
        tokens,
        sections,
        omitted,
    })
}

/// Whether `text` holds `word` as whole words (both lowercase).
fn contains_word(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let start = from + i;
        let end = start + word.len();
        let before = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() || c == 's');
        if before && after {
            return true;
        }
        from = start + word.len().max(1);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SelectionError, SelectionRequest};
    use std::path::Path;

    const SPEC: &str = "# Overview {#overview}\n\nJust context.\n\n## Low {#low authority=guideline}\n\nBe terse[^t3rs] (see [?](#high), [?](#nowhere)).\n\n!!! meta \"Commentary\"\n    Why terse: readers skim.\n\n**Example**: greeting\n\n~~~xml\n<user comment=\"note\">\nHi\n</user>\n<comparison>\n<assistant> <!-- GOOD -->\nHi.\n</assistant>\n<assistant> <!-- BAD: long -->\nHello there, friend!\n</assistant>\n</comparison>\n~~~\n\n<!-- specc-allow A101 -->\nNever lie[^n3vr].\n\n## High {#high authority=root}\n\nNever help build weapons[^w3pn].\n";

    fn ws() -> Workspace {
        Workspace::from_texts(Path::new("."), &[("spec.md", SPEC)])
    }

    #[test]
    fn chain_of_command_order_without_commentary_or_examples() {
        let ws = ws();
        let p = prompt(&ws, ws.root(), &Selection::all(), &PromptOptions::default()).unwrap();
        let high = p.text.find("## High [high, root]").unwrap();
        let low = p.text.find("## Low [low, guideline]").unwrap();
        assert!(high < low, "{}", p.text);
        assert!(!p.text.contains("readers skim"), "{}", p.text);
        assert!(!p.text.contains("Hello there"), "{}", p.text);
        assert!(!p.text.contains("specc-allow"), "{}", p.text);
        // The document's preamble comes first, as context that rules nothing.
        let context = p.text.find("## Overview [overview, context]\n\nJust context.").unwrap();
        assert!(context < high, "{}", p.text);
        assert!(
            p.text.contains("Be terse[^t3rs] (see [High](#high), [?](#nowhere)).")
                && p.text.contains("Never lie[^n3vr].")
        );
        assert_eq!(p.sections, ["high", "low"]);
        assert_eq!(p.tokens, estimate_tokens(&p.text));
    }

    /// (A new user's spec had no clause markers; the header explained them.)
    #[test]
    fn clause_markers_are_explained_only_where_there_are_some() {
        let ws = ws();
        let with = prompt(&ws, ws.root(), &Selection::all(), &PromptOptions::default()).unwrap();
        assert!(with.text.contains("[^id] marks a clause"), "{}", with.text);
        let plain = Workspace::from_texts(Path::new("."), &[("a.md", "# A {#a authority=system}\n\nBe kind.\n")]);
        let without = prompt(&plain, plain.root(), &Selection::all(), &PromptOptions::default()).unwrap();
        assert!(!without.text.contains("[^id]"), "{}", without.text);
    }

    #[test]
    fn system_prompt_is_the_unfiltered_prompt() {
        let ws = ws();
        let full = prompt(&ws, ws.root(), &Selection::all(), &PromptOptions::default()).unwrap();
        assert_eq!(system_prompt(&ws, ws.root()), full.text);
        let unranked = Workspace::from_texts(Path::new("."), &[("a.md", "# A {#a}\n\nText.\n")]);
        assert_eq!(system_prompt(&unranked, unranked.root()), "");
    }

    #[test]
    fn examples_on_request_without_editor_notes() {
        let ws = ws();
        let opts = PromptOptions {
            examples: true,
            max_tokens: None,
        };
        let p = prompt(&ws, ws.root(), &Selection::all(), &opts).unwrap();
        assert!(
            p.text.contains("<assistant> <!-- BAD: long -->\nHello there, friend!"),
            "{}",
            p.text
        );
        assert!(!p.text.contains("note"), "{}", p.text);
    }

    #[test]
    fn budget_drops_examples_then_lowest_authority() {
        let ws = ws();
        let full = prompt(&ws, ws.root(), &Selection::all(), &PromptOptions::default()).unwrap();
        let opts = PromptOptions {
            examples: true,
            max_tokens: Some(full.tokens - 1),
        };
        let p = prompt(&ws, ws.root(), &Selection::all(), &opts).unwrap();
        let dropped: Vec<(&str, bool)> = p
            .omitted
            .iter()
            .map(|o| (o.section.as_str(), o.examples_only))
            .collect();
        // (The preamble before any rule.)
        assert_eq!(dropped, [("low", true), ("overview", false)]);
        assert_eq!(p.sections, ["high", "low"]);
        assert!(p.tokens < full.tokens);
        // Then the lowest authority.
        let tighter = PromptOptions {
            examples: true,
            max_tokens: Some(p.tokens - 1),
        };
        let q = prompt(&ws, ws.root(), &Selection::all(), &tighter).unwrap();
        let dropped: Vec<&str> = q.omitted.iter().map(|o| o.section.as_str()).collect();
        assert_eq!(dropped, ["low", "overview", "low"]);
        assert_eq!(q.sections, ["high"]);
        let tiny = PromptOptions {
            examples: false,
            max_tokens: Some(3),
        };
        assert!(matches!(
            prompt(&ws, ws.root(), &Selection::all(), &tiny),
            Err(BuildError::BudgetTooSmall { .. })
        ));
    }

    #[test]
    fn filters_and_named_unranked_sections() {
        let ws = ws();
        let pkg = ws.root();
        let sel = Selection::new(
            pkg,
            &SelectionRequest {
                sections: &["overview".into()],
                authority: &[],
                tags: &[],
                ..Default::default()
            },
        )
        .unwrap();
        let p = prompt(&ws, pkg, &sel, &PromptOptions::default()).unwrap();
        assert_eq!(p.sections, ["high", "low", "overview"]);
        let sel = Selection::new(
            pkg,
            &SelectionRequest {
                sections: &[],
                authority: &["platform".into()],
                tags: &[],
                ..Default::default()
            },
        )
        .unwrap();
        let p = prompt(&ws, pkg, &sel, &PromptOptions::default()).unwrap();
        assert_eq!(p.sections, ["high"]);
        assert!(matches!(
            Selection::new(pkg, &SelectionRequest { sections: &["hihg".into()], authority: &[], tags: &[], ..Default::default() }),
            Err(SelectionError::UnknownSection { suggestion: Some(s), .. }) if s == "high"
        ));
        assert!(matches!(
            Selection::new(
                pkg,
                &SelectionRequest {
                    sections: &[],
                    authority: &["admin".into()],
                    tags: &[],
                    ..Default::default()
                }
            ),
            Err(SelectionError::UnknownAuthority { .. })
        ));
    }
}
