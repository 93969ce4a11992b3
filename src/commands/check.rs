//! `debrief check`: validate content and report every problem, writing nothing.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Audience, CheckArgs, Format, SelectArgs};
use crate::commands::{CONTENT_ERROR, load_options};
use crate::pipeline;

/// Checks the site at `root`.
pub fn check(root: &Path, args: &CheckArgs) -> Result<ExitCode> {
    // Check covers everything that exists, drafts and internal incidents too.
    let select = SelectArgs {
        drafts: true,
        audience: Audience::Internal,
        now: args.now,
    };
    let mut options = load_options(root, &select);
    options.fail_on_overdue = args.fail_on_overdue;
    let loaded = pipeline::load(&options, &|| {})?;
    let diagnostics = &loaded.diagnostics;
    match args.format {
        Format::Human => {
            diagnostics.print_grouped(args.verbose);
            eprintln!(
                "checked {}: {}",
                crate::diagnostic::plural(loaded.files, "file"),
                diagnostics.tally()
            );
        }
        Format::Github => {
            for diagnostic in &diagnostics.0 {
                println!("{}", diagnostic.to_github());
            }
        }
        Format::Json => println!("{}", serde_json::to_string_pretty(&diagnostics.0)?),
    }
    let failed = diagnostics.errors() > 0 || (args.strict && diagnostics.warnings() > 0);
    Ok(if failed {
        ExitCode::from(CONTENT_ERROR)
    } else {
        ExitCode::SUCCESS
    })
}
