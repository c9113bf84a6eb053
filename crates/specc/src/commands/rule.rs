use crate::cli::RuleArgs;
use anyhow::{Context, bail};
use specc_eval::Verdict;
use specc_eval::store::Store;
use specc_project::Workspace;
use specc_suite::precedent::{Decision, render_precedent, separator};
use std::io::Write;

/// Writes a human ruling on a graded answer as a precedent (#precedents) of
/// the case's clause (or section, for an inline example); the next `specc test`
/// shows it to the grader and settles the same answer with it.
pub fn run(args: &RuleArgs) -> anyhow::Result<u8> {
    let ws = Workspace::load(&args.project);
    if ws.fatal || ws.packages.is_empty() {
        bail!(
            "cannot load the project at `{}`\nhelp: run `specc check {}`",
            args.project.display(),
            args.project.display()
        );
    }
    let pkg = ws.root();
    let cases = specc_eval::cases_of(pkg);
    let Some(case) = cases.iter().find(|c| c.id == args.case) else {
        bail!(
            "no case `{}` in this project\nhelp: case IDs are `<clause-or-section>:<slug>`; `specc check --dump-ir` lists them",
            args.case
        );
    };
    // A clause's precedents file, or its section's for an inline example.
    let Some(owner) = case.clause.as_ref().or(case.section.as_ref()) else {
        bail!(
            "`{}` belongs to no clause or section, so no precedents file can hold its ruling",
            case.id
        );
    };
    let db = crate::output::results_db(&pkg.root, args.db.as_ref())?;
    let rows = Store::open(&db)?.samples(args.run)?;
    let Some(row) = rows.iter().find(|r| r.case == case.id && r.sample == args.sample) else {
        bail!(
            "run {} has no sample {} of `{}`\nhelp: `specc runs` lists runs",
            args.run,
            args.sample,
            case.id
        );
    };
    let Some(answer) = &row.answer else {
        bail!(
            "run {} has no answer for `{}` sample {} (it was an error)",
            args.run,
            case.id,
            args.sample
        );
    };
    let ruling = if args.pass { Verdict::Pass } else { Verdict::Fail };
    let who = std::env::var("USER").unwrap_or_else(|_| "a reviewer".into());
    let decision = Decision {
        ruling,
        rationale: &args.why,
        by: &who,
        on: &crate::output::today(),
    };
    let text = render_precedent(case, args.run, args.sample, answer, &decision);
    let dir = pkg.root.join(pkg.config.spec.precedents_dir());
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let path = crate::output::writable(&pkg.root, dir.join(format!("{owner}.md")))?;
    let existing = std::fs::read_to_string(&path).unwrap_or_default();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    let (normal, _, crlf) = specc_diagnostics::normalize_line_ends(existing);
    let mut added = format!("{}{text}", separator(&normal));
    // A file saved with CRLF line ends keeps them.
    if crlf {
        added = added.replace('\n', "\r\n");
    }
    f.write_all(added.as_bytes())?;
    specc_diagnostics::note!("recorded a {ruling} ruling on {} in {}", case.id, path.display());
    Ok(0)
}
