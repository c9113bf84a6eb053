//! The results database (#store): SQLite at `.specc/results.db`. Every answer
//! and verdict is committed as it arrives, so a run killed at any moment loses
//! at most what was in flight; answers and grades are also cached by content
//! so a repeat run, or a re-grade, calls a model only for what changed.

use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashSet;
use std::path::Path;

/// A failure of the results database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("results database `{path}`: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("results database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("cannot create `{path}`: {source}")]
    Folder { path: String, source: std::io::Error },
}

/// What a run was: spec, revision, models and settings.
#[derive(Clone, Debug, Default)]
pub struct RunMeta {
    pub spec_name: Option<String>,
    pub spec_version: Option<String>,
    pub spec_hash: String,
    pub git_rev: Option<String>,
    pub target: String,
    pub grader: String,
    /// The settings as JSON; never holds API keys.
    pub settings: String,
}

/// One answer of the target model (or the reason there is none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnswerRecord {
    pub answer: Option<String>,
    pub error: Option<String>,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub latency_ms: u64,
    pub cache_key: String,
    /// Estimated USD of the request (0 for a cached answer).
    pub cost_usd: f64,
}

/// One grade of an answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GradeRecord {
    /// `pass`, `fail` or `unclear`; `None` for an error state.
    pub verdict: Option<String>,
    pub rationale: String,
    pub error: Option<String>,
    pub grader_prompt_hash: String,
    /// Failed deterministic assertions, as JSON.
    pub assertion_failures: String,
    /// The grader's usage and estimated USD (0 when cached or not asked).
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost_usd: f64,
}

