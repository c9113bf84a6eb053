//! `specc merge` (#scale): the shards of one run, each in its own results
//! database (`specc test --shard K/N` on N machines), joined into one run of
//! another database, which `specc runs`, `report` and `compare` then read as
//! any run.
//!
//! A merge is refused rather than guessed: shards of different spec hashes,
//! settings, models or shard counts, a missing or doubled slice, and a shard
//! that did not finish are errors that name the files. Merging the same
//! shards again changes nothing (the merged run records its shards' IDs).

use super::{Store, StoreError};
use rusqlite::{Connection, OptionalExtension, params};
use specc_suite::Shard;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One shard's run, as its database recorded it.
#[derive(Clone, Debug)]
pub struct ShardRun {
    pub file: PathBuf,
    pub run: i64,
    /// The run's own ID, the same wherever its database is copied.
    pub uid: String,
    pub shard: Shard,
    pub status: String,
    pub spec_name: Option<String>,
    pub spec_version: Option<String>,
    pub spec_hash: String,
    pub git_rev: Option<String>,
    pub target: String,
    pub grader: String,
    pub settings: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// `--batch` batches it submitted and did not collect.
    pub pending_batches: usize,
}

/// Why shards cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("`{file}` is not a results database: {why}")]
    Unreadable { file: String, why: String },
    #[error(
        "`{file}` holds no run made with --shard\nhelp: each machine runs `specc test --shard K/N --db shard-K.db`"
    )]
    NoShard { file: String },
    #[error(
        "`{a}` and `{b}` are shards of different runs: {what} differs ({a_value} / {b_value})\nhelp: run every shard on the same commit, with the same specc.toml and the same flags (--samples, --clause, --section, ...)"
    )]
    Differ {
        what: String,
        a: String,
        a_value: String,
        b: String,
        b_value: String,
    },
    #[error(
        "`{a}` and `{b}` both hold shard {shard} (runs started {a_started} and {b_started})\nhelp: pass one of them"
    )]
    Overlap {
        shard: String,
        a: String,
        a_started: String,
        b: String,
        b_started: String,
    },
    #[error(
        "{} {} {} missing: the merge has {}\nhelp: wait for the missing shards, or run them with `specc test --shard K/{count}`",
        if missing.len() == 1 { "shard" } else { "shards" },
        missing.iter().map(|k| format!("{k}/{count}")).collect::<Vec<_>>().join(", "),
        if missing.len() == 1 { "is" } else { "are" },
        present.iter().map(|(k, file)| format!("{k}/{count} (`{file}`)")).collect::<Vec<_>>().join(", ")
    )]
    Missing {
        count: u32,
        missing: Vec<u32>,
        /// Each slice there and its database.
        present: Vec<(u32, String)>,
    },
    #[error(
        "shard {shard} in `{file}` (run {run}) did not finish: {status}\nhelp: finish it with `specc test --resume {run}{} --shard {shard} --db {file}`, then merge",
        if *batched { " --batch" } else { "" }
    )]
    Unfinished {
        shard: String,
        file: String,
        run: i64,
        status: String,
        /// It has batches to collect.
        batched: bool,
    },
    #[error("no shard to merge\nhelp: name the shards' databases, e.g. `specc merge shard-*.db`")]
    NoShards,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for MergeError {
    fn from(e: rusqlite::Error) -> MergeError {
        MergeError::Store(StoreError::Sql(e))
    }
}

/// What a merge did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Merged {
    /// A new run.
    New { run: i64, shards: u32 },
    /// These shards were merged before, into this run: nothing changed.
    Already { run: i64, shards: u32 },
}

