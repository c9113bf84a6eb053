//! Which cases a run sends (every case of the spec, then its precedents,
//! whose rulings are their expected verdicts), and in what form: the selection, `--with-spec`,
//! `--changed-since`, and the grading inputs built once per clause; then the
//! run itself, its cases parsed and fed on their own thread while the runner
//! works through them.

use super::batch::BatchRunError;
use crate::runner::Endpoint;
use crate::runner::{CaseFeed, Progress, RunOptions};
use crate::store::{RunMeta, Store, StoreError};
use specc_project::{Package, Workspace};
use specc_suite::grading::fingerprint;
use specc_suite::{
    ChatMessage, ChatRole, GradingInputs, Selection, Shard, TestCase, cases_of, grading_inputs, precedent_cases,
};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Arc;

/// How `--changed-since` chose: how many cases of how many, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeReport {
    pub kept: usize,
    pub total: usize,
    /// Why cases were kept, with how many for each reason.
    pub reasons: BTreeMap<&'static str, usize>,
}

type Contexts = HashMap<(Option<String>, Option<String>), Arc<GradingInputs>>;

/// The cases of one `specc test` run.
pub struct Plan<'a> {
    ws: &'a Workspace,
    pkg: &'a Package,
    selection: Selection,
    /// The compiled spec as a system message before every prompt.
    system_spec: Option<String>,
    /// Cases chosen in advance (`--changed-since`); otherwise streamed.
    chosen: Option<Vec<(TestCase, Arc<GradingInputs>)>>,
    contexts: Contexts,
    /// `--shard K/N`: only the cases of that slice.
    shard: Option<Shard>,
}

