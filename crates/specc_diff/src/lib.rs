//! Clause-level amendments between two versions of a spec: sections matched by
//! ID (then by text, for renames), clauses by footnote ID, examples by owner and
//! title, test prompts by case ID; a renamed authority level reported once; a
//! semver suggestion with its reasons; and a changelog. Reads the IR only.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use specc_diagnostics::SourceMap;
use specc_project::Package;
use specc_syntax::{Document, ProseKind, Section};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The JSON schema name of `specc diff --format json`.
pub const DIFF_SCHEMA: &str = "specc.diff/1";

/// Level names that mean the same level (old name, new name).
const LEVEL_ALIASES: &[(&str, &str)] = &[("platform", "root")];

/// One version of a spec: its root package and the sources it was read from.
pub struct Version<'a> {
    pub package: &'a Package,
    pub sources: &'a SourceMap,
}

/// How big a change set is, by semantic versioning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

/// A renamed authority level, reported once rather than once per section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelRename {
    pub from: String,
    pub to: String,
    pub sections: usize,
}

/// One section's change.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum SectionChange {
    Added {
        id: String,
        title: String,
        authority: Option<String>,
    },
    Removed {
        id: String,
        title: String,
        authority: Option<String>,
    },
    /// The ID changed; the text stayed substantially the same.
    Renamed {
        from: String,
        to: String,
        title: String,
        similarity: f64,
    },
    /// The parent section changed.
    Moved {
        id: String,
        from_parent: Option<String>,
        to_parent: Option<String>,
    },
    Retitled {
        id: String,
        from: String,
        to: String,
    },
    /// The section's own normative prose changed.
    Reworded {
        id: String,
        similarity: f64,
        word_diff: String,
    },
    /// The declared authority changed, beyond a renamed level.
    Authority {
        id: String,
        from: Option<String>,
        to: Option<String>,
        direction: Direction,
    },
}

/// Which way an authority moved in the chain of command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Raised,
    Lowered,
    Changed,
}

/// One clause's change.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ClauseChange {
    Added {
        id: String,
        section: Option<String>,
        text: String,
    },
    Removed {
        id: String,
        section: Option<String>,
        text: String,
    },
    Reworded {
        id: String,
        section: Option<String>,
        similarity: f64,
        word_diff: String,
    },
    Moved {
        id: String,
        from: Option<String>,
        to: Option<String>,
    },
}

/// One example's or test prompt's change.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum CaseChange {
    Added { id: String },
    Removed { id: String },
    Changed { id: String },
}

/// Everything that changed between two versions.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    pub schema: &'static str,
    pub level_renames: Vec<LevelRename>,
    pub sections: Vec<SectionChange>,
    pub clauses: Vec<ClauseChange>,
    pub examples: Vec<CaseChange>,
    pub test_prompts: Vec<CaseChange>,
    pub bump: Bump,
    pub reasons: Vec<String>,
}

struct SectionInfo<'a> {
    section: &'a Section,
    parent: Option<String>,
    raw_authority: Option<String>,
    own_text: String,
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The normative prose a section holds itself (not its subsections'), joined.
fn own_text(doc: &Document, si: usize, src: &str) -> String {
    let mut parts = Vec::new();
    for p in &doc.prose {
        if p.section == Some(si) && !p.structural && p.kind != ProseKind::Heading {
            parts.push(squash(&src[p.span.range()]));
        }
    }
    parts.join("\n")
}

fn sections<'a>(v: &Version<'a>) -> Vec<SectionInfo<'a>> {
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

/// Similarity of two texts by words, 0 to 1.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    TextDiff::from_words(a, b).ratio() as f64
}

/// A word diff: `[-removed-]{+added+}` around changed words.
pub fn word_diff(a: &str, b: &str) -> String {
    let diff = TextDiff::from_words(a, b);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => out.push_str(change.value()),
            ChangeTag::Delete => {
                out.push_str("[-");
                out.push_str(change.value());
                out.push_str("-]");
            }
            ChangeTag::Insert => {
                out.push_str("{+");
                out.push_str(change.value());
                out.push_str("+}");
            }
        }
    }
    out.replace("-][-", "").replace("+}{+", "")
}

