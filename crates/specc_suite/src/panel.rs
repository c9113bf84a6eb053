//! A panel of graders (`[[models.grader]]`): one verdict from several, and
//! how far the graders agree.
//!
//! A grader that fails to answer or to parse votes `unclear`: it stays in
//! the denominator, so a panel whose members error cannot reach a majority
//! with fewer votes than it was promised.

use crate::verdict::Verdict;
use serde::Serialize;
use std::collections::BTreeMap;

/// The strict majority of the votes (more than half of all of them, errors
/// counted as `unclear`); without one, `unclear`. `None` only when no grader
/// gave a verdict at all: that is an error state, never a verdict.
pub fn majority(votes: &[Option<Verdict>]) -> Option<Verdict> {
    if votes.iter().all(Option::is_none) {
        return None;
    }
    let n = votes.len();
    Verdict::ALL
        .into_iter()
        .find(|v| 2 * votes.iter().filter(|x| x.unwrap_or(Verdict::Unclear) == *v).count() > n)
        .or(Some(Verdict::Unclear))
}

/// Fleiss' kappa over answers each graded by the same number of graders
/// (errors as `unclear`): 1 when they always agree, 0 at chance, below 0
/// when they agree less than chance. `None` when it is undefined: fewer than
/// one answer or two graders, or every vote the same verdict (chance
/// agreement is then 1; see [`unanimous`]).
pub fn fleiss_kappa(items: &[Vec<Option<Verdict>>]) -> Option<f64> {
    let raters = items.first()?.len();
    if raters < 2 || items.iter().any(|i| i.len() != raters) {
        return None;
    }
    let n = raters as f64;
    let mut totals = [0.0f64; 3];
    let mut observed = 0.0;
    for item in items {
        let mut counts = [0.0f64; 3];
        for v in item {
            counts[index(v.unwrap_or(Verdict::Unclear))] += 1.0;
        }
        for (t, c) in totals.iter_mut().zip(counts) {
            *t += c;
        }
        observed += (counts.iter().map(|c| c * c).sum::<f64>() - n) / (n * (n - 1.0));
    }
    let votes = items.len() as f64 * n;
    let p_observed = observed / items.len() as f64;
    let p_chance: f64 = totals.iter().map(|t| (t / votes).powi(2)).sum();
    if (1.0 - p_chance).abs() < 1e-12 {
        return None;
    }
    Some((p_observed - p_chance) / (1.0 - p_chance))
}

/// Whether every grader gave every answer the same verdict (kappa is then
/// undefined, but agreement is complete).
pub fn unanimous(items: &[Vec<Option<Verdict>>]) -> bool {
    // Graders that all failed agree on nothing.
    if items.iter().flatten().all(Option::is_none) {
        return false;
    }
    let mut all = items.iter().flatten().map(|v| v.unwrap_or(Verdict::Unclear));
    match all.next() {
        Some(first) => all.all(|v| v == first),
        None => false,
    }
}

/// How far a panel's graders agreed in one run: Fleiss' kappa over every
/// answer they graded, and per clause (or `§section` for inline examples).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PanelAgreement {
    pub graders: usize,
    pub answers: usize,
    /// `None` where kappa is undefined; see `unanimous`.
    pub kappa: Option<f64>,
    pub unanimous: bool,
    pub by_owner: BTreeMap<String, OwnerAgreement>,
}

/// A clause's or section's share of [`PanelAgreement`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OwnerAgreement {
    pub answers: usize,
    pub kappa: Option<f64>,
    pub unanimous: bool,
}

impl PanelAgreement {
    /// From (owner, the graders' verdicts on one answer) pairs.
    pub fn new(items: impl IntoIterator<Item = (String, Vec<Option<Verdict>>)>) -> PanelAgreement {
        let mut by_owner: BTreeMap<String, Vec<Vec<Option<Verdict>>>> = BTreeMap::new();
        for (owner, votes) in items {
            by_owner.entry(owner).or_default().push(votes);
        }
        let all: Vec<Vec<Option<Verdict>>> = by_owner.values().flatten().cloned().collect();
        PanelAgreement {
            graders: all.first().map_or(0, Vec::len),
            answers: all.len(),
            kappa: fleiss_kappa(&all),
            unanimous: unanimous(&all),
            by_owner: by_owner
                .into_iter()
                .map(|(owner, items)| {
                    let a = OwnerAgreement {
                        answers: items.len(),
                        kappa: fleiss_kappa(&items),
                        unanimous: unanimous(&items),
                    };
                    (owner, a)
                })
                .collect(),
        }
    }

