//! Clauses matched across versions by footnote ID.

use crate::{ClauseChange, Version, similarity, squash, word_diff};
use std::collections::{BTreeMap, HashMap};

/// Each clause ID's first text and section, in ID order.
fn clause_map(v: &Version<'_>) -> BTreeMap<String, (String, Option<String>)> {
    let mut m = BTreeMap::new();
    for d in &v.package.documents {
        for c in &d.clauses {
            m.entry(c.id.clone())
                .or_insert((squash(&c.text), c.section.map(|s| d.sections[s].id.clone())));
        }
    }
    m
}

/// Removed, moved and reworded clauses, then added ones. A clause whose
/// section was renamed has not moved.
pub(crate) fn clause_changes(
    old: &Version<'_>,
    new: &Version<'_>,
    rename_of: &HashMap<String, String>,
) -> Vec<ClauseChange> {
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
    clauses
}
