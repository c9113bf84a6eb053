//! `specc compare RUN_A RUN_B`: reads both runs from the results database,
//! compares them with `specc_eval::compare`, and prints the result as a table,
//! JSON (`specc.compare/1`) or a Markdown table for a pull-request comment.
//! Exit 1 when a clause regressed significantly.

use crate::cli::{CompareArgs, CompareFormat};
use crate::output::{out, write_line};
use specc_diagnostics::plural;
use specc_eval::VerdictCounts;
use specc_eval::compare::{CaseChange, ChangeStatus, ClauseChange, Comparison, compare};
use specc_eval::stats::TestMethod;
use specc_eval::store::Store;
use std::io::Write;

pub fn run(args: &CompareArgs) -> anyhow::Result<u8> {
    if !(args.alpha > 0.0 && args.alpha < 1.0) {
        eprintln!(
            "error: --alpha {} is not a significance level\nhelp: give a number between 0 and 1, such as 0.05",
            args.alpha
        );
        return Ok(2);
    }
    let project = args.project.as_ref().unwrap_or(&args.path);
    let db = crate::output::results_db(project, args.db.as_ref())?;
    // Opening would create an empty database; a comparison must not leave one behind.
    if !db.is_file() {
        eprintln!(
            "error: no results database at `{}`\nhelp: run `specc test` twice (or pass --db FILE), then compare the two runs",
            db.display()
        );
        return Ok(2);
    }
    let store = Store::open(&db)?;
    let (a, b) = match (store.resolve_run(Some(args.run_a)), store.resolve_run(Some(args.run_b))) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    if a.spec_name != b.spec_name {
        eprintln!(
            "warning: run {} and run {} are of different specs ({} and {}); clauses are matched by ID",
            a.id,
            b.id,
            a.spec_name.as_deref().unwrap_or("unnamed"),
            b.spec_name.as_deref().unwrap_or("unnamed")
        );
    }
    let c = compare(
        a.clone(),
        &store.case_outcomes(a.id)?,
        b.clone(),
        &store.case_outcomes(b.id)?,
        &store.unpassed_samples(b.id)?,
        args.alpha,
    );
    let mut w = out();
    match args.format {
        CompareFormat::Json => {
            serde_json::to_writer(&mut w, &c)?;
            writeln!(w)?;
        }
        CompareFormat::Md => w.write_all(markdown(&c).as_bytes())?,
        CompareFormat::Human => human(&mut w, &c)?,
    }
    w.flush()?;
    Ok(if c.regressions().next().is_some() { 1 } else { 0 })
}

fn rate(c: Option<&VerdictCounts>) -> String {
    match c {
        Some(c) if c.graded() > 0 => format!(
            "{:.0}% ({}/{})",
            100.0 * c.pass as f64 / c.graded() as f64,
            c.pass,
            c.graded()
        ),
        Some(_) => "no graded sample".into(),
        None => "not run".into(),
    }
}

fn p_value(x: &ClauseChange) -> String {
    match x.test {
        Some(t) if t.p_value < 0.0001 => "<0.0001".into(),
        Some(t) => format!("{:.4}", t.p_value),
        None => "-".into(),
    }
}

fn method(x: &ClauseChange) -> &'static str {
    match x.test.map(|t| t.method) {
        Some(TestMethod::ZTest) => "z-test",
        Some(TestMethod::FisherExact) => "Fisher",
        None => "-",
    }
}

fn change(x: &ClauseChange) -> String {
    x.change
        .map(|d| format!("{:+.0} pts", 100.0 * d))
        .unwrap_or_else(|| "-".into())
}

fn status(x: &ClauseChange) -> &'static str {
    match x.status {
        ChangeStatus::Regressed => "REGRESSED",
        ChangeStatus::Improved => "improved",
        ChangeStatus::Unchanged => "no significant change",
        ChangeStatus::NotComparable => "not comparable",
    }
}

