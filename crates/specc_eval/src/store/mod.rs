//! The results database (#store): SQLite at `.specc/results.db`. Every answer
//! and verdict is committed as it arrives, so a run killed at any moment loses
//! at most what was in flight; answers and grades are also cached by content
//! so a repeat run, or a re-grade, calls a model only for what changed.
//!
//! This file opens and migrates the database and holds the writes (the
//! runner's database thread is their one caller during a run); `read.rs` is
//! the one reader every command and report goes through; `deep_cache.rs` is
//! `check --deep`'s cache of adjudications.

mod batch;
mod deep_cache;
mod merge;
mod read;

pub use batch::{BatchResult, PendingBatch};
pub use deep_cache::DeepCache;
pub use merge::{MergeError, Merged, ShardRun, plan_merge, read_shard};
pub use read::{RunLookupError, VoteRow};
pub use specc_suite::results::{
    CalibrationRow, CaseOutcome, GroupResult, RunInfo, RunRow, SampleRow, TrendPoint, UnpassedSample,
};

use rusqlite::{Connection, OptionalExtension, params};
use specc_suite::Verdict;
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
    #[error("cannot start the async runtime: {0}")]
    Runtime(String),
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
    /// What a partial run is limited to; `None` runs the whole suite.
    pub scope: Option<String>,
    /// `--shard K/N`: the slice of the run this one holds.
    pub shard: Option<String>,
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
    /// `None` for an error state.
    pub verdict: Option<Verdict>,
    pub rationale: String,
    pub error: Option<String>,
    pub grader_prompt_hash: String,
    /// Failed deterministic assertions, as JSON.
    pub assertion_failures: String,
    /// What decided it: `grader`, `cache` (an earlier grade of the same prompt
    /// and answer), `assertions`, or `precedent` (a human ruling on the same
    /// answer); `None` for an error state.
    pub source: Option<&'static str>,
    /// The grader's usage and estimated USD (0 when cached or not asked).
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost_usd: f64,
    /// A panel's votes, one per grader in `[[models.grader]]` order; empty
    /// for a single grader.
    pub votes: Vec<Vote>,
}

/// One grader's verdict in a panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vote {
    /// The grader's identity (provider, base URL, model).
    pub grader: String,
    /// `None`: it failed to answer or to parse (the panel counts it `unclear`).
    pub verdict: Option<Verdict>,
    pub rationale: String,
    pub error: Option<String>,
    /// `grader` or `cache`.
    pub source: Option<&'static str>,
    /// Where a fresh verdict is cached.
    pub cache_key: Option<String>,
}

/// The database.
pub struct Store {
    conn: Connection,
}

/// Set on every open. Switching a new file to WAL takes an exclusive lock
/// that SQLite does not wait for, so [`Store::open`] retries it.
const PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, started_at TEXT NOT NULL DEFAULT (datetime('now')), finished_at TEXT,
  spec_name TEXT, spec_version TEXT, spec_hash TEXT NOT NULL, git_rev TEXT,
  target TEXT NOT NULL, grader TEXT NOT NULL, settings TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'running',
  scope TEXT
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
  verdict TEXT CHECK (verdict IN ('pass', 'fail', 'unclear')), rationale TEXT NOT NULL, error TEXT,
  grader_prompt_hash TEXT NOT NULL, assertion_failures TEXT NOT NULL,
  input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0, cost_usd REAL NOT NULL DEFAULT 0,
  source TEXT,
  PRIMARY KEY (run_id, case_id, sample)
);
CREATE TABLE IF NOT EXISTS panel_votes (
  run_id INTEGER NOT NULL, case_id TEXT NOT NULL, sample INTEGER NOT NULL, grader INTEGER NOT NULL,
  identity TEXT NOT NULL, verdict TEXT CHECK (verdict IN ('pass', 'fail', 'unclear')), rationale TEXT NOT NULL,
  error TEXT, source TEXT, PRIMARY KEY (run_id, case_id, sample, grader)
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
  key TEXT PRIMARY KEY, verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'unclear')), rationale TEXT NOT NULL
);
";

/// The schema version `PRAGMA user_version` records. 2: verdicts are the
/// words of [`Verdict`] or NULL (an error state), enforced by CHECK
/// constraints.
const SCHEMA_VERSION: i64 = 2;

