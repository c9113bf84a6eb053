//! The runner: every (case, sample) goes to the target model, then through the
//! deterministic assertions, then to the grader. Workers run concurrently under
//! a limit; one thread owns the database and commits each answer and verdict as
//! it arrives, so a killed run loses only what was in flight and `--resume`
//! repeats nothing that was committed. Answers and grades are cached by content.

use crate::assertions::check_assertions;
use crate::cases::TestCase;
use crate::grader::{GradingContext, grader_prompt, parse_verdict, verdict_schema};
use crate::providers::{BatchQueue, CallError, Client, Request, Response, RetryPolicy, call_with_retries, describe};
use crate::store::{AnswerRecord, BatchResult, GradeRecord, RunMeta, Store, StoreError, Vote};
pub use specc_suite::GradingInputs;
use specc_suite::Verdict;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, oneshot};

/// A model endpoint and its settings.
pub struct Endpoint {
    pub client: Client,
    /// Names the endpoint for people: `[models.target] openai model `m` at URL`.
    pub label: String,
    /// Names the endpoint in cache keys and results (provider, base URL, model); no key.
    pub identity: String,
    pub temperature: Option<f64>,
    pub max_tokens: Option<u64>,
    /// The most bytes read of a reply (`max-response-bytes`).
    pub max_response_bytes: Option<u64>,
    /// Sent where the provider takes one.
    pub seed: Option<i64>,
    /// USD per million (input, output) tokens, for the spend estimate and the budget.
    pub price: Option<(f64, f64)>,
    /// The same in the provider's batch (`batch-price`; default half of `price`).
    pub batch_price: Option<(f64, f64)>,
    /// `--batch`: requests go into this endpoint's batch instead of being sent.
    pub batch: Option<BatchQueue>,
    /// Spaces requests to at most this many per minute.
    pub limiter: Option<RateLimiter>,
    /// Whether it has answered yet, and how often in a row it could not be used.
    pub health: Health,
}

/// A run stops once an endpoint that has never answered fails this many
/// requests in a row as unusable (each after its retries): a dead server, a
/// wrong URL or an expired key would otherwise fail every case one by one.
pub const UNREACHABLE_AFTER: u64 = 3;

/// What the runner has seen of an endpoint so far.
#[derive(Debug, Default)]
pub struct Health {
    answered: AtomicU64,
    unusable_in_a_row: AtomicU64,
    calls: AtomicU64,
    /// Why the last request failed as unusable.
    last_unusable: std::sync::Mutex<Option<String>>,
}

impl Health {
    /// Never answered, and failed [`UNREACHABLE_AFTER`] requests in a row as unusable.
    fn unusable(&self) -> bool {
        self.unusable_in_a_row.load(Ordering::Relaxed) >= UNREACHABLE_AFTER
            && self.answered.load(Ordering::Relaxed) == 0
    }

    /// Every request of a run that ended failed as unusable: a run of one or
    /// two cases (`--clause X`) never reaches [`UNREACHABLE_AFTER`], and is
    /// still a run against an endpoint that could not be used. Why, and how
    /// many requests, when so.
    fn never_usable(&self) -> Option<(String, u64)> {
        let calls = self.calls.load(Ordering::Relaxed);
        let in_a_row = self.unusable_in_a_row.load(Ordering::Relaxed);
        if calls == 0 || in_a_row != calls || self.answered.load(Ordering::Relaxed) > 0 {
            return None;
        }
        let why = self.last_unusable.lock().ok()?.clone()?;
        Some((why, calls))
    }
}

impl Endpoint {
    fn cost(&self, input: u64, output: u64) -> f64 {
        self.price
            .map(|(i, o)| (input as f64 * i + output as f64 * o) / 1e6)
            .unwrap_or(0.0)
    }

    /// What a request answered in a batch cost.
    fn batch_cost(&self, input: u64, output: u64) -> f64 {
        self.batch_price
            .or(self.price.map(|(i, o)| (i / 2.0, o / 2.0)))
            .map(|(i, o)| (input as f64 * i + output as f64 * o) / 1e6)
            .unwrap_or(0.0)
    }

    /// One request with the retry policy; an endpoint that never answered and
    /// keeps failing as unusable stops the run (see [`UNREACHABLE_AFTER`]),
    /// unless it is one grader of a panel, which decides without it.
    async fn call(
        &self,
        req: &Request,
        policy: &RetryPolicy,
        progress: &Progress,
        in_panel: bool,
    ) -> Result<Response, CallError> {
        self.pace().await;
        let (result, _) = call_with_retries(&self.client, req, policy).await;
        self.health.calls.fetch_add(1, Ordering::Relaxed);
        match &result {
            Ok(_) => {
                self.health.answered.fetch_add(1, Ordering::Relaxed);
                self.health.unusable_in_a_row.store(0, Ordering::Relaxed);
            }
            Err(e) if e.unreachable() => {
                if let Ok(mut last) = self.health.last_unusable.lock() {
                    *last = Some(describe(e));
                }
                let in_a_row = self.health.unusable_in_a_row.fetch_add(1, Ordering::Relaxed) + 1;
                if !in_panel && self.health.unusable() {
                    progress.stop(format!(
                        "{} cannot be used: {} (its first {in_a_row} requests all failed this way, each after its retries)",
                        self.label,
                        describe(e)
                    ));
                }
            }
            Err(_) => self.health.unusable_in_a_row.store(0, Ordering::Relaxed),
        }
        result
    }

