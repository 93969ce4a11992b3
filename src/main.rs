//! The `debrief` binary: parse the command line, run it, report, exit.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc in place of the system allocator: building a site allocates and frees millions of
/// small strings and values from several threads at once, which it does in about half the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = debrief::cli::Cli::parse();
    match debrief::commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