/// Version 1 databases stored whatever verdict text they were given: a
/// stored word that is not a verdict becomes an error state that says what
/// it was (never a pass), a cached one is dropped, and the tables are rebuilt
/// with the constraints.
const MIGRATE_TO_2: &str = "
CREATE TABLE grades_v2 (
  run_id INTEGER NOT NULL, case_id TEXT NOT NULL, sample INTEGER NOT NULL,
  verdict TEXT CHECK (verdict IN ('pass', 'fail', 'unclear')), rationale TEXT NOT NULL, error TEXT,
  grader_prompt_hash TEXT NOT NULL, assertion_failures TEXT NOT NULL,
  input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0, cost_usd REAL NOT NULL DEFAULT 0,
  source TEXT,
  PRIMARY KEY (run_id, case_id, sample)
);
INSERT INTO grades_v2
  SELECT run_id, case_id, sample,
         CASE WHEN verdict IN ('pass', 'fail', 'unclear') THEN verdict END,
         rationale,
         CASE WHEN verdict IS NOT NULL AND verdict NOT IN ('pass', 'fail', 'unclear')
              THEN COALESCE(error, 'a stored verdict `' || verdict || '` is not pass, fail or unclear') ELSE error END,
         grader_prompt_hash, assertion_failures, input_tokens, output_tokens, cost_usd, source
  FROM grades;
DROP TABLE grades;
ALTER TABLE grades_v2 RENAME TO grades;
CREATE TABLE grade_cache_v2 (
  key TEXT PRIMARY KEY, verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'unclear')), rationale TEXT NOT NULL
);
INSERT INTO grade_cache_v2 SELECT key, verdict, rationale FROM grade_cache WHERE verdict IN ('pass', 'fail', 'unclear');
DROP TABLE grade_cache;
ALTER TABLE grade_cache_v2 RENAME TO grade_cache;
PRAGMA user_version = 2;
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
        // Another run may hold the write lock for a group commit: wait for it.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        retry_while_busy(|| conn.execute_batch(PRAGMAS))?;
        // The tables and the columns added after the first release (databases
        // made before get them), in one write transaction: two runs starting on
        // a fresh project create them once.
        retry_while_busy(|| {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let result = add_tables(&conn);
            match result {
                Ok(()) => conn.execute_batch("COMMIT"),
                Err(e) => {
                    let _ = conn.execute_batch("ROLLBACK");
                    Err(e)
                }
            }
        })?;
        migrate(&conn)?;
        Ok(Store { conn })
    }

    /// The open connection, for the reads in `read.rs` and the deep cache.
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Opens a transaction that [`Store::commit`] ends (the runner's group
    /// commit). Immediate: it takes the write lock first, waiting for another
    /// process's run (the busy timeout), because a deferred transaction that
    /// reads and then writes cannot wait and fails as "database is locked".
    pub(crate) fn begin(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(())
    }

    pub(crate) fn commit(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    pub(crate) fn rollback(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("ROLLBACK")?;
        Ok(())
    }

    pub fn begin_run(&self, m: &RunMeta) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO runs (spec_name, spec_version, spec_hash, git_rev, target, grader, settings, scope, shard, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![m.spec_name, m.spec_version, m.spec_hash, m.git_rev, m.target, m.grader, m.settings, m.scope, m.shard, merge::new_uid()],
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
            "INSERT OR REPLACE INTO grades (run_id, case_id, sample, verdict, rationale, error, grader_prompt_hash, assertion_failures, input_tokens, output_tokens, cost_usd, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![run, case, sample, g.verdict.map(Verdict::as_str), g.rationale, g.error, g.grader_prompt_hash, g.assertion_failures, g.input_tokens as i64, g.output_tokens as i64, g.cost_usd, g.source],
        )?;
        if let (Some(key), Some(v)) = (cache_key, g.verdict) {
            self.cache_grade(key, v, &g.rationale)?;
        }
        for (i, vote) in g.votes.iter().enumerate() {
            self.conn.execute(
                "INSERT OR REPLACE INTO panel_votes (run_id, case_id, sample, grader, identity, verdict, rationale, error, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![run, case, sample, i as i64, vote.grader, vote.verdict.map(Verdict::as_str), vote.rationale, vote.error, vote.source],
            )?;
            if let (Some(key), Some(v)) = (&vote.cache_key, vote.verdict) {
                self.cache_grade(key, v, &vote.rationale)?;
            }
        }
        Ok(())
    }

    fn cache_grade(&self, key: &str, v: Verdict, rationale: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR IGNORE INTO grade_cache (key, verdict, rationale) VALUES (?1, ?2, ?3)",
            params![key, v.as_str(), rationale],
        )?;
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
    pub fn cached_grade(&self, key: &str) -> Result<Option<(Verdict, String)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT verdict, rationale FROM grade_cache WHERE key = ?1",
                [key],
                |r| Ok((r.get::<_, String>(0)?, r.get(1)?)),
            )
            .optional()?
            .and_then(|(v, r)| Some((Verdict::parse(&v)?, r))))
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
}

/// How long a run waits for another process's write (a group commit, or a
/// run starting on the same database) before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Runs `f` again while SQLite answers "busy" without having waited (which
/// it does for a journal mode switch and for some lock upgrades), for up to
/// [`BUSY_TIMEOUT`].
fn retry_while_busy(mut f: impl FnMut() -> rusqlite::Result<()>) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20 + fastrand::u64(0..30)));
            }
            other => return other,
        }
    }
}