    async fn pace(&self) {
        if let Some(l) = &self.limiter {
            l.acquire().await;
        }
    }
}

/// Spaces requests evenly: at most `per_minute` a minute, across all workers.
pub struct RateLimiter {
    interval: Duration,
    next: tokio::sync::Mutex<Instant>,
}

impl RateLimiter {
    pub fn per_minute(per_minute: u32) -> Self {
        RateLimiter {
            interval: Duration::from_secs_f64(60.0 / f64::from(per_minute.max(1))),
            next: tokio::sync::Mutex::new(Instant::now()),
        }
    }

    pub async fn acquire(&self) {
        let wait_until = {
            let mut next = self.next.lock().await;
            let at = (*next).max(Instant::now());
            *next = at + self.interval;
            at
        };
        tokio::time::sleep_until(tokio::time::Instant::from_std(wait_until)).await;
    }
}

/// How to run.
#[derive(Clone)]
pub struct RunOptions {
    pub samples: u32,
    pub concurrency: usize,
    pub policy: RetryPolicy,
    pub use_cache: bool,
    /// Grade the cached answers again, fresh, without calling the target.
    pub regrade: bool,
    /// Complete this run instead of starting one.
    pub resume: Option<i64>,
    /// Ask for structured output (a JSON verdict) from graders whose provider takes a schema.
    pub structured_grader: bool,
    /// USD; no new sample starts once the spend so far, plus what the samples
    /// in flight are expected to cost, would exceed it. The run is resumable.
    pub budget: Option<f64>,
    /// SIGINT and SIGTERM end the run cleanly (see [`Progress::interrupted`]);
    /// a second one ends the process at once.
    pub interruptible: bool,
    /// A later round of a `--batch` run: the run is not announced again.
    pub quiet: bool,
    /// `--batch`: how patiently batches are polled.
    pub batch_poll: crate::providers::PollPolicy,
}

/// Counts for the progress line and the summary.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicU64,
    pub passed: AtomicU64,
    pub failed: AtomicU64,
    pub in_flight: AtomicU64,
    pub target_requests: AtomicU64,
    pub grader_requests: AtomicU64,
    pub tokens: AtomicU64,
    /// Estimated spend in millionths of a USD.
    pub spend_micro_usd: AtomicU64,
    /// Samples not started because of the budget.
    pub skipped_for_budget: AtomicU64,
    /// `--batch`: samples waiting for a batch's results (this round).
    pub deferred: AtomicU64,
    /// What the run had spent before a `--resume`, in millionths of a USD.
    pub prior_spend_micro_usd: AtomicU64,
    /// Why the run stopped early: an endpoint that could not be used at all.
    stopped: std::sync::Mutex<Option<String>>,
    /// Set by Ctrl-C or SIGTERM: no new sample starts, those in flight are
    /// abandoned (a resume repeats them) and what was committed stays.
    interrupt: std::sync::OnceLock<tokio::sync::watch::Sender<bool>>,
}

impl Progress {
    /// Estimated spend of the whole run, a resumed one's earlier part included.
    pub fn spend(&self) -> f64 {
        (self.spend_micro_usd.load(Ordering::Relaxed) + self.prior_spend_micro_usd.load(Ordering::Relaxed)) as f64 / 1e6
    }

    /// Why the run stopped before its cases ran out, if it did.
    pub fn stopped(&self) -> Option<String> {
        self.stopped.lock().ok().and_then(|s| s.clone())
    }

    /// Whether Ctrl-C or SIGTERM ended the run.
    pub fn interrupted(&self) -> bool {
        self.interrupt.get().is_some_and(|t| *t.borrow())
    }

    /// Ends the run as Ctrl-C does.
    pub fn interrupt(&self) {
        self.interrupt_channel().send_replace(true);
    }

    fn interrupt_channel(&self) -> &tokio::sync::watch::Sender<bool> {
        self.interrupt.get_or_init(|| tokio::sync::watch::channel(false).0)
    }

    /// Resolves once the run is interrupted.
    pub(crate) async fn until_interrupted(&self) {
        let mut rx = self.interrupt_channel().subscribe();
        let _ = rx.wait_for(|v| *v).await;
    }

