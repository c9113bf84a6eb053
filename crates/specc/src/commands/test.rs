//! `specc test`: flags in, the pipeline of `specc_eval::pipeline`, the
//! summary out (a table, `specc.test/1` JSON or JUnit), and the exit code.

use crate::cli::{TestArgs, TestFormat};
use crate::output::out;
use crate::views::{first_failures, json_summary, plural, summary_table};
use anyhow::{Context, bail};
use serde_json::json;
use specc_eval::Selection;
use specc_eval::pipeline::{
    Plan, Summary, TestSettings, endpoint, graders, graders_identity, pass_threshold, retry_policy, write_junit,
};
use specc_eval::runner::{Progress, RunOptions};
use specc_eval::store::{RunMeta, Store};
use specc_project::Workspace;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;

const NEEDS_TARGET: &str = "specc test needs [models.target] in specc.toml (and [models.grader] to grade beyond deterministic assertions)\nhelp: for example\n[models.target]\nprovider = \"openai\"\nmodel = \"gpt-4.1-mini\"\nbase-url = \"http://127.0.0.1:8080/v1\"\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"gpt-4.1\"";

pub fn run(args: &TestArgs) -> anyhow::Result<u8> {
    // Lean: test files are counted now and streamed into the run later, so a
    // run of 100,000 prompts holds a few cases in memory at a time.
    let ws = Workspace::load_lean(&args.path);
    if crate::output::refuse_on_errors(&ws) {
        return Ok(2);
    }
    let pkg = ws.root();
    let config = &pkg.config;
    let Some(target_cfg) = config.model("target") else {
        bail!(NEEDS_TARGET);
    };
    let mut target = endpoint("target", target_cfg)?;
    // Without a grader, only deterministic assertions decide (a fast CI smoke test).
    let mut graders = graders(config)?;
    let grader_identity = graders_identity(&graders);
    let selection = Selection::new(pkg, &args.select.request(&args.clause))?;
    let system_spec = args.with_spec.then(|| specc_build::prompt::system_prompt(&ws, pkg));
    let shard = shard(args)?;
    let mut plan = Plan::new(&ws, pkg, selection.clone(), system_spec).with_shard(shard);
    let full;
    if let Some(rev) = &args.changed_since {
        full = Workspace::load(&args.path);
        let old = Workspace::load_revision(&pkg.root, rev)?;
        let r = plan.keep_changed_since(&full, &old);
        let why: Vec<String> = r.reasons.iter().map(|(w, n)| format!("{n} because {w}")).collect();
        let why = if why.is_empty() {
            String::new()
        } else {
            format!(": {}", why.join("; "))
        };
        specc_diagnostics::note!(
            "specc: {} of {} changed since {rev}{why}",
            r.kept,
            plural(r.total, "case", "cases")
        );
        if r.kept == 0 {
            specc_diagnostics::note!("specc: no case changed since {rev}; nothing to run");
            return Ok(0);
        }
    }
    let cases = plan.count();
    if let (0, Some(s)) = (cases, shard) {
        // Still a run: `specc merge` needs every slice, empty ones too.
        specc_diagnostics::note!("specc: shard {s} holds none of the selected cases; recording it as an empty run");
    } else if cases == 0 {
        bail!("no test case matches the filters\nhelp: `specc check --dump-ir` lists clauses and sections");
    }
    // Without a grader only deterministic assertions decide: with none either,
    // every answer would end in error, so say so before calling the model.
    if graders.is_empty() && !any_assertion(&ws, pkg, &selection) {
        bail!(
            "nothing could grade these cases: there is no [models.grader] and no case has a deterministic assertion\nhelp: add a [models.grader] table to specc.toml, or an `**Expect**:` list with assertions such as `contains: refund` to the test files (`specc explain C208`)"
        );
    }

    let db = crate::output::results_db(&pkg.root, args.db.as_ref())?;
    if args.batch {
        // Batch files are written next to the database and removed once submitted.
        let dir = db.parent().unwrap_or(std::path::Path::new(".")).join("batches");
        for e in std::iter::once(&mut target).chain(graders.iter_mut()) {
            e.batch = specc_eval::providers::BatchQueue::new(&e.client, &e.identity, &dir);
            if e.batch.is_none() {
                specc_diagnostics::note!(
                    "specc: {} has no batch API (only openai and anthropic do); it is called directly",
                    e.label
                );
            }
        }
    }
    let settings = TestSettings::new(config, args.samples);
    // A run limited to some cases says so: `specc runs`, the trend and
    // `specc compare` treat it as partial.
    let mut scope: Vec<String> = Vec::new();
    if let Some(rev) = &args.changed_since {
        scope.push(format!("--changed-since {rev}"));
    }
    for (flag, values) in [
        ("--clause", &args.clause),
        ("--section", &args.select.section),
        ("--authority", &args.select.authority),
        ("--tag", &args.select.tag),
    ] {
        if !values.is_empty() {
            scope.push(format!("{flag} {}", values.join(",")));
        }
    }
    // The settings record the scope without the shard: the shards of one
    // run have the same settings, which `specc merge` checks.
    let settings_scope = (!scope.is_empty()).then(|| scope.join(" "));
    if let Some(s) = shard {
        scope.push(format!("--shard {s}"));
    }
    let scope = (!scope.is_empty()).then(|| scope.join(" "));
    let spec_hash = specc_build::spec_hash(&ws, pkg);
    if let Some(run) = args.resume {
        resumable(&db, run, &spec_hash, shard, args)?;
    }
    let meta = RunMeta {
        spec_name: config.spec.name.clone(),
        spec_version: config.spec.version.as_ref().map(|v| v.get_ref().clone()),
        spec_hash: spec_hash.clone(),
        git_rev: git_rev(&pkg.root),
        target: target.identity.clone(),
        grader: grader_identity.clone().unwrap_or_else(|| "none (assertions only)".into()),
        scope: scope.clone(),
        shard: shard.map(|s| s.to_string()),
        settings: json!({
            "scope": settings_scope,
            "samples": settings.samples,
            "concurrency": settings.concurrency,
            "target_temperature": target.temperature,
            "grader_temperature": graders.first().and_then(|g| g.temperature),
            "grader_seed": graders.first().and_then(|g| g.seed),
            "graders": graders.iter().map(|g| json!({ "identity": g.identity, "temperature": g.temperature, "seed": g.seed })).collect::<Vec<_>>(),
        })
        .to_string(),
    };
    let opts = RunOptions {
        samples: settings.samples,
        concurrency: settings.concurrency,
        policy: retry_policy(target_cfg),
        use_cache: !args.no_cache,
        regrade: args.regrade,
        resume: args.resume,
        structured_grader: true,
        budget: settings.budget,
        interruptible: true,
        quiet: false,
        batch_poll: specc_eval::providers::PollPolicy::up_to(
            config
                .test
                .batch_poll
                .as_ref()
                .and_then(|p| specc_project::parse_duration(p.get_ref()))
                .unwrap_or(specc_eval::providers::PollPolicy::default().max),
        ),
    };
    let progress = Arc::new(Progress::default());
    let total = cases as u64 * u64::from(settings.samples);
    let run_id = plan.execute(
        Store::open(&db)?,
        meta,
        target,
        graders,
        opts,
        progress.clone(),
        move |p, stop| crate::progress::show(p, total, stop),
    )?;

    let store = Store::open(&db)?;
    // The command that finishes this run, from where it was started.
    let resume = resume_command(args, run_id, args.batch, shard);
    if progress.interrupted() {
        store.finish_run(run_id, "interrupted")?;
        eprintln!(
            "specc: run {run_id} interrupted after {}; what was done is kept\nhelp: `{resume}` finishes it",
            plural(progress.done.load(Relaxed), "sample", "samples")
        );
        return Ok(130);
    }
    let skipped = progress.skipped_for_budget.load(Relaxed);
    if let Some(why) = progress.stopped() {
        store.finish_run(run_id, "stopped: endpoint unreachable")?;
        eprintln!(
            "error: {why}\nhelp: check that the server is running, its URL (`base-url`) and model, and the API key (or the `command` of an exec model); then `{resume}` finishes the run"
        );
        return Ok(2);
    }
    if skipped > 0 {
        store.finish_run(run_id, "stopped: budget")?;
        eprintln!(
            "specc: stopped before the budget of ${:.2} ran out (spent about ${:.4}); {} not run; finish with `{resume}` after raising [test] budget",
            settings.budget.unwrap_or(0.0),
            progress.spend(),
            plural(skipped, "sample", "samples"),
        );
    } else {
        store.finish_run(run_id, "complete")?;
    }
    let calibration = match &grader_identity {
        Some(g) => store.calibration(g)?,
        None => Vec::new(),
    };
    let summary = Summary::new(
        &store.group_results(run_id)?,
        calibration,
        pass_threshold(config),
        args.strict,
    )
    .with_error_reasons(store.error_reasons(run_id)?)
    .with_panel(&store, run_id)?;
    let requests = (
        progress.target_requests.load(Relaxed),
        progress.grader_requests.load(Relaxed),
    );
    let mut w = out();
    match args.format {
        TestFormat::Junit => write_junit(&mut w, &store, run_id, args.strict).context("cannot write JUnit")?,
        TestFormat::Json => {
            let mut v = json_summary(run_id, &summary, args.strict, Some(requests));
            if args.cases {
                v["cases"] = serde_json::to_value(store.samples(run_id)?)?;
            }
            serde_json::to_writer(&mut w, &v)?;
            writeln!(w)?;
        }
        TestFormat::Human => {
            summary_table(&mut w, run_id, &summary, args.strict, Some(requests))?;
            // The commands it suggests find this run again from where specc was started.
            crate::views::suggest_with(&args.path, args.db.as_deref());
            first_failures(&mut w, &store, run_id, &ws, 3)?;
        }
    }
    w.flush()?;
    let too_many_errors = summary.too_many_errors(args.allow_errors);
    if too_many_errors {
        let samples = summary.overall.total();
        eprintln!(
            "specc: {} of {} ended without a verdict (allowed: {}); the reasons are in the summary\nhelp: fix the cause, or accept some with `--allow-errors N` or `--allow-errors P%`",
            summary.overall.errors,
            plural(samples, "sample", "samples"),
            args.allow_errors.limit(samples)
        );
    }
    Ok(if summary.below_threshold.is_empty() && !too_many_errors {
        0
    } else {
        1
    })
}

