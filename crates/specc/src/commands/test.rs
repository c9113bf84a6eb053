use crate::cli::{TestArgs, TestFormat};
use crate::output::{out, write_line};
use anyhow::{Context, bail};
use serde_json::json;
use specc_eval::provider::{OpenAiCompatible, RetryPolicy};
use specc_eval::runner::{Endpoint, GradingInputs, Progress, RunOptions, report_progress};
use specc_eval::store::{RunMeta, Store, wilson};
use specc_eval::{Scope, TestCase};
use specc_project::{ModelConfig, Package, Workspace, parse_duration};
use specc_syntax::{DocumentKind, ProseKind, Ruling};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

pub fn run(args: &TestArgs) -> anyhow::Result<u8> {
    // Lean: test files are counted now and streamed into the run later, so a
    // run of 100,000 prompts holds a few cases in memory at a time.
    let ws = Workspace::load_lean(&args.path);
    let checked = specc_check::check(&ws);
    if ws.fatal || ws.packages.is_empty() {
        for d in checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == specc_diagnostics::Severity::Error)
        {
            eprintln!(
                "{}",
                specc_diagnostics::HumanRenderer::new(false).render(d, &ws.sources)
            );
        }
        return Ok(2);
    }
    let pkg = ws.root();
    let config = &pkg.config;
    let Some(target_cfg) = config.models.get("target") else {
        bail!(
            "specc test needs [models.target] in specc.toml (and [models.grader] to grade beyond deterministic assertions)\nhelp: for example\n[models.target]\nprovider = \"openai\"\nmodel = \"gpt-4.1-mini\"\nbase-url = \"http://127.0.0.1:8080/v1\"\n\n[models.grader]\nprovider = \"openai\"\nmodel = \"gpt-4.1\""
        );
    };
    let target = endpoint("target", target_cfg)?;
    // Without a grader, only deterministic assertions decide (a fast CI smoke test).
    let grader = match config.models.get("grader") {
        Some(g) => Some(endpoint("grader", g)?),
        None => None,
    };

    let mut keep_scope = |s: Scope<'_>| keep(s, args, pkg);
    // Everything a case is graded with comes from its clause or section: built
    // once per clause and shared by its cases.
    let mut contexts: HashMap<(Option<String>, Option<String>), Arc<GradingInputs>> = HashMap::new();
    let mut context_of = |c: &TestCase| {
        contexts
            .entry((c.clause.clone(), c.section.clone()))
            .or_insert_with(|| Arc::new(grading_inputs(&ws, pkg, c)))
            .clone()
    };
    let system_spec = args.with_spec.then(|| specc_build::prompt::system_prompt(&ws, pkg));
    let with_spec = |c: &mut TestCase| {
        if let Some(spec) = &system_spec {
            c.prompt.insert(
                0,
                specc_eval::ChatMessage {
                    role: specc_eval::ChatRole::System,
                    content: spec.clone(),
                },
            );
        }
    };
    // Cases selected in advance (--changed-since) or streamed from the files.
    let chosen: Option<Vec<(TestCase, Arc<GradingInputs>)>> = match &args.changed_since {
        Some(rev) => {
            let full = Workspace::load(&args.path);
            let mut all = Vec::new();
            for c in specc_eval::cases_of(full.root()) {
                if keep_scope(c.scope()) {
                    let i = context_of(&c);
                    all.push((c, i));
                }
            }
            let mut kept = changed_since(&pkg.root, rev, all)?;
            if kept.is_empty() {
                eprintln!("specc: no case changed since {rev}; nothing to run");
                return Ok(0);
            }
            for (c, _) in &mut kept {
                with_spec(c);
            }
            Some(kept)
        }
        None => None,
    };
    let cases_total = match &chosen {
        Some(v) => v.len(),
        None => specc_eval::count_cases(pkg, &mut keep_scope),
    };
    if cases_total == 0 {
        bail!("no test case matches the filters\nhelp: `specc check --dump-ir` lists clauses and sections");
    }

    let db = args.db.clone().unwrap_or_else(|| pkg.root.join(".specc/results.db"));
    let store = Store::open(&db)?;
    let samples = args
        .samples
        .unwrap_or_else(|| config.test.samples.as_ref().map(|s| *s.get_ref() as u32).unwrap_or(1))
        .max(1);
    let concurrency = config
        .test
        .concurrency
        .as_ref()
        .map(|c| *c.get_ref() as usize)
        .unwrap_or(8);
    let retries = target_cfg.retries.as_ref().map(|r| *r.get_ref() as u32).unwrap_or(4);
    let spec_hash = specc_build::spec_hash(&ws, pkg);
    let meta = RunMeta {
        spec_name: config.spec.name.clone(),
        spec_version: config.spec.version.as_ref().map(|v| v.get_ref().clone()),
        spec_hash,
        git_rev: git_rev(&pkg.root),
        target: target.identity.clone(),
        grader: grader.as_ref().map(|g| g.identity.clone()).unwrap_or_else(|| "none (assertions only)".into()),
        settings: json!({ "samples": samples, "concurrency": concurrency, "target_temperature": target.temperature, "grader_temperature": grader.as_ref().and_then(|g| g.temperature) }).to_string(),
    };
    let total = cases_total as u64 * samples as u64;
    let structured = grader.as_ref().is_some_and(|g| g.client.structured_output());
    let opts = RunOptions {
        samples,
        concurrency,
        policy: crate::commands::test::retry_policy(retries),
        use_cache: !args.no_cache,
        regrade: args.regrade,
        resume: args.resume,
        structured_grader: structured,
        budget: config.test.budget.as_ref().map(|b| *b.get_ref()),
    };
    let progress = Arc::new(Progress::default());
    let grader_identity = grader.as_ref().map(|g| g.identity.clone());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    // The producer parses and sends cases on its own thread; the bounded feed
    // holds it back while the runner is busy.
    let (feed_tx, feed) = tokio::sync::mpsc::channel::<(TestCase, Arc<GradingInputs>)>(concurrency.max(1) * 4);
    let ws = &ws;
    let run_id = std::thread::scope(|scope| {
        scope.spawn(move || match chosen {
            Some(cases) => {
                for item in cases {
                    if feed_tx.blocking_send(item).is_err() {
                        return;
                    }
                }
            }
            None => specc_eval::for_each_case(ws, pkg, &mut |mut c| {
                if !keep(c.scope(), args, pkg) {
                    return true;
                }
                with_spec(&mut c);
                let i = context_of(&c);
                feed_tx.blocking_send((c, i)).is_ok()
            }),
        });
        rt.block_on(run_all(
            store,
            meta,
            feed,
            target,
            grader,
            opts,
            progress.clone(),
            total,
        ))
    })?;
    let store = Store::open(&db)?;
    let skipped = progress.skipped_for_budget.load(std::sync::atomic::Ordering::Relaxed);
    if skipped > 0 {
        store.finish_run(run_id, "stopped: budget")?;
        eprintln!(
            "specc: stopped before the budget of ${:.2} ran out (spent about ${:.4}); {skipped} samples not run; finish with `specc test --resume {run_id}` after raising [test] budget",
            config.test.budget.as_ref().map(|b| *b.get_ref()).unwrap_or(0.0),
            progress.spend()
        );
    } else {
        store.finish_run(run_id, "complete")?;
    }
    let results = store.group_results(run_id)?;
    let threshold = config.test.pass_threshold.as_ref().map(|t| *t.get_ref()).unwrap_or(0.8);
    let calibration = match &grader_identity {
        Some(g) => store.calibration(g)?,
        None => Vec::new(),
    };
    report(args, run_id, &results, threshold, &progress, &calibration)
}