    pub(crate) fn stop(&self, why: String) {
        if let Ok(mut s) = self.stopped.lock() {
            s.get_or_insert(why);
        }
    }

    fn add_spend(&self, usd: f64) {
        self.spend_micro_usd
            .fetch_add((usd * 1e6).round() as u64, Ordering::Relaxed);
    }
}

enum DbCmd {
    AddCase(Arc<TestCase>),
    CachedAnswer(String, oneshot::Sender<Option<(String, u64, u64)>>),
    CachedGrade(String, oneshot::Sender<Option<(Verdict, String)>>),
    Answer(String, u32, AnswerRecord),
    Grade(String, u32, GradeRecord, Option<String>),
    /// (endpoint identity, cache key): a `--batch` request's result.
    BatchResult(String, String, oneshot::Sender<Option<BatchResult>>),
}

/// The database thread: the only writer. Group commit: whatever is queued
/// when it wakes goes into one transaction, committed before it waits again,
/// so a result is never held back, and a busy run does not pay one WAL commit
/// per row.
fn db_thread(store: &Store, run: i64, rx: std::sync::mpsc::Receiver<DbCmd>) -> Result<(), StoreError> {
    while let Ok(first) = rx.recv() {
        store.begin()?;
        let mut result = apply(store, run, first);
        let mut n = 1;
        while result.is_ok() && n < 1024 {
            let Ok(cmd) = rx.try_recv() else { break };
            result = apply(store, run, cmd);
            n += 1;
        }
        // Commit what succeeded even when a statement failed.
        store.commit()?;
        result?;
    }
    Ok(())
}

fn apply(store: &Store, run: i64, cmd: DbCmd) -> Result<(), StoreError> {
    match cmd {
        DbCmd::AddCase(c) => store.add_case(run, &c)?,
        DbCmd::CachedAnswer(k, tx) => {
            let _ = tx.send(store.cached_answer(&k)?);
        }
        DbCmd::CachedGrade(k, tx) => {
            let _ = tx.send(store.cached_grade(&k)?);
        }
        DbCmd::Answer(case, sample, a) => store.record_answer(run, &case, sample, &a)?,
        DbCmd::Grade(case, sample, g, key) => store.record_grade(run, &case, sample, &g, key.as_deref())?,
        DbCmd::BatchResult(endpoint, key, tx) => {
            let _ = tx.send(store.batch_result(run, &endpoint, &key)?);
        }
    }
    Ok(())
}

fn key(parts: &[&str]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(parts.join("\u{1f}").as_bytes()))
}

/// The cases of a run as they are produced: a case and the grading context it
/// shares with the other cases of its clause or section.
pub type CaseFeed = tokio::sync::mpsc::Receiver<(TestCase, Arc<GradingInputs>)>;

/// A feed of cases already in memory.
pub fn feed(cases: Vec<(TestCase, GradingInputs)>) -> CaseFeed {
    let (tx, rx) = tokio::sync::mpsc::channel(cases.len().max(1));
    for (c, i) in cases {
        // Capacity fits every case, so this never waits and never fails.
        let _ = tx.try_send((c, Arc::new(i)));
    }
    rx
}

