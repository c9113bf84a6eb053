//! `specc adopt` as a pure rewrite (issue 15): a plain Markdown policy into
//! the dialect by insertions only. Every heading without an ID gets one (the
//! anchor the document's own links use where they use GitHub's, otherwise
//! specc's slug, deduplicated), the top sections an authority level (unless
//! the document already declares levels), and every sentence the classifier
//! ([`crate::normative`]) reads as a rule for the assistant a clause marker
//! (unless the document already has markers: its author chose its clauses).
//! Nothing else changes: removing the insertions gives back the input, byte
//! for byte, and adopting the result again inserts nothing.

use crate::normative::{Actors, Kind, LeadIns};
use crate::{DocumentKind, parse};
use specc_diagnostics::{FileId, Span};
use std::collections::{BTreeMap, HashSet};

/// How to adopt.
#[derive(Clone, Debug)]
pub struct Options {
    /// The level of the document's top sections.
    pub authority: String,
    /// Levels by heading title (lowercase, `*` matches any run of characters),
    /// for sections that should differ from their parent's.
    pub by_heading: Vec<(String, String)>,
    /// Clause IDs already in use in the project (other documents, test files).
    pub taken: HashSet<String>,
}

/// A clause marker `adopt` minted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Minted {
    pub id: String,
    /// The title of its section, for the test file's header.
    pub section_title: String,
    /// The sentence, as written.
    pub sentence: String,
    /// The sentence that leads into its list, for a list item ("The
    /// assistant must never:").
    pub lead_in: Option<String>,
    /// 1-based line of the sentence in the input.
    pub line: usize,
}

/// One insertion: `text` goes at byte `at` of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Insertion {
    pub at: usize,
    pub text: String,
}

/// What adopting one document did.
#[derive(Clone, Debug, Default)]
pub struct Adopted {
    /// The rewritten document.
    pub text: String,
    /// Every insertion, in input order.
    pub insertions: Vec<Insertion>,
    pub sections: usize,
    pub ids_added: usize,
    /// Sections that got an authority level (their subsections inherit it).
    pub authority_added: usize,
    pub clauses: Vec<Minted>,
    /// Sentences of ranked sections read as explanation (or as rules for
    /// someone else), which got no marker.
    pub explanatory: usize,
    /// The document already had clause markers, so none were minted.
    pub kept_clauses: bool,
    /// The document already declared authority levels, so none were added.
    pub kept_authority: bool,
}

/// GitHub's anchor for a heading: lowercase, punctuation other than `-` and
/// `_` removed, each space a hyphen ("Fees, charges & disclosures" →
/// `fees-charges--disclosures`).
pub fn github_slug(title: &str) -> String {
    title
        .trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_lowercase().collect::<String>())
            } else if c == ' ' {
                Some("-".to_string())
            } else {
                None
            }
        })
        .collect()
}

/// Whether a `--map` pattern (case ignored, `*` for any text) matches a
/// heading's title, or the title without its number ("8. Tone and
/// language", "2.3) Refunds": `Tone*` names the first).
pub fn title_matches(pattern: &str, title: &str) -> bool {
    glob_matches(pattern, title) || unnumbered(title).is_some_and(|t| glob_matches(pattern, t))
}

/// A title after a leading section number ("8.", "2.3", "4)") and the space after it.
fn unnumbered(title: &str) -> Option<&str> {
    let rest = title.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    (rest.len() < title.len() && title.starts_with(|c: char| c.is_ascii_digit()) && rest.starts_with(' '))
        .then(|| rest.trim_start())
}

fn glob_matches(pattern: &str, title: &str) -> bool {
    let (p, t) = (pattern.to_lowercase(), title.to_lowercase());
    if !p.contains('*') {
        return p == t;
    }
    // `*` matches any run: check the literal pieces in order.
    let pieces: Vec<&str> = p.split('*').collect();
    let mut rest = t.as_str();
    for (i, piece) in pieces.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(piece) else {
                return false;
            };
            rest = r;
        } else if i == pieces.len() - 1 {
            return rest.ends_with(piece);
        } else {
            let Some(at) = rest.find(piece) else { return false };
            rest = &rest[at + piece.len()..];
        }
    }
    rest.is_empty()
}

/// A four-character clause ID (a letter, then letters and digits, like the
/// Model Spec's), derived from the seed so that adopting the same text gives
/// the same IDs, and not in `used`.
pub fn mint_id(seed: &str, used: &HashSet<String>) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    for attempt in 0u64.. {
        let h = xxhash_rust::xxh3::xxh3_128(format!("{seed}\u{0}{attempt}").as_bytes()).to_le_bytes();
        let mut id = String::with_capacity(4);
        id.push(ALPHABET[h[0] as usize % 26] as char);
        for b in &h[1..4] {
            id.push(ALPHABET[*b as usize % ALPHABET.len()] as char);
        }
        if !used.contains(&id) {
            return id;
        }
    }
    unreachable!("the ID space is not exhausted")
}

