//! `specc build`: loads and checks the project, compiles the chosen target with
//! `specc_build`, and writes it. The library does no IO; this file reads the
//! results database (for the site's pass rates) and writes the outputs.

use crate::cli::{BuildArgs, BuildTarget};
use crate::output::out;
use anyhow::Context;
use specc_build::html::{HtmlOptions, PassRates};
use specc_build::prompt::PromptOptions;
use specc_build::records::{Cases, jsonl};
use specc_build::{OutputFile, Selection};
use specc_diagnostics::{HumanRenderer, Severity, plural};
use specc_eval::store::Store;
use specc_project::Workspace;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: &BuildArgs) -> anyhow::Result<u8> {
    if let Some(msg) = misplaced_flags(args) {
        eprintln!("error: {msg}");
        return Ok(2);
    }
    let ws = Workspace::load(&args.path);
    let checked = specc_check::check(&ws);
    if ws.fatal || ws.packages.is_empty() {
        for d in checked.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            eprintln!("{}", HumanRenderer::new(false).render(d, &ws.sources));
        }
        return Ok(2);
    }
    let errors = checked.summary.errors;
    if errors > 0 {
        if args.release {
            eprintln!(
                "error: specc build --release refuses to build: the project has {}\nhelp: run `specc check {}` to see what to fix, then build again",
                plural(errors, "error", "errors"),
                args.path.display()
            );
            return Ok(1);
        }
        eprintln!(
            "warning: building although the project has {} (run `specc check` to see what to fix; `--release` refuses to build)",
            plural(errors, "error", "errors")
        );
    }
    let pkg = ws.root();
    let sel = match Selection::new(pkg, &args.select.request(&[])) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    let folder = |name: &str| args.out.clone().unwrap_or_else(|| pkg.root.join("build").join(name));
    match args.target {
        BuildTarget::Prompt => {
            let opts = PromptOptions {
                examples: args.examples,
                max_tokens: args.max_tokens,
            };
            let p = match specc_build::prompt::prompt(&ws, pkg, &sel, &opts) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("error: {e}");
                    return Ok(2);
                }
            };
            if !p.omitted.is_empty() {
                eprintln!(
                    "specc: --max-tokens {} left out (lowest authority first):",
                    args.max_tokens.unwrap_or(0)
                );
                for o in &p.omitted {
                    eprintln!(
                        "  {} [{}] ({}, about {})",
                        if o.examples_only {
                            "examples of"
                        } else if o.context {
                            "preamble"
                        } else {
                            "section"
                        },
                        o.section,
                        o.authority
                            .as_deref()
                            .unwrap_or(if o.context { "context" } else { "unranked" }),
                        plural(o.tokens, "token", "tokens")
                    );
                }
            }
            specc_diagnostics::note!(
                "specc: prompt of {}, about {} (UTF-8 bytes / 4)",
                plural(p.sections.len(), "section", "sections"),
                plural(p.tokens, "token", "tokens")
            );
            emit_one(&pkg.root, args.out.as_deref(), &p.text)?;
        }
        BuildTarget::Json => {
            let mut ir = specc_build::ir::ir_json(&ws);
            if let Some(o) = ir.as_object_mut() {
                o.insert("spec_hash".into(), specc_build::spec_hash(&ws, pkg).into());
            }
            emit_one(
                &pkg.root,
                args.out.as_deref(),
                &format!("{}\n", serde_json::to_string(&ir)?),
            )?;
        }
        BuildTarget::Html => {
            let results = pass_rates(args, &pkg.root)?;
            let files = specc_build::html::html(&ws, pkg, &HtmlOptions { results });
            write_files(&pkg.root, &folder("html"), &files)?;
        }
        BuildTarget::Evals | BuildTarget::Sft | BuildTarget::Dpo => {
            let cases = Cases::new(&ws, pkg, &sel);
            for id in &cases.skipped_empty {
                eprintln!("specc: left out case {id}: it has no message to send");
            }
            if cases.cases.is_empty() {
                eprintln!(
                    "error: no test case matches the filters\nhelp: `specc check` counts examples and test prompts"
                );
                return Ok(2);
            }
            let files = match args.target {
                BuildTarget::Evals => vec![
                    file("inspect.jsonl", jsonl(&cases.inspect())),
                    file("openai-evals.jsonl", jsonl(&cases.openai_evals())),
                ],
                BuildTarget::Sft => vec![file("sft.jsonl", jsonl(&cases.sft()))],
                _ => {
                    let (trl, openai, provenance) = cases.dpo();
                    vec![
                        file("pairs.jsonl", jsonl(&trl)),
                        file("openai-preference.jsonl", jsonl(&openai)),
                        file("provenance.jsonl", jsonl(&provenance)),
                    ]
                }
            };
            let name = match args.target {
                BuildTarget::Evals => "evals",
                BuildTarget::Sft => "sft",
                _ => "dpo",
            };
            write_files(&pkg.root, &folder(name), &files)?;
        }
    }
    Ok(0)
}

