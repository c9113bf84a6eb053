//! Sections matched across versions: by ID, then unmatched ones paired by
//! their own text (renames); a renamed authority level; and each matched
//! pair's moves, titles, wording and authority.

use crate::{Direction, LEVEL_ALIASES, LevelRename, SectionChange, Version, similarity, squash, word_diff};
use specc_syntax::{Document, ProseKind, Section};
use std::collections::{HashMap, HashSet};

pub(crate) struct SectionInfo<'a> {
    section: &'a Section,
    parent: Option<String>,
    raw_authority: Option<String>,
    own_text: String,
}

pub(crate) type ById<'s, 'a> = HashMap<&'s str, &'s SectionInfo<'a>>;

/// The prose a section holds itself (not its subsections'), joined, less its
/// clauses' sentences: a clause added, removed or reworded is a clause change
/// of its own, and the section is "reworded" only when the rest changed.
fn own_text(doc: &Document, si: usize, src: &str) -> String {
    let mut clauses: Vec<(usize, usize)> = doc
        .clauses
        .iter()
        .filter(|c| c.section == Some(si))
        .map(|c| (c.text_span.start.min(c.marker.start), c.text_span.end.max(c.marker.end)))
        .collect();
    clauses.sort();
    let mut parts = Vec::new();
    for p in &doc.prose {
        if p.section == Some(si) && !p.structural && p.kind != ProseKind::Heading {
            let mut at = p.span.start;
            let mut kept = String::new();
            for &(a, b) in clauses.iter().filter(|(a, b)| *a < p.span.end && *b > p.span.start) {
                if a > at {
                    kept.push_str(&src[at..a]);
                    kept.push(' ');
                }
                at = at.max(b);
            }
            if at < p.span.end {
                kept.push_str(&src[at..p.span.end]);
            }
            let kept = squash(&kept);
            if !kept.trim().is_empty() {
                parts.push(kept);
            }
        }
    }
    parts.join("\n")
}

pub(crate) fn sections<'a>(v: &Version<'a>) -> Vec<SectionInfo<'a>> {
    let mut out = Vec::new();
    for doc in &v.package.documents {
        let src = &v.sources.file(doc.file).text;
        for (i, s) in doc.sections.iter().enumerate() {
            out.push(SectionInfo {
                section: s,
                parent: s.parent.map(|p| doc.sections[p].id.clone()),
                raw_authority: s
                    .attributes
                    .iter()
                    .find(|a| a.key == "authority")
                    .and_then(|a| a.value.clone()),
                own_text: own_text(doc, i, src),
            });
        }
    }
    out
}

pub(crate) fn by_id<'s, 'a>(sections: &'s [SectionInfo<'a>]) -> ById<'s, 'a> {
    sections.iter().map(|s| (s.section.id.as_str(), s)).collect()
}

fn rank(levels: &[String], level: &str) -> Option<usize> {
    levels.iter().position(|l| l == level)
}