/// Where a marker goes at the end of a sentence: before its closing
/// punctuation, as the Model Spec writes them ("... a response[^abcd]."),
/// inside closing emphasis (`**never guess[^abcd].**`), but never inside a
/// quotation: `say "I don't know."[^abcd]`, `say "I don't know"[^abcd].`.
/// A sentence without closing punctuation (a list item) takes it at its end.
fn marker_point(src: &str, span: Span) -> usize {
    let text = &src[span.range()];
    if text.ends_with(['"', '”']) {
        return span.end;
    }
    let mut end = text.len();
    let mut punctuation = false;
    while let Some(c) = text[..end].chars().next_back() {
        if matches!(c, '.' | '!' | '?' | '…' | ':' | ';' | ',') {
            punctuation = true;
        } else if !matches!(c, '*' | '_') {
            break;
        }
        end -= c.len_utf8();
    }
    if punctuation { span.start + end } else { span.end }
}

/// Adopts one document. `path` names it in minted seeds; `used` collects the
/// clause IDs minted so far across documents.
pub fn adopt(text: &str, path: &str, options: &Options, used: &mut HashSet<String>) -> Adopted {
    let (doc, _) = parse(FileId(0), path, text, DocumentKind::Spec);
    let mut out = Adopted {
        sections: doc.sections.len(),
        kept_clauses: !doc.clauses.is_empty(),
        kept_authority: doc.sections.iter().any(|s| s.declared_authority.is_some()),
        ..Default::default()
    };
    used.extend(doc.clauses.iter().map(|c| c.id.clone()));
    let mut insertions: Vec<Insertion> = Vec::new();

    // Heading IDs: the anchors the document's links already use win.
    let linked: HashSet<String> = crate::text::scan_links(text, 0)
        .into_iter()
        .filter_map(|l| l.dest.strip_prefix('#').map(str::to_string))
        .collect();
    let mut ids: HashSet<String> = doc
        .sections
        .iter()
        .filter(|s| s.explicit_id)
        .map(|s| s.id.clone())
        .collect();
    let mut github_seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut levels: Vec<Option<String>> = doc.sections.iter().map(|s| s.authority.clone()).collect();
    for (i, s) in doc.sections.iter().enumerate() {
        // GitHub numbers repeated headings -1, -2, ... in document order.
        let base = github_slug(&s.title);
        let n = github_seen.entry(base.clone()).or_default();
        let github = if *n == 0 { base } else { format!("{base}-{n}") };
        *n += 1;
        let mut attrs: Vec<String> = Vec::new();
        if !s.explicit_id {
            // The ID the section has now (what `specc check` names in C113),
            // unless the document's own links use GitHub's anchor instead
            // ("#fees-charges--disclosures"), which then keeps them working.
            let wanted = if crate::parse::id_is_safe(&github) && linked.contains(&github) && !linked.contains(&s.id) {
                github
            } else {
                s.id.clone()
            };
            let mut id = wanted.clone();
            let mut k = 1;
            while ids.contains(&id) {
                id = format!("{wanted}-{k}");
                k += 1;
            }
            ids.insert(id.clone());
            attrs.push(format!("#{id}"));
            out.ids_added += 1;
        }
        if !out.kept_authority {
            let mapped = options
                .by_heading
                .iter()
                .find(|(p, _)| title_matches(p, &s.title))
                .map(|(_, l)| l.clone());
            let parent = s.parent.and_then(|p| levels[p].clone());
            let level = match (mapped, &parent) {
                (Some(m), _) if parent.as_deref() != Some(m.as_str()) => Some(m),
                (_, None) => Some(options.authority.clone()),
                _ => None,
            };
            if let Some(l) = level {
                attrs.push(format!("authority={l}"));
                levels[i] = Some(l);
                out.authority_added += 1;
            } else {
                levels[i] = parent;
            }
        }
        if attrs.is_empty() {
            continue;
        }
        let line = &text[s.span.range()];
        let trimmed = line.trim_end().trim_end_matches('#').trim_end();
        if trimmed.ends_with('}')
            && let Some(open) = trimmed.rfind('{')
        {
            // An attribute block without an ID: add to it.
            let inside_end = s.span.start + trimmed.len() - 1;
            let has_content = !trimmed[open + 1..trimmed.len() - 1].trim().is_empty();
            let ids_first: Vec<&String> = attrs.iter().filter(|a| a.starts_with('#')).collect();
            if let Some(id) = ids_first.first() {
                insertions.push(Insertion {
                    at: s.span.start + open + 1,
                    text: if has_content { format!("{id} ") } else { id.to_string() },
                });
            }
            let rest: Vec<&String> = attrs.iter().filter(|a| !a.starts_with('#')).collect();
            if !rest.is_empty() {
                let joined = rest.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
                insertions.push(Insertion {
                    at: inside_end,
                    text: format!(" {joined}"),
                });
            }
        } else {
            insertions.push(Insertion {
                at: s.span.start + trimmed.len(),
                text: format!(" {{{}}}", attrs.join(" ")),
            });
        }
    }

    // Clause markers after the rules of ranked sections.
    if !out.kept_clauses {
        let actors = Actors::learn(text);
        let lines = specc_diagnostics::LineIndex::new(text);
        let sentences = crate::norm::prose_sentences(text, &doc);
        let mut lead_ins = LeadIns::new();
        let mut lead_sentence: Option<String> = None;
        for (k, s) in sentences.iter().enumerate() {
            let last_in_block = sentences.get(k + 1).is_none_or(|n| n.prose != s.prose);
            let in_list_item = doc.prose[s.prose].kind == crate::ProseKind::ListItem;
            let kind = lead_ins.kind(
                &text[s.span.range()],
                &s.norm.text,
                in_list_item,
                last_in_block,
                &actors,
            );
            let Some(si) = s.section else { continue };
            if levels[si].is_none() {
                continue;
            }
            if kind != Kind::Normative {
                out.explanatory += 1;
                continue;
            }
            // "The assistant must never:" leads into its list: the items are
            // the clauses (each read with the lead-in), not the lead-in itself.
            let leads_a_list = last_in_block
                && text[s.span.range()].trim_end().ends_with(':')
                && sentences
                    .get(k + 1)
                    .is_some_and(|n| doc.prose[n.prose].kind == crate::ProseKind::ListItem);
            if leads_a_list {
                lead_sentence = Some(crate::text::squash(&text[s.span.range()]));
                continue;
            }
            if !in_list_item {
                lead_sentence = None;
            }
            let sentence = crate::text::squash(&text[s.span.range()]);
            let lead_in = lead_sentence.clone().filter(|_| in_list_item);
            let id = mint_id(&format!("{path}\u{0}{sentence}"), used);
            used.insert(id.clone());
            insertions.push(Insertion {
                at: marker_point(text, s.span),
                text: format!("[^{id}]"),
            });
            out.clauses.push(Minted {
                id,
                lead_in,
                section_title: doc.sections[si].title.clone(),
                sentence,
                line: lines.line(s.span.start),
            });
        }
    }

    insertions.sort_by_key(|i| i.at);
    let mut result = String::with_capacity(text.len() + insertions.iter().map(|i| i.text.len()).sum::<usize>());
    let mut at = 0;
    for ins in &insertions {
        result.push_str(&text[at..ins.at]);
        result.push_str(&ins.text);
        at = ins.at;
    }
    result.push_str(&text[at..]);
    out.text = result;
    out.insertions = insertions;
    out
}

