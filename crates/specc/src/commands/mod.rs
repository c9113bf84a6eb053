//! One module per command: each holds its flags' meaning, its printing and its
//! exit code; the work is in the library crates. No command uses another.

pub mod adopt;
pub mod build;
pub mod calibrate;
pub mod check;
pub mod clarify;
pub mod compare;
pub mod diff;
pub mod explain;
pub mod init;
pub mod lint;
pub mod merge;
pub mod new_clause;
pub mod report;
pub mod rule;
pub mod runs;
pub mod show;
pub mod test;

use crate::cli::{Cli, ColorChoice, Command};
use std::io::Write;

/// Parses the command line and runs the command; returns the exit code.
pub fn run() -> anyhow::Result<u8> {
    let cli = match <Cli as clap::Parser>::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            e.print()?;
            return Ok(code);
        }
    };
    specc_diagnostics::set_verbosity(match (cli.quiet, cli.verbose) {
        (true, _) => -1,
        (_, true) => 1,
        _ => 0,
    });
    match cli.color {
        ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
        ColorChoice::Auto => {}
    }
    let mut cli = cli;
    // A folder inside a project means the project, as with cargo: the nearest
    // specc.toml above it (`specc check` in `myspec/spec` checks `myspec`).
    match &mut cli.command {
        Command::Check { path, .. } => crate::output::discover_file_or_project(path),
        Command::Lint(a) => crate::output::discover_file_or_project(&mut a.path),
        Command::Test(a) => crate::output::discover(&mut a.path),
        Command::Clarify(a) => crate::output::discover(&mut a.path),
        Command::Calibrate(a) => crate::output::discover(&mut a.path),
        Command::Build(a) => crate::output::discover(&mut a.path),
        Command::Show(a) => crate::output::discover(&mut a.project),
        Command::Rule(a) => crate::output::discover(&mut a.project),
        Command::Compare(a) => {
            crate::output::discover(&mut a.path);
            if let Some(p) = a.project.as_mut() {
                crate::output::discover(p);
            }
        }
        Command::NewClause { path, project, .. } => {
            crate::output::discover(path);
            if let Some(p) = project.as_mut() {
                crate::output::discover(p);
            }
        }
        _ => {}
    }
    match cli.command {
        Command::Check {
            path,
            format,
            deny,
            dump_ir,
            no_info,
            statements,
            deep,
            deep_pairs,
            deep_candidates,
            update_lock,
            select,
            ignore,
        } => {
            let flags = check::ConflictFlags {
                statements,
                deep,
                deep_pairs,
                deep_candidates,
                update_lock,
            };
            let codes = check::CodeFilter::new(select, ignore)?;
            check::run(&path, format, deny.is_some(), dump_ir, no_info, &flags, &codes)
        }
        Command::Lint(args) => lint::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Test(args) => {
            // Only the long streaming run hands memory back at once; short
            // commands keep mimalloc's faster default (allocator.rs).
            crate::allocator::return_memory_promptly();
            test::run(&args)
        }
        Command::Merge(args) => merge::run(&args),
        Command::Runs(args) => runs::run(&args),
        Command::Show(args) => show::run(&args),
        Command::Calibrate(args) => calibrate::run(&args),
        Command::Clarify(args) => clarify::run(&args),
        Command::Rule(args) => rule::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Adopt {
            path,
            dry_run,
            out,
            authority,
            map,
        } => adopt::run(adopt::Args {
            path: &path,
            dry_run,
            out: out.as_deref(),
            authority: authority.as_deref(),
            map: &map,
        }),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            // (Into a buffer first: the generator panics on a write error,
            // and `specc completions bash | head` closes the pipe.)
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "specc", &mut script);
            std::io::Write::write_all(&mut std::io::stdout(), &script)?;
            Ok(0)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut std::io::stdout())?;
            Ok(0)
        }
        Command::Lsp => {
            specc_lsp::run_stdio()?;
            Ok(0)
        }
        Command::Init { dir, name, bare } => init::run(&dir, name.as_deref(), bare),
        Command::NewClause {
            section,
            path,
            project,
            text,
            prompt,
        } => new_clause::run(project.as_ref().unwrap_or(&path), &section, text.as_deref(), &prompt),
        Command::Explain { code, all } => explain::run(code.as_deref(), all),
        Command::Schema => {
            // (Written, not printed: `specc schema | head` closes the pipe.)
            writeln!(std::io::stdout(), "{:#}", specc_project::config_schema())?;
            Ok(0)
        }
    }
}