    /// Kappa for people: a number, `1 (unanimous)`, or `-`.
    pub fn describe(kappa: Option<f64>, unanimous: bool) -> String {
        match kappa {
            Some(k) => format!("{k:.2}"),
            None if unanimous => "1 (unanimous)".into(),
            None => "-".into(),
        }
    }
}

fn index(v: Verdict) -> usize {
    match v {
        Verdict::Pass => 0,
        Verdict::Fail => 1,
        Verdict::Unclear => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{Fail, Pass, Unclear};

    #[test]
    fn a_strict_majority_decides_and_an_error_counts_as_unclear() {
        assert_eq!(majority(&[Some(Pass), Some(Pass), Some(Fail)]), Some(Pass));
        // pass, fail, garbage: no verdict has more than half of three.
        assert_eq!(majority(&[Some(Pass), Some(Fail), None]), Some(Unclear));
        // Two agree, one is down: two of three is a majority.
        assert_eq!(majority(&[Some(Fail), Some(Fail), None]), Some(Fail));
        // Two of four is not more than half.
        assert_eq!(majority(&[Some(Pass), Some(Pass), None, None]), Some(Unclear));
        // Errors are unclear votes, and can make a majority of unclear.
        assert_eq!(majority(&[Some(Pass), None, None]), Some(Unclear));
        assert_eq!(majority(&[None, None, None]), None);
        assert_eq!(majority(&[Some(Pass)]), Some(Pass));
    }

    #[test]
    fn fleiss_kappa_matches_a_worked_example() {
        // Three graders, four answers: two unanimous, two split 2-1.
        let items = vec![
            vec![Some(Pass), Some(Pass), Some(Pass)],
            vec![Some(Fail), Some(Fail), Some(Fail)],
            vec![Some(Pass), Some(Pass), Some(Fail)],
            vec![Some(Fail), Some(Fail), Some(Pass)],
        ];
        // P_i: 1, 1, 1/3, 1/3 -> P̄ = 2/3; p_pass = p_fail = 1/2 -> P_e = 1/2.
        let k = fleiss_kappa(&items).unwrap();
        assert!((k - 1.0 / 3.0).abs() < 1e-9, "{k}");
        // Perfect agreement on varied answers is 1.
        let k = fleiss_kappa(&items[..2]).unwrap();
        assert!((k - 1.0).abs() < 1e-9, "{k}");
    }

    #[test]
    fn agreement_is_reported_per_owner_and_overall() {
        let a = PanelAgreement::new([
            ("a".to_string(), vec![Some(Pass), Some(Pass)]),
            ("a".to_string(), vec![Some(Fail), Some(Fail)]),
            ("b".to_string(), vec![Some(Pass), None]),
        ]);
        assert_eq!((a.graders, a.answers), (2, 3));
        assert_eq!(a.by_owner["a"].kappa, Some(1.0));
        assert_eq!(a.by_owner["b"].answers, 1);
        assert!(a.kappa.unwrap() < 1.0);
        assert_eq!(PanelAgreement::describe(None, true), "1 (unanimous)");
    }

    #[test]
    fn kappa_is_undefined_without_variety_or_a_second_grader() {
        let same = vec![vec![Some(Pass), Some(Pass)], vec![Some(Pass), Some(Pass)]];
        assert_eq!(fleiss_kappa(&same), None);
        assert!(unanimous(&same));
        assert_eq!(fleiss_kappa(&[vec![Some(Pass)]]), None);
        assert_eq!(fleiss_kappa(&[]), None);
        // Errors are unclear votes, so they can disagree with a verdict.
        let k = fleiss_kappa(&[vec![Some(Pass), None], vec![Some(Fail), Some(Fail)]]).unwrap();
        assert!(k < 1.0);
        assert!(!unanimous(&[vec![Some(Pass), None]]));
        assert!(!unanimous(&[vec![None, None], vec![None, None]]));
    }
}
