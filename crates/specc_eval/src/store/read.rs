//! The one reader of the results database: runs and their descriptions,
//! verdict counts per group and per case (summed in SQL, so a run of 100,000
//! cases reads back a row per clause or per case, never per sample), the
//! samples that did not pass, every sample in order (JUnit, rulings), the
//! trend of a spec's runs, and the grader's calibration. Read-only; the
//! writes are in `mod.rs`.

use super::{Store, StoreError};
use rusqlite::{OptionalExtension, params};
use specc_suite::Verdict;
use specc_suite::VerdictCounts;
use specc_suite::panel::PanelAgreement;
use specc_suite::results::{
    CalibrationRow, CaseOutcome, GroupResult, RunInfo, RunRow, SampleRow, TrendPoint, UnpassedSample,
};

/// A run that cannot be read: none in the database, or not the one asked for.
#[derive(Debug, thiserror::Error)]
pub enum RunLookupError {
    #[error("the results database holds no run yet\nhelp: run `specc test` to make one")]
    NoRuns,
    #[error("no run {run} in the results database (its runs: {known})\nhelp: `specc runs` lists them")]
    UnknownRun { run: i64, known: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

const RUN_COLUMNS: &str =
    "id, started_at, finished_at, status, spec_name, spec_version, spec_hash, git_rev, target, grader, scope";

/// A stored verdict; the schema's CHECK admits nothing but the three words.
fn verdict(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<Verdict>> {
    Ok(r.get::<_, Option<String>>(i)?.as_deref().and_then(Verdict::parse))
}

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
        scope: r.get(10)?,
    })
}

