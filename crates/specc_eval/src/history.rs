//! Reading past runs back from the results database, for `specc report` and
//! `specc compare` (#report): a run's description, per-case verdict counts,
//! the answers that did not pass (with the grader's rationale), and the trend
//! of pass rates across the runs of one spec. Read-only; the writing side is
//! `store.rs`.

use crate::store::{Store, StoreError};
use rusqlite::{OptionalExtension, params};

/// A run that cannot be read: none in the database, or not the one asked for.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("the results database holds no run yet\nhelp: run `specc test` to make one")]
    NoRuns,
    #[error("no run {run} in the results database (its runs: {known})\nhelp: `specc runs` lists them")]
    UnknownRun { run: i64, known: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a run was, as recorded when it started.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RunInfo {
    pub id: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// `running`, `complete`, or why it stopped.
    pub status: String,
    pub spec_name: Option<String>,
    pub spec_version: Option<String>,
    pub spec_hash: String,
    pub git_rev: Option<String>,
    pub target: String,
    pub grader: String,
}

const RUN_COLUMNS: &str =
    "id, started_at, finished_at, status, spec_name, spec_version, spec_hash, git_rev, target, grader";

fn run_row(r: &rusqlite::Row) -> rusqlite::Result<RunInfo> {
    Ok(RunInfo {
        id: r.get(0)?,
        started_at: r.get(1)?,
        finished_at: r.get(2)?,
        status: r.get(3)?,
        spec_name: r.get(4)?,
        spec_version: r.get(5)?,
        spec_hash: r.get(6)?,
        git_rev: r.get(7)?,
        target: r.get(8)?,
        grader: r.get(9)?,
    })
}

/// The run `run`, or the latest run when `None`; a clear error when there is
/// no such run or no run at all.
pub fn resolve_run(store: &Store, run: Option<i64>) -> Result<RunInfo, HistoryError> {
    let conn = store.connection();
    let found = match run {
        Some(id) => conn
            .query_row(&format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = ?1"), [id], run_row)
            .optional()
            .map_err(StoreError::from)?,
        None => conn
            .query_row(
                &format!("SELECT {RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT 1"),
                [],
                run_row,
            )
            .optional()
            .map_err(StoreError::from)?,
    };
    if let Some(r) = found {
        return Ok(r);
    }
    let mut st = conn
        .prepare("SELECT id FROM runs ORDER BY id")
        .map_err(StoreError::from)?;
    let ids: Vec<i64> = st
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(StoreError::from)?;
    match (run, ids.is_empty()) {
        (_, true) => Err(HistoryError::NoRuns),
        (Some(run), false) => Err(HistoryError::UnknownRun {
            run,
            known: id_ranges(&ids),
        }),
        (None, false) => Err(HistoryError::NoRuns),
    }
}

/// `1–4, 7, 9–10`: run IDs, compactly.
fn id_ranges(ids: &[i64]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ids.len() {
        let mut j = i;
        while j + 1 < ids.len() && ids[j + 1] == ids[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            ids[i].to_string()
        } else {
            format!("{}–{}", ids[i], ids[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}

/// Verdict counts of one case in one run.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CaseOutcome {
    pub case: String,
    /// The content hash of the case when it ran (an edited case has another).
    pub hash: String,
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    pub pass: u64,
    pub fail: u64,
    pub unclear: u64,
    pub errors: u64,
}

impl CaseOutcome {
    /// The key results are grouped by: the clause ID, or `§section` for a
    /// section's inline examples (as `specc test` prints them).
    pub fn key(&self) -> String {
        match (&self.clause, &self.section) {
            (Some(c), _) => c.clone(),
            (None, s) => format!("§{}", s.as_deref().unwrap_or("")),
        }
    }

    /// Passed: some sample passed and none failed.
    pub fn passed(&self) -> bool {
        self.pass > 0 && self.fail == 0
    }

    /// Failed: some sample failed.
    pub fn failed(&self) -> bool {
        self.fail > 0
    }
}

/// Every case of a run with its verdict counts, in case-ID order. Counts come
/// from SQL (`SUM`), so a large run reads back one row per case.
pub fn case_outcomes(store: &Store, run: i64) -> Result<Vec<CaseOutcome>, StoreError> {
    let mut st = store.connection().prepare(
        "SELECT c.case_id, c.case_hash, c.clause, c.section, c.authority,
                SUM(g.verdict = 'pass'), SUM(g.verdict = 'fail'), SUM(g.verdict = 'unclear'),
                SUM(g.verdict IS NULL AND g.case_id IS NOT NULL)
         FROM cases c LEFT JOIN grades g ON g.run_id = c.run_id AND g.case_id = c.case_id
         WHERE c.run_id = ?1 GROUP BY c.case_id ORDER BY c.case_id",
    )?;
    let count = |r: &rusqlite::Row, i: usize| -> rusqlite::Result<u64> {
        Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64)
    };
    let rows = st.query_map([run], |r| {
        Ok(CaseOutcome {
            case: r.get(0)?,
            hash: r.get(1)?,
            clause: r.get(2)?,
            section: r.get(3)?,
            authority: r.get(4)?,
            pass: count(r, 5)?,
            fail: count(r, 6)?,
            unclear: count(r, 7)?,
            errors: count(r, 8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A sample that did not pass: failed, unclear, or an error (no answer, or
/// no verdict).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct UnpassedSample {
    pub case: String,
    pub sample: u32,
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    /// The model's answer: untrusted text.
    pub answer: Option<String>,
    /// `fail` or `unclear`; `None` for an error.
    pub verdict: Option<String>,
    /// The grader's rationale (or the failed assertions): untrusted text.
    pub rationale: String,
    pub error: Option<String>,
}

/// The samples of a run that did not pass, in case and sample order.
pub fn unpassed_samples(store: &Store, run: i64) -> Result<Vec<UnpassedSample>, StoreError> {
    let mut st = store.connection().prepare(
        "SELECT c.case_id, s.sample, c.clause, c.section, c.authority, s.answer, g.verdict,
                COALESCE(g.rationale, ''),
                COALESCE(g.error, s.error, CASE WHEN g.case_id IS NULL THEN 'not graded: the run stopped before its grade; `specc test --resume ' || c.run_id || '` finishes it' END)
         FROM cases c JOIN samples s ON s.run_id = c.run_id AND s.case_id = c.case_id
         LEFT JOIN grades g ON g.run_id = s.run_id AND g.case_id = s.case_id AND g.sample = s.sample
         WHERE c.run_id = ?1 AND (g.verdict IS NULL OR g.verdict <> 'pass')
         ORDER BY c.case_id, s.sample",
    )?;
    let rows = st.query_map([run], |r| {
        Ok(UnpassedSample {
            case: r.get(0)?,
            sample: r.get(1)?,
            clause: r.get(2)?,
            section: r.get(3)?,
            authority: r.get(4)?,
            answer: r.get(5)?,
            verdict: r.get(6)?,
            rationale: r.get(7)?,
            error: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One run's overall verdict counts, for the trend across runs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TrendPoint {
    pub run: i64,
    pub started_at: String,
    pub status: String,
    pub pass: u64,
    pub fail: u64,
    pub unclear: u64,
    pub errors: u64,
}

/// The runs of the spec named `spec_name` (runs without a name go together),
/// oldest first, with their verdict counts.
pub fn trend(store: &Store, spec_name: Option<&str>) -> Result<Vec<TrendPoint>, StoreError> {
    let mut st = store.connection().prepare(
        "SELECT r.id, r.started_at, r.status,
                COUNT(CASE WHEN g.verdict = 'pass' THEN 1 END),
                COUNT(CASE WHEN g.verdict = 'fail' THEN 1 END),
                COUNT(CASE WHEN g.verdict = 'unclear' THEN 1 END),
                COUNT(CASE WHEN g.case_id IS NOT NULL AND g.verdict IS NULL THEN 1 END)
         FROM runs r LEFT JOIN grades g ON g.run_id = r.id
         WHERE r.spec_name IS ?1 GROUP BY r.id ORDER BY r.id",
    )?;
    let rows = st.query_map(params![spec_name], |r| {
        Ok(TrendPoint {
            run: r.get(0)?,
            started_at: r.get(1)?,
            status: r.get(2)?,
            pass: r.get::<_, i64>(3)? as u64,
            fail: r.get::<_, i64>(4)? as u64,
            unclear: r.get::<_, i64>(5)? as u64,
            errors: r.get::<_, i64>(6)? as u64,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{AnswerRecord, GradeRecord, RunMeta};

    fn case(id: &str, clause: &str) -> crate::cases::TestCase {
        crate::cases::TestCase {
            id: id.into(),
            hash: "h".into(),
            clause: Some(clause.into()),
            section: Some("s".into()),
            authority: Some("user".into()),
            tags: vec![],
            settings: vec![],
            prompt: vec![],
            references: vec![],
            expectations: vec![],
            title: "t".into(),
        }
    }

    fn run(s: &Store, name: Option<&str>, verdicts: &[(&str, &str, Option<&str>)]) -> i64 {
        let id = s
            .begin_run(&RunMeta {
                spec_name: name.map(str::to_string),
                spec_hash: "h".into(),
                target: "t".into(),
                grader: "g".into(),
                settings: "{}".into(),
                ..Default::default()
            })
            .unwrap();
        for (i, (case_id, clause, verdict)) in verdicts.iter().enumerate() {
            s.add_case(id, &case(case_id, clause)).unwrap();
            let sample = i as u32;
            s.record_answer(
                id,
                case_id,
                sample,
                &AnswerRecord {
                    answer: Some(format!("answer {i}")),
                    cache_key: format!("{id}-{i}"),
                    ..Default::default()
                },
            )
            .unwrap();
            s.record_grade(
                id,
                case_id,
                sample,
                &GradeRecord {
                    verdict: verdict.map(str::to_string),
                    rationale: format!("why {i}"),
                    error: verdict.is_none().then(|| "grader: timeout".into()),
                    ..Default::default()
                },
                None,
            )
            .unwrap();
        }
        id
    }

    #[test]
    fn runs_resolve_with_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("r.db")).unwrap();
        assert!(matches!(resolve_run(&s, None), Err(HistoryError::NoRuns)));
        assert!(matches!(resolve_run(&s, Some(3)), Err(HistoryError::NoRuns)));
        for _ in 0..3 {
            run(&s, Some("x"), &[]);
        }
        assert_eq!(resolve_run(&s, None).unwrap().id, 3);
        assert_eq!(resolve_run(&s, Some(2)).unwrap().id, 2);
        let e = resolve_run(&s, Some(9)).unwrap_err().to_string();
        assert!(
            e.contains("no run 9") && e.contains("its runs: 1–3") && e.contains("specc runs"),
            "{e}"
        );
        assert_eq!(id_ranges(&[1, 2, 3, 5, 7, 8]), "1–3, 5, 7–8");
    }

    #[test]
    fn outcomes_unpassed_samples_and_trend() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("r.db")).unwrap();
        let a = run(
            &s,
            Some("spec"),
            &[("a:1", "a", Some("pass")), ("b:1", "b", Some("pass"))],
        );
        run(&s, Some("other"), &[("a:1", "a", Some("fail"))]);
        let b = run(
            &s,
            Some("spec"),
            &[
                ("a:1", "a", Some("pass")),
                ("b:1", "b", Some("fail")),
                ("b:2", "b", Some("unclear")),
                ("b:3", "b", None),
            ],
        );
        let o = case_outcomes(&s, b).unwrap();
        assert_eq!(o.len(), 4);
        assert!(o[0].passed() && !o[0].failed());
        assert!(o[1].failed() && !o[1].passed());
        assert_eq!((o[2].unclear, o[3].errors), (1, 1));
        assert!(!o[2].passed() && !o[2].failed(), "unclear only: neither");
        assert_eq!(o[0].key(), "a");
        let u = unpassed_samples(&s, b).unwrap();
        let got: Vec<_> = u.iter().map(|x| (x.case.as_str(), x.verdict.as_deref())).collect();
        assert_eq!(got, [("b:1", Some("fail")), ("b:2", Some("unclear")), ("b:3", None)]);
        assert_eq!(u[2].error.as_deref(), Some("grader: timeout"));
        // An answer whose grade never came (the run was killed): shown, with what to do.
        s.record_answer(
            b,
            "a:1",
            7,
            &AnswerRecord {
                answer: Some("late".into()),
                cache_key: "late".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let u = unpassed_samples(&s, b).unwrap();
        let late = u.iter().find(|x| x.sample == 7).unwrap();
        assert!(
            late.error.as_deref().unwrap().contains("specc test --resume 3"),
            "{late:?}"
        );
        let t = trend(&s, Some("spec")).unwrap();
        assert_eq!(t.iter().map(|p| p.run).collect::<Vec<_>>(), [a, b]);
        assert_eq!((t[1].pass, t[1].fail, t[1].unclear, t[1].errors), (1, 1, 1, 1));
        assert!(trend(&s, None).unwrap().is_empty());
    }
}
