//! The `debrief` binary: parse the command line, run it, report, exit.

use std::process::ExitCode;

use clap::Parser;

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