/// Runs the cases of `cases` as they arrive and returns the run's ID. The
/// producer bounds memory by the feed's capacity; the runner by `concurrency`.
pub async fn run(
    store: Store,
    meta: RunMeta,
    mut cases: CaseFeed,
    target: Arc<Endpoint>,
    graders: Arc<Vec<Endpoint>>,
    opts: RunOptions,
    progress: Arc<Progress>,
) -> Result<(i64, Store), StoreError> {
    let run = match opts.resume {
        Some(r) => r,
        None => store.begin_run(&meta)?,
    };
    // Named at once, so an interrupted run can be resumed by its number.
    if !opts.quiet {
        specc_diagnostics::note!(
            "specc: run {run}{}",
            if opts.resume.is_some() { " (resumed)" } else { "" }
        );
    }
    let already: HashSet<(String, u32)> = if opts.resume.is_some() {
        // The budget covers the whole run, not each session of it.
        progress
            .prior_spend_micro_usd
            .store((store.spent(run)? * 1e6).round() as u64, Ordering::Relaxed);
        store.graded(run)?
    } else {
        HashSet::new()
    };
    // Bounded, so a database slower than the model holds back the workers
    // instead of queueing results in memory.
    let (tx, rx) = std::sync::mpsc::sync_channel::<DbCmd>(1024);
    let writer = std::thread::spawn(move || {
        let result = db_thread(&store, run, rx);
        (result, store)
    });

    if opts.interruptible {
        tokio::spawn(on_signal(progress.clone()));
    }
    let limit = Arc::new(Semaphore::new(opts.concurrency.max(1)));
    let opts = Arc::new(opts);
    let mut tasks = tokio::task::JoinSet::new();
    'feed: loop {
        let next = tokio::select! {
            biased;
            _ = progress.until_interrupted() => None,
            next = cases.recv() => next,
        };
        let Some((case, inputs)) = next else { break };
        // An endpoint that cannot be used at all: no new case starts.
        if progress.stopped().is_some() {
            break;
        }
        let case = Arc::new(case);
        if tx.send(DbCmd::AddCase(case.clone())).is_err() {
            break;
        }
        for sample in 0..opts.samples {
            if already.contains(&(case.id.clone(), sample)) {
                continue;
            }
            // Take the permit before spawning, so at most `concurrency` tasks
            // exist at once however many cases there are; reap finished ones.
            let permit = tokio::select! {
                biased;
                _ = progress.until_interrupted() => break 'feed,
                p = limit.clone().acquire_owned() => p,
            };
            let Ok(permit) = permit else {
                break;
            };
            while tasks.try_join_next().is_some() {}
            if progress.stopped().is_some() {
                break 'feed;
            }
            let (case, inputs, target, graders, tx, opts, progress) = (
                case.clone(),
                inputs.clone(),
                target.clone(),
                graders.clone(),
                tx.clone(),
                opts.clone(),
                progress.clone(),
            );
            tasks.spawn(async move {
                let _permit = permit;
                // Queued behind the request that stopped the run: left for `--resume`.
                if progress.stopped().is_some() {
                    return;
                }
                if let Some(budget) = opts.budget {
                    // The cost of a sample as seen in this session's samples so far.
                    let done = progress.done.load(Ordering::Relaxed).max(1) as f64;
                    let per_sample = progress.spend_micro_usd.load(Ordering::Relaxed) as f64 / 1e6 / done;
                    let in_flight = progress.in_flight.load(Ordering::Relaxed) as f64;
                    if progress.spend() + per_sample * (in_flight + 1.0) > budget {
                        progress.skipped_for_budget.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                }
                progress.in_flight.fetch_add(1, Ordering::Relaxed);
                let finished = one(&case, &inputs, sample, &target, &graders, &tx, &opts, &progress).await;
                progress.in_flight.fetch_sub(1, Ordering::Relaxed);
                if finished {
                    progress.done.fetch_add(1, Ordering::Relaxed);
                } else {
                    progress.deferred.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    }
    // Interrupted: the samples in flight are dropped (a resume runs them);
    // otherwise they finish. Either way the writer commits all it was sent.
    loop {
        tokio::select! {
            biased;
            _ = progress.until_interrupted() => {
                tasks.abort_all();
                while tasks.join_next().await.is_some() {}
                break;
            }
            done = tasks.join_next() => if done.is_none() { break },
        }
    }
    // A run too short to reach UNREACHABLE_AFTER whose every request to an
    // endpoint failed as unusable stops as the longer run would have.
    if progress.stopped().is_none() && !progress.interrupted() {
        let single_grader = (graders.len() == 1).then(|| &graders[0]);
        for e in std::iter::once(&*target).chain(single_grader) {
            if let Some((why, calls)) = e.health.never_usable() {
                progress.stop(format!(
                    "{} cannot be used: {why} (all {calls} of its requests failed this way, each after its retries)",
                    e.label
                ));
                break;
            }
        }
    }
    drop(tx);
    let (result, store) = writer
        .join()
        .map_err(|_| StoreError::Runtime("the database thread panicked".into()))?;
    result?;
    Ok((run, store))
}

/// The first SIGINT or SIGTERM interrupts the run; a second ends the
/// process at once (exit 130), for a run that does not stop soon enough.
async fn on_signal(progress: Arc<Progress>) {
    let mut count = 0;
    loop {
        let term = async {
            #[cfg(unix)]
            if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                s.recv().await;
                return;
            }
            std::future::pending::<()>().await
        };
        tokio::select! {
            r = tokio::signal::ctrl_c() => if r.is_err() { return },
            _ = term => {}
        }
        count += 1;
        if count > 1 {
            eprintln!("specc: interrupted again; exiting without waiting");
            std::process::exit(130);
        }
        eprintln!("specc: interrupted; committing what is done (press Ctrl-C again to quit at once)");
        progress.interrupt();
    }
}

async fn ask<T>(tx: &std::sync::mpsc::SyncSender<DbCmd>, make: impl FnOnce(oneshot::Sender<T>) -> DbCmd) -> Option<T> {
    let (otx, orx) = oneshot::channel();
    tx.send(make(otx)).ok()?;
    orx.await.ok()
}

/// How a reply is priced: [`Endpoint::cost`], [`Endpoint::batch_cost`], or nothing.
type CostOf = fn(&Endpoint, u64, u64) -> f64;

/// Why a sample has no answer yet.
enum Miss {
    /// It has none: the reason is recorded.
    Error(String),
    /// `--batch`: the request waits in a batch for a later round.
    Deferred,
}

/// One sample of one case: the answer, then its grade. `false` when it
/// waits for a batch (`--batch`): nothing is recorded as its grade yet.
#[allow(clippy::too_many_arguments)]
async fn one(
    case: &TestCase,
    inputs: &GradingInputs,
    sample: u32,
    target: &Endpoint,
    graders: &[Endpoint],
    tx: &std::sync::mpsc::SyncSender<DbCmd>,
    opts: &RunOptions,
    progress: &Progress,
) -> bool {
    let answer = match answer(case, sample, target, tx, opts, progress).await {
        Ok(a) => a,
        Err(Miss::Deferred) => return false,
        Err(Miss::Error(error)) => {
            let g = GradeRecord {
                error: Some(format!("no answer: {error}")),
                ..Default::default()
            };
            let _ = tx.send(DbCmd::Grade(case.id.clone(), sample, g, None));
            return true;
        }
    };
    let Some((g, cache)) = grade(case, inputs, sample, &answer, graders, tx, opts, progress).await else {
        return false;
    };
    match g.verdict {
        Some(Verdict::Pass) => progress.passed.fetch_add(1, Ordering::Relaxed),
        Some(Verdict::Fail) => progress.failed.fetch_add(1, Ordering::Relaxed),
        _ => 0,
    };
    let _ = tx.send(DbCmd::Grade(case.id.clone(), sample, g, cache));
    true
}

/// What the target is sent for a case, directly or in a batch.
fn target_request(case: &TestCase, target: &Endpoint) -> Request {
    Request {
        messages: case.prompt.clone(),
        temperature: target.temperature,
        max_tokens: target.max_tokens,
        seed: target.seed,
        json_schema: None,
        max_response_bytes: target.max_response_bytes,
    }
}

/// `--batch`: a request's result from this run's batches, or (when there is
/// none yet, or a retryable error with retries left) the request written to
/// the endpoint's batch for the next round.
#[allow(clippy::too_many_arguments)]
async fn batched(
    endpoint: &Endpoint,
    queue: &BatchQueue,
    key: &str,
    claimant: String,
    req: &Request,
    tx: &std::sync::mpsc::SyncSender<DbCmd>,
    opts: &RunOptions,
    progress: &Progress,
) -> Option<Result<(Response, bool), String>> {
    let found = ask(tx, |o| {
        DbCmd::BatchResult(endpoint.identity.clone(), key.to_string(), o)
    })
    .await
    .flatten();
    match found {
        Some(BatchResult {
            text: Some(text),
            input_tokens,
            output_tokens,
            ..
        }) => Some(Ok((
            Response {
                text,
                input_tokens,
                output_tokens,
                finish_reason: None,
            },
            queue.pays(key, &claimant),
        ))),
        Some(r) if !r.retryable || r.attempts > opts.policy.retries => Some(Err(format!(
            "{} (after {} batches)",
            r.error.unwrap_or_default(),
            r.attempts
        ))),
        _ => {
            if let Err(e) = queue.defer(&endpoint.client, key, req) {
                progress.stop(e);
            }
            None
        }
    }
}

/// The answer of the target for one sample: cached (always, for a re-grade),
/// or fresh. Recorded either way; `Err` is why there is none.
async fn answer(
    case: &TestCase,
    sample: u32,
    target: &Endpoint,
    tx: &std::sync::mpsc::SyncSender<DbCmd>,
    opts: &RunOptions,
    progress: &Progress,
) -> Result<String, Miss> {
    let messages = serde_json::to_string(&case.prompt).unwrap_or_default();
    let temp = format!("{:?}", target.temperature);
    let max = format!("{:?}", target.max_tokens);
    let sample_s = sample.to_string();
    let answer_key = key(&[&target.identity, &temp, &max, &messages, &sample_s]);
    let record = |answer: Option<String>, error: Option<String>| AnswerRecord {
        answer,
        error,
        cache_key: answer_key.clone(),
        ..Default::default()
    };
    if let Some(queue) = target.batch.as_ref().filter(|_| !opts.regrade) {
        let req = target_request(case, target);
        let claimant = format!("{}#{sample}", case.id);
        let Some(result) = batched(target, queue, &answer_key, claimant, &req, tx, opts, progress).await else {
            progress.target_requests.fetch_add(1, Ordering::Relaxed);
            return Err(Miss::Deferred);
        };
        let (rec, out) = match result {
            Ok((r, pays)) => {
                let cost_usd = if pays {
                    target.batch_cost(r.input_tokens, r.output_tokens)
                } else {
                    0.0
                };
                progress.add_spend(cost_usd);
                progress
                    .tokens
                    .fetch_add(r.input_tokens + r.output_tokens, Ordering::Relaxed);
                let rec = AnswerRecord {
                    input_tokens: r.input_tokens,
                    output_tokens: r.output_tokens,
                    cost_usd,
                    ..record(Some(r.text.clone()), None)
                };
                (rec, Ok(r.text))
            }
            Err(e) => (record(None, Some(e.clone())), Err(Miss::Error(e))),
        };
        let _ = tx.send(DbCmd::Answer(case.id.clone(), sample, rec));
        return out;
    }
    // A resumed run reuses what it committed even under --no-cache: it never repeats a request.
    if (opts.use_cache || opts.regrade || opts.resume.is_some())
        && let Some((a, _, _)) = ask(tx, |o| DbCmd::CachedAnswer(answer_key.clone(), o)).await.flatten()
    {
        // A cached answer still belongs to this run.
        let _ = tx.send(DbCmd::Answer(case.id.clone(), sample, record(Some(a.clone()), None)));
        return Ok(a);
    }
    if opts.regrade {
        let error = "no stored answer to re-grade; run `specc test` first".to_string();
        let _ = tx.send(DbCmd::Answer(
            case.id.clone(),
            sample,
            record(None, Some(error.clone())),
        ));
        return Err(Miss::Error(error));
    }
    let req = target_request(case, target);
    let started = Instant::now();
    progress.target_requests.fetch_add(1, Ordering::Relaxed);
    let result = target.call(&req, &opts.policy, progress, false).await;
    let latency_ms = started.elapsed().as_millis() as u64;
    let (rec, out) = match result {
        Ok(r) => {
            progress
                .tokens
                .fetch_add(r.input_tokens + r.output_tokens, Ordering::Relaxed);
            let cost_usd = target.cost(r.input_tokens, r.output_tokens);
            progress.add_spend(cost_usd);
            let rec = AnswerRecord {
                input_tokens: r.input_tokens,
                output_tokens: r.output_tokens,
                latency_ms,
                cost_usd,
                ..record(Some(r.text.clone()), None)
            };
            (rec, Ok(r.text))
        }
        Err(e) => {
            let error = describe(&e);
            let rec = AnswerRecord {
                latency_ms,
                ..record(None, Some(error.clone()))
            };
            (rec, Err(Miss::Error(error)))
        }
    };
    let _ = tx.send(DbCmd::Answer(case.id.clone(), sample, rec));
    out
}

/// The grade of an answer: the deterministic assertions first (a failed one
/// is a fail without a grader call), then the grader (cached by its prompt
/// and the answer). Returns the grade and the key to cache it under.
#[allow(clippy::too_many_arguments)]
async fn grade(
    case: &TestCase,
    inputs: &GradingInputs,
    sample: u32,
    answer: &str,
    graders: &[Endpoint],
    tx: &std::sync::mpsc::SyncSender<DbCmd>,
    opts: &RunOptions,
    progress: &Progress,
) -> Option<(GradeRecord, Option<String>)> {
    // A human ruling on this very answer settles it: no grader is asked.
    if let Some(r) = inputs.rulings.iter().find(|r| r.settles(&case.prompt, answer)) {
        let g = GradeRecord {
            verdict: Some(r.verdict),
            rationale: format!("settled by the precedent \"{}\": {}", r.title, r.rationale),
            source: Some("precedent"),
            assertion_failures: "[]".into(),
            ..Default::default()
        };
        return Some((g, None));
    }
    if let Some(failed) = failed_assertions(case, inputs, answer) {
        return Some((failed, None));
    }
    match graders {
        [] => Some((assertions_only(case), None)),
        [grader] => ask_grader(case, inputs, sample, answer, grader, tx, opts, progress, false).await,
        panel => Some((
            ask_panel(case, inputs, sample, answer, panel, tx, opts, progress).await?,
            None,
        )),
    }
}

/// A panel's verdict: every grader asked at once, each vote cached on its
/// own, the strict majority of all votes (an error votes `unclear`).
#[allow(clippy::too_many_arguments)]
async fn ask_panel(
    case: &TestCase,
    inputs: &GradingInputs,
    sample: u32,
    answer: &str,
    panel: &[Endpoint],
    tx: &std::sync::mpsc::SyncSender<DbCmd>,
    opts: &RunOptions,
    progress: &Progress,
) -> Option<GradeRecord> {
    let asked = panel
        .iter()
        .map(|g| ask_grader(case, inputs, sample, answer, g, tx, opts, progress, true));
    // `--batch`: one vote still waiting waits for the whole panel.
    let grades: Vec<(GradeRecord, Option<String>)> = futures_util::future::join_all(asked)
        .await
        .into_iter()
        .collect::<Option<_>>()?;
    // A panel stops the run only when none of its graders can be used.
    if panel.iter().all(|g| g.health.unusable()) {
        progress.stop(format!(
            "no grader of the panel can be used: {}",
            grades
                .iter()
                .zip(panel)
                .map(|((g, _), e)| format!("{}: {}", e.label, g.error.as_deref().unwrap_or("no verdict")))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    let votes: Vec<Vote> = panel
        .iter()
        .zip(&grades)
        .map(|(g, (r, key))| Vote {
            grader: g.identity.clone(),
            verdict: r.verdict,
            rationale: r.rationale.clone(),
            error: r.error.clone(),
            source: r.source,
            cache_key: key.clone(),
        })
        .collect();
    let verdicts: Vec<Option<Verdict>> = votes.iter().map(|v| v.verdict).collect();
    let verdict = specc_suite::panel::majority(&verdicts);
    let tally = votes
        .iter()
        .enumerate()
        .map(|(i, v)| match (v.verdict, &v.error) {
            (Some(x), _) => format!("grader {}: {x}", i + 1),
            (None, e) => format!("grader {}: error ({})", i + 1, e.as_deref().unwrap_or("no verdict")),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let votes_for = |v: Verdict| verdicts.iter().filter(|x| x.unwrap_or(Verdict::Unclear) == v).count();
    let decided = match verdict {
        Some(v) if 2 * votes_for(v) > panel.len() => format!("{v} by {} of {}", votes_for(v), panel.len()),
        _ => format!("no majority of {}", panel.len()),
    };
    // The rationale of the graders that carried the verdict, for people.
    let reasons = votes
        .iter()
        .enumerate()
        .filter(|(_, v)| v.verdict.is_some() && v.verdict == verdict)
        .map(|(i, v)| format!("[grader {}] {}", i + 1, v.rationale))
        .collect::<Vec<_>>()
        .join("\n");
    Some(GradeRecord {
        verdict,
        rationale: format!("panel: {decided} ({tally})\n{reasons}").trim_end().to_string(),
        error: verdict
            .is_none()
            .then(|| format!("no grader of the panel gave a verdict: {tally}")),
        grader_prompt_hash: grades
            .first()
            .map(|(g, _)| g.grader_prompt_hash.clone())
            .unwrap_or_default(),
        assertion_failures: "[]".into(),
        source: verdict.map(|_| "panel"),
        input_tokens: grades.iter().map(|(g, _)| g.input_tokens).sum(),
        output_tokens: grades.iter().map(|(g, _)| g.output_tokens).sum(),
        cost_usd: grades.iter().map(|(g, _)| g.cost_usd).sum(),
        votes,
    })
}

/// A fail when a deterministic assertion does not hold.
fn failed_assertions(case: &TestCase, inputs: &GradingInputs, answer: &str) -> Option<GradeRecord> {
    let failures = check_assertions(&case.expectations, answer, &inputs.base);
    if failures.is_empty() {
        return None;
    }
    let rationale = failures
        .iter()
        .map(|f| format!("{:?} {}: {}", f.kind, f.argument, f.reason))
        .collect::<Vec<_>>()
        .join("; ");
    Some(GradeRecord {
        verdict: Some(Verdict::Fail),
        source: Some("assertions"),
        rationale,
        assertion_failures: serde_json::to_string(&failures.iter().map(|f| &f.reason).collect::<Vec<_>>())
            .unwrap_or_default(),
        ..Default::default()
    })
}

/// Without a grader, the deterministic assertions alone decide; a case with
/// none has nothing to decide it, which is an error state, not a pass.
fn assertions_only(case: &TestCase) -> GradeRecord {
    let has_assertions = case
        .expectations
        .iter()
        .any(|e| matches!(e.check, specc_syntax::ExpectationKind::Assertion { .. }));
    if has_assertions {
        GradeRecord {
            verdict: Some(Verdict::Pass),
            source: Some("assertions"),
            rationale: "every deterministic assertion holds (no grader configured)".into(),
            assertion_failures: "[]".into(),
            ..Default::default()
        }
    } else {
        GradeRecord {
            error: Some("no grader configured and no deterministic assertion to check".into()),
            assertion_failures: "[]".into(),
            ..Default::default()
        }
    }
}

/// The grader's verdict on an answer: cached, or asked for and read fail-closed.
#[allow(clippy::too_many_arguments)]
async fn ask_grader(
    case: &TestCase,
    inputs: &GradingInputs,
    sample: u32,
    answer: &str,
    grader: &Endpoint,
    tx: &std::sync::mpsc::SyncSender<DbCmd>,
    opts: &RunOptions,
    progress: &Progress,
    in_panel: bool,
) -> Option<(GradeRecord, Option<String>)> {
    let chain: Vec<&str> = inputs.section_chain.iter().map(String::as_str).collect();
    let defs: Vec<(&str, &str)> = inputs
        .definitions
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let precs: Vec<(&str, &str, &str)> = inputs
        .precedents
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let ctx = GradingContext {
        clause: inputs.clause.as_deref(),
        section_chain: &chain,
        section_text: &inputs.section_text,
        definitions: &defs,
        precedents: &precs,
    };
    let structured = opts.structured_grader && grader.client.structured_output();
    let mut rng = fastrand::Rng::new();
    let prompt = grader_prompt(case, &ctx, answer, structured, &mut rng);
    // Temperature and seed are part of what a grade depends on.
    let settings = format!("{:?}|{:?}", grader.temperature, grader.seed);
    let grade_key = key(&[&grader.identity, &settings, &prompt.hash, answer]);
    let graded = |verdict: Option<Verdict>, rationale: String, error: Option<String>| GradeRecord {
        verdict,
        rationale,
        error,
        grader_prompt_hash: prompt.hash.clone(),
        assertion_failures: "[]".into(),
        ..Default::default()
    };
    if opts.use_cache
        && !opts.regrade
        && let Some((v, r)) = ask(tx, |o| DbCmd::CachedGrade(grade_key.clone(), o)).await.flatten()
    {
        let g = GradeRecord {
            source: Some("cache"),
            ..graded(Some(v), r, None)
        };
        return Some((g, None));
    }
    let req = Request {
        messages: prompt.messages.clone(),
        temperature: grader.temperature,
        max_tokens: grader.max_tokens,
        seed: grader.seed,
        json_schema: structured.then(verdict_schema),
        max_response_bytes: grader.max_response_bytes,
    };
    let (result, cost_of): (Result<Response, String>, CostOf) = match &grader.batch {
        Some(queue) => {
            let claimant = format!("{}#{sample}", case.id);
            let Some(result) = batched(grader, queue, &grade_key, claimant, &req, tx, opts, progress).await else {
                progress.grader_requests.fetch_add(1, Ordering::Relaxed);
                return None;
            };
            // Nothing for a reply another sample already paid for.
            match result {
                Ok((r, true)) => (Ok(r), Endpoint::batch_cost),
                Ok((r, false)) => (Ok(r), |_, _, _| 0.0),
                Err(e) => (Err(e), Endpoint::batch_cost),
            }
        }
        None => {
            progress.grader_requests.fetch_add(1, Ordering::Relaxed);
            (
                grader
                    .call(&req, &opts.policy, progress, in_panel)
                    .await
                    .map_err(|e| describe(&e)),
                Endpoint::cost,
            )
        }
    };
    let r = match result {
        Err(e) => {
            return Some((graded(None, String::new(), Some(format!("grader: {e}"))), None));
        }
        Ok(r) => r,
    };
    progress
        .tokens
        .fetch_add(r.input_tokens + r.output_tokens, Ordering::Relaxed);
    let cost_usd = cost_of(grader, r.input_tokens, r.output_tokens);
    progress.add_spend(cost_usd);
    let g = match parse_verdict(&r.text, structured) {
        Ok(v) => GradeRecord {
            source: Some("grader"),
            ..graded(Some(v.verdict), v.rationale, None)
        },
        Err(e) => graded(None, r.text.chars().take(2000).collect(), Some(e.to_string())),
    };
    let cache = g.verdict.map(|_| grade_key);
    let g = GradeRecord {
        input_tokens: r.input_tokens,
        output_tokens: r.output_tokens,
        cost_usd,
        ..g
    };
    Some((g, cache))
}

/// A progress line, for logs and non-terminal stderr.
pub fn progress_line(p: &Progress, total: u64, started: Instant) -> String {
    let done = p.done.load(Ordering::Relaxed);
    let (pass, fail) = (p.passed.load(Ordering::Relaxed), p.failed.load(Ordering::Relaxed));
    let rate = if pass + fail > 0 {
        format!("{:.0}%", 100.0 * pass as f64 / (pass + fail) as f64)
    } else {
        "-".into()
    };
    format!(
        "[{:>5.1}s] {done}/{} done, pass rate {rate}, {} in flight, {}, ${:.4}",
        started.elapsed().as_secs_f64(),
        specc_diagnostics::plural(total, "sample", "samples"),
        p.in_flight.load(Ordering::Relaxed),
        specc_diagnostics::plural(p.tokens.load(Ordering::Relaxed), "token", "tokens"),
        p.spend()
    )
}

/// Prints [`progress_line`] to stderr every `every` until `stop` resolves.
pub async fn report_progress(
    p: Arc<Progress>,
    total: u64,
    every: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let started = Instant::now();
    loop {
        tokio::select! {
            _ = tokio::time::sleep(every) => eprintln!("{}", progress_line(&p, total, started)),
            _ = stop.changed() => break,
        }
    }
}