/// The latest shard run of the database at `file` (only read).
pub fn read_shard(file: &Path) -> Result<ShardRun, MergeError> {
    let shown = file.display().to_string();
    let unreadable = |why: String| MergeError::Unreadable {
        file: shown.clone(),
        why,
    };
    if !file.is_file() {
        return Err(unreadable("no such file".into()));
    }
    let conn = Connection::open(file).map_err(|e| unreadable(e.to_string()))?;
    let has = |sql: &str| {
        conn.prepare(sql)
            .and_then(|mut s| s.exists([]))
            .map_err(|e| unreadable(e.to_string()))
    };
    if !has("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'")? {
        return Err(unreadable(
            "it holds no runs (an empty file, or another database)".into(),
        ));
    }
    let has_shards = has("SELECT 1 FROM pragma_table_info('runs') WHERE name = 'shard'")?;
    if !has_shards {
        return Err(MergeError::NoShard { file: shown });
    }
    let row = conn
        .query_row(
            "SELECT id, uid, shard, status, spec_name, spec_version, spec_hash, git_rev, target, grader, settings, started_at, finished_at
             FROM runs WHERE shard IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    ShardRun {
                        file: file.to_path_buf(),
                        run: r.get(0)?,
                        uid: String::new(),
                        shard: Shard::new(1, 1).expect("1/1 is a shard"),
                        status: r.get(3)?,
                        spec_name: r.get(4)?,
                        spec_version: r.get(5)?,
                        spec_hash: r.get(6)?,
                        git_rev: r.get(7)?,
                        target: r.get(8)?,
                        grader: r.get(9)?,
                        settings: r.get(10)?,
                        started_at: r.get(11)?,
                        finished_at: r.get(12)?,
                        pending_batches: 0,
                    },
                ))
            },
        )
        .optional()
        .map_err(|e| unreadable(e.to_string()))?;
    let Some((run, uid, shard, mut found)) = row else {
        return Err(MergeError::NoShard { file: shown });
    };
    found.shard = shard
        .parse()
        .map_err(|e| unreadable(format!("run {run} records shard `{shard}`: {e}")))?;
    found.uid = uid.unwrap_or_else(|| format!("{}#{run}", found.started_at));
    if has("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'batches'")? {
        found.pending_batches = conn
            .query_row(
                "SELECT COUNT(*) FROM batches WHERE run_id = ?1 AND collected_at IS NULL",
                [run],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| unreadable(e.to_string()))? as usize;
    }
    Ok(found)
}

/// Checks that `shards` are the whole of one run (same spec, models,
/// settings and shard count; every slice once; all finished), dropping
/// repeats of the same shard. Returns them in slice order.
pub fn plan_merge(shards: Vec<ShardRun>) -> Result<Vec<ShardRun>, MergeError> {
    let mut by_slice: BTreeMap<u32, ShardRun> = BTreeMap::new();
    let Some(first) = shards.first().cloned() else {
        return Err(MergeError::NoShards);
    };
    for s in shards {
        for (what, a, b) in [
            ("the spec (its content hash)", &first.spec_hash, &s.spec_hash),
            ("the target model", &first.target, &s.target),
            ("the grader", &first.grader, &s.grader),
            (
                "the shard count",
                &first.shard.count().to_string(),
                &s.shard.count().to_string(),
            ),
        ] {
            if a != b {
                return Err(differ(what, &first, a, &s, b));
            }
        }
        if let Some((key, a, b)) = settings_difference(&first.settings, &s.settings) {
            return Err(differ(&format!("the setting `{key}`"), &first, &a, &s, &b));
        }
        if let Some(other) = by_slice.get(&s.shard.index()) {
            if other.uid == s.uid {
                continue;
            }
            return Err(MergeError::Overlap {
                shard: s.shard.to_string(),
                a: other.file.display().to_string(),
                a_started: other.started_at.clone(),
                b: s.file.display().to_string(),
                b_started: s.started_at.clone(),
            });
        }
        by_slice.insert(s.shard.index(), s);
    }
    let count = first.shard.count();
    let missing: Vec<u32> = (1..=count).filter(|k| !by_slice.contains_key(k)).collect();
    if !missing.is_empty() {
        return Err(MergeError::Missing {
            count,
            missing,
            present: by_slice
                .iter()
                .map(|(k, s)| (*k, s.file.display().to_string()))
                .collect(),
        });
    }
    if let Some(s) = by_slice.values().find(|s| s.status != "complete") {
        return Err(MergeError::Unfinished {
            shard: s.shard.to_string(),
            file: s.file.display().to_string(),
            run: s.run,
            status: s.status.clone(),
            batched: s.pending_batches > 0,
        });
    }
    Ok(by_slice.into_values().collect())
}