/// A level renamed across the whole spec: the old name gone, the new one used.
pub(crate) fn level_renames(
    old_sections: &[SectionInfo<'_>],
    new_sections: &[SectionInfo<'_>],
    new_by_id: &ById<'_, '_>,
) -> Vec<LevelRename> {
    let raw_levels =
        |secs: &[SectionInfo<'_>]| -> HashSet<String> { secs.iter().filter_map(|s| s.raw_authority.clone()).collect() };
    let (old_raw, new_raw) = (raw_levels(old_sections), raw_levels(new_sections));
    let mut level_renames = Vec::new();
    for (from, to) in LEVEL_ALIASES {
        if old_raw.contains(*from) && !new_raw.contains(*from) && new_raw.contains(*to) {
            let n = old_sections
                .iter()
                .filter(|s| s.raw_authority.as_deref() == Some(*from))
                .filter(|s| {
                    new_by_id
                        .get(s.section.id.as_str())
                        .is_some_and(|n| n.raw_authority.as_deref() == Some(*to))
                })
                .count();
            level_renames.push(LevelRename {
                from: from.to_string(),
                to: to.to_string(),
                sections: n,
            });
        }
    }
    level_renames
}

/// Sections by ID, then unmatched ones paired by text (renames): the renamed,
/// removed and added sections, and each renamed section's new ID by its old one.
pub(crate) fn match_sections(
    old_sections: &[SectionInfo<'_>],
    new_sections: &[SectionInfo<'_>],
    old_by_id: &ById<'_, '_>,
    new_by_id: &ById<'_, '_>,
) -> (Vec<SectionChange>, HashMap<String, String>) {
    let mut changes = Vec::new();
    let removed: Vec<&SectionInfo<'_>> = old_sections
        .iter()
        .filter(|s| !new_by_id.contains_key(s.section.id.as_str()))
        .collect();
    let added: Vec<&SectionInfo<'_>> = new_sections
        .iter()
        .filter(|s| !old_by_id.contains_key(s.section.id.as_str()))
        .collect();
    let mut renamed_old: HashSet<&str> = HashSet::new();
    let mut renamed_new: HashSet<&str> = HashSet::new();
    let mut rename_of: HashMap<String, String> = HashMap::new();
    let mut pairs: Vec<(f64, &SectionInfo<'_>, &SectionInfo<'_>)> = Vec::new();
    for o in &removed {
        for n in &added {
            if o.own_text.is_empty() && n.own_text.is_empty() {
                continue;
            }
            let sim = similarity(&o.own_text, &n.own_text);
            if sim >= 0.8 {
                pairs.push((sim, o, n));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (sim, o, n) in pairs {
        if renamed_old.contains(o.section.id.as_str()) || renamed_new.contains(n.section.id.as_str()) {
            continue;
        }
        renamed_old.insert(&o.section.id);
        renamed_new.insert(&n.section.id);
        rename_of.insert(o.section.id.clone(), n.section.id.clone());
        changes.push(SectionChange::Renamed {
            from: o.section.id.clone(),
            to: n.section.id.clone(),
            title: n.section.title.clone(),
            similarity: (sim * 1000.0).round() / 1000.0,
        });
    }
    for o in &removed {
        if !renamed_old.contains(o.section.id.as_str()) {
            changes.push(SectionChange::Removed {
                id: o.section.id.clone(),
                title: o.section.title.clone(),
                authority: o.section.declared_authority.clone(),
            });
        }
    }
    for n in &added {
        if !renamed_new.contains(n.section.id.as_str()) {
            changes.push(SectionChange::Added {
                id: n.section.id.clone(),
                title: n.section.title.clone(),
                authority: n.section.declared_authority.clone(),
            });
        }
    }
    (changes, rename_of)
}

/// The edits of the sections found in both versions (under a new ID too), in
/// the old version's order.
pub(crate) fn matched_section_edits(
    old_sections: &[SectionInfo<'_>],
    new_by_id: &ById<'_, '_>,
    rename_of: &HashMap<String, String>,
    levels: &[String],
    changes: &mut Vec<SectionChange>,
) {
    let matched: Vec<(&SectionInfo<'_>, &SectionInfo<'_>)> = old_sections
        .iter()
        .filter_map(|o| {
            let id = rename_of
                .get(&o.section.id)
                .map(String::as_str)
                .unwrap_or(&o.section.id);
            new_by_id.get(id).map(|n| (o, *n))
        })
        .collect();
    for (o, n) in &matched {
        section_edits(o, n, rename_of, levels, changes);
    }
}

/// One matched pair's move, new title, rewording and authority change.
fn section_edits(
    o: &SectionInfo<'_>,
    n: &SectionInfo<'_>,
    rename_of: &HashMap<String, String>,
    levels: &[String],
    changes: &mut Vec<SectionChange>,
) {
    let id = n.section.id.clone();
    let old_parent = o
        .parent
        .as_ref()
        .map(|p| rename_of.get(p).cloned().unwrap_or_else(|| p.clone()));
    if old_parent != n.parent {
        changes.push(SectionChange::Moved {
            id: id.clone(),
            from_parent: o.parent.clone(),
            to_parent: n.parent.clone(),
        });
    }
    if squash(&o.section.title) != squash(&n.section.title) {
        changes.push(SectionChange::Retitled {
            id: id.clone(),
            from: o.section.title.clone(),
            to: n.section.title.clone(),
        });
    }
    if o.own_text != n.own_text {
        changes.push(SectionChange::Reworded {
            id: id.clone(),
            similarity: (similarity(&o.own_text, &n.own_text) * 1000.0).round() / 1000.0,
            word_diff: word_diff(&o.own_text, &n.own_text),
        });
    }
    let (from, to) = (
        o.section.declared_authority.clone(),
        n.section.declared_authority.clone(),
    );
    if from != to {
        let direction = match (
            from.as_deref().and_then(|f| rank(levels, f)),
            to.as_deref().and_then(|t| rank(levels, t)),
        ) {
            (Some(a), Some(b)) if b < a => Direction::Raised,
            (Some(a), Some(b)) if b > a => Direction::Lowered,
            _ => Direction::Changed,
        };
        changes.push(SectionChange::Authority {
            id,
            from,
            to,
            direction,
        });
    }
}