fn add_tables(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch(batch::SCHEMA)?;
    for (table, column, ddl) in [
        ("samples", "cost_usd", "REAL NOT NULL DEFAULT 0"),
        ("grades", "input_tokens", "INTEGER NOT NULL DEFAULT 0"),
        ("grades", "output_tokens", "INTEGER NOT NULL DEFAULT 0"),
        ("grades", "cost_usd", "REAL NOT NULL DEFAULT 0"),
        ("grades", "source", "TEXT"),
        ("runs", "scope", "TEXT"),
        // #scale: a shard's slice, a run's own ID, and a merged run's shards.
        ("runs", "shard", "TEXT"),
        ("runs", "uid", "TEXT"),
        ("runs", "merged_from", "TEXT"),
    ] {
        let has: bool = conn
            .prepare(&format!("SELECT 1 FROM pragma_table_info('{table}') WHERE name = ?1"))?
            .exists([column])?;
        if !has {
            conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {ddl}"))?;
        }
    }
    Ok(())
}

/// Brings a database made by an earlier specc up to [`SCHEMA_VERSION`], in
/// one write transaction (a second process opening the same database waits,
/// then finds it migrated).
fn migrate(conn: &Connection) -> Result<(), StoreError> {
    let version = |c: &Connection| c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
    if version(conn)? >= SCHEMA_VERSION {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| -> rusqlite::Result<()> {
        if version(conn)? >= SCHEMA_VERSION {
            return Ok(());
        }
        // A database just created has the constraints already; one from before
        // has tables without them (its `CREATE TABLE IF NOT EXISTS` did nothing).
        let constrained = conn
            .prepare("SELECT 1 FROM sqlite_master WHERE name = 'grades' AND sql LIKE '%CHECK%'")?
            .exists([])?;
        if constrained {
            conn.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))
        } else {
            conn.execute_batch(MIGRATE_TO_2)
        }
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e.into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
                verdict: Some(Verdict::Pass),
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
        assert_eq!(s.cached_grade("gk").unwrap(), Some((Verdict::Pass, "ok".into())));
        assert_eq!(s.graded(run).unwrap().len(), 2);
        let r = &s.group_results(run).unwrap()[0];
        assert_eq!(
            (r.counts.pass, r.counts.fail, r.counts.unclear, r.counts.errors),
            (1, 0, 0, 1)
        );
        assert_eq!(r.clause, case.clause);
    }

    #[test]
    fn a_version_1_database_is_migrated_and_its_odd_verdicts_become_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            // The tables as specc 0.1 made them: no CHECK, no version.
            let c = Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE grades (run_id INTEGER NOT NULL, case_id TEXT NOT NULL, sample INTEGER NOT NULL,
                   verdict TEXT, rationale TEXT NOT NULL, error TEXT, grader_prompt_hash TEXT NOT NULL,
                   assertion_failures TEXT NOT NULL, PRIMARY KEY (run_id, case_id, sample));
                 CREATE TABLE grade_cache (key TEXT PRIMARY KEY, verdict TEXT NOT NULL, rationale TEXT NOT NULL);
                 INSERT INTO grades VALUES (1, 'a:1', 0, 'pass', 'fine', NULL, 'h', '[]');
                 INSERT INTO grades VALUES (1, 'a:2', 0, 'PASS', 'shouted', NULL, 'h', '[]');
                 INSERT INTO grade_cache VALUES ('k1', 'fail', 'no'), ('k2', 'yes', 'odd');",
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        let version: i64 = s.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let rows: Vec<(String, Option<String>, Option<String>)> = s
            .conn
            .prepare("SELECT case_id, verdict, error FROM grades ORDER BY case_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows[0], ("a:1".into(), Some("pass".into()), None));
        assert_eq!(rows[1].1, None, "an unknown word is not a verdict");
        assert!(rows[1].2.as_deref().unwrap().contains("`PASS`"), "{rows:?}");
        assert_eq!(s.cached_grade("k1").unwrap(), Some((Verdict::Fail, "no".into())));
        assert_eq!(s.cached_grade("k2").unwrap(), None);
        // The constraint holds from now on, and a second open changes nothing.
        assert!(
            s.conn
                .execute("INSERT INTO grades (run_id, case_id, sample, verdict, rationale, grader_prompt_hash, assertion_failures) VALUES (1, 'b', 0, 'maybe', '', '', '')", [])
                .is_err()
        );
        drop(s);
        let s = Store::open(&path).unwrap();
        let n: i64 = s
            .conn
            .query_row("SELECT COUNT(*) FROM grades", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);
    }
}