fn differ(what: &str, a: &ShardRun, a_value: &str, b: &ShardRun, b_value: &str) -> MergeError {
    MergeError::Differ {
        what: what.into(),
        a: a.file.display().to_string(),
        a_value: a_value.into(),
        b: b.file.display().to_string(),
        b_value: b_value.into(),
    }
}

/// The first setting two runs differ in, with both values. Concurrency is
/// left out: it is how fast a machine sends, not what the run measures.
fn settings_difference(a: &str, b: &str) -> Option<(String, String, String)> {
    let parse = |s: &str| -> BTreeMap<String, serde_json::Value> {
        match serde_json::from_str::<serde_json::Value>(s) {
            Ok(serde_json::Value::Object(m)) => m.into_iter().filter(|(k, _)| k != "concurrency").collect(),
            _ => BTreeMap::from([(String::from("settings"), serde_json::Value::String(s.into()))]),
        }
    };
    let (a, b) = (parse(a), parse(b));
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter().find_map(|k| {
        let (x, y) = (a.get(k), b.get(k));
        (x != y).then(|| {
            let show = |v: Option<&serde_json::Value>| match v {
                None | Some(serde_json::Value::Null) => "none".to_string(),
                Some(v) => v.to_string(),
            };
            (k.clone(), show(x), show(y))
        })
    })
}

/// The scope a shard's settings recorded (what its run was limited to
/// besides the shard itself).
fn settings_scope(settings: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(settings)
        .ok()?
        .get("scope")?
        .as_str()
        .map(str::to_string)
}