/// The rows worth a reader's attention: every clause whose rate moved, or that
/// cannot be compared; unchanged ones are counted.
fn shown(c: &Comparison) -> Vec<&ClauseChange> {
    c.clauses
        .iter()
        .filter(|x| x.status != ChangeStatus::Unchanged || x.change.is_some_and(|d| d != 0.0))
        .collect()
}

/// One line of untrusted text, shortened: rationales can be long and multi-line.
fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        format!("{}…", flat.chars().take(max).collect::<String>())
    }
}

fn run_label(r: &specc_eval::store::RunInfo) -> String {
    format!(
        "run {} ({}{}, target {})",
        r.id,
        r.started_at,
        r.git_rev
            .as_deref()
            .map(|g| format!(", git {}", g.chars().take(8).collect::<String>()))
            .unwrap_or_default(),
        r.target
    )
}

fn human(w: &mut impl Write, c: &Comparison) -> anyhow::Result<()> {
    write_line(w, &format!("A: {}", run_label(&c.run_a)))?;
    write_line(w, &format!("B: {}", run_label(&c.run_b)))?;
    let rows = shown(c);
    if !rows.is_empty() {
        write_line(
            w,
            &format!(
                "{:<28} {:>16} {:>16} {:>9} {:>7} {:>8}  status",
                "clause / section", "A", "B", "change", "test", "p"
            ),
        )?;
        for x in &rows {
            write_line(
                w,
                &format!(
                    "{:<28} {:>16} {:>16} {:>9} {:>7} {:>8}  {}",
                    x.id,
                    rate(x.a.as_ref()),
                    rate(x.b.as_ref()),
                    change(x),
                    method(x),
                    p_value(x),
                    status(x)
                ),
            )?;
        }
    }
    let unchanged = c.clauses.len() - rows.len();
    if unchanged > 0 {
        write_line(
            w,
            &format!(
                "{} with the same pass rate in both runs",
                plural(unchanged, "clause or section", "clauses and sections")
            ),
        )?;
    }
    let cases = |w: &mut dyn Write, title: &str, list: &[CaseChange]| -> anyhow::Result<()> {
        if list.is_empty() {
            return Ok(());
        }
        writeln!(w, "{title}:")?;
        for x in list {
            writeln!(
                w,
                "  {} [{}]: {}/{} passed in A, {}/{} in B{}{}",
                x.case,
                x.owner,
                x.a.pass,
                x.a.graded(),
                x.b.pass,
                x.b.graded(),
                if x.edited {
                    " (case edited between the runs)"
                } else {
                    ""
                },
                x.rationale
                    .as_deref()
                    .map(|r| format!(" — {}", one_line(r, 160)))
                    .unwrap_or_default()
            )?;
        }
        Ok(())
    };
    cases(w, "new failures (passed in A, fail in B)", &c.new_failures)?;
    cases(w, "fixes (failed in A, pass in B)", &c.fixes)?;
    let s = &c.summary;
    write_line(
        w,
        &format!(
            "{} regressed, {} improved (p < {}), {} not comparable, of {}; {}, {}",
            s.regressed,
            s.improved,
            c.alpha,
            s.not_comparable,
            plural(s.clauses, "clause or section", "clauses and sections"),
            plural(s.new_failures, "new failure", "new failures"),
            plural(s.fixes, "fix", "fixes")
        ),
    )?;
    Ok(())
}

/// Markdown table cells: no pipes or line breaks from untrusted text, and
/// inline HTML shown as text (pull-request comments render some HTML).
fn md_cell(s: &str) -> String {
    one_line(s, 200)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('`', "\\`")
}