fn rank(levels: &[String], level: &str) -> Option<usize> {
    levels.iter().position(|l| l == level)
}

/// Compares two versions.
pub fn diff(old: &Version<'_>, new: &Version<'_>) -> Diff {
    let levels = new.package.config.authority_levels();
    let old_sections = sections(old);
    let new_sections = sections(new);
    let old_by_id: HashMap<&str, &SectionInfo<'_>> = old_sections.iter().map(|s| (s.section.id.as_str(), s)).collect();
    let new_by_id: HashMap<&str, &SectionInfo<'_>> = new_sections.iter().map(|s| (s.section.id.as_str(), s)).collect();

    // A level renamed across the whole spec: the old name gone, the new one used.
    let raw_levels =
        |secs: &[SectionInfo<'_>]| -> HashSet<String> { secs.iter().filter_map(|s| s.raw_authority.clone()).collect() };
    let (old_raw, new_raw) = (raw_levels(&old_sections), raw_levels(&new_sections));
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

    // Sections: by ID, then unmatched ones paired by text (renames).
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
                from.as_deref().and_then(|f| rank(&levels, f)),
                to.as_deref().and_then(|t| rank(&levels, t)),
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

    // Clauses by footnote ID.
    let clause_map = |v: &Version<'_>| -> BTreeMap<String, (String, Option<String>)> {
        let mut m = BTreeMap::new();
        for d in &v.package.documents {
            for c in &d.clauses {
                m.entry(c.id.clone())
                    .or_insert((squash(&c.text), c.section.map(|s| d.sections[s].id.clone())));
            }
        }
        m
    };
    let (oc, nc) = (clause_map(old), clause_map(new));
    let mut clauses = Vec::new();
    for (id, (text, section)) in &oc {
        match nc.get(id) {
            None => clauses.push(ClauseChange::Removed {
                id: id.clone(),
                section: section.clone(),
                text: text.clone(),
            }),
            Some((nt, ns)) => {
                let mapped = section
                    .as_ref()
                    .map(|s| rename_of.get(s).cloned().unwrap_or_else(|| s.clone()));
                if &mapped != ns {
                    clauses.push(ClauseChange::Moved {
                        id: id.clone(),
                        from: section.clone(),
                        to: ns.clone(),
                    });
                }
                if text != nt {
                    clauses.push(ClauseChange::Reworded {
                        id: id.clone(),
                        section: ns.clone(),
                        similarity: (similarity(text, nt) * 1000.0).round() / 1000.0,
                        word_diff: word_diff(text, nt),
                    });
                }
            }
        }
    }
    for (id, (text, section)) in &nc {
        if !oc.contains_key(id) {
            clauses.push(ClauseChange::Added {
                id: id.clone(),
                section: section.clone(),
                text: text.clone(),
            });
        }
    }

    // Examples and test prompts by case ID and content hash.
    let cases = |docs: &[Document], renames: &HashMap<String, String>| -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        for d in docs {
            for ex in &d.examples {
                for c in &ex.cases {
                    let id = match c.id.split_once(':') {
                        Some((owner, rest)) => {
                            format!("{}:{rest}", renames.get(owner).map(String::as_str).unwrap_or(owner))
                        }
                        None => c.id.clone(),
                    };
                    m.insert(id, c.hash.clone());
                }
            }
        }
        m
    };
    let none = HashMap::new();
    let examples = case_changes(
        &cases(&old.package.documents, &rename_of),
        &cases(&new.package.documents, &none),
    );
    let test_prompts = case_changes(
        &cases(&old.package.test_files, &none),
        &cases(&new.package.test_files, &none),
    );

    let (bump, reasons) = semver(&level_renames, &changes, &clauses, &examples, &test_prompts);
    Diff {
        schema: DIFF_SCHEMA,
        level_renames,
        sections: changes,
        clauses,
        examples,
        test_prompts,
        bump,
        reasons,
    }
}

