//! Clause-level amendments between two versions of a spec: sections matched by
//! ID (then by text, for renames), clauses by footnote ID, examples by owner and
//! title, test prompts by case ID; a renamed authority level reported once; a
//! semver suggestion with its reasons; and a changelog. Reads the IR only.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use specc_diagnostics::{SourceMap, plural};
use specc_project::Package;
use std::collections::HashMap;

mod cases;
mod clauses;
mod sections;
mod semver;

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

use specc_syntax::text::squash;

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

/// Compares two versions.
pub fn diff(old: &Version<'_>, new: &Version<'_>) -> Diff {
    let levels = new.package.config.authority_levels();
    let old_sections = sections::sections(old);
    let new_sections = sections::sections(new);
    let old_by_id = sections::by_id(&old_sections);
    let new_by_id = sections::by_id(&new_sections);

    let level_renames = sections::level_renames(&old_sections, &new_sections, &new_by_id);
    let (mut changes, rename_of) = sections::match_sections(&old_sections, &new_sections, &old_by_id, &new_by_id);
    sections::matched_section_edits(&old_sections, &new_by_id, &rename_of, &levels, &mut changes);
    let clauses = clauses::clause_changes(old, new, &rename_of);

    // An example's case ID starts with its section's ID: read old ones renamed.
    let none = HashMap::new();
    let examples = cases::case_changes(
        &cases::cases(&old.package.documents, &rename_of),
        &cases::cases(&new.package.documents, &none),
    );
    let test_prompts = cases::case_changes(
        &cases::cases(&old.package.test_files, &none),
        &cases::cases(&new.package.test_files, &none),
    );

    let (bump, reasons) = semver::semver(&level_renames, &changes, &clauses, &examples, &test_prompts);
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

/// The change set as a CHANGELOG entry, grouped the way maintainers write them.
pub fn changelog(d: &Diff, title: &str) -> String {
    let mut breaking = Vec::new();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut removed = Vec::new();
    for r in &d.level_renames {
        changed.push(format!(
            "Renamed the authority level `{}` to `{}` ({}).",
            r.from,
            r.to,
            plural(r.sections, "section", "sections")
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
        let n = |k: usize| plural(k, what, &format!("{what}s"));
        if a > 0 {
            added.push(format!("{}.", n(a)));
        }
        if r > 0 {
            removed.push(format!("{}.", n(r)));
        }
        if c > 0 {
            changed.push(format!("{} edited.", n(c)));
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
