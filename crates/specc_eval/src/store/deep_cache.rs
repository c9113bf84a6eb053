//! `check --deep`'s cache in `.specc/deep.db`: the grader's adjudication of
//! a pair of statements, keyed by the pair's content and the grader, so a
//! re-run asks only about new or changed pairs. A reply that did not parse is
//! never stored.

use super::StoreError;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

/// The adjudication cache.
pub struct DeepCache {
    conn: Connection,
}

impl DeepCache {
    /// Opens (creating if needed) the cache at `path`.
    pub fn open(path: &Path) -> Result<DeepCache, StoreError> {
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
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS adjudications (
                key TEXT PRIMARY KEY,
                grader TEXT NOT NULL,
                statement_a TEXT NOT NULL,
                statement_b TEXT NOT NULL,
                conflict INTEGER NOT NULL,
                rationale TEXT NOT NULL,
                decided_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
            );",
        )?;
        Ok(DeepCache { conn })
    }

    /// A cached adjudication: (conflict, rationale).
    pub fn get(&self, key: &str) -> Result<Option<(bool, String)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT conflict, rationale FROM adjudications WHERE key = ?1",
                params![key],
                |r| Ok((r.get::<_, i64>(0)? != 0, r.get(1)?)),
            )
            .optional()?)
    }

    /// Records an adjudication of statements `a` and `b` (their texts, for
    /// whoever reads the file).
    pub fn put(
        &self,
        key: &str,
        grader: &str,
        a: &str,
        b: &str,
        conflict: bool,
        rationale: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO adjudications (key, grader, statement_a, statement_b, conflict, rationale) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![key, grader, a, b, conflict as i64, rationale],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjudications_survive_reopening_and_keys_do_not_mix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".specc/deep.db");
        let c = DeepCache::open(&path).unwrap();
        assert_eq!(c.get("k1").unwrap(), None);
        c.put("k1", "g", "a", "b", true, "they clash").unwrap();
        c.put("k2", "g", "a", "c", false, "different cases").unwrap();
        drop(c);
        let c = DeepCache::open(&path).unwrap();
        assert_eq!(c.get("k1").unwrap(), Some((true, "they clash".into())));
        assert_eq!(c.get("k2").unwrap(), Some((false, "different cases".into())));
    }
}
