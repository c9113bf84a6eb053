//! `specc compare` (#report): per-clause changes in pass rate between two runs,
//! each tested with a two-proportion test (`stats.rs`), and the cases that
//! newly fail or were fixed.
//!
//! Pass rates count samples, pass over pass plus fail, as `specc test` does;
//! unclear verdicts and errors are shown beside them and never counted. A
//! clause *regressed* when its rate dropped and the test's p-value is below
//! alpha. No correction for testing many clauses at once is applied: with 100
//! clauses and alpha 0.05 about five changes are expected by chance alone when
//! nothing changed, so a lower `--alpha` suits large specs. Samples of one case
//! are treated as independent trials, which they are only approximately.

use crate::stats::{ProportionTest, two_proportion_test};
use serde::Serialize;
use specc_suite::VerdictCounts;
use specc_suite::results::{CaseOutcome, RunInfo, UnpassedSample};
use std::collections::{BTreeMap, HashMap};

/// How a clause fared from run A to run B.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    /// The rate dropped, significantly.
    Regressed,
    /// The rate rose, significantly.
    Improved,
    /// No significant change.
    Unchanged,
    /// Graded in one run only, or with no graded sample in one of them: not tested.
    NotComparable,
}

/// One clause (or section) in both runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClauseChange {
    /// The clause ID, or `§section` for a section's inline examples.
    pub id: String,
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    /// Verdict counts in run A; `None` when the clause had no case in it.
    pub a: Option<VerdictCounts>,
    pub b: Option<VerdictCounts>,
    pub rate_a: Option<f64>,
    pub rate_b: Option<f64>,
    /// `rate_b - rate_a`, when both exist.
    pub change: Option<f64>,
    pub test: Option<ProportionTest>,
    pub status: ChangeStatus,
}

/// A case that passed in one run and failed in the other.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseChange {
    pub case: String,
    /// The clause ID, or `§section`.
    pub owner: String,
    pub a: VerdictCounts,
    pub b: VerdictCounts,
    /// The case's prompt or expectations were edited between the runs.
    pub edited: bool,
    /// For a new failure, the first failing sample's rationale in run B.
    pub rationale: Option<String>,
}

/// The comparison of two runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub schema: &'static str,
    pub run_a: RunInfo,
    pub run_b: RunInfo,
    pub alpha: f64,
    /// Every clause or section graded in either run, in ID order.
    pub clauses: Vec<ClauseChange>,
    /// Cases that passed in A (some sample passed, none failed) and failed in B (some sample failed).
    pub new_failures: Vec<CaseChange>,
    /// Cases that failed in A and passed in B.
    pub fixes: Vec<CaseChange>,
    pub summary: Summary,
}

/// Counts of what changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub clauses: usize,
    pub regressed: usize,
    pub improved: usize,
    pub not_comparable: usize,
    pub new_failures: usize,
    pub fixes: usize,
}

impl Comparison {
    /// The clauses that regressed significantly.
    pub fn regressions(&self) -> impl Iterator<Item = &ClauseChange> {
        self.clauses.iter().filter(|c| c.status == ChangeStatus::Regressed)
    }
}

