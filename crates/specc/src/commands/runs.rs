use crate::cli::{Format, RunsArgs};
use crate::output::{out, write_line};
use crate::views::{json_summary, summary_table};
use specc_eval::pipeline::{DEFAULT_PASS_THRESHOLD, Summary, pass_threshold};
use specc_eval::store::Store;
use std::io::Write;

pub fn run(args: &RunsArgs) -> anyhow::Result<u8> {
    let (mut path, run) = crate::cli::path_and_run(&args.path, args.run);
    crate::output::discover(&mut path);
    let db = crate::output::results_db(&path, args.db.as_ref())?;
    if !db.exists() {
        eprintln!(
            "no results database at `{}`\nhelp: `specc test` creates it",
            db.display()
        );
        return Ok(2);
    }
    let store = Store::open(&db)?;
    if let Some(run) = run {
        return describe(&store, run, &path, args.format);
    }
    let runs = store.runs()?;
    if runs.is_empty() && matches!(args.format, Format::Human) {
        eprintln!(
            "the results database `{}` holds no run yet\nhelp: run `specc test` to make one",
            db.display()
        );
        return Ok(0);
    }
    let mut w = out();
    match args.format {
        Format::Json => {
            serde_json::to_writer(&mut w, &serde_json::json!({ "schema": "specc.runs/1", "runs": runs }))?;
            writeln!(w)?;
        }
        Format::Human => {
            write_line(
                &mut w,
                &format!(
                    "{:>4}  {:<19}  {:<9}  {:<10}  {:<8}  {:>9}  target / grader",
                    "run", "started", "status", "version", "git", "pass rate"
                ),
            )?;
            for r in runs {
                let rate = if r.pass + r.fail > 0 {
                    format!("{:.0}%", 100.0 * r.pass as f64 / (r.pass + r.fail) as f64)
                } else {
                    "-".into()
                };
                let git: String = r.git_rev.as_deref().unwrap_or("-").chars().take(8).collect();
                write_line(
                    &mut w,
                    &format!(
                        "{:>4}  {:<19}  {:<9}  {:<10}  {:<8}  {:>9}  {} / {}{}",
                        r.id,
                        r.started_at,
                        r.status,
                        r.spec_version.as_deref().unwrap_or("-"),
                        git,
                        rate,
                        r.target,
                        r.grader,
                        r.scope
                            .as_deref()
                            .map(|s| format!("  (partial: {s})"))
                            .or_else(|| r.merged_shards.map(|n| format!("  (merged from {n} shards)")))
                            .unwrap_or_default()
                    ),
                )?;
            }
        }
    }
    w.flush()?;
    Ok(0)
}

/// One run: what it was, and its results as `specc test` summed them up.
fn describe(store: &Store, run: i64, path: &std::path::Path, format: Format) -> anyhow::Result<u8> {
    let info = store.resolve_run(Some(run))?;
    // The threshold and calibration come from the project as it is now.
    let threshold = specc_project::Workspace::load_lean(path)
        .packages
        .first()
        .map(|p| pass_threshold(&p.config))
        .unwrap_or(DEFAULT_PASS_THRESHOLD);
    let calibration = store.calibration(&info.grader)?;
    let summary = Summary::new(&store.group_results(info.id)?, calibration, threshold, false)
        .with_error_reasons(store.error_reasons(info.id)?)
        .with_panel(store, info.id)?;
    let mut w = out();
    match format {
        Format::Json => {
            let v = serde_json::json!({ "schema": "specc.runs/1", "run": info, "summary": json_summary(info.id, &summary, false, None) });
            serde_json::to_writer(&mut w, &v)?;
            writeln!(w)?;
        }
        Format::Human => {
            write_line(
                &mut w,
                &format!(
                    "run {}: {} from {} to {}, spec {} {} (hash {}), git {}\ntarget {}\ngrader {}\n{}",
                    info.id,
                    info.status,
                    info.started_at,
                    info.finished_at.as_deref().unwrap_or("-"),
                    info.spec_name.as_deref().unwrap_or("-"),
                    info.spec_version.as_deref().unwrap_or("-"),
                    &info.spec_hash.chars().take(16).collect::<String>(),
                    info.git_rev
                        .as_deref()
                        .map(|g| g.chars().take(8).collect::<String>())
                        .unwrap_or_else(|| "-".into()),
                    info.target,
                    info.grader,
                    info.scope
                        .as_deref()
                        .map(|s| format!("partial: only the cases of {s}\n"))
                        .unwrap_or_default()
                ),
            )?;
            summary_table(&mut w, info.id, &summary, false, None)?;
        }
    }
    w.flush()?;
    Ok(0)
}
