//! The `specc` binary: flags and glue only; the work happens in the library crates.

mod allocator;
mod cli;
mod commands;
mod deep;
mod output;
mod progress;
mod views;

use std::process::ExitCode;

// mimalloc: the IR is many small strings and vectors; glibc malloc spends a
// tenth of a parse on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    allocator::no_transparent_huge_pages();
    match commands::run() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if output::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