/// The database.
pub struct Store {
    conn: Connection,
}

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, started_at TEXT NOT NULL DEFAULT (datetime('now')), finished_at TEXT,
  spec_name TEXT, spec_version TEXT, spec_hash TEXT NOT NULL, git_rev TEXT,
  target TEXT NOT NULL, grader TEXT NOT NULL, settings TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'running'
);
CREATE TABLE IF NOT EXISTS cases (
  run_id INTEGER NOT NULL REFERENCES runs(id), case_id TEXT NOT NULL, case_hash TEXT NOT NULL,
  clause TEXT, section TEXT, authority TEXT, PRIMARY KEY (run_id, case_id)
);
CREATE TABLE IF NOT EXISTS samples (
  run_id INTEGER NOT NULL, case_id TEXT NOT NULL, sample INTEGER NOT NULL,
  answer TEXT, error TEXT, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
  latency_ms INTEGER NOT NULL, cache_key TEXT NOT NULL, PRIMARY KEY (run_id, case_id, sample)
);
CREATE TABLE IF NOT EXISTS grades (
  run_id INTEGER NOT NULL, case_id TEXT NOT NULL, sample INTEGER NOT NULL,
  verdict TEXT, rationale TEXT NOT NULL, error TEXT, grader_prompt_hash TEXT NOT NULL,
  assertion_failures TEXT NOT NULL, PRIMARY KEY (run_id, case_id, sample)
);
CREATE TABLE IF NOT EXISTS answer_cache (
  key TEXT PRIMARY KEY, answer TEXT NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS calibrations (
  grader TEXT NOT NULL, owner TEXT NOT NULL, items INTEGER NOT NULL,
  tpr REAL, tnr REAL, kappa REAL, at TEXT NOT NULL DEFAULT (datetime('now')),
  PRIMARY KEY (grader, owner)
);
CREATE TABLE IF NOT EXISTS grade_cache (
  key TEXT PRIMARY KEY, verdict TEXT NOT NULL, rationale TEXT NOT NULL
);
";

impl Store {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        // Columns added after the first release: databases made before get them.
        for (table, column, ddl) in [
            ("samples", "cost_usd", "REAL NOT NULL DEFAULT 0"),
            ("grades", "input_tokens", "INTEGER NOT NULL DEFAULT 0"),
            ("grades", "output_tokens", "INTEGER NOT NULL DEFAULT 0"),
            ("grades", "cost_usd", "REAL NOT NULL DEFAULT 0"),
        ] {
            let has: bool = conn
                .prepare(&format!("SELECT 1 FROM pragma_table_info('{table}') WHERE name = ?1"))?
                .exists([column])?;
            if !has {
                conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {ddl}"))?;
            }
        }
        Ok(Store { conn })
    }

    /// Opens a transaction that [`Store::commit`] ends (the runner's group commit).
    pub(crate) fn begin(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("BEGIN")?;
        Ok(())
    }

    pub(crate) fn commit(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    pub fn begin_run(&self, m: &RunMeta) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO runs (spec_name, spec_version, spec_hash, git_rev, target, grader, settings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![m.spec_name, m.spec_version, m.spec_hash, m.git_rev, m.target, m.grader, m.settings],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_run(&self, run: i64, status: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE runs SET status = ?2, finished_at = datetime('now') WHERE id = ?1",
            params![run, status],
        )?;
        Ok(())
    }

    pub fn add_case(&self, run: i64, case: &crate::cases::TestCase) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR IGNORE INTO cases (run_id, case_id, case_hash, clause, section, authority) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![run, case.id, case.hash, case.clause, case.section, case.authority],
        )?;
        Ok(())
    }

    pub fn record_answer(&self, run: i64, case: &str, sample: u32, a: &AnswerRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO samples (run_id, case_id, sample, answer, error, input_tokens, output_tokens, latency_ms, cache_key, cost_usd) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![run, case, sample, a.answer, a.error, a.input_tokens as i64, a.output_tokens as i64, a.latency_ms as i64, a.cache_key, a.cost_usd],
        )?;
        if let Some(answer) = &a.answer {
            self.conn.execute(
                "INSERT OR IGNORE INTO answer_cache (key, answer, input_tokens, output_tokens) VALUES (?1, ?2, ?3, ?4)",
                params![a.cache_key, answer, a.input_tokens as i64, a.output_tokens as i64],
            )?;
        }
        Ok(())
    }

    pub fn record_grade(
        &self,
        run: i64,
        case: &str,
        sample: u32,
        g: &GradeRecord,
        cache_key: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO grades (run_id, case_id, sample, verdict, rationale, error, grader_prompt_hash, assertion_failures, input_tokens, output_tokens, cost_usd) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![run, case, sample, g.verdict, g.rationale, g.error, g.grader_prompt_hash, g.assertion_failures, g.input_tokens as i64, g.output_tokens as i64, g.cost_usd],
        )?;
        if let (Some(key), Some(v)) = (cache_key, &g.verdict) {
            self.conn.execute(
                "INSERT OR IGNORE INTO grade_cache (key, verdict, rationale) VALUES (?1, ?2, ?3)",
                params![key, v, g.rationale],
            )?;
        }
        Ok(())
    }

    /// A cached answer: (answer, input tokens, output tokens).
    pub fn cached_answer(&self, key: &str) -> Result<Option<(String, u64, u64)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT answer, input_tokens, output_tokens FROM answer_cache WHERE key = ?1",
                [key],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)? as u64,
                        r.get::<_, i64>(2)? as u64,
                    ))
                },
            )
            .optional()?)
    }

    /// The answer a run already holds for a sample (for `--regrade`).
    pub fn stored_answer(&self, run: i64, case: &str, sample: u32) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT answer FROM samples WHERE run_id = ?1 AND case_id = ?2 AND sample = ?3",
                params![run, case, sample],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
    }

    /// A cached grade: (verdict, rationale).
    pub fn cached_grade(&self, key: &str) -> Result<Option<(String, String)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT verdict, rationale FROM grade_cache WHERE key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// What a run has spent so far (USD, estimated): `--resume` counts it
    /// against the budget.
    pub fn spent(&self, run: i64) -> Result<f64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT COALESCE(SUM(cost_usd), 0) FROM samples WHERE run_id = ?1)
                  + (SELECT COALESCE(SUM(cost_usd), 0) FROM grades WHERE run_id = ?1)",
            [run],
            |r| r.get(0),
        )?)
    }

    /// The (case, sample) pairs of a run that already have a grade: `--resume` skips them.
    pub fn graded(&self, run: i64) -> Result<HashSet<(String, u32)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT case_id, sample FROM grades WHERE run_id = ?1")?;
        let rows = stmt.query_map([run], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Verdict counts of a run per (clause, section, authority), summed in
    /// SQL: a run of 100,000 cases reads back a row per clause, not per case.
    pub fn group_results(&self, run: i64) -> Result<Vec<GroupResult>, StoreError> {
        let mut stmt = self.conn.prepare(
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
                pass: r.get::<_, Option<i64>>(3)?.unwrap_or(0) as u64,
                fail: r.get::<_, Option<i64>>(4)?.unwrap_or(0) as u64,
                unclear: r.get::<_, Option<i64>>(5)?.unwrap_or(0) as u64,
                errors: r.get::<_, Option<i64>>(6)?.unwrap_or(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Verdict counts of the cases of one clause (or one section's inline examples).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct GroupResult {
    pub clause: Option<String>,
    pub section: Option<String>,
    pub authority: Option<String>,
    pub pass: u64,
    pub fail: u64,
    pub unclear: u64,
    pub errors: u64,
}

/// One row of `specc runs`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RunRow {
    pub id: i64,
    pub started_at: String,
    pub status: String,
    pub spec_name: Option<String>,
    pub spec_version: Option<String>,
    pub git_rev: Option<String>,
    pub target: String,
    pub grader: String,
    pub pass: i64,
    pub fail: i64,
}

/// One graded sample, for JUnit and rulings.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SampleRow {
    pub case: String,
    pub sample: u32,
    pub clause: Option<String>,
    pub section: Option<String>,
    pub answer: Option<String>,
    pub verdict: Option<String>,
    pub rationale: Option<String>,
    pub error: Option<String>,
}

impl Store {
    /// Every run, newest first, with its verdict counts.
    pub fn runs(&self) -> Result<Vec<RunRow>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT r.id, r.started_at, r.status, r.spec_name, r.spec_version, r.git_rev, r.target, r.grader,
                    (SELECT COUNT(*) FROM grades g WHERE g.run_id = r.id AND g.verdict = 'pass'),
                    (SELECT COUNT(*) FROM grades g WHERE g.run_id = r.id AND g.verdict = 'fail')
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
            .conn
            .prepare(
                "SELECT c.case_id, s.sample, c.clause, c.section, s.answer, g.verdict, g.rationale,
                    COALESCE(g.error, s.error)
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
                    verdict: r.get(5)?,
                    rationale: r.get(6)?,
                    error: r.get(7)?,
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
        Ok(self.conn.query_row(
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

/// The grader's latest agreement with the spec's own labels, per owner
/// (`§section`, or `overall`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CalibrationRow {
    pub owner: String,
    pub items: i64,
    pub tpr: Option<f64>,
    pub tnr: Option<f64>,
    pub kappa: Option<f64>,
}

impl CalibrationRow {
    /// A grader that passes fewer than 80% of the spec's GOOD answers, or fails
    /// fewer than 80% of its BAD ones, is not to be trusted on that section.
    pub fn unreliable(&self) -> bool {
        self.tpr.is_some_and(|t| t < 0.8) || self.tnr.is_some_and(|t| t < 0.8)
    }
}

impl Store {
    pub fn save_calibration(&self, grader: &str, rows: &[CalibrationRow]) -> Result<(), StoreError> {
        for r in rows {
            self.conn.execute(
                "INSERT OR REPLACE INTO calibrations (grader, owner, items, tpr, tnr, kappa) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![grader, r.owner, r.items, r.tpr, r.tnr, r.kappa],
            )?;
        }
        Ok(())
    }

    pub fn calibration(&self, grader: &str) -> Result<Vec<CalibrationRow>, StoreError> {
        let mut st = self
            .conn
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

impl Store {
    /// The open connection, for read-only queries kept outside this file
    /// (`history.rs`: reports and run comparisons).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
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
    fn answers_and_grades_are_stored_cached_and_resumable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".specc/results.db");
        let s = Store::open(&path).unwrap();
        let run = s
            .begin_run(&RunMeta {
                spec_hash: "h".into(),
                target: "t".into(),
                grader: "g".into(),
                settings: "{}".into(),
                ..Default::default()
            })
            .unwrap();
        let case = crate::cases::TestCase {
            id: "a:t".into(),
            hash: "x".into(),
            clause: Some("k1nd".into()),
            section: Some("a".into()),
            authority: Some("user".into()),
            tags: vec![],
            settings: vec![],
            prompt: vec![],
            references: vec![],
            expectations: vec![],
            title: "t".into(),
        };
        s.add_case(run, &case).unwrap();
        let a = AnswerRecord {
            answer: Some("hello".into()),
            cache_key: "k".into(),
            input_tokens: 3,
            output_tokens: 1,
            ..Default::default()
        };
        s.record_answer(run, "a:t", 0, &a).unwrap();
        s.record_grade(
            run,
            "a:t",
            0,
            &GradeRecord {
                verdict: Some("pass".into()),
                rationale: "ok".into(),
                ..Default::default()
            },
            Some("gk"),
        )
        .unwrap();
        s.record_answer(
            run,
            "a:t",
            1,
            &AnswerRecord {
                error: Some("HTTP 500".into()),
                cache_key: "k1".into(),
                ..Default::default()
            },
        )
        .unwrap();
        s.record_grade(
            run,
            "a:t",
            1,
            &GradeRecord {
                error: Some("no answer".into()),
                ..Default::default()
            },
            None,
        )
        .unwrap();
        drop(s);
        // Reopened: everything committed is there.
        let s = Store::open(&path).unwrap();
        assert_eq!(s.cached_answer("k").unwrap(), Some(("hello".into(), 3, 1)));
        assert_eq!(s.cached_answer("k1").unwrap(), None, "errors are not cached");
        assert_eq!(s.cached_grade("gk").unwrap(), Some(("pass".into(), "ok".into())));
        assert_eq!(s.graded(run).unwrap().len(), 2);
        let r = &s.group_results(run).unwrap()[0];
        assert_eq!((r.pass, r.fail, r.unclear, r.errors), (1, 0, 0, 1));
        assert_eq!(r.clause, case.clause);
    }
}