/// Flags that mean nothing for the chosen target are a usage error, not silently ignored.
fn misplaced_flags(args: &BuildArgs) -> Option<String> {
    let t = args.target;
    if t != BuildTarget::Prompt {
        if args.max_tokens.is_some() {
            return Some("--max-tokens applies to --target prompt only".into());
        }
        if args.examples {
            return Some(
                "--examples applies to --target prompt only (evals, sft and dpo are built from examples)".into(),
            );
        }
    }
    if matches!(t, BuildTarget::Html | BuildTarget::Json) && !args.select.is_empty() {
        return Some(
            "--section, --authority and --tag apply to prompt, evals, sft and dpo; html and json show the whole spec"
                .into(),
        );
    }
    if args.db.is_some() && t != BuildTarget::Html {
        return Some("--db applies to --target html only".into());
    }
    None
}

fn file(path: &str, contents: String) -> OutputFile {
    OutputFile {
        path: path.into(),
        contents,
    }
}

/// Writes a single-document target to a file, or to stdout.
fn emit_one(root: &Path, out_file: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match out_file {
        Some(p) => {
            let p = &crate::output::writable(root, p.to_path_buf())?;
            if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create folder `{}`", dir.display()))?;
            }
            std::fs::write(p, text).with_context(|| format!("cannot write `{}`", p.display()))?;
            specc_diagnostics::note!("specc: wrote {}", p.display());
        }
        None => {
            let mut w = out();
            w.write_all(text.as_bytes())?;
            w.flush()?;
        }
    }
    Ok(())
}

fn write_files(root: &Path, dir: &Path, files: &[OutputFile]) -> anyhow::Result<()> {
    let dir = crate::output::writable(root, dir.to_path_buf())?;
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create output folder `{}`", dir.display()))?;
    for f in files {
        let path = crate::output::writable(root, dir.join(&f.path))?;
        std::fs::write(&path, &f.contents).with_context(|| format!("cannot write `{}`", path.display()))?;
        let lines = if f.path.ends_with(".jsonl") {
            format!(" ({})", plural(f.contents.lines().count(), "record", "records"))
        } else {
            String::new()
        };
        specc_diagnostics::note!("specc: wrote {}{lines}", path.display());
    }
    Ok(())
}

/// The latest run's verdicts per clause and section, when a results database exists.
/// An absent database is not created: a documentation build must not leave one behind.
fn pass_rates(args: &BuildArgs, root: &Path) -> anyhow::Result<Option<PassRates>> {
    let db: PathBuf = crate::output::results_db(root, args.db.as_ref())?;
    if !db.is_file() {
        if args.db.is_some() {
            anyhow::bail!(
                "no results database at `{}`\nhelp: run `specc test` first, or leave out --db",
                db.display()
            );
        }
        return Ok(None);
    }
    let store = Store::open(&db)?;
    let Some(run) = store.runs()?.into_iter().next() else {
        return Ok(None);
    };
    let mut rates = PassRates {
        run: run.id,
        started_at: run.started_at,
        target: run.target,
        ..Default::default()
    };
    for c in store.group_results(run.id)? {
        let t = c.counts;
        // A test-file case counts for its clause; an inline example's for its section.
        match (c.clause, c.section) {
            (Some(clause), _) => rates.clauses.entry(clause).or_default().add(&t),
            (None, Some(section)) => rates.sections.entry(section).or_default().add(&t),
            (None, None) => {}
        }
    }
    Ok(Some(rates))
}