fn markdown(c: &Comparison) -> String {
    let mut m = String::new();
    let s = &c.summary;
    let verdict = if s.regressed > 0 {
        format!(
            "**{}**",
            plural(s.regressed, "significant regression", "significant regressions")
        )
    } else {
        "No significant regression".to_string()
    };
    m.push_str(&format!(
        "### specc compare: run {} → run {}\n\n{verdict} (p < {}); {} improved, {}, {}, {} compared.\n\n",
        c.run_a.id,
        c.run_b.id,
        c.alpha,
        s.improved,
        plural(s.new_failures, "new failure", "new failures"),
        plural(s.fixes, "fix", "fixes"),
        plural(s.clauses, "clause or section", "clauses and sections")
    ));
    m.push_str(&format!(
        "- A: {}\n- B: {}\n\n",
        md_cell(&run_label(&c.run_a)),
        md_cell(&run_label(&c.run_b))
    ));
    let rows = shown(c);
    if !rows.is_empty() {
        m.push_str(
            "| clause | A | B | change | test | p | status |\n| --- | ---: | ---: | ---: | --- | ---: | --- |\n",
        );
        for x in rows {
            let st = match x.status {
                ChangeStatus::Regressed => "🔴 **regressed**",
                ChangeStatus::Improved => "🟢 improved",
                ChangeStatus::Unchanged => "no significant change",
                ChangeStatus::NotComparable => "not comparable",
            };
            m.push_str(&format!(
                "| `{}` | {} | {} | {} | {} | {} | {st} |\n",
                md_cell(&x.id),
                rate(x.a.as_ref()),
                rate(x.b.as_ref()),
                change(x),
                method(x),
                p_value(x)
            ));
        }
        m.push('\n');
    }
    for (title, list) in [
        ("New failures (passed in A, fail in B)", &c.new_failures),
        ("Fixes (failed in A, pass in B)", &c.fixes),
    ] {
        if list.is_empty() {
            continue;
        }
        m.push_str(&format!("<details><summary>{title}: {}</summary>\n\n", list.len()));
        for x in list {
            m.push_str(&format!(
                "- `{}` ({}): {}/{} → {}/{}{}{}\n",
                md_cell(&x.case),
                md_cell(&x.owner),
                x.a.pass,
                x.a.graded(),
                x.b.pass,
                x.b.graded(),
                if x.edited { ", case edited" } else { "" },
                x.rationale
                    .as_deref()
                    .map(|r| format!(" — {}", md_cell(r)))
                    .unwrap_or_default()
            ));
        }
        m.push_str("\n</details>\n\n");
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_keep_untrusted_text_inert_and_on_one_line() {
        let cell = md_cell("a | b\n<script>alert(1)</script> `x`");
        assert_eq!(cell, "a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\`x\\`");
        assert_eq!(one_line(&"word ".repeat(100), 12), "word word wo…");
    }

    fn run(id: i64) -> specc_eval::store::RunInfo {
        specc_eval::store::RunInfo {
            id,
            started_at: "2026-01-05T10:00:00Z".into(),
            finished_at: None,
            status: "complete".into(),
            spec_name: None,
            spec_version: None,
            spec_hash: "h".into(),
            git_rev: None,
            target: "t".into(),
            grader: "g".into(),
            scope: None,
        }
    }

    #[test]
    fn counts_of_one_are_singular() {
        let unchanged = ClauseChange {
            id: "k1nd".into(),
            clause: Some("k1nd".into()),
            section: None,
            authority: None,
            a: None,
            b: None,
            rate_a: None,
            rate_b: None,
            change: None,
            test: None,
            status: ChangeStatus::Unchanged,
        };
        let c = Comparison {
            schema: "specc.compare/1",
            run_a: run(1),
            run_b: run(2),
            alpha: 0.05,
            clauses: vec![unchanged],
            new_failures: Vec::new(),
            fixes: Vec::new(),
            summary: specc_eval::compare::Summary {
                clauses: 1,
                regressed: 1,
                improved: 1,
                not_comparable: 1,
                new_failures: 1,
                fixes: 1,
            },
        };
        let mut out = Vec::new();
        human(&mut out, &c).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("1 clause or section with the same pass rate in both runs\n"),
            "{out}"
        );
        assert!(
            out.ends_with(
                "1 regressed, 1 improved (p < 0.05), 1 not comparable, of 1 clause or section; 1 new failure, 1 fix\n"
            ),
            "{out}"
        );
        let md = markdown(&c);
        assert!(
            md.contains("**1 significant regression** (p < 0.05); 1 improved, 1 new failure, 1 fix, 1 clause or section compared."),
            "{md}"
        );
    }
}
