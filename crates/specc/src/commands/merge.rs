//! `specc merge`: the shards of one run joined into one run (#scale).

use crate::cli::{Format, MergeArgs};
use crate::output::out;
use crate::views::plural;
use serde_json::json;
use specc_eval::store::{Merged, Store, plan_merge, read_shard};
use std::io::Write;

pub fn run(args: &MergeArgs) -> anyhow::Result<u8> {
    let into = match &args.into {
        Some(db) => db.clone(),
        None => {
            let mut here = std::path::PathBuf::from(".");
            crate::output::discover(&mut here);
            if !here.join("specc.toml").is_file() {
                anyhow::bail!(
                    "no project here to merge into\nhelp: run it in the project's folder, or name the database with --into results.db"
                );
            }
            crate::output::results_db(&here, None)?
        }
    };
    let mut shards = Vec::with_capacity(args.shards.len());
    let target = std::fs::canonicalize(&into).ok();
    for file in &args.shards {
        let shard = read_shard(file);
        // `specc merge shards/*.db --into shards/results.db`, run again: the
        // glob now names the merged database too.
        if shard.is_err() && target.is_some() && std::fs::canonicalize(file).ok() == target {
            specc_diagnostics::note!("specc: skipping `{}`, the database merged into", file.display());
            continue;
        }
        shards.push(shard?);
    }
    let shards = plan_merge(shards)?;
    let store = Store::open(&into)?;
    let merged = store.merge_shards(&shards)?;
    let (run, count, new) = match merged {
        Merged::New { run, shards } => (run, shards, true),
        Merged::Already { run, shards } => (run, shards, false),
    };
    let (cases, samples) = store.run_size(run)?;
    let mut w = out();
    match args.format {
        Format::Json => {
            serde_json::to_writer(
                &mut w,
                &json!({
                    "schema": "specc.merge/1",
                    "into": into.display().to_string(),
                    "run": run,
                    "shards": count,
                    "new": new,
                    "cases": cases,
                    "samples": samples,
                }),
            )?;
            writeln!(w)?;
        }
        Format::Human if new => writeln!(
            w,
            "merged {} into run {run} of {}: {}, {}",
            plural(count as usize, "shard", "shards"),
            into.display(),
            plural(cases, "case", "cases"),
            plural(samples, "sample", "samples"),
        )?,
        Format::Human => writeln!(
            w,
            "already merged: run {run} of {} holds these {}; nothing changed",
            into.display(),
            plural(count as usize, "shard", "shards"),
        )?,
    }
    Ok(0)
}
