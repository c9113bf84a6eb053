//! Text views shared by commands: `specc test`'s summary (a table, or
//! `specc.test/1` JSON) and one graded sample as `specc show` and the end of
//! `specc test` print it. Model text is untrusted: control characters are
//! shown escaped, so an answer cannot move the cursor or recolour the terminal.

use crate::output::write_line;
use serde_json::json;
pub use specc_diagnostics::plural;
use specc_eval::VerdictCounts;
use specc_eval::pipeline::Summary;
use std::io::Write;

/// `specc.test/1`.
pub fn json_summary(run: i64, s: &Summary, strict: bool, requests: Option<(u64, u64)>) -> serde_json::Value {
    let row = |k: &str, t: &VerdictCounts| {
        let r = t.rate(strict);
        let c = s.calibration(k);
        json!({ "id": k, "pass": t.pass, "fail": t.fail, "unclear": t.unclear, "errors": t.errors,
                "pass_rate": r.map(|x| x.rate), "interval": r.map(|x| [x.low, x.high]),
                "grader_calibration": c.map(|c| json!({ "tpr": c.tpr, "tnr": c.tnr, "kappa": c.kappa, "unreliable": c.unreliable() })) })
    };
    json!({
        "schema": "specc.test/1",
        "run": run,
        "clauses": s.by_clause.iter().map(|(k, t)| row(k, t)).collect::<Vec<_>>(),
        "authority": s.by_authority.iter().map(|(k, t)| row(k, t)).collect::<Vec<_>>(),
        "sections": s.by_section.iter().map(|(k, t)| row(k, t)).collect::<Vec<_>>(),
        "overall": row("overall", &s.overall),
        "errors": s.error_reasons.iter().map(|(reason, n)| json!({ "reason": reason, "samples": n })).collect::<Vec<_>>(),
        "below_threshold": s.below_threshold,
        "threshold": s.threshold,
        "requests": requests.map(|r| json!({ "target": r.0, "grader": r.1 })),
        "panel": s.panel.as_ref().map(|p| json!({
            "graders": p.graders,
            "answers": p.answers,
            "fleiss_kappa": p.kappa,
            "unanimous": p.unanimous,
            "clauses": p.by_owner.iter().map(|(k, a)| json!({ "id": k, "answers": a.answers, "fleiss_kappa": a.kappa, "unanimous": a.unanimous })).collect::<Vec<_>>(),
            "grader_errors": s.panel_errors.iter().map(|(g, reason, n)| json!({ "grader": g, "reason": reason, "answers": n })).collect::<Vec<_>>(),
        })),
    })
}

/// The table: clauses, sections, authority levels, then the run's line.
pub fn summary_table(
    w: &mut impl Write,
    run: i64,
    s: &Summary,
    strict: bool,
    requests: Option<(u64, u64)>,
) -> anyhow::Result<()> {
    write_line(
        w,
        &format!(
            "{:<28} {:>5} {:>5} {:>7} {:>6}  {:>9}  {:<16}  grader calibration",
            "clause / section", "pass", "fail", "unclear", "errors", "pass rate", "95% interval"
        ),
    )?;
    for (k, t) in s.rows() {
        let rate = match t.rate(strict) {
            Some(r) => format!(
                "{:>8.0}%  {:<16}",
                r.rate * 100.0,
                format!("[{:.0}%, {:.0}%]", r.low * 100.0, r.high * 100.0)
            ),
            None => format!("{:>9}  {:<16}", "-", ""),
        };
        let cal = match s.calibration(k) {
            Some(c) => format!(
                "kappa {}{}",
                c.kappa.map_or_else(|| "-".into(), |k| format!("{k:.2}")),
                if c.unreliable() {
                    ", UNRELIABLE: the grader disagrees with the spec's own examples"
                } else {
                    ""
                }
            ),
            None => "-".into(),
        };
        let counts = format!("{:>5} {:>5} {:>7} {:>6}", t.pass, t.fail, t.unclear, t.errors);
        write_line(w, &format!("{k:<28} {counts}  {rate}  {cal}"))?;
    }
    let o = &s.overall;
    let rate = o
        .rate(strict)
        .map_or_else(|| "-".into(), |r| format!("{:.0}%", r.rate * 100.0));
    // Requests are this session's (a run described later has none to tell).
    let requests = requests
        .map(|(t, g)| {
            format!(
                "; {} and {}",
                plural(t, "target request", "target requests"),
                plural(g, "grader request", "grader requests")
            )
        })
        .unwrap_or_default();
    write_line(
        w,
        &format!(
            "run {run}: {} passed, {} failed, {} unclear, {}; pass rate {rate}{requests}",
            o.pass,
            o.fail,
            o.unclear,
            plural(o.errors, "error", "errors"),
        ),
    )?;
    // Every reason once, with how many samples it stopped.
    for (reason, n) in &s.error_reasons {
        write_line(w, &format!("  {}: {reason}", plural(*n, "sample", "samples")))?;
    }
    if let Some(p) = &s.panel {
        panel_lines(w, p, &s.panel_errors)?;
    }
    if !s.below_threshold.is_empty() {
        write_line(
            w,
            &format!(
                "below the pass threshold of {:.0}%: {}",
                s.threshold * 100.0,
                s.below_threshold.join(", ")
            ),
        )?;
    }
    Ok(())
}

