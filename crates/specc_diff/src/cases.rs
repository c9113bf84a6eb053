//! Examples and test prompts matched across versions by case ID and content hash.

use crate::CaseChange;
use specc_syntax::Document;
use std::collections::{BTreeMap, HashMap};

/// Each case's hash by its ID, the owner part of the ID read through `renames`.
pub(crate) fn cases(docs: &[Document], renames: &HashMap<String, String>) -> BTreeMap<String, String> {
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
}

pub(crate) fn case_changes(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Vec<CaseChange> {
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