impl Store {
    /// Joins checked shards (from [`plan_merge`]) into one run of this
    /// database: cases, samples, grades, panel votes and the caches. Shards
    /// merged before return the run they made.
    ///
    /// Each shard is copied in its own transaction (SQLite attaches a
    /// database only outside one, and at most ten at a time); the run is
    /// marked `merging` until the last is in, and a merge that died half way
    /// is removed and done again by the next.
    pub fn merge_shards(&self, shards: &[ShardRun]) -> Result<Merged, MergeError> {
        let count = shards.len() as u32;
        let uids: Vec<&str> = shards.iter().map(|s| s.uid.as_str()).collect();
        let merged_from = serde_json::to_string(&uids).unwrap_or_default();
        let conn = self.connection();
        let before: Option<(i64, String)> = conn
            .query_row(
                "SELECT id, status FROM runs WHERE merged_from = ?1 ORDER BY id DESC LIMIT 1",
                [&merged_from],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match before {
            Some((run, status)) if status != "merging" => return Ok(Merged::Already { run, shards: count }),
            Some((run, _)) => self.delete_run(run)?,
            None => {}
        }
        let first = &shards[0];
        let started = shards.iter().map(|s| s.started_at.as_str()).min().unwrap_or_default();
        let finished = shards.iter().filter_map(|s| s.finished_at.as_deref()).max();
        conn.execute(
            "INSERT INTO runs (started_at, finished_at, status, spec_name, spec_version, spec_hash, git_rev, target, grader, settings, scope, uid, merged_from)
             VALUES (?1, ?2, 'merging', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                started,
                finished,
                first.spec_name,
                first.spec_version,
                first.spec_hash,
                first.git_rev,
                first.target,
                first.grader,
                first.settings,
                settings_scope(&first.settings),
                new_uid(),
                merged_from
            ],
        )?;
        let run = conn.last_insert_rowid();
        for s in shards {
            copy_shard(self, s, run)?;
        }
        conn.execute("UPDATE runs SET status = 'complete' WHERE id = ?1", [run])?;
        Ok(Merged::New { run, shards: count })
    }

    /// Removes a run and everything recorded under it.
    fn delete_run(&self, run: i64) -> Result<(), StoreError> {
        self.begin()?;
        let result = self.connection().execute_batch(&format!(
            "DELETE FROM panel_votes WHERE run_id = {run}; DELETE FROM grades WHERE run_id = {run};
             DELETE FROM samples WHERE run_id = {run}; DELETE FROM cases WHERE run_id = {run};
             DELETE FROM runs WHERE id = {run};"
        ));
        match result {
            Ok(()) => self.commit(),
            Err(e) => {
                let _ = self.connection().execute_batch("ROLLBACK");
                Err(e.into())
            }
        }
    }
}

/// Copies one shard's rows under `run`, in one transaction. The shard's
/// database is attached under its own name; a shard that is this very
/// database is read in place.
fn copy_shard(store: &Store, s: &ShardRun, run: i64) -> Result<(), MergeError> {
    let conn = store.connection();
    let this: Option<String> = conn.query_row("PRAGMA database_list", [], |r| r.get(2)).optional()?;
    let same = this
        .filter(|p| !p.is_empty())
        .and_then(|p| std::fs::canonicalize(p).ok())
        .zip(std::fs::canonicalize(&s.file).ok())
        .is_some_and(|(a, b)| a == b);
    let schema = if same { "main" } else { "shard" };
    if !same {
        conn.execute("ATTACH DATABASE ?1 AS shard", [s.file.display().to_string()])?;
    }
    let copy = || -> Result<(), StoreError> {
        store.begin()?;
        let from = s.run;
        let statements = [
            "INSERT INTO main.cases (run_id, case_id, case_hash, clause, section, authority)
             SELECT ?1, case_id, case_hash, clause, section, authority FROM {schema}.cases WHERE run_id = ?2",
            "INSERT INTO main.samples (run_id, case_id, sample, answer, error, input_tokens, output_tokens, latency_ms, cache_key, cost_usd)
             SELECT ?1, case_id, sample, answer, error, input_tokens, output_tokens, latency_ms, cache_key, cost_usd FROM {schema}.samples WHERE run_id = ?2",
            "INSERT INTO main.grades (run_id, case_id, sample, verdict, rationale, error, grader_prompt_hash, assertion_failures, input_tokens, output_tokens, cost_usd, source)
             SELECT ?1, case_id, sample, verdict, rationale, error, grader_prompt_hash, assertion_failures, input_tokens, output_tokens, cost_usd, source FROM {schema}.grades WHERE run_id = ?2",
            "INSERT INTO main.panel_votes (run_id, case_id, sample, grader, identity, verdict, rationale, error, source)
             SELECT ?1, case_id, sample, grader, identity, verdict, rationale, error, source FROM {schema}.panel_votes WHERE run_id = ?2",
        ];
        let result = (|| -> rusqlite::Result<()> {
            for sql in statements {
                conn.execute(&sql.replace("{schema}", schema), params![run, from])?;
            }
            if !same {
                // The shard's caches too: the next run here reuses its answers.
                conn.execute_batch(
                    "INSERT OR IGNORE INTO main.answer_cache SELECT key, answer, input_tokens, output_tokens FROM shard.answer_cache;
                     INSERT OR IGNORE INTO main.grade_cache SELECT key, verdict, rationale FROM shard.grade_cache;",
                )?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => store.commit(),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e.into())
            }
        }
    };
    let result = copy();
    if !same {
        conn.execute_batch("DETACH DATABASE shard")?;
    }
    Ok(result?)
}

/// A run's own ID: random, so two machines never mint the same one.
pub(crate) fn new_uid() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{AnswerRecord, GradeRecord, RunMeta};
    use specc_suite::Verdict;