/// Compares run A with run B. `unpassed_b` supplies the rationale shown with
/// each new failure (the first failing sample of the case in B).
pub fn compare(
    run_a: RunInfo,
    a: &[CaseOutcome],
    run_b: RunInfo,
    b: &[CaseOutcome],
    unpassed_b: &[UnpassedSample],
    alpha: f64,
) -> Comparison {
    // A partial run is compared only on the cases it ran: like with like.
    let partial = run_a.scope.is_some() || run_b.scope.is_some();
    let in_a: std::collections::HashSet<&str> = a.iter().map(|o| o.case.as_str()).collect();
    let in_b: std::collections::HashSet<&str> = b.iter().map(|o| o.case.as_str()).collect();
    let a: Vec<CaseOutcome> = a
        .iter()
        .filter(|o| !partial || in_b.contains(o.case.as_str()))
        .cloned()
        .collect();
    let b: Vec<CaseOutcome> = b
        .iter()
        .filter(|o| !partial || in_a.contains(o.case.as_str()))
        .cloned()
        .collect();
    let (a, b) = (a.as_slice(), b.as_slice());
    struct Group {
        clause: Option<String>,
        section: Option<String>,
        authority: Option<String>,
        a: Option<VerdictCounts>,
        b: Option<VerdictCounts>,
    }
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for (side, outcomes) in [(0, a), (1, b)] {
        for o in outcomes {
            let g = groups.entry(o.key()).or_insert_with(|| Group {
                clause: o.clause.clone(),
                section: o.section.clone(),
                authority: o.authority.clone(),
                a: None,
                b: None,
            });
            // Run B describes the clause as it is now (its section or level may have moved).
            if side == 1 {
                g.section = o.section.clone();
                g.authority = o.authority.clone();
            }
            let counts = if side == 0 { &mut g.a } else { &mut g.b };
            counts.get_or_insert_with(VerdictCounts::default).add(&o.counts);
        }
    }
    let mut summary = Summary::default();
    let clauses: Vec<ClauseChange> = groups
        .into_iter()
        .map(|(id, g)| {
            let (rate_a, rate_b) = (g.a.and_then(|c| c.pass_rate()), g.b.and_then(|c| c.pass_rate()));
            let test = match (g.a, g.b) {
                (Some(x), Some(y)) => two_proportion_test(x.pass, x.graded(), y.pass, y.graded()),
                _ => None,
            };
            let change = rate_a.zip(rate_b).map(|(x, y)| y - x);
            let status = match (test, change) {
                (Some(t), Some(d)) if t.p_value < alpha && d < 0.0 => ChangeStatus::Regressed,
                (Some(t), Some(d)) if t.p_value < alpha && d > 0.0 => ChangeStatus::Improved,
                (Some(_), Some(_)) => ChangeStatus::Unchanged,
                _ => ChangeStatus::NotComparable,
            };
            match status {
                ChangeStatus::Regressed => summary.regressed += 1,
                ChangeStatus::Improved => summary.improved += 1,
                ChangeStatus::NotComparable => summary.not_comparable += 1,
                ChangeStatus::Unchanged => {}
            }
            ClauseChange {
                id,
                clause: g.clause,
                section: g.section,
                authority: g.authority,
                a: g.a,
                b: g.b,
                rate_a,
                rate_b,
                change,
                test,
                status,
            }
        })
        .collect();
    summary.clauses = clauses.len();

    let before: HashMap<&str, &CaseOutcome> = a.iter().map(|o| (o.case.as_str(), o)).collect();
    let mut first_failure: HashMap<&str, &str> = HashMap::new();
    for s in unpassed_b
        .iter()
        .filter(|s| s.verdict == Some(specc_suite::Verdict::Fail))
    {
        first_failure.entry(s.case.as_str()).or_insert(s.rationale.as_str());
    }
    let counts = |o: &CaseOutcome| o.counts;
    let (mut new_failures, mut fixes) = (Vec::new(), Vec::new());
    for now in b {
        let Some(old) = before.get(now.case.as_str()) else {
            continue;
        };
        let change = |rationale| CaseChange {
            case: now.case.clone(),
            owner: now.key(),
            a: counts(old),
            b: counts(now),
            edited: old.hash != now.hash,
            rationale,
        };
        if old.passed() && now.failed() {
            new_failures.push(change(first_failure.get(now.case.as_str()).map(|r| r.to_string())));
        } else if old.failed() && now.passed() {
            fixes.push(change(None));
        }
    }
    summary.new_failures = new_failures.len();
    summary.fixes = fixes.len();
    Comparison {
        schema: "specc.compare/1",
        run_a,
        run_b,
        alpha,
        clauses,
        new_failures,
        fixes,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(id: i64) -> RunInfo {
        RunInfo {
            id,
            started_at: "2026-01-01 00:00:00".into(),
            finished_at: None,
            status: "complete".into(),
            spec_name: None,
            spec_version: None,
            spec_hash: "h".into(),
            git_rev: None,
            target: "t".into(),
            grader: "g".into(),
            scope: None,
        }
    }

    fn o(case: &str, clause: &str, pass: u64, fail: u64) -> CaseOutcome {
        CaseOutcome {
            case: case.into(),
            hash: "h".into(),
            clause: Some(clause.into()),
            section: Some("s".into()),
            authority: Some("user".into()),
            counts: VerdictCounts {
                pass,
                fail,
                ..Default::default()
            },
        }
    }

    #[test]
    fn a_significant_drop_is_a_regression_and_a_small_one_is_not() {
        let a = [
            o("x:1", "x", 10, 0),
            o("y:1", "y", 10, 0),
            o("z:1", "z", 5, 5),
            o("gone:1", "gone", 3, 0),
        ];
        let b = [
            o("x:1", "x", 0, 10),
            o("y:1", "y", 9, 1),
            o("z:1", "z", 10, 0),
            o("new:1", "new", 1, 0),
        ];
        let fail = UnpassedSample {
            case: "x:1".into(),
            sample: 0,
            clause: Some("x".into()),
            section: None,
            authority: None,
            answer: Some("no".into()),
            verdict: Some(specc_suite::Verdict::Fail),
            rationale: "missing 988".into(),
            error: None,
        };
        let c = compare(info(1), &a, info(2), &b, &[fail], 0.05);
        let status: Vec<_> = c.clauses.iter().map(|c| (c.id.as_str(), c.status)).collect();
        assert_eq!(
            status,
            [
                ("gone", ChangeStatus::NotComparable),
                ("new", ChangeStatus::NotComparable),
                ("x", ChangeStatus::Regressed),
                ("y", ChangeStatus::Unchanged),
                ("z", ChangeStatus::Improved),
            ]
        );
        let x = &c.clauses[2];
        assert!(x.test.unwrap().p_value < 1e-4);
        assert_eq!(x.change, Some(-1.0));
        // z: 5 of 10 to 10 of 10 is p = 0.0325 by Fisher's test: improved at 0.05.
        let z = &c.clauses[4];
        assert!((z.test.unwrap().p_value - 0.032_507_739_938_080_5).abs() < 1e-9);
        let c = compare(info(1), &a, info(2), &b, &[], 0.05);
        assert_eq!(
            (c.summary.regressed, c.summary.improved, c.summary.not_comparable),
            (1, 1, 2)
        );
        assert_eq!(c.regressions().count(), 1);
        assert_eq!(c.new_failures.len(), 2, "x and y newly fail");
        assert_eq!(c.fixes.len(), 1, "z");
        assert_eq!(c.fixes[0].case, "z:1");
    }

    #[test]
    fn improvements_need_significance_too() {
        let a = [o("z:1", "z", 5, 5)];
        let b = [o("z:1", "z", 10, 0)];
        let c = compare(info(1), &a, info(2), &b, &[], 0.05);
        assert_eq!(c.clauses[0].status, ChangeStatus::Improved);
        let c = compare(info(1), &a, info(2), &b, &[], 0.01);
        assert_eq!(c.clauses[0].status, ChangeStatus::Unchanged);
    }
}