/// Whether any selected case (precedents included) has a deterministic assertion.
fn any_assertion(ws: &Workspace, pkg: &specc_project::Package, selection: &Selection) -> bool {
    let has = |c: &specc_eval::TestCase| {
        selection.keeps_case(c.scope())
            && c.expectations
                .iter()
                .any(|e| matches!(e.check, specc_syntax::ExpectationKind::Assertion { .. }))
    };
    let mut found = false;
    specc_eval::for_each_case(ws, pkg, &mut |c| {
        found = has(&c);
        !found
    });
    found || specc_eval::precedent_cases(pkg).iter().any(has)
}

/// A run can be resumed when it exists and was made on this very spec: a
/// resume after an edit would mix two versions under the old one's hash.
fn resumable(
    db: &std::path::Path,
    run: i64,
    spec_hash: &str,
    shard: Option<specc_eval::Shard>,
    args: &TestArgs,
) -> anyhow::Result<()> {
    if !db.is_file() {
        bail!(
            "no results database at `{}`, so no run {run} to resume\nhelp: if the run was recorded in another database, name it with --db; otherwise start a new run without --resume",
            db.display()
        );
    }
    let info = Store::open(db)?.resolve_run(Some(run))?;
    if info.spec_hash != spec_hash {
        bail!(
            "run {run} tested another version of the spec (hash {}, now {spec_hash}); resuming it would mix the two\nhelp: start a new run with `specc test`, or restore the spec as it was",
            info.spec_hash
        );
    }
    let store = Store::open(db)?;
    let pending = store.pending_batches(run)?;
    if !pending.is_empty() && !args.batch {
        bail!(
            "run {run} has {} submitted and not yet collected; resuming without --batch would send those requests again\nhelp: `{}` collects them",
            plural(pending.len(), "batch", "batches"),
            resume_command(args, run, true, shard)
        );
    }
    let was = store.run_shard(run)?;
    let now = shard.map(|s| s.to_string());
    if was != now {
        let say = |s: &Option<String>| s.as_ref().map_or("the whole run".to_string(), |s| format!("shard {s}"));
        bail!(
            "run {run} sent {}, and this command asks for {}; resuming it would mix the two\nhelp: resume with {}",
            say(&was),
            say(&now),
            was.as_ref()
                .map_or("no --shard".to_string(), |s| format!("--shard {s}"))
        );
    }
    Ok(())
}

