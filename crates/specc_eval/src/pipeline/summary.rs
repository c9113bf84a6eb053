//! A finished run summed up for `specc test`'s outputs: verdict counts per
//! clause (or `§section` for inline examples), per section and per authority
//! level, the grader's calibration beside each, the clauses below the pass
//! threshold; and the run as JUnit XML, written row by row.

use crate::store::{CalibrationRow, GroupResult, Store, StoreError};
use specc_suite::panel::PanelAgreement;
use specc_suite::results::result_key;
use specc_suite::{Verdict, VerdictCounts};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// A run's counts, grouped.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// By clause ID, or `§section` for a section's inline examples.
    pub by_clause: BTreeMap<String, VerdictCounts>,
    /// By `§section`.
    pub by_section: BTreeMap<String, VerdictCounts>,
    /// By authority level (`unranked` without one).
    pub by_authority: BTreeMap<String, VerdictCounts>,
    pub overall: VerdictCounts,
    /// Clause IDs whose pass rate is below the threshold, in ID order.
    pub below_threshold: Vec<String>,
    pub threshold: f64,
    /// Why samples have no verdict: each reason with its number of samples.
    pub error_reasons: Vec<(String, u64)>,
    /// A panel's agreement (Fleiss' kappa), and why its graders gave no verdict.
    pub panel: Option<PanelAgreement>,
    pub panel_errors: Vec<(usize, String, u64)>,
    calibration: Vec<CalibrationRow>,
    /// `§section` of every clause, to find its calibration.
    section_of: HashMap<String, String>,
}

/// How many samples may end without a verdict before a run fails
/// (`--allow-errors`): a number, or a percentage of the samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AllowErrors {
    Count(u64),
    Percent(f64),
}

impl Default for AllowErrors {
    fn default() -> Self {
        AllowErrors::Count(0)
    }
}

impl std::str::FromStr for AllowErrors {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a number of samples (`3`) or a percentage (`5%`)");
        match s.trim().strip_suffix('%') {
            Some(p) => {
                let p: f64 = p.trim().parse().map_err(|_| bad())?;
                if !(0.0..=100.0).contains(&p) {
                    return Err(bad());
                }
                Ok(AllowErrors::Percent(p))
            }
            None => s.trim().parse().map(AllowErrors::Count).map_err(|_| bad()),
        }
    }
}

impl AllowErrors {
    /// The most errors allowed among `samples`.
    pub fn limit(self, samples: u64) -> u64 {
        match self {
            AllowErrors::Count(n) => n,
            AllowErrors::Percent(p) => (p / 100.0 * samples as f64).floor() as u64,
        }
    }
}

impl Summary {
    /// Sums the per-group counts of a run. `strict`: unclear verdicts and
    /// errors count as failures when comparing with the threshold.
    pub fn new(results: &[GroupResult], calibration: Vec<CalibrationRow>, threshold: f64, strict: bool) -> Summary {
        let mut s = Summary {
            threshold,
            calibration,
            ..Default::default()
        };
        for r in results {
            let section = format!("§{}", r.section.as_deref().unwrap_or_default());
            if let Some(c) = &r.clause {
                s.section_of.insert(c.clone(), section.clone());
            }
            let key = result_key(r.clause.as_deref(), r.section.as_deref());
            let level = r.authority.clone().unwrap_or_else(|| "unranked".into());
            for t in [
                s.by_clause.entry(key).or_default(),
                s.by_authority.entry(level).or_default(),
                s.by_section.entry(section).or_default(),
                &mut s.overall,
            ] {
                t.add(&r.counts);
            }
        }
        s.below_threshold = s
            .by_clause
            .iter()
            .filter(|(k, t)| !k.starts_with('§') && t.rate(strict).is_some_and(|r| r.rate < threshold))
            .map(|(k, _)| k.clone())
            .collect();
        s
    }

    /// The grader's calibration for a row: its section's (`§id`), a clause's
    /// through its section.
    pub fn calibration(&self, key: &str) -> Option<&CalibrationRow> {
        let owner = if key.starts_with('§') {
            key
        } else {
            self.section_of.get(key)?.as_str()
        };
        self.calibration.iter().find(|c| c.owner == owner)
    }

    /// With the reasons samples have no verdict ([`Store::error_reasons`]).
    pub fn with_error_reasons(mut self, reasons: Vec<(String, u64)>) -> Summary {
        self.error_reasons = reasons;
        self
    }

    /// With a panel's agreement and its graders' errors, when the run had a panel.
    pub fn with_panel(mut self, store: &Store, run: i64) -> Result<Summary, StoreError> {
        self.panel = store.panel_agreement(run)?;
        self.panel_errors = store.panel_errors(run)?;
        Ok(self)
    }

