//! What `specc test --batch` keeps in the results database: the batches a
//! run submitted (so a killed run collects them on `--resume` instead of
//! submitting them again) and every request's result as it was read, keyed
//! by the request's cache key (its `custom_id` in the batch).

use super::{Store, StoreError};
use crate::providers::{ItemError, Response};
use rusqlite::{OptionalExtension, params};

pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS batches (
  run_id INTEGER NOT NULL, endpoint TEXT NOT NULL, remote_id TEXT NOT NULL, requests INTEGER NOT NULL,
  status TEXT NOT NULL, submitted_at TEXT NOT NULL DEFAULT (datetime('now')), collected_at TEXT,
  PRIMARY KEY (run_id, remote_id)
);
CREATE TABLE IF NOT EXISTS batch_results (
  run_id INTEGER NOT NULL, endpoint TEXT NOT NULL, custom_id TEXT NOT NULL, remote_id TEXT NOT NULL,
  text TEXT, error TEXT, retryable INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 1,
  input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, endpoint, custom_id)
);
";

/// A submitted batch not yet collected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingBatch {
    /// The endpoint's identity (provider, base URL, model).
    pub endpoint: String,
    pub remote_id: String,
    pub requests: i64,
}

/// One request's result, as the run reads it back.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchResult {
    pub text: Option<String>,
    pub error: Option<String>,
    pub retryable: bool,
    /// How many batches sent it.
    pub attempts: u32,
    pub input_tokens: u64,
    pub output_tokens: u64,
}

impl Store {
    pub fn record_batch(&self, run: i64, endpoint: &str, remote_id: &str, requests: usize) -> Result<(), StoreError> {
        self.connection().execute(
            "INSERT OR IGNORE INTO batches (run_id, endpoint, remote_id, requests, status) VALUES (?1, ?2, ?3, ?4, 'submitted')",
            params![run, endpoint, remote_id, requests as i64],
        )?;
        Ok(())
    }

    /// Marks a batch collected, with the provider's final status.
    pub fn batch_collected(&self, run: i64, remote_id: &str, status: &str) -> Result<(), StoreError> {
        self.connection().execute(
            "UPDATE batches SET status = ?3, collected_at = datetime('now') WHERE run_id = ?1 AND remote_id = ?2",
            params![run, remote_id, status],
        )?;
        Ok(())
    }

    /// The run's batches that were submitted and not collected.
    pub fn pending_batches(&self, run: i64) -> Result<Vec<PendingBatch>, StoreError> {
        let mut st = self.connection().prepare(
            "SELECT endpoint, remote_id, requests FROM batches WHERE run_id = ?1 AND collected_at IS NULL ORDER BY submitted_at, remote_id",
        )?;
        let rows = st.query_map([run], |r| {
            Ok(PendingBatch {
                endpoint: r.get(0)?,
                remote_id: r.get(1)?,
                requests: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every batch of a run: (endpoint, remote ID, requests, status).
    pub fn batches(&self, run: i64) -> Result<Vec<(String, String, i64, String)>, StoreError> {
        let mut st = self
            .connection()
            .prepare("SELECT endpoint, remote_id, requests, status FROM batches WHERE run_id = ?1 ORDER BY submitted_at, remote_id")?;
        let rows = st.query_map([run], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records one request's result as it is read; a request sent again (in a
    /// later batch, after a retryable error) replaces its earlier result.
    pub fn record_batch_result(
        &self,
        run: i64,
        endpoint: &str,
        remote_id: &str,
        custom_id: &str,
        outcome: &Result<Response, ItemError>,
    ) -> Result<(), StoreError> {
        let (text, error, retryable, input, output) = match outcome {
            Ok(r) => (Some(r.text.as_str()), None, false, r.input_tokens, r.output_tokens),
            Err(e) => (None, Some(e.message.as_str()), e.retryable, 0, 0),
        };
        self.connection().execute(
            "INSERT INTO batch_results (run_id, endpoint, custom_id, remote_id, text, error, retryable, input_tokens, output_tokens)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (run_id, endpoint, custom_id) DO UPDATE SET
               attempts = attempts + (remote_id != excluded.remote_id), remote_id = excluded.remote_id,
               text = excluded.text, error = excluded.error, retryable = excluded.retryable,
               input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens",
            params![run, endpoint, custom_id, remote_id, text, error, retryable, input as i64, output as i64],
        )?;
        Ok(())
    }

    /// A request's result in this run.
    pub fn batch_result(&self, run: i64, endpoint: &str, custom_id: &str) -> Result<Option<BatchResult>, StoreError> {
        Ok(self
            .connection()
            .query_row(
                "SELECT text, error, retryable, attempts, input_tokens, output_tokens FROM batch_results
                 WHERE run_id = ?1 AND endpoint = ?2 AND custom_id = ?3",
                params![run, endpoint, custom_id],
                |r| {
                    Ok(BatchResult {
                        text: r.get(0)?,
                        error: r.get(1)?,
                        retryable: r.get(2)?,
                        attempts: r.get(3)?,
                        input_tokens: r.get::<_, i64>(4)? as u64,
                        output_tokens: r.get::<_, i64>(5)? as u64,
                    })
                },
            )
            .optional()?)
    }
}