/// A panel's agreement: overall, then the clauses where its graders agree
/// least (kappa below 0.4, Landis and Koch's "fair" or worse), then the
/// graders' errors, which the majority absorbed but which are never hidden.
fn panel_lines(
    w: &mut impl Write,
    p: &specc_eval::panel::PanelAgreement,
    errors: &[(usize, String, u64)],
) -> anyhow::Result<()> {
    use specc_eval::panel::PanelAgreement;
    write_line(
        w,
        &format!(
            "graders: a panel of {} on {}; agreement (Fleiss' kappa) {}",
            p.graders,
            plural(p.answers, "answer", "answers"),
            PanelAgreement::describe(p.kappa, p.unanimous)
        ),
    )?;
    let weak: Vec<String> = p
        .by_owner
        .iter()
        .filter(|(_, a)| a.kappa.is_some_and(|k| k < 0.4))
        .map(|(k, a)| format!("{k} ({})", PanelAgreement::describe(a.kappa, a.unanimous)))
        .collect();
    if !weak.is_empty() {
        write_line(w, &format!("  graders disagree on: {}", weak.join(", ")))?;
    }
    for (grader, reason, n) in errors {
        write_line(
            w,
            &format!(
                "  grader {grader} gave no verdict on {}: {reason}",
                plural(*n, "answer", "answers")
            ),
        )?;
    }
    Ok(())
}

/// Untrusted text for a terminal: control characters other than newline and
/// tab are shown as `\u{..}` escapes.
pub fn terminal_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn indented(w: &mut impl Write, label: &str, text: &str) -> anyhow::Result<()> {
    write_line(w, &format!("  {label}"))?;
    for line in terminal_safe(text).lines() {
        write_line(w, &format!("    {line}"))?;
    }
    Ok(())
}

/// One graded sample: the conversation sent (when the case is still in the
/// spec), the answer, the verdict with the grader's rationale or the error,
/// and the `specc rule` command that settles it.
/// ` --project DIR --db FILE` as the command that printed a run was given
/// them, for the commands it suggests (`specc rule`, `specc show`) to find
/// the same run from the same folder.
static WHERE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Records the project folder and database the suggested commands name.
pub fn suggest_with(project: &std::path::Path, db: Option<&std::path::Path>) {
    let quoted = |p: &std::path::Path| {
        let p = p.display().to_string();
        if p.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
            format!("'{}'", p.replace('\'', "'\\''"))
        } else {
            p
        }
    };
    let mut args = String::new();
    if project != std::path::Path::new(".") {
        args += &format!(" --project {}", quoted(project));
    }
    if let Some(db) = db {
        args += &format!(" --db {}", quoted(db));
    }
    let _ = WHERE.set(args);
}

fn suggested_where() -> &'static str {
    WHERE.get().map(String::as_str).unwrap_or("")
}

