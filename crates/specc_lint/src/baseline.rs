//! Baselines: a team adopting specc on a large spec records today's findings
//! (`specc lint --baseline write`) and from then on sees only new ones
//! (`--baseline use`). A finding is identified by its code, its file and the
//! text of its sentence, never by line numbers, so edits elsewhere do not
//! resurrect old findings, and a finding in edited text shows again.

use serde::{Deserialize, Serialize};
use specc_diagnostics::{Diagnostic, SourceMap};
use std::collections::HashMap;

/// The schema name of baseline files.
pub const BASELINE_SCHEMA: &str = "specc.lint-baseline/1";

/// The file written by `--baseline write`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    pub schema: String,
    pub entries: Vec<Entry>,
}

/// One fingerprint and how many findings share it.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub file: String,
    pub fingerprint: String,
    pub count: usize,
}

/// The fingerprint of a finding: its code, the normalised text of its
/// sentence, and the words it flags.
pub fn fingerprint(d: &Diagnostic, sources: &SourceMap) -> Option<(String, String, String)> {
    let file = sources.get(d.file?)?;
    let text = file.text.as_str();
    let flagged = text.get(d.span.range())?.to_lowercase();
    let sentence = crate::sentence_text(text, d.span);
    let h = xxhash_rust::xxh3::xxh3_64(format!("{}\0{sentence}\0{flagged}", d.code.as_str()).as_bytes());
    Some((d.code.as_str().to_string(), file_key(&file.path), format!("{h:016x}")))
}

/// Files are keyed by name within the project, so a baseline written in one
/// checkout applies in another, and to the next release of the same file.
fn file_key(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

impl Baseline {
    pub fn from_diagnostics(diags: &[Diagnostic], sources: &SourceMap) -> Baseline {
        let mut counts: HashMap<(String, String, String), usize> = HashMap::new();
        for d in diags {
            if let Some(k) = fingerprint(d, sources) {
                *counts.entry(k).or_default() += 1;
            }
        }
        let mut entries: Vec<Entry> = counts
            .into_iter()
            .map(|((code, file, fingerprint), count)| Entry {
                code,
                file,
                fingerprint,
                count,
            })
            .collect();
        entries.sort_by(|a, b| (&a.file, &a.code, &a.fingerprint).cmp(&(&b.file, &b.code, &b.fingerprint)));
        Baseline {
            schema: BASELINE_SCHEMA.to_string(),
            entries,
        }
    }

    /// Removes the findings the baseline knows (each entry absorbs at most its
    /// count) and returns how many were removed.
    pub fn filter(&self, diags: &mut Vec<Diagnostic>, sources: &SourceMap) -> usize {
        let mut left: HashMap<(String, String, String), usize> = self
            .entries
            .iter()
            .map(|e| ((e.code.clone(), e.file.clone(), e.fingerprint.clone()), e.count))
            .collect();
        let before = diags.len();
        diags.retain(|d| match fingerprint(d, sources).and_then(|k| left.get_mut(&k)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - diags.len()
    }
}
