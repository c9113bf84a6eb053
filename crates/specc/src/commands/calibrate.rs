use crate::cli::{CalibrateArgs, Format};
use crate::output::{out, write_line};
use anyhow::{Context, bail};
use serde_json::json;
use specc_diagnostics::plural;
use specc_eval::calibrate::{Agreement, agreement, calibrate, pairwise};
use specc_eval::pipeline::{TestSettings, graders, graders_identity, retry_policy};
use specc_eval::{Selection, labelled_cases};
use specc_project::Workspace;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

pub fn run(args: &CalibrateArgs) -> anyhow::Result<u8> {
    let ws = Workspace::load(&args.path);
    if ws.fatal || ws.packages.is_empty() {
        bail!(
            "cannot load the project at `{}`\nhelp: run `specc check {}`",
            args.path.display(),
            args.path.display()
        );
    }
    let pkg = ws.root();
    let graders = graders(&pkg.config)?;
    let (Some(grader_cfg), Some(grader_identity)) = (pkg.config.model("grader"), graders_identity(&graders)) else {
        bail!("specc calibrate needs [models.grader] in specc.toml");
    };
    let labels: Vec<String> = graders.iter().map(|g| g.label.clone()).collect();
    let graders = Arc::new(graders);
    let selection = Selection::new(pkg, &args.select.request(&args.clause))?;
    let cases = labelled_cases(&ws, pkg, &selection);
    if cases.is_empty() {
        bail!(
            "the spec has no GOOD, OK or BAD answers to calibrate on{}\nhelp: add `<comparison>` blocks with marked answers to its examples",
            if args.clause.is_empty() && args.select.is_empty() {
                ""
            } else {
                " among the selected clauses and sections"
            }
        );
    }
    let policy = retry_policy(grader_cfg);
    let concurrency = TestSettings::new(&pkg.config, None).concurrency;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let pair = if args.pairwise {
        // One grader's preference, a panel's first: pairs measure position bias.
        Some(rt.block_on(pairwise(&cases, &graders[0], policy)))
    } else {
        None
    };
    let items = rt.block_on(calibrate(cases, graders, policy, concurrency));
    let mut by_owner: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for i in &items {
        by_owner.entry(i.owner.as_str()).or_default().push(i);
    }
    let overall = agreement(&items.iter().collect::<Vec<_>>());
    // A panel: each grader against the spec's labels too, so a weak member shows.
    let per_grader: Vec<(&str, Agreement)> = if labels.len() > 1 {
        labels
            .iter()
            .enumerate()
            .map(|(g, label)| {
                let own: Vec<_> = items.iter().map(|i| i.by_grader(g)).collect();
                (label.as_str(), agreement(&own.iter().collect::<Vec<_>>()))
            })
            .collect()
    } else {
        Vec::new()
    };
    // Rulings apart: a grader that contradicts a human ruling is named.
    let rulings: Vec<_> = items
        .iter()
        .filter(|i| specc_eval::cases::is_precedent(&i.case))
        .collect();
    let contradicted: Vec<_> = rulings
        .iter()
        .filter(|i| i.got.is_some_and(|g| g != i.expected))
        .collect();
    // Kept for `specc test`, which shows it beside its results.
    let rows: Vec<specc_eval::store::CalibrationRow> = by_owner
        .iter()
        .map(|(k, v)| (k.to_string(), agreement(v)))
        .chain(std::iter::once(("overall".to_string(), overall.clone())))
        .map(|(owner, a)| specc_eval::store::CalibrationRow {
            owner,
            items: a.items as i64,
            tpr: a.true_positive_rate,
            tnr: a.true_negative_rate,
            kappa: a.kappa,
        })
        .collect();
    specc_eval::store::Store::open(&crate::output::results_db(&pkg.root, None)?)?
        .save_calibration(&grader_identity, &rows)?;
    let pct = |x: Option<f64>| x.map(|v| format!("{:.0}%", v * 100.0)).unwrap_or_else(|| "-".into());
    let mut w = out();
    match args.format {
        Format::Json => {
            let row = |k: &str, a: &Agreement| {
                json!({ "id": k, "items": a.items, "true_positive_rate": a.true_positive_rate,
                "true_negative_rate": a.true_negative_rate, "kappa": a.kappa, "unclear_or_errors": a.unclear_or_errors })
            };
            let v = json!({
                "schema": "specc.calibrate/1",
                "owners": by_owner.iter().map(|(k, v)| row(k, &agreement(v))).collect::<Vec<_>>(),
                "overall": row("overall", &overall),
                "pairwise": pair,
                "rulings": {
                    "items": rulings.len(),
                    "contradicted": contradicted.iter().map(|i| json!({ "case": i.case, "ruling": i.expected, "graded": i.got })).collect::<Vec<_>>(),
                },
                "graders": per_grader.iter().map(|(k, a)| row(k, a)).collect::<Vec<_>>(),
                "items": items,
            });
            serde_json::to_writer(&mut w, &v)?;
            writeln!(w)?;
        }
        Format::Human => {
            write_line(
                &mut w,
                &format!(
                    "{:<32} {:>5} {:>8} {:>8} {:>6} {:>8}",
                    "clause / section", "items", "TPR", "TNR", "kappa", "unclear"
                ),
            )?;
            for (k, v) in &by_owner {
                let a = agreement(v);
                let kappa = a.kappa.map(|k| format!("{k:.2}")).unwrap_or_else(|| "-".into());
                write_line(
                    &mut w,
                    &format!(
                        "{k:<32} {:>5} {:>8} {:>8} {kappa:>6} {:>8}",
                        a.items,
                        pct(a.true_positive_rate),
                        pct(a.true_negative_rate),
                        a.unclear_or_errors
                    ),
                )?;
            }
            let kappa = overall.kappa.map(|k| format!("{k:.2}")).unwrap_or_else(|| "-".into());
            write_line(
                &mut w,
                &format!(
                    "overall{}: {}; passes GOOD/OK answers {}, fails BAD answers {}, Cohen's kappa {kappa}; {}",
                    if labels.len() > 1 {
                        format!(" (the majority of {} graders)", labels.len())
                    } else {
                        String::new()
                    },
                    plural(overall.items, "labelled answer", "labelled answers"),
                    pct(overall.true_positive_rate),
                    pct(overall.true_negative_rate),
                    plural(overall.unclear_or_errors, "unclear or error", "unclear or errors")
                ),
            )?;
            if !rulings.is_empty() {
                let named: Vec<String> = contradicted
                    .iter()
                    .map(|i| {
                        format!(
                            "{} (ruled {}, graded {})",
                            i.case,
                            i.expected,
                            i.got.map(|g| g.as_str()).unwrap_or("-")
                        )
                    })
                    .collect();
                write_line(
                    &mut w,
                    &format!(
                        "rulings: {}; the grader contradicts {}{}",
                        plural(rulings.len(), "precedent", "precedents"),
                        contradicted.len(),
                        if named.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", named.join(", "))
                        }
                    ),
                )?;
            }
            for (label, a) in &per_grader {
                let kappa = a.kappa.map(|k| format!("{k:.2}")).unwrap_or_else(|| "-".into());
                write_line(
                    &mut w,
                    &format!(
                        "  {label}: passes GOOD/OK answers {}, fails BAD answers {}, Cohen's kappa {kappa}; {}",
                        pct(a.true_positive_rate),
                        pct(a.true_negative_rate),
                        plural(a.unclear_or_errors, "unclear or error", "unclear or errors")
                    ),
                )?;
            }
            if let Some(p) = &pair {
                write_line(
                    &mut w,
                    &format!(
                        "pairwise: {}; chose the GOOD answer {}; choice survived swapping the order {}; {}",
                        plural(p.pairs, "GOOD/BAD pair", "GOOD/BAD pairs"),
                        pct(p.accuracy),
                        pct(p.position_consistency),
                        plural(p.errors, "error", "errors")
                    ),
                )?;
            }
        }
    }
    w.flush()?;
    Ok(0)
}