    /// A finished shard `k` of 2 with one graded sample.
    fn shard_db(dir: &Path, k: u32) -> PathBuf {
        let path = dir.join(format!("shard-{k}.db"));
        let s = Store::open(&path).unwrap();
        let run = s
            .begin_run(&RunMeta {
                spec_hash: "h".into(),
                target: "t".into(),
                grader: "g".into(),
                settings: r#"{"samples": 1, "concurrency": 4}"#.into(),
                shard: Some(format!("{k}/2")),
                ..Default::default()
            })
            .unwrap();
        let case = format!("c{k}:t");
        s.connection()
            .execute(
                "INSERT INTO cases (run_id, case_id, case_hash, clause) VALUES (?1, ?2, 'x', ?3)",
                params![run, case, format!("c{k}")],
            )
            .unwrap();
        s.record_answer(
            run,
            &case,
            0,
            &AnswerRecord {
                answer: Some("a".into()),
                cache_key: format!("k{k}"),
                ..Default::default()
            },
        )
        .unwrap();
        s.record_grade(
            run,
            &case,
            0,
            &GradeRecord {
                verdict: Some(Verdict::Pass),
                ..Default::default()
            },
            None,
        )
        .unwrap();
        s.finish_run(run, "complete").unwrap();
        path
    }

    #[test]
    fn a_merge_that_died_half_way_is_done_again_and_a_finished_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let shards = plan_merge(vec![
            read_shard(&shard_db(dir.path(), 2)).unwrap(),
            read_shard(&shard_db(dir.path(), 1)).unwrap(),
        ])
        .unwrap();
        assert_eq!(shards.iter().map(|s| s.shard.index()).collect::<Vec<_>>(), [1, 2]);
        let into = Store::open(&dir.path().join("merged.db")).unwrap();
        // A merge killed after its first shard: the run is still `merging`.
        let merged = into.merge_shards(&shards[..1]).unwrap();
        let uids: Vec<&str> = shards.iter().map(|s| s.uid.as_str()).collect();
        into.connection()
            .execute(
                "UPDATE runs SET status = 'merging', merged_from = ?1",
                [serde_json::to_string(&uids).unwrap()],
            )
            .unwrap();
        assert_eq!(merged, Merged::New { run: 1, shards: 1 });
        // Redone from the start (SQLite gives the freed ID again).
        assert_eq!(into.merge_shards(&shards).unwrap(), Merged::New { run: 1, shards: 2 });
        let count = |sql: &str| -> i64 { into.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(count("SELECT COUNT(*) FROM runs WHERE status = 'complete'"), 1);
        assert_eq!(count("SELECT COUNT(*) FROM runs"), 1, "the half-done run is gone");
        assert_eq!(count("SELECT COUNT(*) FROM grades WHERE run_id = 1"), 2);
        assert_eq!(
            count("SELECT COUNT(*) FROM answer_cache"),
            2,
            "the shards' caches came along"
        );
        assert_eq!(
            into.merge_shards(&shards).unwrap(),
            Merged::Already { run: 1, shards: 2 }
        );
        assert_eq!(count("SELECT COUNT(*) FROM grades"), 2);
    }

    #[test]
    fn nothing_to_merge_is_an_error_not_an_empty_run() {
        assert!(matches!(plan_merge(Vec::new()), Err(MergeError::NoShards)));
    }

    #[test]
    fn concurrency_is_not_a_difference_but_samples_are() {
        assert_eq!(
            settings_difference(r#"{"samples":1,"concurrency":1}"#, r#"{"samples":1,"concurrency":8}"#),
            None
        );
        assert_eq!(
            settings_difference(r#"{"samples":1}"#, r#"{"samples":3}"#),
            Some(("samples".into(), "1".into(), "3".into()))
        );
        assert_eq!(
            settings_difference(r#"{"samples":1}"#, r#"{"samples":1,"seed":4}"#),
            Some(("seed".into(), "none".into(), "4".into()))
        );
    }
}