/// The command that finishes `run` as this one was started: the same
/// project, database, shard, and `--batch` when it has batches.
fn resume_command(args: &TestArgs, run: i64, batch: bool, shard: Option<specc_eval::Shard>) -> String {
    let mut cmd = format!("specc test --resume {run}");
    if batch {
        cmd.push_str(" --batch");
    }
    if let Some(s) = shard {
        cmd.push_str(&format!(" --shard {s}"));
    }
    if let Some(db) = &args.db {
        cmd.push_str(&format!(" --db {}", db.display()));
    }
    if args.path != std::path::Path::new(".") {
        cmd.push_str(&format!(" {}", args.path.display()));
    }
    cmd
}

/// `--shard K/N`, or slice `JOB_COMPLETION_INDEX` of `--shard-count N`.
fn shard(args: &TestArgs) -> anyhow::Result<Option<specc_eval::Shard>> {
    let Some(count) = args.shard_count else {
        return Ok(args.shard);
    };
    let index = std::env::var("JOB_COMPLETION_INDEX").map_err(|_| {
        anyhow::anyhow!(
            "--shard-count needs JOB_COMPLETION_INDEX, which a Kubernetes Indexed Job sets (0 to N-1)\nhelp: elsewhere, name the slice with --shard K/{count}"
        )
    })?;
    let index: u32 = index.trim().parse().map_err(|_| {
        anyhow::anyhow!(
            "JOB_COMPLETION_INDEX is `{index}`, not a number from 0 to {}",
            count - 1
        )
    })?;
    Ok(Some(specc_eval::Shard::from_completion_index(index, count).map_err(|_| {
        anyhow::anyhow!(
            "JOB_COMPLETION_INDEX is {index}, but with --shard-count {count} it runs from 0 to {}\nhelp: give the Job as many completions as --shard-count",
            count - 1
        )
    })?))
}

fn git_rev(root: &std::path::Path) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}