impl<'a> Plan<'a> {
    /// Every selected case of `pkg`, streamed from `ws` (which may be lean).
    /// `system_spec`: `--with-spec`'s compiled prompt.
    pub fn new(ws: &'a Workspace, pkg: &'a Package, selection: Selection, system_spec: Option<String>) -> Plan<'a> {
        Plan {
            ws,
            pkg,
            selection,
            system_spec,
            chosen: None,
            contexts: Contexts::new(),
            shard: None,
        }
    }

    /// Sends only the cases of one slice (`--shard K/N`).
    pub fn with_shard(mut self, shard: Option<Shard>) -> Plan<'a> {
        self.shard = shard;
        if let (Some(s), Some(chosen)) = (shard, self.chosen.as_mut()) {
            chosen.retain(|(c, _)| s.contains(&c.id));
        }
        self
    }

    /// Keeps only the selected cases whose result could differ from what they
    /// gave in `old` (the project at an earlier revision): new cases, and
    /// cases whose prompt, clause text, section context, authority or
    /// precedents changed. `now` is the project fully loaded (not lean).
    pub fn keep_changed_since(&mut self, now: &Workspace, old: &Workspace) -> ChangeReport {
        let old_pkg = old.root();
        let before: HashMap<String, [(&'static str, String); 5]> = cases_of(old_pkg)
            .into_iter()
            .chain(precedent_cases(old_pkg))
            .map(|c| {
                let i = grading_inputs(old, old_pkg, &c);
                (c.id.clone(), fingerprint(&c, &i))
            })
            .collect();
        let mut report = ChangeReport::default();
        let mut kept = Vec::new();
        for mut c in cases_of(now.root()).into_iter().chain(precedent_cases(now.root())) {
            if !self.selection.keeps_case(c.scope()) || self.shard.is_some_and(|s| !s.contains(&c.id)) {
                continue;
            }
            report.total += 1;
            let inputs = context(&mut self.contexts, now, now.root(), &c);
            let fp = fingerprint(&c, &inputs);
            let why = match before.get(&c.id) {
                None => Some("it is new"),
                Some(b) => fp.iter().zip(b.iter()).find(|(x, y)| x.1 != y.1).map(|(x, _)| x.0),
            };
            if let Some(w) = why {
                *report.reasons.entry(w).or_default() += 1;
                with_spec(&self.system_spec, &mut c);
                kept.push((c, inputs));
            }
        }
        report.kept = kept.len();
        self.chosen = Some(kept);
        report
    }

    /// How many cases the run will send (counted without parsing test files
    /// again: a lean load counted them).
    pub fn count(&self) -> usize {
        match (&self.chosen, self.shard) {
            (Some(v), _) => v.len(),
            // A slice is chosen by case ID, which only parsing gives.
            (None, Some(shard)) => {
                let mut n = 0;
                specc_suite::for_each_case(self.ws, self.pkg, &mut |c| {
                    n += usize::from(self.selection.keeps_case(c.scope()) && shard.contains(&c.id));
                    true
                });
                n + precedent_cases(self.pkg)
                    .iter()
                    .filter(|c| self.selection.keeps_case(c.scope()) && shard.contains(&c.id))
                    .count()
            }
            (None, None) => {
                specc_suite::count_cases(self.pkg, &mut |s| self.selection.keeps_case(s))
                    + precedent_cases(self.pkg)
                        .iter()
                        .filter(|c| self.selection.keeps_case(c.scope()))
                        .count()
            }
        }
    }

    /// Runs the plan: cases are parsed and fed on their own thread through a
    /// bounded feed (so memory holds a few cases, not all), the runner answers
    /// and grades them, and `display` shows progress until the run ends.
    /// With `--batch` (an endpoint with a batch queue) the run goes in rounds
    /// (see [`super::batch`]): each round feeds the cases again, and between
    /// rounds the deferred requests are submitted and collected.
    /// Returns the run's ID.
    #[allow(clippy::too_many_arguments)]
    pub fn execute<D, F>(
        self,
        store: Store,
        meta: RunMeta,
        target: Endpoint,
        graders: Vec<Endpoint>,
        opts: RunOptions,
        progress: Arc<Progress>,
        display: D,
    ) -> Result<i64, BatchRunError>
    where
        D: FnOnce(Arc<Progress>, tokio::sync::watch::Receiver<bool>) -> F,
        F: Future<Output = ()> + Send + 'static,
    {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| StoreError::Runtime(e.to_string()))?;
        let Plan {
            ws,
            pkg,
            selection,
            system_spec,
            chosen,
            mut contexts,
            shard,
        } = self;
        let batched = target.batch.is_some() || graders.iter().any(|g| g.batch.is_some());
        let target = Arc::new(target);
        let graders = Arc::new(graders);
        let endpoints: Vec<&Endpoint> = std::iter::once(&*target).chain(graders.iter()).collect();
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let shown = rt.spawn(display(progress.clone(), stop_rx));
        let mut store = store;
        let mut opts = opts;
        // What a killed `--batch` run submitted is collected first, never sent again.
        if let (true, Some(run)) = (batched, opts.resume) {
            specc_diagnostics::note!("specc: run {run} (resumed)");
            opts.quiet = true;
            let collected = rt.block_on(super::batch::collect(
                &store,
                run,
                &endpoints,
                opts.batch_poll,
                &opts.policy,
                &progress,
            ));
            stop_on_provider_error(collected, &progress)?;
        }
        // Answers in one round, grades in the next, and each retry of a
        // retryable error one more: more rounds than that is a fault.
        let most_rounds = 2 * (opts.policy.retries as usize + 2);
        let mut round = 0;
        // One feeder thread for every round: a parser thread per round would
        // leave its allocator heap behind (several MiB) each time it ended.
        let result = std::thread::scope(|scope| {
            let (rounds_tx, rounds_rx) = std::sync::mpsc::channel::<tokio::sync::mpsc::Sender<_>>();
            let contexts = &mut contexts;
            let (chosen, selection, system_spec) = (&chosen, &selection, &system_spec);
            scope.spawn(move || {
                for feed_tx in rounds_rx {
                    feed_round(&feed_tx, chosen, selection, system_spec, shard, contexts, ws, pkg);
                }
            });
            loop {
                round += 1;
                let (feed_tx, feed): (_, CaseFeed) = tokio::sync::mpsc::channel(opts.concurrency.max(1) * 4);
                if rounds_tx.send(feed_tx).is_err() {
                    break Err(StoreError::Runtime("the case feed stopped".into()).into());
                }
                let (run, returned) = rt.block_on(crate::runner::run(
                    store,
                    meta.clone(),
                    feed,
                    target.clone(),
                    graders.clone(),
                    opts.clone(),
                    progress.clone(),
                ))?;
                store = returned;
                if !batched || progress.interrupted() || progress.stopped().is_some() {
                    break Ok(run);
                }
                let submitted = rt.block_on(super::batch::submit_round(&store, run, &endpoints, &opts.policy));
                let Some(submitted) = stop_on_provider_error(submitted, &progress)? else {
                    break Ok(run);
                };
                if submitted == 0 {
                    break Ok(run);
                }
                if round >= most_rounds {
                    progress.stop(format!(
                        "{submitted} requests still had no result after {round} rounds of batches; `--resume {run} --batch` tries again"
                    ));
                    break Ok(run);
                }
                let collected = rt.block_on(super::batch::collect(
                    &store,
                    run,
                    &endpoints,
                    opts.batch_poll,
                    &opts.policy,
                    &progress,
                ));
                if stop_on_provider_error(collected, &progress)?.is_none() || progress.interrupted() {
                    break Ok(run);
                }
                progress.deferred.store(0, std::sync::atomic::Ordering::Relaxed);
                opts.resume = Some(run);
                opts.quiet = true;
                // One signal handler for the whole run: the first round's.
                opts.interruptible = false;
            }
        });
        let _ = stop_tx.send(true);
        let _ = rt.block_on(shown);
        result
    }
}