/// Runs the fed cases with the progress display beside them.
#[allow(clippy::too_many_arguments)]
async fn run_all(
    store: Store,
    meta: specc_eval::store::RunMeta,
    feed: specc_eval::runner::CaseFeed,
    target: Endpoint,
    grader: Option<Endpoint>,
    opts: RunOptions,
    progress: Arc<Progress>,
    total: u64,
) -> Result<i64, specc_eval::store::StoreError> {
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    // A bar on a terminal; plain periodic lines in logs and CI.
    let reporter = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        tokio::spawn(progress_bar(progress.clone(), total, stop_rx))
    } else {
        tokio::spawn(report_progress(
            progress.clone(),
            total,
            Duration::from_secs(2),
            stop_rx,
        ))
    };
    let result = specc_eval::runner::run(store, meta, feed, target, grader, opts, progress).await;
    let _ = stop_tx.send(true);
    let _ = reporter.await;
    result
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

pub(crate) fn endpoint(name: &str, m: &ModelConfig) -> anyhow::Result<Endpoint> {
    use specc_eval::providers_more::{Anthropic, Client, Exec, HttpTemplate};
    let provider = m.provider.get_ref().as_str();
    let key = match &m.api_key_env {
        Some(var) => Some(
            std::env::var(var)
                .with_context(|| format!("[models.{name}] reads its API key from ${var}, which is not set"))?,
        ),
        None => None,
    };
    let timeout = m
        .timeout
        .as_ref()
        .and_then(|t| parse_duration(t.get_ref()))
        .unwrap_or(Duration::from_secs(60));
    let model = m.model.clone().unwrap_or_default();
    let need_model = || -> anyhow::Result<()> {
        if model.is_empty() {
            bail!("[models.{name}] needs `model`");
        }
        Ok(())
    };
    let (client, identity) = match provider {
        "openai" => {
            need_model()?;
            let base = m
                .base_url
                .as_ref()
                .map(|u| u.get_ref().clone())
                .unwrap_or_else(|| "https://api.openai.com/v1".into());
            let role = m
                .developer_role
                .as_ref()
                .map(|r| r.get_ref().clone())
                .unwrap_or_else(|| "developer".into());
            (
                Client::OpenAi(OpenAiCompatible::new(&base, &model, key, &role, timeout)),
                format!("openai|{base}|{model}"),
            )
        }
        "anthropic" => {
            need_model()?;
            let base = m
                .base_url
                .as_ref()
                .map(|u| u.get_ref().clone())
                .unwrap_or_else(|| "https://api.anthropic.com/v1".into());
            (
                Client::Anthropic(Anthropic::new(&base, &model, key, timeout)),
                format!("anthropic|{base}|{model}"),
            )
        }
        "exec" => {
            let command = m.command.clone().unwrap_or_default();
            let identity = format!("exec|{}", command.join(" "));
            (Client::Exec(Exec { command, timeout }), identity)
        }
        "http" => {
            let url = m.url.as_ref().map(|u| u.get_ref().clone()).unwrap_or_default();
            let template = m
                .request
                .clone()
                .unwrap_or_else(|| r#"{"messages": "{{messages}}"}"#.to_string());
            let response_path = m.response_path.clone().unwrap_or_else(|| "answer".to_string());
            let mut headers: Vec<(String, String)> = m.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            if let Some(k) = key {
                headers.push(("authorization".into(), format!("Bearer {k}")));
            }
            let client = reqwest_client(timeout)?;
            let identity = format!("http|{url}|{template}|{response_path}");
            (
                Client::Http(HttpTemplate {
                    client,
                    url,
                    template,
                    response_path,
                    headers,
                }),
                identity,
            )
        }
        other => bail!("[models.{name}] has an unknown provider `{other}`"),
    };
    Ok(Endpoint {
        client,
        identity,
        temperature: m.temperature.as_ref().map(|t| *t.get_ref()),
        max_tokens: m.max_tokens.as_ref().map(|t| *t.get_ref() as u64),
        price: m.price.as_ref().map(|p| (*p.input.get_ref(), *p.output.get_ref())),
        limiter: m
            .requests_per_minute
            .as_ref()
            .map(|r| specc_eval::runner::RateLimiter::per_minute(*r.get_ref() as u32)),
    })
}

fn reqwest_client(timeout: Duration) -> anyhow::Result<specc_eval::reqwest::Client> {
    specc_eval::reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .context("cannot build the HTTP client")
}

fn keep(c: Scope<'_>, args: &TestArgs, pkg: &Package) -> bool {
    if !args.clause.is_empty() && !c.clause.is_some_and(|id| args.clause.iter().any(|x| x == id)) {
        return false;
    }
    if !args.authority.is_empty() {
        let a = c.authority.map(|a| if a == "platform" { "root" } else { a });
        if !a.is_some_and(|a| args.authority.iter().any(|x| x == a)) {
            return false;
        }
    }
    if !args.tag.is_empty() && !c.tags.iter().any(|t| args.tag.contains(t)) {
        return false;
    }
    if !args.section.is_empty() {
        let Some(sec) = c.section else { return false };
        let under = pkg.documents.iter().any(|d| {
            let Some(mut i) = d.sections.iter().position(|s| s.id == sec) else {
                return false;
            };
            loop {
                if args.section.contains(&d.sections[i].id) {
                    return true;
                }
                match d.sections[i].parent {
                    Some(p) => i = p,
                    None => return false,
                }
            }
        });
        if !under {
            return false;
        }
    }
    true
}

pub(crate) fn grading_inputs(ws: &Workspace, pkg: &Package, c: &TestCase) -> GradingInputs {
    let mut inputs = GradingInputs {
        base: pkg.root.clone(),
        ..Default::default()
    };
    for d in &pkg.documents {
        let src = &ws.sources.file(d.file).text;
        if let Some(cl) = c.clause.as_ref().and_then(|id| d.clauses.iter().find(|x| &x.id == id)) {
            inputs.clause = Some(cl.text.clone());
        }
        if let Some(si) = c
            .section
            .as_ref()
            .and_then(|id| d.sections.iter().position(|s| &s.id == id))
        {
            let mut chain = Vec::new();
            let mut i = Some(si);
            while let Some(k) = i {
                chain.push(d.sections[k].title.clone());
                i = d.sections[k].parent;
            }
            chain.reverse();
            inputs.section_chain = chain;
            inputs.section_text = d
                .prose
                .iter()
                .filter(|p| p.section == Some(si) && !p.structural && p.kind != ProseKind::Heading)
                .map(|p| src[p.span.range()].trim().to_string())
                .collect::<Vec<_>>()
                .join("\n\n");
            if c.clause.is_none() {
                inputs.base = std::path::Path::new(&d.path)
                    .parent()
                    .map(|p| p.to_path_buf())
                    .unwrap_or_default();
            }
        }
        for def in &d.definitions {
            let used = inputs
                .clause
                .iter()
                .chain(std::iter::once(&inputs.section_text))
                .any(|t| t.to_lowercase().contains(&def.term.to_lowercase()));
            if used {
                inputs.definitions.push((def.term.clone(), def.text.clone()));
            }
        }
    }
    if c.clause.is_some() {
        inputs.base = pkg.root.join(pkg.config.spec.examples.as_deref().unwrap_or("examples"));
    }
    for p in &pkg.precedents {
        let DocumentKind::Precedents { clause } = &p.kind else {
            continue;
        };
        if Some(clause) != c.clause.as_ref() {
            continue;
        }
        for prec in &p.precedents {
            let ruling = match prec.ruling {
                Some(Ruling::Pass) => "pass",
                Some(Ruling::Fail) => "fail",
                None => continue,
            };
            inputs.precedents.push((
                prec.title.clone(),
                ruling.to_string(),
                prec.rationale.clone().unwrap_or_default(),
            ));
        }
    }
    inputs
}

#[derive(Default)]
struct Tally {
    pass: u64,
    fail: u64,
    unclear: u64,
    errors: u64,
}

impl Tally {
    fn rate(&self, strict: bool) -> Option<(f64, f64, f64)> {
        let fails = self.fail + if strict { self.unclear + self.errors } else { 0 };
        let n = self.pass + fails;
        (n > 0).then(|| {
            let (lo, hi) = wilson(self.pass, n);
            (self.pass as f64 / n as f64, lo, hi)
        })
    }
}

fn report(
    args: &TestArgs,
    run: i64,
    results: &[specc_eval::store::GroupResult],
    threshold: f64,
    p: &Progress,
    calibration: &[specc_eval::store::CalibrationRow],
) -> anyhow::Result<u8> {
    // The grader's calibration for a row: its section's (`§id`), a clause's via its section.
    let section_of: std::collections::HashMap<String, String> = results
        .iter()
        .filter_map(|r| Some((r.clause.clone()?, format!("§{}", r.section.clone().unwrap_or_default()))))
        .collect();
    let calib = |key: &str| -> Option<&specc_eval::store::CalibrationRow> {
        let owner = if key.starts_with('§') {
            key.to_string()
        } else {
            section_of.get(key)?.clone()
        };
        calibration.iter().find(|c| c.owner == owner)
    };
    let mut by_clause: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_authority: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_section: BTreeMap<String, Tally> = BTreeMap::new();
    let mut overall = Tally::default();
    for r in results {
        let key = r
            .clause
            .clone()
            .unwrap_or_else(|| format!("§{}", r.section.clone().unwrap_or_default()));
        for t in [
            by_clause.entry(key).or_default(),
            by_authority
                .entry(r.authority.clone().unwrap_or_else(|| "unranked".into()))
                .or_default(),
            by_section
                .entry(format!("§{}", r.section.clone().unwrap_or_default()))
                .or_default(),
            &mut overall,
        ] {
            t.pass += r.pass;
            t.fail += r.fail;
            t.unclear += r.unclear;
            t.errors += r.errors;
        }
    }
    let below: Vec<&String> = by_clause
        .iter()
        .filter(|(k, t)| !k.starts_with('§') && t.rate(args.strict).is_some_and(|(r, _, _)| r < threshold))
        .map(|(k, _)| k)
        .collect();
    let mut w = out();
    let requests = (
        p.target_requests.load(std::sync::atomic::Ordering::Relaxed),
        p.grader_requests.load(std::sync::atomic::Ordering::Relaxed),
    );
    match args.format {
        TestFormat::Junit => {
            let store = Store::open(&args.db.clone().unwrap_or_else(|| args.path.join(".specc/results.db")))?;
            junit(&mut w, &store, run, args.strict)?;
        }
        TestFormat::Json => {
            let row = |k: &str, t: &Tally| {
                let r = t.rate(args.strict);
                let c = calib(k);
                json!({ "id": k, "pass": t.pass, "fail": t.fail, "unclear": t.unclear, "errors": t.errors,
                        "pass_rate": r.map(|x| x.0), "interval": r.map(|x| [x.1, x.2]),
                        "grader_calibration": c.map(|c| json!({ "tpr": c.tpr, "tnr": c.tnr, "kappa": c.kappa, "unreliable": c.unreliable() })) })
            };
            let v = json!({
                "schema": "specc.test/1",
                "run": run,
                "clauses": by_clause.iter().map(|(k, t)| row(k, t)).collect::<Vec<_>>(),
                "authority": by_authority.iter().map(|(k, t)| row(k, t)).collect::<Vec<_>>(),
                "sections": by_section.iter().map(|(k, t)| row(k, t)).collect::<Vec<_>>(),
                "overall": row("overall", &overall),
                "below_threshold": below,
                "threshold": threshold,
                "requests": { "target": requests.0, "grader": requests.1 },
            });
            serde_json::to_writer(&mut w, &v)?;
            writeln!(w)?;
        }
        TestFormat::Human => {
            write_line(
                &mut w,
                &format!(
                    "{:<28} {:>5} {:>5} {:>7} {:>6}  {:>9}  {:<16}  {}",
                    "clause / section",
                    "pass",
                    "fail",
                    "unclear",
                    "errors",
                    "pass rate",
                    "95% interval",
                    "grader calibration"
                ),
            )?;
            for (k, t) in by_clause
                .iter()
                .filter(|(k, _)| !k.starts_with('§'))
                .chain(by_section.iter())
                .chain(by_authority.iter())
            {
                let rate = match t.rate(args.strict) {
                    Some((r, lo, hi)) => format!(
                        "{:>8.0}%  {:<16}",
                        r * 100.0,
                        format!("[{:.0}%, {:.0}%]", lo * 100.0, hi * 100.0)
                    ),
                    None => format!("{:>9}  {:<16}", "-", ""),
                };
                let cal = match calib(k) {
                    Some(c) => format!(
                        "kappa {}{}",
                        c.kappa.map(|k| format!("{k:.2}")).unwrap_or_else(|| "-".into()),
                        if c.unreliable() {
                            ", UNRELIABLE: the grader disagrees with the spec's own examples"
                        } else {
                            ""
                        }
                    ),
                    None => "-".into(),
                };
                write_line(
                    &mut w,
                    &format!(
                        "{k:<28} {:>5} {:>5} {:>7} {:>6}  {rate}  {cal}",
                        t.pass, t.fail, t.unclear, t.errors
                    ),
                )?;
            }
            let rate = overall
                .rate(args.strict)
                .map(|(r, _, _)| format!("{:.0}%", r * 100.0))
                .unwrap_or_else(|| "-".into());
            write_line(
                &mut w,
                &format!(
                    "run {run}: {} passed, {} failed, {} unclear, {} errors; pass rate {rate}; {} target and {} grader requests",
                    overall.pass, overall.fail, overall.unclear, overall.errors, requests.0, requests.1
                ),
            )?;
            if !below.is_empty() {
                let names: Vec<&str> = below.iter().map(|s| s.as_str()).collect();
                write_line(
                    &mut w,
                    &format!(
                        "below the pass threshold of {:.0}%: {}",
                        threshold * 100.0,
                        names.join(", ")
                    ),
                )?;
            }
        }
    }
    w.flush()?;
    Ok(if below.is_empty() { 0 } else { 1 })
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// JUnit XML: one testcase per case and sample, classname = clause ID (or the section).
/// Writes the run as JUnit XML, one testcase per (case, sample), row by row.
fn junit(w: &mut dyn Write, store: &Store, run: i64, strict: bool) -> anyhow::Result<()> {
    let (tests, failures, errors) = store.sample_counts(run)?;
    writeln!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"specc\">"
    )?;
    writeln!(
        w,
        "<testsuite name=\"specc run {run}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
    )?;
    store.for_each_sample(run, &mut |r| -> anyhow::Result<()> {
        let class = r
            .clause
            .clone()
            .unwrap_or_else(|| format!("section.{}", r.section.clone().unwrap_or_default()));
        write!(
            w,
            "  <testcase classname=\"{}\" name=\"{}#{}\">",
            xml_escape(&class),
            xml_escape(&r.case),
            r.sample
        )?;
        match (r.verdict.as_deref(), &r.error) {
            (Some("pass"), _) => {}
            (Some("fail"), _) => write!(
                w,
                "<failure message=\"{}\"/>",
                xml_escape(r.rationale.as_deref().unwrap_or(""))
            )?,
            (Some(_), _) if strict => write!(w, "<failure message=\"unclear\"/>")?,
            (Some(_), _) => write!(w, "<skipped message=\"unclear\"/>")?,
            (None, e) => write!(
                w,
                "<error message=\"{}\"/>",
                xml_escape(e.as_deref().unwrap_or("no verdict"))
            )?,
        }
        writeln!(w, "</testcase>")?;
        Ok(())
    })?;
    write!(w, "</testsuite>\n</testsuites>\n")?;
    Ok(())
}

/// What a case's result depends on, part by part, for `--changed-since`. A
/// clause's case depends on its clause and where the clause sits (the section
/// chain and authority), not on its neighbours' sentences; a section's inline
/// example is graded against the section's whole text.
fn fingerprint(c: &TestCase, i: &GradingInputs) -> [(&'static str, String); 5] {
    let context = if c.clause.is_some() {
        format!("{:?}", i.section_chain)
    } else {
        format!("{:?}\u{1f}{}", i.section_chain, i.section_text)
    };
    [
        ("its prompt, answers or expectations changed", c.hash.clone()),
        ("its clause's text changed", i.clause.clone().unwrap_or_default()),
        ("its section context changed", context),
        ("its authority changed", c.authority.clone().unwrap_or_default()),
        (
            "its precedents changed",
            serde_json::to_string(&i.precedents).unwrap_or_default(),
        ),
    ]
}

/// Keeps the cases whose result could differ from what they gave at `rev`,
/// and says how many and why on stderr.
fn changed_since(
    root: &std::path::Path,
    rev: &str,
    cases: Vec<(TestCase, Arc<GradingInputs>)>,
) -> anyhow::Result<Vec<(TestCase, Arc<GradingInputs>)>> {
    let old_ws = crate::commands::diff::from_git(root, rev)?;
    let old_pkg = old_ws.root();
    let old: std::collections::HashMap<String, [(&'static str, String); 5]> = specc_eval::cases_of(old_pkg)
        .into_iter()
        .map(|c| {
            let i = grading_inputs(&old_ws, old_pkg, &c);
            (c.id.clone(), fingerprint(&c, &i))
        })
        .collect();
    let total = cases.len();
    let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
    let kept: Vec<_> = cases
        .into_iter()
        .filter(|(c, i)| {
            let now = fingerprint(c, i);
            let why = match old.get(&c.id) {
                None => Some("it is new"),
                Some(before) => now
                    .iter()
                    .zip(before.iter())
                    .find(|(a, b)| a.1 != b.1)
                    .map(|(a, _)| a.0),
            };
            if let Some(w) = why {
                *reasons.entry(w).or_default() += 1;
            }
            why.is_some()
        })
        .collect();
    let why: Vec<String> = reasons.iter().map(|(w, n)| format!("{n} because {w}")).collect();
    eprintln!(
        "specc: {} of {total} cases changed since {rev}{}",
        kept.len(),
        if why.is_empty() {
            String::new()
        } else {
            format!(": {}", why.join("; "))
        }
    );
    Ok(kept)
}

/// The retry policy: `retries` from the model's settings; the first delay can be
/// shortened with `SPECC_RETRY_BASE_DELAY_MS` (for tests and local servers).
pub(crate) fn retry_policy(retries: u32) -> RetryPolicy {
    let mut p = RetryPolicy {
        retries,
        ..RetryPolicy::default()
    };
    if let Some(ms) = std::env::var("SPECC_RETRY_BASE_DELAY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        p.base_delay = Duration::from_millis(ms);
        p.max_delay = p.max_delay.max(p.base_delay);
    }
    p
}

/// The terminal progress bar: cases done of total, pass rate so far, requests
/// in flight, tokens and estimated spend.
async fn progress_bar(p: Arc<Progress>, total: u64, mut stop: tokio::sync::watch::Receiver<bool>) {
    use std::sync::atomic::Ordering::Relaxed;
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{elapsed_precise} {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    loop {
        let (pass, fail) = (p.passed.load(Relaxed), p.failed.load(Relaxed));
        let rate = if pass + fail > 0 {
            format!("{:.0}%", 100.0 * pass as f64 / (pass + fail) as f64)
        } else {
            "-".into()
        };
        bar.set_position(p.done.load(Relaxed));
        bar.set_message(format!(
            "pass {rate} · {} in flight · {} tokens · ${:.4}",
            p.in_flight.load(Relaxed),
            p.tokens.load(Relaxed),
            p.spend()
        ));
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(100)) => {}
            _ = stop.changed() => break,
        }
    }
    bar.finish_and_clear();
}
