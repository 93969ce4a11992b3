//! `debrief check`: validate content and report every problem, writing nothing.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{CheckArgs, Format};
use crate::commands::{CONTENT_ERROR, load_options, print_human};
use crate::pipeline;

/// Checks the site at `root`.
pub fn check(root: &Path, args: &CheckArgs) -> Result<ExitCode> {
    let mut options = load_options(root, &args.select, None);
    // Check covers everything that exists, whatever the audience of a build would be.
    options.drafts = true;
    options.fail_on_overdue = args.fail_on_overdue;
    options.audience = crate::incident::Visibility::Internal;
    let loaded = pipeline::load(&options, &|| {});
    let diagnostics = &loaded.diagnostics;
    match args.format {
        Format::Human => {
            print_human(diagnostics);
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