/// The run `run`, or the latest run when `None`; a clear error when there is
/// no such run or no run at all.
impl Store {
    /// The run `run`, or the latest run when `None`.
    pub fn resolve_run(&self, run: Option<i64>) -> Result<RunInfo, RunLookupError> {
        let conn = self.connection();
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
            (_, true) => Err(RunLookupError::NoRuns),
            (Some(run), false) => Err(RunLookupError::UnknownRun {
                run,
                known: id_ranges(&ids),
            }),
            (None, false) => Err(RunLookupError::NoRuns),
        }
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

impl Store {
    /// Every case of a run with its verdict counts, in case-ID order. Counts come
    /// from SQL (`SUM`), so a large run reads back one row per case.
    pub fn case_outcomes(&self, run: i64) -> Result<Vec<CaseOutcome>, StoreError> {
        let mut st = self.connection().prepare(
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
                counts: VerdictCounts {
                    pass: count(r, 5)?,
                    fail: count(r, 6)?,
                    unclear: count(r, 7)?,
                    errors: count(r, 8)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// The samples of a run that did not pass, in case and sample order.
    pub fn unpassed_samples(&self, run: i64) -> Result<Vec<UnpassedSample>, StoreError> {
        let mut st = self.connection().prepare(
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
                verdict: verdict(r, 6)?,
                rationale: r.get(7)?,
                error: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// The whole runs of the spec named `spec_name` (runs without a name go
    /// together), oldest first, with their verdict counts, and run `also`
    /// (the one a report is of) whatever its scope. Other partial runs are
    /// left out: a run of five changed cases is no point on a trend of the suite.
    pub fn trend(&self, spec_name: Option<&str>, also: Option<i64>) -> Result<Vec<TrendPoint>, StoreError> {
        let mut st = self.connection().prepare(
            "SELECT r.id, r.started_at, r.status,
                COUNT(CASE WHEN g.verdict = 'pass' THEN 1 END),
                COUNT(CASE WHEN g.verdict = 'fail' THEN 1 END),
                COUNT(CASE WHEN g.verdict = 'unclear' THEN 1 END),
                COUNT(CASE WHEN g.case_id IS NOT NULL AND g.verdict IS NULL THEN 1 END)
         FROM runs r LEFT JOIN grades g ON g.run_id = r.id
         WHERE r.spec_name IS ?1 AND (r.scope IS NULL OR r.id IS ?2) GROUP BY r.id ORDER BY r.id",
        )?;
        let rows = st.query_map(params![spec_name, also], |r| {
            Ok(TrendPoint {
                run: r.get(0)?,
                started_at: r.get(1)?,
                status: r.get(2)?,
                counts: VerdictCounts {
                    pass: r.get::<_, i64>(3)? as u64,
                    fail: r.get::<_, i64>(4)? as u64,
                    unclear: r.get::<_, i64>(5)? as u64,
                    errors: r.get::<_, i64>(6)? as u64,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// Verdict counts of a run per (clause, section, authority), summed in
    /// SQL: a run of 100,000 cases reads back a row per clause, not per case.
    pub fn group_results(&self, run: i64) -> Result<Vec<GroupResult>, StoreError> {
        let mut stmt = self.connection().prepare(
            "SELECT c.clause, c.section, c.authority,
                    SUM(g.verdict = 'pass'), SUM(g.verdict = 'fail'), SUM(g.verdict = 'unclear'),
                    SUM(g.verdict IS NULL AND g.case_id IS NOT NULL)
             FROM cases c LEFT JOIN grades g ON g.run_id = c.run_id AND g.case_id = c.case_id
             WHERE c.run_id = ?1 GROUP BY c.clause, c.section, c.authority
             ORDER BY c.clause, c.section, c.authority",
        )?;
        let rows = stmt.query_map([run], |r| {
            Ok(GroupResult {
                clause: r.get(0)?,
                section: r.get(1)?,
                authority: r.get(2)?,
                counts: VerdictCounts {
                    pass: r.get::<_, Option<i64>>(3)?.unwrap_or(0) as u64,
                    fail: r.get::<_, Option<i64>>(4)?.unwrap_or(0) as u64,
                    unclear: r.get::<_, Option<i64>>(5)?.unwrap_or(0) as u64,
                    errors: r.get::<_, Option<i64>>(6)?.unwrap_or(0) as u64,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn calibration(&self, grader: &str) -> Result<Vec<CalibrationRow>, StoreError> {
        let mut st = self
            .connection()
            .prepare("SELECT owner, items, tpr, tnr, kappa FROM calibrations WHERE grader = ?1 ORDER BY owner")?;
        let rows = st.query_map([grader], |r| {
            Ok(CalibrationRow {
                owner: r.get(0)?,
                items: r.get(1)?,
                tpr: r.get(2)?,
                tnr: r.get(3)?,
                kappa: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// Why the samples of a run that have no verdict have none: each distinct
    /// reason with its number of samples, most frequent first.
    pub fn error_reasons(&self, run: i64) -> Result<Vec<(String, u64)>, StoreError> {
        let mut st = self.connection().prepare(
            "SELECT COALESCE(g.error, 'no verdict'), COUNT(*) FROM grades g
             WHERE g.run_id = ?1 AND g.verdict IS NULL
             GROUP BY 1 ORDER BY 2 DESC, 1",
        )?;
        let rows = st.query_map([run], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// One grader's vote on a sample, as `specc show` prints it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct VoteRow {
    pub grader: String,
    pub verdict: Option<Verdict>,
    pub rationale: String,
    pub error: Option<String>,
}

impl Store {
    /// How far a panel's graders agreed in a run (Fleiss' kappa per clause or
    /// `§section` and overall); `None` for a run graded by one grader or none.
    /// Read answer by answer in order, so memory holds the verdicts only.
    pub fn panel_agreement(&self, run: i64) -> Result<Option<PanelAgreement>, StoreError> {
        let mut st = self.connection().prepare(
            "SELECT v.case_id, v.sample, COALESCE(c.clause, '§' || COALESCE(c.section, '')), v.verdict
             FROM panel_votes v JOIN cases c ON c.run_id = v.run_id AND c.case_id = v.case_id
             WHERE v.run_id = ?1 ORDER BY v.case_id, v.sample, v.grader",
        )?;
        let rows = st.query_map([run], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, String>(2)?,
                verdict(r, 3)?,
            ))
        })?;
        let mut items: Vec<(String, Vec<Option<Verdict>>)> = Vec::new();
        let mut last: Option<(String, u32)> = None;
        for row in rows {
            let (case, sample, owner, v) = row?;
            let key = Some((case, sample));
            if key != last || items.is_empty() {
                items.push((owner, Vec::new()));
                last = key;
            }
            if let Some((_, votes)) = items.last_mut() {
                votes.push(v);
            }
        }
        Ok((!items.is_empty()).then(|| PanelAgreement::new(items)))
    }

    /// Why graders of a panel gave no verdict: (grader number from 1, reason,
    /// answers), most frequent first. The panel still decided those answers.
    pub fn panel_errors(&self, run: i64) -> Result<Vec<(usize, String, u64)>, StoreError> {
        let mut st = self.connection().prepare(
            "SELECT grader, COALESCE(error, 'no verdict'), COUNT(*) FROM panel_votes
             WHERE run_id = ?1 AND verdict IS NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2",
        )?;
        let rows = st.query_map([run], |r| {
            Ok((
                r.get::<_, i64>(0)? as usize + 1,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)? as u64,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A panel's votes on one sample, in `[[models.grader]]` order.
    pub fn votes(&self, run: i64, case: &str, sample: u32) -> Result<Vec<VoteRow>, StoreError> {
        let mut st = self.connection().prepare(
            "SELECT identity, verdict, rationale, error FROM panel_votes
             WHERE run_id = ?1 AND case_id = ?2 AND sample = ?3 ORDER BY grader",
        )?;
        let rows = st.query_map(params![run, case, sample], |r| {
            Ok(VoteRow {
                grader: r.get(0)?,
                verdict: verdict(r, 1)?,
                rationale: r.get(2)?,
                error: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// Every run, newest first, with its verdict counts.
    /// How many cases and samples a run holds.
    pub fn run_size(&self, run: i64) -> Result<(usize, usize), StoreError> {
        Ok(self.connection().query_row(
            "SELECT (SELECT COUNT(*) FROM cases WHERE run_id = ?1), (SELECT COUNT(*) FROM samples WHERE run_id = ?1)",
            [run],
            |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
        )?)
    }

    /// The slice a run sent (`--shard K/N`); `None` for a whole run.
    pub fn run_shard(&self, run: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection()
            .query_row("SELECT shard FROM runs WHERE id = ?1", [run], |r| r.get(0))
            .optional()?
            .flatten())
    }

    pub fn runs(&self) -> Result<Vec<RunRow>, StoreError> {
        let mut st = self.connection().prepare(
            "SELECT r.id, r.started_at, r.status, r.spec_name, r.spec_version, r.git_rev, r.target, r.grader,
                    (SELECT COUNT(*) FROM grades g WHERE g.run_id = r.id AND g.verdict = 'pass'),
                    (SELECT COUNT(*) FROM grades g WHERE g.run_id = r.id AND g.verdict = 'fail'),
                    r.scope, r.merged_from
             FROM runs r ORDER BY r.id DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(RunRow {
                id: r.get(0)?,
                started_at: r.get(1)?,
                status: r.get(2)?,
                spec_name: r.get(3)?,
                spec_version: r.get(4)?,
                git_rev: r.get(5)?,
                target: r.get(6)?,
                grader: r.get(7)?,
                pass: r.get(8)?,
                fail: r.get(9)?,
                scope: r.get(10)?,
                merged_shards: r
                    .get::<_, Option<String>>(11)?
                    .and_then(|m| serde_json::from_str::<Vec<String>>(&m).ok())
                    .map(|m| m.len()),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every sample of a run with its answer and grade.
    pub fn samples(&self, run: i64) -> Result<Vec<SampleRow>, StoreError> {
        let mut rows = Vec::new();
        self.for_each_sample::<StoreError>(run, &mut |r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Hands every sample of a run to `f` in case order without holding them
    /// all (a JUnit report of 100,000 samples is written as it is read).
    pub fn for_each_sample<E: From<StoreError>>(
        &self,
        run: i64,
        f: &mut dyn FnMut(SampleRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut st = self
            .connection()
            .prepare(
                "SELECT c.case_id, s.sample, c.clause, c.section, s.answer, g.verdict, g.rationale,
                    COALESCE(g.error, s.error), c.case_hash, c.authority
             FROM cases c JOIN samples s ON s.run_id = c.run_id AND s.case_id = c.case_id
             LEFT JOIN grades g ON g.run_id = s.run_id AND g.case_id = s.case_id AND g.sample = s.sample
             WHERE c.run_id = ?1 ORDER BY c.case_id, s.sample",
            )
            .map_err(StoreError::from)?;
        let rows = st
            .query_map([run], |r| {
                Ok(SampleRow {
                    case: r.get(0)?,
                    sample: r.get(1)?,
                    clause: r.get(2)?,
                    section: r.get(3)?,
                    answer: r.get(4)?,
                    verdict: verdict(r, 5)?,
                    rationale: r.get(6)?,
                    error: r.get(7)?,
                    hash: r.get(8)?,
                    authority: r.get(9)?,
                })
            })
            .map_err(StoreError::from)?;
        for row in rows {
            f(row.map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// (samples, failed verdicts, samples without a verdict) of a run.
    pub fn sample_counts(&self, run: i64) -> Result<(u64, u64, u64), StoreError> {
        Ok(self.connection().query_row(
            "SELECT COUNT(*), COALESCE(SUM(g.verdict = 'fail'), 0), COALESCE(SUM(g.verdict IS NULL), 0)
             FROM cases c JOIN samples s ON s.run_id = c.run_id AND s.case_id = c.case_id
             LEFT JOIN grades g ON g.run_id = s.run_id AND g.case_id = s.case_id AND g.sample = s.sample
             WHERE c.run_id = ?1",
            [run],
            |r| {
                Ok((
                    r.get::<_, i64>(0)? as u64,
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, i64>(2)? as u64,
                ))
            },
        )?)
    }
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
                    verdict: verdict.and_then(Verdict::parse),
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
        assert!(matches!(s.resolve_run(None), Err(RunLookupError::NoRuns)));
        assert!(matches!(s.resolve_run(Some(3)), Err(RunLookupError::NoRuns)));
        for _ in 0..3 {
            run(&s, Some("x"), &[]);
        }
        assert_eq!(s.resolve_run(None).unwrap().id, 3);
        assert_eq!(s.resolve_run(Some(2)).unwrap().id, 2);
        let e = s.resolve_run(Some(9)).unwrap_err().to_string();
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
        let o = s.case_outcomes(b).unwrap();
        assert_eq!(o.len(), 4);
        assert!(o[0].passed() && !o[0].failed());
        assert!(o[1].failed() && !o[1].passed());
        assert_eq!((o[2].counts.unclear, o[3].counts.errors), (1, 1));
        assert!(!o[2].passed() && !o[2].failed(), "unclear only: neither");
        assert_eq!(o[0].key(), "a");
        let u = s.unpassed_samples(b).unwrap();
        let got: Vec<_> = u
            .iter()
            .map(|x| (x.case.as_str(), x.verdict.map(Verdict::as_str)))
            .collect();
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
        let u = s.unpassed_samples(b).unwrap();
        let late = u.iter().find(|x| x.sample == 7).unwrap();
        assert!(
            late.error.as_deref().unwrap().contains("specc test --resume 3"),
            "{late:?}"
        );
        // A partial run of the same spec is no point of its trend.
        let partial = s
            .begin_run(&RunMeta {
                spec_name: Some("spec".into()),
                spec_hash: "h".into(),
                target: "t".into(),
                grader: "g".into(),
                settings: "{}".into(),
                scope: Some("--clause a".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            s.resolve_run(Some(partial)).unwrap().scope.as_deref(),
            Some("--clause a")
        );
        let t = s.trend(Some("spec"), None).unwrap();
        assert_eq!(t.iter().map(|p| p.run).collect::<Vec<_>>(), [a, b]);
        // Unless the report is of that run.
        let with = s.trend(Some("spec"), Some(partial)).unwrap();
        assert_eq!(with.iter().map(|p| p.run).collect::<Vec<_>>(), [a, b, partial]);
        assert_eq!(
            (
                t[1].counts.pass,
                t[1].counts.fail,
                t[1].counts.unclear,
                t[1].counts.errors
            ),
            (1, 1, 1, 1)
        );
        assert!(s.trend(None, None).unwrap().is_empty());
    }
}
