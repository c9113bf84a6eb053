//! `--clause`, `--section`, `--authority` and `--tag`: the one selection of
//! sections and cases that `specc test`, `build`, `lint` and `calibrate` share.

use specc_project::Package;
use specc_syntax::canonical_authority;
use std::collections::HashSet;

/// A selection that names what the project does not have: an error with a
/// suggestion, never an empty result.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SelectionError {
    /// `--section` names no section of the project.
    #[error("no section `{id}` in the project{}\nhelp: `specc check --dump-ir` lists every section ID", did_you_mean(.suggestion))]
    UnknownSection { id: String, suggestion: Option<String> },
    /// `--authority` names a level outside the chain of command.
    #[error("`{level}` is not an authority level of this project (levels, highest first: {})\nhelp: set the chain of command with `[spec] authority` in specc.toml", .levels.join(", "))]
    UnknownAuthority { level: String, levels: Vec<String> },
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default()
}

/// What was asked for, as typed (the flags every selecting command flattens).
#[derive(Clone, Debug, Default)]
pub struct SelectionRequest<'a> {
    pub clauses: &'a [String],
    pub sections: &'a [String],
    pub authority: &'a [String],
    pub tags: &'a [String],
}

/// The sections and cases selected. `None` in a field selects everything.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    clauses: Option<HashSet<String>>,
    /// Named sections and all their subsections.
    sections: Option<HashSet<String>>,
    /// Levels after aliasing (`platform` reads as `root`).
    authority: Option<HashSet<String>>,
    tags: Option<HashSet<String>>,
}

/// What a selection decides a case by: every case of one test file has the same.
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    pub clause: Option<&'a str>,
    pub section: Option<&'a str>,
    pub authority: Option<&'a str>,
    pub tags: &'a [String],
}

impl Selection {
    /// Everything.
    pub fn all() -> Selection {
        Selection::default()
    }

    /// Checks the names against the package: an unknown section ID or level
    /// is an error. Clause IDs are not checked here: `specc test` says when no
    /// case matches.
    pub fn new(pkg: &Package, request: &SelectionRequest<'_>) -> Result<Selection, SelectionError> {
        let mut sel = Selection::default();
        if !request.clauses.is_empty() {
            sel.clauses = Some(request.clauses.iter().cloned().collect());
        }
        if !request.sections.is_empty() {
            let mut chosen = HashSet::new();
            for id in request.sections {
                let mut found = false;
                for d in &pkg.documents {
                    for (i, _) in d.sections.iter().enumerate().filter(|(_, s)| &s.id == id) {
                        found = true;
                        // The section and every section whose ancestor chain reaches it.
                        for (j, s) in d.sections.iter().enumerate() {
                            if d.ancestors(j).any(|a| a == i) {
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
                    return Err(SelectionError::UnknownSection {
                        id: id.clone(),
                        suggestion: specc_diagnostics::closest(id, all).map(str::to_string),
                    });
                }
            }
            sel.sections = Some(chosen);
        }
        if !request.authority.is_empty() {
            let levels = pkg.config.authority_levels();
            let mut chosen = HashSet::new();
            for l in request.authority {
                let l = canonical_authority(l);
                if !levels.iter().any(|x| x == l) {
                    return Err(SelectionError::UnknownAuthority {
                        level: l.to_string(),
                        levels,
                    });
                }
                chosen.insert(l.to_string());
            }
            sel.authority = Some(chosen);
        }
        if !request.tags.is_empty() {
            sel.tags = Some(request.tags.iter().cloned().collect());
        }
        Ok(sel)
    }

    /// Whether `--section` named this section or one of its ancestors.
    pub fn names_section(&self, id: &str) -> bool {
        self.sections.as_ref().is_some_and(|s| s.contains(id))
    }

    /// Whether a section (or a case graded against it) is selected, clauses aside.
    pub fn keeps(&self, section: Option<&str>, authority: Option<&str>, tags: &[String]) -> bool {
        if let Some(s) = &self.sections
            && !section.is_some_and(|id| s.contains(id))
        {
            return false;
        }
        if let Some(a) = &self.authority
            && !authority.is_some_and(|l| a.contains(canonical_authority(l)))
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

    /// Whether a case is selected: its clause (when `--clause` names any),
    /// then its section, authority and tags.
    pub fn keeps_case(&self, scope: Scope<'_>) -> bool {
        if let Some(c) = &self.clauses
            && !scope.clause.is_some_and(|id| c.contains(id))
        {
            return false;
        }
        self.keeps(scope.section, scope.authority, scope.tags)
    }
}