/// Removes insertions from an adopted text: the input again.
pub fn strip(adopted: &str, insertions: &[Insertion]) -> String {
    let mut out = String::with_capacity(adopted.len());
    let mut shift = 0;
    let mut at = 0;
    for ins in insertions {
        let pos = ins.at + shift;
        out.push_str(&adopted[at..pos]);
        at = pos + ins.text.len();
        shift += ins.text.len();
    }
    out.push_str(&adopted[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            authority: "system".into(),
            by_heading: vec![("tone*".into(), "guideline".into())],
            taken: HashSet::new(),
        }
    }

    const POLICY: &str = "# Harbor policy\n\nCustomers trust Harbor with their claims. Harbor should confirm the claim number. Harbor must never guess. Harbor may decline.\n\n## Fees, charges & disclosures\n\nSee [fees](#fees-charges--disclosures). Always disclose the fee **before** a transfer.\n\n## Tone and style\n\nKeep answers short.\n\n## Examples\n\nA customer asks about fees.\n\n### Examples\n\nNothing here.\n";

    /// A trial (2026-12-08): `--map 'Tone*=guideline'` matched no heading
    /// of a policy whose headings are numbered ("8. Tone and language").
    #[test]
    fn a_map_pattern_matches_a_numbered_heading() {
        assert!(title_matches("Tone*", "8. Tone and language"));
        assert!(title_matches("tone*", "2.3) Tone"));
        assert!(title_matches("Tone*", "Tone and style"));
        assert!(!title_matches("Tone*", "Overtone"));
        assert!(!title_matches("Tone*", "8.Tone"));
        assert!(title_matches("8.*", "8. Tone and language"));
    }

    #[test]
    fn inserts_ids_levels_and_markers_only() {
        let mut used = HashSet::new();
        let a = adopt(POLICY, "policy.md", &options(), &mut used);
        assert_eq!(strip(&a.text, &a.insertions), POLICY);
        assert!(
            a.text.contains("# Harbor policy {#harbor-policy authority=system}"),
            "{}",
            a.text
        );
        assert!(
            a.text
                .contains("## Fees, charges & disclosures {#fees-charges--disclosures}"),
            "{}",
            a.text
        );
        assert!(
            a.text
                .contains("## Tone and style {#tone-and-style authority=guideline}"),
            "{}",
            a.text
        );
        assert!(a.text.contains("## Examples {#examples}"), "{}", a.text);
        assert!(a.text.contains("### Examples {#examples-1}"), "{}", a.text);
        assert_eq!(a.clauses.len(), 5, "{:#?}", a.clauses);
        assert!(!a.text.contains("claims[^"), "explanation gets no marker: {}", a.text);
        let again = adopt(&a.text, "policy.md", &options(), &mut used);
        assert!(again.insertions.is_empty(), "{:?}", again.insertions);
        assert_eq!(again.text, a.text);
    }

    /// With no link to GitHub's anchor, a heading keeps the ID it has now,
    /// the one `specc check` names (C113): "Deposits — and refunds" is
    /// `deposits-and-refunds`, not GitHub's `deposits--and-refunds`.
    #[test]
    fn an_unlinked_heading_keeps_the_id_check_names() {
        let src = "# Studio \u{2014} chat policy\n\n## Deposits \u{2014} and refunds\n\nNever refund deposits.\n";
        let (doc, _) = crate::parse(
            specc_diagnostics::FileId(0),
            "policy.md",
            src,
            crate::DocumentKind::Spec,
        );
        let a = adopt(src, "policy.md", &options(), &mut HashSet::new());
        for s in &doc.sections {
            assert!(a.text.contains(&format!("{{#{}", s.id)), "{} not in {}", s.id, a.text);
        }
        assert!(a.text.contains("{#deposits-and-refunds}"), "{}", a.text);
    }

    #[test]
    fn markers_go_before_the_closing_punctuation() {
        let src = "say \"hello.\"";
        assert_eq!(
            marker_point(src, Span::new(0, src.len())),
            src.len(),
            "after the quotation"
        );
        let src = "say \"hello\".";
        assert_eq!(marker_point(src, Span::new(0, src.len())), src.len() - 1);
        let src = "**never guess.**";
        assert_eq!(marker_point(src, Span::new(0, src.len())), src.len() - 3);
        let src = "Keep answers short.";
        assert_eq!(marker_point(src, Span::new(0, src.len())), src.len() - 1);
        let src = "- keep answers short";
        assert_eq!(marker_point(src, Span::new(2, src.len())), src.len());
    }

    #[test]
    fn quotations_and_lead_ins_keep_their_clauses() {
        let src = "# P\n\nWhen unsure, the assistant should say \"I don't know.\" It must not guess.\n\nThe assistant must never:\n\n- share a pupil's address\n- promise secrecy\n";
        let mut used = HashSet::new();
        let a = adopt(src, "p.md", &options(), &mut used);
        assert!(a.text.contains("\"I don't know.\"[^"), "{}", a.text);
        assert!(
            !a.text.contains("never:[^") && !a.text.contains("never[^"),
            "the lead-in is no clause: {}",
            a.text
        );
        let (doc, _) = parse(FileId(0), "p.md", &a.text, DocumentKind::Spec);
        assert_eq!(doc.clauses.len(), a.clauses.len(), "{}", a.text);
        let texts: Vec<&str> = doc.clauses.iter().map(|c| c.text.as_str()).collect();
        assert!(texts[0].contains("I don't know"), "{texts:?}");
        assert!(texts[1].starts_with("It must not guess"), "{texts:?}");
        assert_eq!(a.clauses.len(), 4, "{:#?}", a.clauses);
        assert_eq!(
            a.clauses[2].lead_in.as_deref(),
            Some("The assistant must never:"),
            "{:?}",
            a.clauses[2]
        );
        assert_eq!(
            doc.clauses[2].lead_in.as_deref().map(|l| l.contains("must never")),
            Some(true)
        );
    }

    #[test]
    fn slugs_like_github() {
        assert_eq!(github_slug("Fees, charges & disclosures"), "fees-charges--disclosures");
        assert_eq!(github_slug("What \"urgent\" means"), "what-urgent-means");
    }
}