    /// Whether more samples ended in error than `allow` lets pass: a run
    /// that tested nothing must not read as a green one.
    pub fn too_many_errors(&self, allow: AllowErrors) -> bool {
        self.overall.errors > allow.limit(self.overall.total())
    }

    /// The clause rows (not `§section` ones), then sections, then authority
    /// levels: the order of `specc test`'s table.
    pub fn rows(&self) -> impl Iterator<Item = (&String, &VerdictCounts)> {
        self.by_clause
            .iter()
            .filter(|(k, _)| !k.starts_with('§'))
            .chain(self.by_section.iter())
            .chain(self.by_authority.iter())
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A JUnit report that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum JunitError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write the report: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes run `run` as JUnit XML, one testcase per (case, sample), row by row
/// (classname: the clause ID, or `section.<id>`). `strict`: unclear is a
/// failure, not skipped.
pub fn write_junit(w: &mut dyn Write, store: &Store, run: i64, strict: bool) -> Result<(), JunitError> {
    let (tests, failures, errors) = store.sample_counts(run)?;
    writeln!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"specc\">"
    )?;
    writeln!(
        w,
        "<testsuite name=\"specc run {run}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
    )?;
    store.for_each_sample(run, &mut |r| -> Result<(), JunitError> {
        let class = r
            .clause
            .clone()
            .unwrap_or_else(|| format!("section.{}", r.section.clone().unwrap_or_default()));
        write!(
            w,
            "  <testcase classname=\"{}\" name=\"{}#{}\">",
            xml_escape(&class),
            xml_escape(&r.case),
            r.sample
        )?;
        match r.verdict {
            Some(Verdict::Pass) => {}
            Some(Verdict::Fail) => write!(
                w,
                "<failure message=\"{}\"/>",
                xml_escape(r.rationale.as_deref().unwrap_or(""))
            )?,
            Some(Verdict::Unclear) if strict => write!(w, "<failure message=\"unclear\"/>")?,
            Some(Verdict::Unclear) => write!(w, "<skipped message=\"unclear\"/>")?,
            None => write!(
                w,
                "<error message=\"{}\"/>",
                xml_escape(r.error.as_deref().unwrap_or("no verdict"))
            )?,
        }
        writeln!(w, "</testcase>")?;
        Ok(())
    })?;
    write!(w, "</testsuite>\n</testsuites>\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(clause: Option<&str>, section: &str, authority: &str, pass: u64, fail: u64) -> GroupResult {
        GroupResult {
            clause: clause.map(str::to_string),
            section: Some(section.into()),
            authority: Some(authority.into()),
            counts: VerdictCounts {
                pass,
                fail,
                ..Default::default()
            },
        }
    }

    #[test]
    fn groups_add_up_and_clauses_below_the_threshold_are_named() {
        let calibration = vec![CalibrationRow {
            owner: "§fees".into(),
            items: 4,
            tpr: Some(0.5),
            tnr: Some(1.0),
            kappa: Some(0.5),
        }];
        let s = Summary::new(
            &[
                group(Some("aaaa"), "fees", "system", 9, 1),
                group(Some("bbbb"), "fees", "system", 1, 3),
                group(None, "tone", "user", 2, 0),
            ],
            calibration,
            0.8,
            false,
        );
        assert_eq!(s.below_threshold, ["bbbb"]);
        assert_eq!((s.overall.pass, s.overall.fail), (12, 4));
        assert_eq!(s.by_section["§fees"].graded(), 14);
        assert_eq!(s.by_authority["user"].pass, 2);
        assert!(s.calibration("bbbb").is_some_and(|c| c.unreliable()));
        assert!(s.calibration("§tone").is_none());
        let rows: Vec<&str> = s.rows().map(|(k, _)| k.as_str()).collect();
        assert_eq!(rows, ["aaaa", "bbbb", "§fees", "§tone", "system", "user"]);
    }

    #[test]
    fn errors_fail_a_run_unless_allowed() {
        let mut g = group(Some("aaaa"), "fees", "system", 18, 0);
        g.counts.errors = 2;
        let s = Summary::new(&[g], Vec::new(), 0.8, false);
        assert!(s.too_many_errors(AllowErrors::default()));
        assert!(s.too_many_errors("1".parse().unwrap()));
        assert!(!s.too_many_errors("2".parse().unwrap()));
        assert!(!s.too_many_errors("10%".parse().unwrap()), "10% of 20 samples is 2");
        assert!(s.too_many_errors("9.9%".parse().unwrap()));
        for bad in ["-1", "five", "101%", "%"] {
            assert!(bad.parse::<AllowErrors>().is_err(), "{bad}");
        }
    }
}
