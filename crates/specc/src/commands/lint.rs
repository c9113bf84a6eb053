use crate::cli::{BaselineMode, LintArgs, LintFormat};
use crate::output::{out, stdout_color, write_line};
use anyhow::Context;
use serde_json::json;
use specc_diagnostics::{HumanRenderer, Severity, json_object, plural};
use specc_lint::baseline::Baseline;
use specc_lint::{LINT_SCHEMA, LintOptions, lint};
use specc_project::Workspace;
use std::io::Write;

pub fn run(args: &LintArgs) -> anyhow::Result<u8> {
    let mut ws = Workspace::load(&args.path);
    // Structure only: conflicts are `specc check`'s to report, not the linter's.
    let mut checked = specc_check::check_structure(&ws);
    let Some(pkg) = ws.packages.first() else {
        return report_fatal(&ws, &checked.diagnostics);
    };
    if ws.fatal {
        return report_fatal(&ws, &checked.diagnostics);
    }
    let mut opts = LintOptions::from_config(&pkg.config.lint);
    if !args.select.is_empty() {
        opts.select = args.select.clone();
    }
    opts.ignore.extend(args.ignore.iter().cloned());
    opts.selection = match specc_eval::Selection::new(pkg, &args.select_sections.request(&[])) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    for sel in opts.select.iter().chain(&opts.ignore) {
        let known = specc_lint::registry::rules()
            .iter()
            .any(|r| specc_lint::registry::matches(sel, r.info.code))
            || sel.eq_ignore_ascii_case("all");
        if !known {
            eprintln!("error: `{sel}` selects no lint rule\nhelp: `specc explain --all` lists the codes");
            return Ok(2);
        }
    }
    let root = pkg.root.clone();
    let baseline_path = crate::output::writable(
        &root,
        args.baseline_file
            .clone()
            .unwrap_or_else(|| root.join(".specc/lint-baseline.json")),
    )?;

    if crate::output::only_file().is_some() && matches!(args.baseline, Some(BaselineMode::Write)) {
        eprintln!(
            "error: a lint baseline records the whole project, and `{}` is one file\nhelp: run `specc lint --baseline write` on the project's folder",
            args.path.display()
        );
        return Ok(2);
    }
    let mut result = lint(&ws, &opts);
    crate::output::keep_only_file(&mut result.diagnostics, &ws.sources, &args.path)?;

    if args.fix {
        let by_file = specc_lint::by_file(&result.diagnostics);
        let mut total = 0;
        let mut files: Vec<_> = by_file.into_iter().collect();
        files.sort_by_key(|(f, _)| *f);
        for (file, diags) in files {
            let source = ws.sources.file(file);
            let (new_text, fixed) = specc_lint::fix::apply_safe(&source.text, &diags);
            if fixed > 0 {
                // Written back as it was saved: its byte order mark and line ends.
                std::fs::write(&source.path, source.as_saved(&new_text))
                    .with_context(|| format!("cannot write `{}`", source.path))?;
                specc_diagnostics::note!("fixed {} in {}", plural(fixed, "finding", "findings"), source.path);
                total += fixed;
            }
        }
        if total > 0 {
            // Report what is left on the fixed files, check's findings included:
            // their spans point into the old text.
            ws = Workspace::load(&args.path);
            checked = specc_check::check_structure(&ws);
            result = lint(&ws, &opts);
            crate::output::keep_only_file(&mut result.diagnostics, &ws.sources, &args.path)?;
        }
    }

    match args.baseline {
        Some(BaselineMode::Write) => {
            let b = Baseline::from_diagnostics(&result.diagnostics, &ws.sources);
            if let Some(dir) = baseline_path.parent() {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
            }
            std::fs::write(&baseline_path, serde_json::to_string_pretty(&b)? + "\n")
                .with_context(|| format!("cannot write `{}`", baseline_path.display()))?;
            eprintln!(
                "wrote {} to {}",
                plural(result.diagnostics.len(), "finding", "findings"),
                baseline_path.display()
            );
            return Ok(0);
        }
        Some(BaselineMode::Use) => {
            let text = std::fs::read_to_string(&baseline_path).with_context(|| {
                format!(
                    "cannot read baseline `{}`; write one with `specc lint --baseline write`",
                    baseline_path.display()
                )
            })?;
            let b: Baseline = serde_json::from_str(&text)
                .with_context(|| format!("`{}` is not a specc lint baseline", baseline_path.display()))?;
            let known = b.filter(&mut result.diagnostics, &ws.sources);
            eprintln!(
                "{} in the baseline and not shown",
                plural(known, "finding is", "findings are")
            );
        }
        None => {}
    }

    // Check's errors come first: a spec that does not parse cannot be linted completely.
    let mut diags: Vec<_> = checked
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    crate::output::keep_only_file(&mut diags, &ws.sources, &args.path)?;
    diags.extend(result.diagnostics);
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.iter().filter(|d| d.severity == Severity::Warning).count();

    let mut w = out();
    match args.format {
        LintFormat::Human => {
            let r = HumanRenderer::new(stdout_color());
            for d in &diags {
                write_line(&mut w, &r.render(d, &ws.sources))?;
                writeln!(w)?;
            }
            // The summary stays the last line, for scripts that read it.
            if let Some(hint) =
                crate::output::explain_hint(diags.iter().map(|d| (d.code.as_str(), d.severity == Severity::Error)))
            {
                write_line(&mut w, &hint)?;
            }
            write_line(
                &mut w,
                &format!(
                    "linted {}: {} with {}{}; {}, {}",
                    plural(result.documents, "document", "documents"),
                    plural(result.sentences, "normative sentence", "normative sentences"),
                    plural(result.rules, "lint rule", "lint rules"),
                    if result.explanatory > 0 {
                        format!(
                            " ({} not linted)",
                            plural(result.explanatory, "explanatory sentence", "explanatory sentences")
                        )
                    } else {
                        String::new()
                    },
                    plural(errors, "error", "errors"),
                    plural(warnings, "warning", "warnings")
                ),
            )?;

            // Nothing read, and a reason a newcomer cannot see: say it.
            if result.sentences == 0 && result.unranked_paragraphs > 0 {
                write_line(
                    &mut w,
                    &format!(
                        "note: {} in {} without an authority level {} not read: specc lints the rules of sections with a level\nhelp: run `specc adopt` to bring the policy into the dialect (heading IDs, authority levels, clause markers), give the sections a level by hand (`## Refunds {{#refunds authority=system}}`), or set `default-authority = \"system\"` under [spec] in specc.toml",
                        plural(result.unranked_paragraphs, "paragraph", "paragraphs"),
                        plural(result.unranked_sections, "section", "sections"),
                        if result.unranked_paragraphs == 1 { "was" } else { "were" }
                    ),
                )?;
            }
        }
        LintFormat::Json => {
            for d in &diags {
                serde_json::to_writer(&mut w, &json_object(d, &ws.sources, LINT_SCHEMA))?;
                writeln!(w)?;
            }
            serde_json::to_writer(
                &mut w,
                &json!({
                    "schema": LINT_SCHEMA, "type": "summary", "documents": result.documents,
                    "sentences": result.sentences, "explanatory": result.explanatory, "rules": result.rules, "errors": errors,
                    "warnings": warnings, "suppressed": result.suppressed,
                }),
            )?;
            writeln!(w)?;
        }
        LintFormat::Sarif => {
            let root_s = args.path.display().to_string();
            let root_s = root_s.strip_prefix("./").unwrap_or(&root_s).to_string();
            let log = specc_lint::sarif::to_sarif(&diags, &ws.sources, &root_s, env!("CARGO_PKG_VERSION"));
            serde_json::to_writer_pretty(&mut w, &log)?;
            writeln!(w)?;
        }
        LintFormat::Github => {
            for d in &diags {
                let kind = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "notice",
                };
                let mut props = Vec::new();
                if let Some(f) = d.file.and_then(|f| ws.sources.get(f)) {
                    let (l, c) = f.lines().line_col(&f.text, d.span.start);
                    let (el, ec) = f.lines().line_col(&f.text, d.span.end);
                    props.push(format!("file={}", escape_property(&f.path)));
                    props.push(format!("line={l},col={c},endLine={el},endColumn={ec}"));
                }
                props.push(format!(
                    "title={}",
                    escape_property(&format!("{} {}", d.code, d.code.info().name))
                ));
                write_line(
                    &mut w,
                    &format!("::{kind} {}::{}", props.join(","), escape_data(&d.message)),
                )?;
            }
        }
    }
    w.flush()?;
    Ok(if errors > 0 || (args.deny.is_some() && warnings > 0) {
        1
    } else {
        0
    })
}

fn report_fatal(ws: &Workspace, diags: &[specc_diagnostics::Diagnostic]) -> anyhow::Result<u8> {
    let r = HumanRenderer::new(stdout_color());
    let mut w = out();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        write_line(&mut w, &r.render(d, &ws.sources))?;
    }
    Ok(2)
}

/// GitHub workflow commands escape `%`, CR and LF in messages...
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// ...and also `:` and `,` in properties.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
