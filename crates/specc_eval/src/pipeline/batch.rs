//! `specc test --batch` (#scale): a run in rounds. In each round the runner
//! goes through the cases as usual, but a request to an endpoint with a batch
//! API is not sent: it is written to that endpoint's batch file under its
//! cache key (its `custom_id`) and the sample waits for a later round. Between
//! rounds the files are submitted, the batches polled with backoff, and every
//! result committed as it is read; the next round finds the answers (then the
//! grader's replies) there, and writes what is still missing. Answers come in
//! round one, grades in round two; a retryable error is sent again in a new
//! batch, up to the endpoint's retries, then recorded as an error.
//!
//! Batch IDs are stored before anything waits on them, so `--resume` after a
//! kill collects what was submitted instead of submitting it again.

pub use crate::providers::PollPolicy;
use crate::providers::{BatchState, CallError, RetryPolicy, backoff, describe};
use crate::runner::{Endpoint, Progress};
use crate::store::{Store, StoreError};

/// Submits the round's files of every endpoint and records each batch's ID
/// before anything waits on it. Returns how many requests were submitted.
pub async fn submit_round(
    store: &Store,
    run: i64,
    endpoints: &[&Endpoint],
    policy: &RetryPolicy,
) -> Result<usize, BatchRunError> {
    let mut submitted = 0;
    for e in endpoints {
        let Some(queue) = &e.batch else { continue };
        for (file, requests) in queue.take_files().map_err(BatchRunError::File)? {
            let id = with_retries(policy, || e.client.submit_batch(&file))
                .await
                .map_err(|err| {
                    BatchRunError::Provider(format!(
                        "{}: submitting a batch of {requests}: {}",
                        e.label,
                        describe(&err)
                    ))
                })?;
            store.record_batch(run, &e.identity, &id, requests)?;
            specc_diagnostics::note!("specc: submitted batch {id} ({requests} requests) to {}", e.label);
            let _ = std::fs::remove_file(&file);
            submitted += requests;
        }
    }
    Ok(submitted)
}

/// Polls every batch the run has not collected (this round's, or what a
/// killed run left) until it ends, then commits its results as they are
/// read. Stops early, keeping what was committed, when the run is interrupted.
pub async fn collect(
    store: &Store,
    run: i64,
    endpoints: &[&Endpoint],
    poll: PollPolicy,
    policy: &RetryPolicy,
    progress: &Progress,
) -> Result<(), BatchRunError> {
    for pending in store.pending_batches(run)? {
        let Some(e) = endpoints.iter().find(|e| e.identity == pending.endpoint) else {
            return Err(BatchRunError::Provider(format!(
                "batch {} was submitted to {}, which specc.toml no longer names; restore that model to collect it",
                pending.remote_id, pending.endpoint
            )));
        };
        let mut wait = poll.first;
        let state = loop {
            if progress.interrupted() {
                return Ok(());
            }
            let state = with_retries(policy, || e.client.batch_state(&pending.remote_id))
                .await
                .map_err(|err| {
                    BatchRunError::Provider(format!("{}: batch {}: {}", e.label, pending.remote_id, describe(&err)))
                })?;
            match state {
                BatchState::Running(_) => {
                    tokio::select! {
                        _ = tokio::time::sleep(wait) => {}
                        _ = progress.until_interrupted() => return Ok(()),
                    }
                    wait = (wait * 2).min(poll.max);
                }
                ended => break ended,
            }
        };
        let BatchState::Ended { status, error, .. } = &state else {
            unreachable!("the loop ends on an ended batch")
        };
        // Committed in groups as read (a transaction of a whole batch would
        // hold its pages in memory). The batch is marked collected only after
        // its last result: a kill while reading leaves it pending, and reading
        // it again rewrites the same rows (a batch counts once per request).
        let (mut seen, mut again, mut failed) = (0usize, 0usize, 0usize);
        let mut failure: Option<StoreError> = None;
        store.begin()?;
        let read = e
            .client
            .batch_results(&state, &mut |item| {
                if failure.is_some() {
                    return;
                }
                seen += 1;
                match &item.outcome {
                    Err(e) if e.retryable => again += 1,
                    Err(_) => failed += 1,
                    Ok(_) => {}
                }
                let written = store
                    .record_batch_result(run, &e.identity, &pending.remote_id, &item.custom_id, &item.outcome)
                    .and_then(|()| {
                        if seen.is_multiple_of(RESULTS_PER_COMMIT) {
                            store.commit()?;
                            store.begin()?;
                        }
                        Ok(())
                    });
                if let Err(err) = written {
                    failure = Some(err);
                }
            })
            .await;
        if let Some(err) = failure {
            let _ = store.rollback();
            return Err(err.into());
        }
        if let Err(err) = read {
            let _ = store.commit();
            return Err(BatchRunError::Provider(format!(
                "{}: reading batch {}: {}",
                e.label,
                pending.remote_id,
                describe(&err)
            )));
        }
        store.batch_collected(run, &pending.remote_id, status)?;
        store.commit()?;
        let missing = (pending.requests as usize).saturating_sub(seen);
        let mut parts = vec![format!("{} answered", seen - again - failed)];
        if again + missing > 0 {
            parts.push(format!("{} will be sent again", again + missing));
        }
        if failed > 0 {
            parts.push(format!("{failed} failed"));
        }
        specc_diagnostics::note!(
            "specc: batch {} {status}: {} of {} requests{}",
            pending.remote_id,
            parts.join(", "),
            pending.requests,
            error.as_ref().map(|e| format!(" ({e})")).unwrap_or_default()
        );
        if status == "failed" && seen == 0 {
            // A batch the provider refused as a whole (a malformed file, a
            // model it does not serve) would be refused again.
            return Err(BatchRunError::Provider(format!(
                "{}: batch {} failed: {}",
                e.label,
                pending.remote_id,
                error.as_deref().unwrap_or("the provider gave no reason")
            )));
        }
    }
    Ok(())
}

/// Results committed per transaction while a batch is read.
const RESULTS_PER_COMMIT: usize = 1024;

async fn with_retries<T, F, Fut>(policy: &RetryPolicy, mut f: F) -> Result<T, CallError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, CallError>>,
{
    let mut rng = fastrand::Rng::new();
    let mut attempt = 0;
    loop {
        match f().await {
            Err(CallError::Retryable { retry_after, .. }) if attempt < policy.retries => {
                tokio::time::sleep(backoff(policy, attempt, retry_after, &mut rng)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Why a batched run stopped.
#[derive(Debug, thiserror::Error)]
pub enum BatchRunError {
    #[error("{0}")]
    File(String),
    #[error("{0}")]
    Provider(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}
