use crate::cli::{Format, RunsArgs};
use crate::output::{out, write_line};
use specc_eval::store::Store;
use std::io::Write;

pub fn run(args: &RunsArgs) -> anyhow::Result<u8> {
    let db = args.db.clone().unwrap_or_else(|| args.path.join(".specc/results.db"));
    if !db.exists() {
        eprintln!(
            "no results database at `{}`\nhelp: `specc test` creates it",
            db.display()
        );
        return Ok(2);
    }
    let runs = Store::open(&db)?.runs()?;
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
                        "{:>4}  {:<19}  {:<9}  {:<10}  {:<8}  {:>9}  {} / {}",
                        r.id,
                        r.started_at,
                        r.status,
                        r.spec_version.as_deref().unwrap_or("-"),
                        git,
                        rate,
                        r.target,
                        r.grader
                    ),
                )?;
            }
        }
    }
    w.flush()?;
    Ok(0)
}