/// One round's cases into the runner's feed: the cases chosen in advance,
/// or every selected case of the spec and its precedents, parsed as sent.
#[allow(clippy::too_many_arguments)]
fn feed_round(
    feed_tx: &tokio::sync::mpsc::Sender<(TestCase, Arc<GradingInputs>)>,
    chosen: &Option<Vec<(TestCase, Arc<GradingInputs>)>>,
    selection: &Selection,
    system_spec: &Option<String>,
    shard: Option<Shard>,
    contexts: &mut Contexts,
    ws: &Workspace,
    pkg: &Package,
) {
    if let Some(cases) = chosen {
        for item in cases {
            if feed_tx.blocking_send(item.clone()).is_err() {
                return;
            }
        }
        return;
    }
    let mut send = |mut c: TestCase| {
        if !selection.keeps_case(c.scope()) || shard.is_some_and(|s| !s.contains(&c.id)) {
            return true;
        }
        with_spec(system_spec, &mut c);
        let i = context(contexts, ws, pkg, &c);
        feed_tx.blocking_send((c, i)).is_ok()
    };
    let mut go = true;
    specc_suite::for_each_case(ws, pkg, &mut |c| {
        go = send(c);
        go
    });
    // Precedents are cases of their clause too (#precedents).
    for c in precedent_cases(pkg) {
        if !go || !send(c) {
            return;
        }
    }
}

/// A provider's refusal or a batch file that cannot be written stops the
/// run as an unusable endpoint does (the run is kept, and resumable); only
/// a database error is an error of the command.
fn stop_on_provider_error<T>(
    result: Result<T, BatchRunError>,
    progress: &Progress,
) -> Result<Option<T>, BatchRunError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(BatchRunError::Store(e)) => Err(BatchRunError::Store(e)),
        Err(e) => {
            progress.stop(e.to_string());
            Ok(None)
        }
    }
}

/// Everything a case is graded with comes from its clause or section: built
/// once per clause and shared by its cases.
fn context(contexts: &mut Contexts, ws: &Workspace, pkg: &Package, c: &TestCase) -> Arc<GradingInputs> {
    contexts
        .entry((c.clause.clone(), c.section.clone()))
        .or_insert_with(|| Arc::new(grading_inputs(ws, pkg, c)))
        .clone()
}

fn with_spec(system_spec: &Option<String>, c: &mut TestCase) {
    if let Some(spec) = system_spec {
        c.prompt.insert(
            0,
            ChatMessage {
                role: ChatRole::System,
                content: spec.clone(),
            },
        );
    }
}
