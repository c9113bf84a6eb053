//! The semver bump a change set calls for, with its reasons.

use crate::{Bump, CaseChange, ClauseChange, LevelRename, SectionChange};
use specc_diagnostics::plural;

/// The bump so far and the reasons for it, in the order they were noted.
struct Verdict {
    bump: Bump,
    reasons: Vec<String>,
}

impl Verdict {
    fn note(&mut self, b: Bump, why: String) {
        self.bump = self.bump.max(b);
        self.reasons.push(why);
    }
}

/// The semver bump a change set calls for, with the reasons: removing a clause
/// or raising or lowering an authority is major; a new clause or section is
/// minor; rewording, renames, moves and changed examples are patches.
pub(crate) fn semver(
    renames: &[LevelRename],
    sections: &[SectionChange],
    clauses: &[ClauseChange],
    examples: &[CaseChange],
    prompts: &[CaseChange],
) -> (Bump, Vec<String>) {
    let mut v = Verdict {
        bump: Bump::None,
        reasons: Vec::new(),
    };
    major(&mut v, sections, clauses);
    minor(&mut v, sections, clauses);
    patch(&mut v, renames, sections, clauses, examples, prompts);
    (v.bump, v.reasons)
}

/// Removed clauses and changed authorities.
fn major(v: &mut Verdict, sections: &[SectionChange], clauses: &[ClauseChange]) {
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
        v.note(
            Bump::Major,
            format!(
                "major: {} removed ({})",
                plural(removed_clauses.len(), "clause", "clauses"),
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
        v.note(
            Bump::Major,
            format!(
                "major: authority changed in {} ({})",
                plural(authority.len(), "section", "sections"),
                authority.join(", ")
            ),
        );
    }
}

/// Removed sections (their clauses decide whether it is more), added clauses
/// and added sections.
fn minor(v: &mut Verdict, sections: &[SectionChange], clauses: &[ClauseChange]) {
    let removed_sections = sections
        .iter()
        .filter(|s| matches!(s, SectionChange::Removed { .. }))
        .count();
    if removed_sections > 0 {
        v.note(
            Bump::Minor,
            format!(
                "minor: {} removed (their clauses decide whether this is major)",
                plural(removed_sections, "section", "sections")
            ),
        );
    }
    let added_clauses = clauses
        .iter()
        .filter(|c| matches!(c, ClauseChange::Added { .. }))
        .count();
    if added_clauses > 0 {
        v.note(
            Bump::Minor,
            format!("minor: {} added", plural(added_clauses, "clause", "clauses")),
        );
    }
    let added_sections = sections
        .iter()
        .filter(|s| matches!(s, SectionChange::Added { .. }))
        .count();
    if added_sections > 0 {
        v.note(
            Bump::Minor,
            format!("minor: {} added", plural(added_sections, "section", "sections")),
        );
    }
}

/// Renamed levels, edits that keep the meaning, and changed examples.
fn patch(
    v: &mut Verdict,
    renames: &[LevelRename],
    sections: &[SectionChange],
    clauses: &[ClauseChange],
    examples: &[CaseChange],
    prompts: &[CaseChange],
) {
    for r in renames {
        v.note(
            Bump::Patch,
            format!(
                "patch: authority level `{}` renamed to `{}` ({})",
                r.from,
                r.to,
                plural(r.sections, "section", "sections")
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
        v.note(
            Bump::Patch,
            format!(
                "patch: {} (rewording, renames, moves)",
                plural(reworded, "section or clause edit", "section or clause edits")
            ),
        );
    }
    if !examples.is_empty() || !prompts.is_empty() {
        v.note(
            Bump::Patch,
            format!(
                "patch: {} and {}",
                plural(examples.len(), "example change", "example changes"),
                plural(prompts.len(), "test prompt change", "test prompt changes")
            ),
        );
    }
}
