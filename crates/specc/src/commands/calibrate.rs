use crate::cli::{CalibrateArgs, Format};
use crate::commands::test::{endpoint, grading_inputs};
use crate::output::{out, write_line};
use anyhow::{Context, bail};
use serde_json::json;
use specc_eval::calibrate::{Agreement, agreement, calibrate, pairwise};
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
    let Some(grader_cfg) = pkg.config.models.get("grader") else {
        bail!("specc calibrate needs [models.grader] in specc.toml");
    };
    let grader = Arc::new(endpoint("grader", grader_cfg)?);
    let grader_identity = grader.identity.clone();
    let cases: Vec<(specc_eval::TestCase, specc_eval::runner::GradingInputs)> = specc_eval::cases_of(pkg)
        .into_iter()
        .filter(|c| !c.references.is_empty())
        .map(|c| {
            let i = grading_inputs(&ws, pkg, &c);
            (c, i)
        })
        .collect();
    let mut cases = cases;
    cases.extend(precedent_cases(&ws, pkg));
    if cases.is_empty() {
        bail!(
            "the spec has no GOOD, OK or BAD answers to calibrate on\nhelp: add `<comparison>` blocks with marked answers to its examples"
        );
    }
    let retries = grader_cfg.retries.as_ref().map(|r| *r.get_ref() as u32).unwrap_or(4);
    let concurrency = pkg
        .config
        .test
        .concurrency
        .as_ref()
        .map(|c| *c.get_ref() as usize)
        .unwrap_or(8);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let pair = if args.pairwise {
        Some(rt.block_on(pairwise(&cases, &grader, crate::commands::test::retry_policy(retries))))
    } else {
        None
    };
    let items = rt.block_on(calibrate(
        cases,
        grader,
        crate::commands::test::retry_policy(retries),
        concurrency,
    ));
    let mut by_owner: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for i in &items {
        by_owner.entry(i.owner.as_str()).or_default().push(i);
    }
    let overall = agreement(&items.iter().collect::<Vec<_>>());
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
    specc_eval::store::Store::open(&pkg.root.join(".specc/results.db"))?.save_calibration(&grader_identity, &rows)?;
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
                    "overall: {} labelled answers; passes GOOD/OK answers {}, fails BAD answers {}, Cohen's kappa {kappa}; {} unclear or errors",
                    overall.items,
                    pct(overall.true_positive_rate),
                    pct(overall.true_negative_rate),
                    overall.unclear_or_errors
                ),
            )?;
            if let Some(p) = &pair {
                write_line(
                    &mut w,
                    &format!(
                        "pairwise: {} GOOD/BAD pairs; chose the GOOD answer {}; choice survived swapping the order {}; {} errors",
                        p.pairs,
                        pct(p.accuracy),
                        pct(p.position_consistency),
                        p.errors
                    ),
                )?;
            }
        }
    }
    w.flush()?;
    Ok(0)
}

/// Precedents as labelled answers: the judged answer (the conversation's last
/// assistant message) is expected to pass or fail as the ruling says.
fn precedent_cases(
    ws: &Workspace,
    pkg: &specc_project::Package,
) -> Vec<(specc_eval::TestCase, specc_eval::runner::GradingInputs)> {
    use specc_syntax::{DocumentKind, Judgement, Role, Ruling, Turn};
    let mut out = Vec::new();
    let clause_section = |id: &str| {
        pkg.documents.iter().find_map(|d| {
            d.clauses.iter().find(|c| c.id == id).map(|c| {
                let s = c.section.map(|i| &d.sections[i]);
                (s.map(|s| s.id.clone()), s.and_then(|s| s.authority.clone()))
            })
        })
    };
    for doc in &pkg.precedents {
        let DocumentKind::Precedents { clause } = &doc.kind else {
            continue;
        };
        for p in &doc.precedents {
            let (Some(ex), Some(ruling)) = (&p.example, p.ruling) else {
                continue;
            };
            let messages: Vec<&specc_syntax::Message> = ex
                .turns
                .iter()
                .filter_map(|t| match t {
                    Turn::Message(m) => Some(m),
                    Turn::Comparison(_) => None,
                })
                .collect();
            let Some((last, before)) = messages.split_last() else {
                continue;
            };
            if last.role != Role::Assistant {
                continue;
            }
            let (section, authority) = clause_section(clause).unwrap_or((None, None));
            let case = specc_eval::TestCase {
                id: format!("{clause}:precedent:{}", specc_syntax::text::slugify(&p.title)),
                hash: String::new(),
                clause: Some(clause.clone()),
                section,
                authority,
                tags: Vec::new(),
                settings: Vec::new(),
                prompt: specc_eval::to_messages(before.iter().copied()),
                references: vec![specc_eval::Reference {
                    judgement: if ruling == Ruling::Pass {
                        Judgement::Good
                    } else {
                        Judgement::Bad
                    },
                    section: None,
                    reason: p.rationale.clone(),
                    content: last.content.clone(),
                }],
                expectations: Vec::new(),
                title: p.title.clone(),
            };
            let inputs = grading_inputs(ws, pkg, &case);
            out.push((case, inputs));
        }
    }
    out
}