fn case_changes(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Vec<CaseChange> {
    let mut out = Vec::new();
    for (id, h) in old {
        match new.get(id) {
            None => out.push(CaseChange::Removed { id: id.clone() }),
            Some(nh) if nh != h => out.push(CaseChange::Changed { id: id.clone() }),
            Some(_) => {}
        }
    }
    for id in new.keys() {
        if !old.contains_key(id) {
            out.push(CaseChange::Added { id: id.clone() });
        }
    }
    out
}

/// The semver bump a change set calls for, with the reasons: removing a clause
/// or raising or lowering an authority is major; a new clause or section is
/// minor; rewording, renames, moves and changed examples are patches.
fn semver(
    renames: &[LevelRename],
    sections: &[SectionChange],
    clauses: &[ClauseChange],
    examples: &[CaseChange],
    prompts: &[CaseChange],
) -> (Bump, Vec<String>) {
    let mut bump = Bump::None;
    let mut reasons = Vec::new();
    let mut note = |b: Bump, why: String| {
        bump = bump.max(b);
        reasons.push(why);
    };
    let removed_clauses: Vec<&str> = clauses
        .iter()
        .filter_map(|c| {
            if let ClauseChange::Removed { id, .. } = c {
                Some(id.as_str())
            } else {
                None
            }
        })
        .collect();
    if !removed_clauses.is_empty() {
        note(
            Bump::Major,
            format!(
                "major: {} clause(s) removed ({})",
                removed_clauses.len(),
                removed_clauses.join(", ")
            ),
        );
    }
    let authority: Vec<String> = sections
        .iter()
        .filter_map(|s| match s {
            SectionChange::Authority { id, from, to, .. } => Some(format!(
                "{id} {}→{}",
                from.as_deref().unwrap_or("none"),
                to.as_deref().unwrap_or("none")
            )),
            _ => None,
        })
        .collect();
    if !authority.is_empty() {
        note(
            Bump::Major,
            format!(
                "major: authority changed in {} section(s) ({})",
                authority.len(),
                authority.join(", ")
            ),
        );
    }
    let removed_sections = sections
        .iter()
        .filter(|s| matches!(s, SectionChange::Removed { .. }))
        .count();
    if removed_sections > 0 {
        note(
            Bump::Minor,
            format!("minor: {removed_sections} section(s) removed (their clauses decide whether this is major)"),
        );
    }
    let added_clauses = clauses
        .iter()
        .filter(|c| matches!(c, ClauseChange::Added { .. }))
        .count();
    if added_clauses > 0 {
        note(Bump::Minor, format!("minor: {added_clauses} clause(s) added"));
    }
    let added_sections = sections
        .iter()
        .filter(|s| matches!(s, SectionChange::Added { .. }))
        .count();
    if added_sections > 0 {
        note(Bump::Minor, format!("minor: {added_sections} section(s) added"));
    }
    for r in renames {
        note(
            Bump::Patch,
            format!(
                "patch: authority level `{}` renamed to `{}` ({} sections)",
                r.from, r.to, r.sections
            ),
        );
    }
    let reworded = sections
        .iter()
        .filter(|s| {
            !matches!(
                s,
                SectionChange::Added { .. } | SectionChange::Removed { .. } | SectionChange::Authority { .. }
            )
        })
        .count()
        + clauses
            .iter()
            .filter(|c| matches!(c, ClauseChange::Reworded { .. } | ClauseChange::Moved { .. }))
            .count();
    if reworded > 0 {
        note(
            Bump::Patch,
            format!("patch: {reworded} section or clause edit(s) (rewording, renames, moves)"),
        );
    }
    if !examples.is_empty() || !prompts.is_empty() {
        note(
            Bump::Patch,
            format!(
                "patch: {} example and {} test prompt change(s)",
                examples.len(),
                prompts.len()
            ),
        );
    }
    (bump, reasons)
}

/// The change set as a CHANGELOG entry, grouped the way maintainers write them.
pub fn changelog(d: &Diff, title: &str) -> String {
    let mut breaking = Vec::new();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut removed = Vec::new();
    for r in &d.level_renames {
        changed.push(format!(
            "Renamed the authority level `{}` to `{}` ({} sections).",
            r.from, r.to, r.sections
        ));
    }
    for s in &d.sections {
        match s {
            SectionChange::Added { id, title, .. } => added.push(format!("Section \"{title}\" (`{id}`).")),
            SectionChange::Removed { id, title, .. } => removed.push(format!("Section \"{title}\" (`{id}`).")),
            SectionChange::Renamed { from, to, title, .. } => {
                changed.push(format!("Section \"{title}\": ID `{from}` is now `{to}`."))
            }
            SectionChange::Moved { id, to_parent, .. } => changed.push(format!(
                "Moved section `{id}` under `{}`.",
                to_parent.as_deref().unwrap_or("the top level")
            )),
            SectionChange::Retitled { id, from, to } => {
                changed.push(format!("Retitled `{id}` from \"{from}\" to \"{to}\"."))
            }
            SectionChange::Reworded { id, .. } => changed.push(format!("Reworded section `{id}`.")),
            SectionChange::Authority {
                id,
                from,
                to,
                direction,
            } => breaking.push(format!(
                "{} the authority of `{id}` from {} to {}.",
                match direction {
                    Direction::Raised => "Raised",
                    Direction::Lowered => "Lowered",
                    Direction::Changed => "Changed",
                },
                from.as_deref().unwrap_or("none"),
                to.as_deref().unwrap_or("none")
            )),
        }
    }
    for c in &d.clauses {
        match c {
            ClauseChange::Added { id, section, .. } => {
                added.push(format!("Clause `{id}` in `{}`.", section.as_deref().unwrap_or("-")))
            }
            ClauseChange::Removed { id, section, .. } => breaking.push(format!(
                "Removed clause `{id}` (was in `{}`).",
                section.as_deref().unwrap_or("-")
            )),
            ClauseChange::Reworded { id, .. } => changed.push(format!("Reworded clause `{id}`.")),
            ClauseChange::Moved { id, to, .. } => {
                changed.push(format!("Moved clause `{id}` to `{}`.", to.as_deref().unwrap_or("-")))
            }
        }
    }
    let count = |v: &[CaseChange], f: fn(&CaseChange) -> bool| v.iter().filter(|c| f(c)).count();
    for (what, v) in [("example", &d.examples), ("test prompt", &d.test_prompts)] {
        let (a, r, c) = (
            count(v, |c| matches!(c, CaseChange::Added { .. })),
            count(v, |c| matches!(c, CaseChange::Removed { .. })),
            count(v, |c| matches!(c, CaseChange::Changed { .. })),
        );
        if a > 0 {
            added.push(format!("{a} {what}(s)."));
        }
        if r > 0 {
            removed.push(format!("{r} {what}(s)."));
        }
        if c > 0 {
            changed.push(format!("{c} {what}(s) edited."));
        }
    }
    let mut out = format!("## {title}\n\nSuggested version bump: **{:?}**.\n", d.bump).replace("**None**", "**none**");
    for (heading, items) in [
        ("Breaking", breaking),
        ("Added", added),
        ("Changed", changed),
        ("Removed", removed),
    ] {
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {heading}\n\n"));
        for i in items {
            out.push_str(&format!("- {i}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_changed_words() {
        assert_eq!(
            word_diff("be kind to users", "be kind to all users"),
            "be kind to {+all +}users"
        );
        assert_eq!(word_diff("must cite", "should cite"), "[-must-]{+should+} cite");
        assert!(similarity("a b c d", "a b c d") == 1.0);
    }
}
