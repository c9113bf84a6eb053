//! `specc report [PATH] [RUN]`: reads a run from the results database, renders
//! it over the spec with `specc_build::report`, and writes one HTML file.

use crate::cli::ReportArgs;
use anyhow::Context;
use specc_build::report::{ReportData, report};
use specc_diagnostics::{HumanRenderer, Severity, plural};
use specc_eval::store::Store;
use specc_project::Workspace;

pub fn run(args: &ReportArgs) -> anyhow::Result<u8> {
    // `specc report 3`: a lone number that names no folder is the run.
    let (mut path, run) = crate::cli::path_and_run(&args.path, args.run);
    crate::output::discover(&mut path);
    let ws = Workspace::load(&path);
    if ws.fatal || ws.packages.is_empty() {
        let checked = specc_check::check(&ws);
        for d in checked.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            eprintln!("{}", HumanRenderer::new(false).render(d, &ws.sources));
        }
        eprintln!(
            "error: the report shows the spec, and `{}` could not be read as a spec project",
            path.display()
        );
        return Ok(2);
    }
    let pkg = ws.root();
    let db = crate::output::results_db(&pkg.root, args.db.as_ref())?;
    // Opening would create an empty database; a report must not leave one behind.
    if !db.is_file() {
        eprintln!(
            "error: no results database at `{}`\nhelp: run `specc test {}` first (or pass --db FILE)",
            db.display(),
            path.display()
        );
        return Ok(2);
    }
    let store = Store::open(&db)?;
    let info = match store.resolve_run(run) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    if info.spec_name != pkg.config.spec.name {
        eprintln!(
            "warning: run {} was of the spec {}, this project is {}; clauses are matched by ID",
            info.id,
            info.spec_name
                .as_deref()
                .map(|n| format!("`{n}`"))
                .unwrap_or_else(|| "without a name".into()),
            pkg.config
                .spec
                .name
                .as_deref()
                .map(|n| format!("`{n}`"))
                .unwrap_or_else(|| "without a name".into()),
        );
    }
    let data = ReportData {
        outcomes: store.case_outcomes(info.id)?,
        unpassed: store.unpassed_samples(info.id)?,
        trend: store.trend(info.spec_name.as_deref(), Some(info.id))?,
        threshold: specc_eval::pipeline::pass_threshold(&pkg.config),
        run: info,
    };
    let html = report(&ws, pkg, &data);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| pkg.root.join(".specc").join(format!("report-{}.html", data.run.id)));
    let out = crate::output::writable(&pkg.root, out)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create folder `{}`", dir.display()))?;
    }
    std::fs::write(&out, html).with_context(|| format!("cannot write `{}`", out.display()))?;
    let (pass, fail) = data
        .outcomes
        .iter()
        .fold((0, 0), |(p, f), o| (p + o.counts.pass, f + o.counts.fail));
    specc_diagnostics::note!(
        "specc: wrote {} (run {}: {} passed, {} failed, {} that did not pass)",
        out.display(),
        data.run.id,
        pass,
        fail,
        plural(data.unpassed.len(), "answer", "answers")
    );
    Ok(0)
}
