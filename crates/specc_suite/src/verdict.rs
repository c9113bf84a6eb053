//! The results model: a grader's [`Verdict`], and [`VerdictCounts`], the one
//! tally of pass, fail, unclear and error states that `specc test`, the site,
//! the report, `specc compare` and the results database all add up with its
//! pass rate and Wilson interval.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a grader (or a failed deterministic assertion, or a ruling) decided
/// about one answer. An error state is the absence of a verdict, never one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Fail,
    Unclear,
}

impl Verdict {
    /// Every verdict, in the order tables print them.
    pub const ALL: [Verdict; 3] = [Verdict::Pass, Verdict::Fail, Verdict::Unclear];

    /// The word stored in the results database and printed in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Unclear => "unclear",
        }
    }

    /// Reads a stored or printed verdict; anything else is `None`.
    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Verdict counts of any group of samples: a case, a clause, a section, an
/// authority level, a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VerdictCounts {
    pub pass: u64,
    pub fail: u64,
    pub unclear: u64,
    /// Samples without a verdict: no answer, or no readable grade.
    pub errors: u64,
}

/// A pass rate with its 95% Wilson interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PassRate {
    pub rate: f64,
    pub low: f64,
    pub high: f64,
}

impl VerdictCounts {
    /// One sample's outcome: a verdict, or `None` for an error state.
    pub fn record(&mut self, verdict: Option<Verdict>) {
        match verdict {
            Some(Verdict::Pass) => self.pass += 1,
            Some(Verdict::Fail) => self.fail += 1,
            Some(Verdict::Unclear) => self.unclear += 1,
            None => self.errors += 1,
        }
    }

    pub fn add(&mut self, other: &VerdictCounts) {
        self.pass += other.pass;
        self.fail += other.fail;
        self.unclear += other.unclear;
        self.errors += other.errors;
    }

    /// Samples with a pass or fail verdict: what a pass rate is out of.
    pub fn graded(&self) -> u64 {
        self.pass + self.fail
    }

    /// Every sample counted.
    pub fn total(&self) -> u64 {
        self.pass + self.fail + self.unclear + self.errors
    }

    /// Pass over pass plus fail; `None` without a graded sample.
    pub fn pass_rate(&self) -> Option<f64> {
        (self.graded() > 0).then(|| self.pass as f64 / self.graded() as f64)
    }

    /// The pass rate and its interval. `strict`: unclear verdicts and errors
    /// count as failures (`specc test --strict`).
    pub fn rate(&self, strict: bool) -> Option<PassRate> {
        let fails = self.fail + if strict { self.unclear + self.errors } else { 0 };
        let n = self.pass + fails;
        (n > 0).then(|| {
            let (low, high) = wilson(self.pass, n);
            PassRate {
                rate: self.pass as f64 / n as f64,
                low,
                high,
            }
        })
    }
}

/// The Wilson score interval (95%) of `pass` successes in `n` trials.
pub fn wilson(pass: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let (p, n) = (pass as f64 / n as f64, n as f64);
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * ((p * (1.0 - p) / n) + z * z / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_known_values() {
        let (lo, hi) = wilson(8, 10);
        assert!((lo - 0.4902).abs() < 1e-3 && (hi - 0.9433).abs() < 1e-3, "{lo} {hi}");
        assert_eq!(wilson(0, 0), (0.0, 1.0));
        let (lo, hi) = wilson(0, 5);
        assert!(lo == 0.0 && (hi - 0.4345).abs() < 1e-3, "{hi}");
    }

    #[test]
    fn verdicts_read_back_what_they_write_and_nothing_else() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.as_str()), Some(v));
            assert_eq!(serde_json::to_value(v).unwrap(), v.as_str());
        }
        assert_eq!(Verdict::parse("PASS"), None);
        assert_eq!(Verdict::parse("error"), None);
    }

    #[test]
    fn strict_rates_count_unclear_and_errors_as_failures() {
        let mut c = VerdictCounts::default();
        for v in [
            Some(Verdict::Pass),
            Some(Verdict::Pass),
            Some(Verdict::Fail),
            Some(Verdict::Unclear),
            None,
        ] {
            c.record(v);
        }
        assert_eq!((c.pass, c.fail, c.unclear, c.errors, c.total()), (2, 1, 1, 1, 5));
        let lenient = c.rate(false).unwrap();
        assert!((lenient.rate - 2.0 / 3.0).abs() < 1e-12);
        let strict = c.rate(true).unwrap();
        assert!((strict.rate - 0.4).abs() < 1e-12);
        assert!(strict.low < strict.rate && strict.rate < strict.high);
        assert_eq!(VerdictCounts::default().rate(true), None);
        assert_eq!(c.pass_rate(), lenient.rate.into());
    }
}