pub fn sample(
    w: &mut impl Write,
    run: i64,
    row: &specc_eval::store::SampleRow,
    case: Option<&specc_eval::TestCase>,
    votes: &[specc_eval::store::VoteRow],
) -> anyhow::Result<()> {
    let outcome = match row.verdict {
        Some(v) => v.as_str().to_uppercase(),
        None => "ERROR".into(),
    };
    let owner = match (&row.clause, &row.section) {
        (Some(c), _) => format!("clause {c}"),
        (None, Some(s)) => format!("section {s}"),
        (None, None) => "no clause".into(),
    };
    write_line(w, &format!("{outcome}  {} (sample {}, {owner})", row.case, row.sample))?;
    match case {
        Some(c) if c.hash != row.hash => {
            write_line(
                w,
                "  (the case changed since this run: the conversation below is today's)",
            )?;
            for m in &c.prompt {
                indented(w, &format!("[{}]", format!("{:?}", m.role).to_lowercase()), &m.content)?;
            }
        }
        Some(c) => {
            for m in &c.prompt {
                indented(w, &format!("[{}]", format!("{:?}", m.role).to_lowercase()), &m.content)?;
            }
        }
        None => write_line(
            w,
            "  (the case is no longer in the spec; its conversation is not shown)",
        )?,
    }
    match &row.answer {
        Some(a) => indented(w, "[answer]", a)?,
        None => write_line(w, "  [answer] none")?,
    }
    match (row.verdict, &row.error) {
        (Some(v), _) => indented(w, &format!("verdict: {v}"), row.rationale.as_deref().unwrap_or(""))?,
        (None, Some(e)) => indented(w, "error:", e)?,
        (None, None) => write_line(w, "  not graded")?,
    }
    // A panel: every grader's own verdict, the ones that erred included.
    for (i, v) in votes.iter().enumerate() {
        let (said, why) = match (v.verdict, &v.error) {
            (Some(x), _) => (x.to_string(), v.rationale.as_str()),
            (None, e) => ("error".to_string(), e.as_deref().unwrap_or("no verdict")),
        };
        indented(w, &format!("grader {} ({}): {said}", i + 1, v.grader), why)?;
    }
    if row.answer.is_some() {
        write_line(
            w,
            &format!(
                "  settle it: specc rule {run} {} --sample {}{} --pass|--fail --why \"...\"",
                row.case,
                row.sample,
                suggested_where()
            ),
        )?;
    }
    Ok(())
}

/// After a run's summary: the first `n` samples that failed or were unclear,
/// shown as [`sample`] shows them, and how to see the rest. Errors are not
/// repeated here: the summary gives each reason once.
pub fn first_failures(
    w: &mut impl Write,
    store: &specc_eval::store::Store,
    run: i64,
    ws: &specc_project::Workspace,
    n: usize,
) -> anyhow::Result<()> {
    let show = format!("specc show {run}{}", suggested_where());
    let mut shown = Vec::new();
    let mut total = 0usize;
    store.for_each_sample::<specc_eval::store::StoreError>(run, &mut |r| {
        if matches!(
            r.verdict,
            Some(specc_eval::Verdict::Fail | specc_eval::Verdict::Unclear)
        ) {
            total += 1;
            if shown.len() < n {
                shown.push(r);
            }
        }
        Ok(())
    })?;
    if total == 0 {
        return Ok(());
    }
    let ids = shown.iter().map(|r| r.case.clone()).collect();
    let cases = specc_eval::cases_by_id(ws, ws.root(), &ids);
    write_line(w, "")?;
    for r in &shown {
        let votes = store.votes(run, &r.case, r.sample)?;
        sample(w, run, r, cases.get(&r.case), &votes)?;
        write_line(w, "")?;
    }
    let rest = if total > shown.len() {
        format!("{} more", total - shown.len())
    } else {
        "them again".to_string()
    };
    write_line(
        w,
        &format!(
            "{} failed or {} unclear; `{show}` lists {rest}",
            plural(total as u64, "sample", "samples"),
            if total == 1 { "was" } else { "were" }
        ),
    )?;
    Ok(())
}
