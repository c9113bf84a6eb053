//! `--section`, `--authority` and `--tag`: which sections and cases a target takes.

use crate::BuildError;
use specc_project::Package;
use specc_syntax::Document;
use std::collections::HashSet;

/// The sections a build selects. Empty lists select everything.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Named sections and all their subsections.
    sections: Option<HashSet<String>>,
    /// Levels after aliasing (`platform` reads as `root`).
    authority: Option<HashSet<String>>,
    tags: Option<HashSet<String>>,
}

impl Selection {
    /// Everything.
    pub fn all() -> Selection {
        Selection::default()
    }

    /// Checks the names against the package: an unknown section ID or level is an
    /// error (with a suggestion), never an empty build.
    pub fn new(
        pkg: &Package,
        sections: &[String],
        authority: &[String],
        tags: &[String],
    ) -> Result<Selection, BuildError> {
        let mut sel = Selection::default();
        if !sections.is_empty() {
            let mut chosen = HashSet::new();
            for id in sections {
                let mut found = false;
                for d in &pkg.documents {
                    for (i, _) in d.sections.iter().enumerate().filter(|(_, s)| &s.id == id) {
                        found = true;
                        // The section and every section whose ancestor chain reaches it.
                        for (j, s) in d.sections.iter().enumerate() {
                            if ancestors(d, j).any(|a| a == i) {
                                chosen.insert(s.id.clone());
                            }
                        }
                    }
                }
                if !found {
                    let all = pkg
                        .documents
                        .iter()
                        .flat_map(|d| d.sections.iter().map(|s| s.id.as_str()));
                    return Err(BuildError::UnknownSection {
                        id: id.clone(),
                        suggestion: specc_check::closest(id, all).map(str::to_string),
                    });
                }
            }
            sel.sections = Some(chosen);
        }
        if !authority.is_empty() {
            let levels = pkg.config.authority_levels();
            let mut chosen = HashSet::new();
            for l in authority {
                let l = if l == "platform" { "root" } else { l.as_str() };
                if !levels.iter().any(|x| x == l) {
                    return Err(BuildError::UnknownAuthority {
                        level: l.to_string(),
                        levels,
                    });
                }
                chosen.insert(l.to_string());
            }
            sel.authority = Some(chosen);
        }
        if !tags.is_empty() {
            sel.tags = Some(tags.iter().cloned().collect());
        }
        Ok(sel)
    }

    /// Whether `--section` named this section or one of its ancestors.
    pub fn names_section(&self, id: &str) -> bool {
        self.sections.as_ref().is_some_and(|s| s.contains(id))
    }

    /// Whether a section (or a case graded against it) is selected.
    pub fn keeps(&self, section: Option<&str>, authority: Option<&str>, tags: &[String]) -> bool {
        if let Some(s) = &self.sections
            && !section.is_some_and(|id| s.contains(id))
        {
            return false;
        }
        if let Some(a) = &self.authority
            && !authority.is_some_and(|l| a.contains(l))
        {
            return false;
        }
        if let Some(t) = &self.tags
            && !tags.iter().any(|x| t.contains(x))
        {
            return false;
        }
        true
    }
}

/// The section itself, then its parent, up to the top.
pub(crate) fn ancestors(d: &Document, i: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(Some(i), move |&j| d.sections[j].parent)
}
