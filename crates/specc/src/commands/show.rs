//! `specc show [RUN] [CASE…]`: graded samples in the terminal — the
//! conversation sent, the answer, the verdict and the grader's rationale (or
//! the error), and the `specc rule` command that settles each.

use crate::cli::ShowArgs;
use crate::output::{out, write_line};
use crate::views::{plural, sample};
use anyhow::bail;
use specc_eval::store::{SampleRow, Store};
use specc_eval::{Selection, Verdict};
use specc_project::Workspace;
use std::collections::HashSet;
use std::io::Write;

pub fn run(args: &ShowArgs) -> anyhow::Result<u8> {
    // `specc show 3 a:b`: a leading number is the run; the rest are case IDs.
    let (run, cases): (Option<i64>, &[String]) = match args.items.split_first() {
        Some((first, rest)) if first.parse::<i64>().is_ok() => (first.parse().ok(), rest),
        _ => (None, &args.items),
    };
    crate::views::suggest_with(&args.project, args.db.as_deref());
    let ws = Workspace::load_lean(&args.project);
    if crate::output::refuse_on_errors(&ws) {
        return Ok(2);
    }
    let pkg = ws.root();
    let db = crate::output::results_db(&pkg.root, args.db.as_ref())?;
    if !db.is_file() {
        bail!(
            "no results database at `{}`\nhelp: run `specc test` first (or pass --db FILE)",
            db.display()
        );
    }
    let store = Store::open(&db)?;
    let info = store.resolve_run(run)?;
    let selection = Selection::new(pkg, &args.select.request(&args.clause))?;
    let wanted: HashSet<&str> = cases.iter().map(String::as_str).collect();
    // With no verdict named: the samples that did not pass (all of them when
    // cases are named).
    let any_kind = !(args.failed || args.errors || args.unclear);
    let keeps = |r: &SampleRow| {
        if !wanted.is_empty() && !wanted.contains(r.case.as_str()) {
            return false;
        }
        let kind_ok = match r.verdict {
            Some(Verdict::Pass) => args.all || (any_kind && !wanted.is_empty()),
            Some(Verdict::Fail) => any_kind || args.failed,
            Some(Verdict::Unclear) => any_kind || args.unclear,
            None => any_kind || args.errors,
        };
        kind_ok
            && selection.keeps_case(specc_eval::Scope {
                clause: r.clause.as_deref(),
                section: r.section.as_deref(),
                authority: r.authority.as_deref(),
                tags: &[],
            })
    };
    let mut rows = Vec::new();
    let mut matched = 0usize;
    store.for_each_sample::<specc_eval::store::StoreError>(info.id, &mut |r| {
        if keeps(&r) {
            matched += 1;
            if rows.len() < args.limit {
                rows.push(r);
            }
        }
        Ok(())
    })?;
    let seen: HashSet<&str> = rows.iter().map(|r| r.case.as_str()).collect();
    for c in &wanted {
        if !seen.contains(c) && matched == rows.len() {
            eprintln!("specc: run {} has no sample of `{c}` that matches", info.id);
        }
    }
    let ids: HashSet<String> = rows.iter().map(|r| r.case.clone()).collect();
    let by_id = specc_eval::cases_by_id(&ws, pkg, &ids);
    let mut w = out();
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            write_line(&mut w, "")?;
        }
        let votes = store.votes(info.id, &r.case, r.sample)?;
        sample(&mut w, info.id, r, by_id.get(&r.case), &votes)?;
    }
    if matched > rows.len() {
        write_line(
            &mut w,
            &format!(
                "\n{} of {matched} shown; `--limit {matched}` shows them all",
                rows.len()
            ),
        )?;
    } else if matched == 0 {
        // By default only what did not pass is shown: say so when that is nothing.
        let hint = if any_kind && cases.is_empty() && !args.all {
            "; all of them passed (`--all` shows them)"
        } else {
            ""
        };
        write_line(&mut w, &format!("run {}: no sample matches{hint}", info.id))?;
    } else {
        write_line(
            &mut w,
            &format!(
                "\nrun {}: {} shown",
                info.id,
                plural(matched as u64, "sample", "samples")
            ),
        )?;
    }
    w.flush()?;
    Ok(0)
}
