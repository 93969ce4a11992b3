//! What each subcommand does, from parsed arguments to an exit code.

pub mod actions;
pub mod build;
pub mod check;
pub mod init;
pub mod search;
pub mod serve;
pub mod table;

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::{Audience, Cli, Command, SelectArgs};
use crate::model::incident::Visibility;
use crate::pipeline::{self, LoadOptions};
use crate::site::Site;

/// Exit code for content errors (and warnings under `--strict`).
pub const CONTENT_ERROR: u8 = 1;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Init { dir, lang } => init::init(&dir.unwrap_or(cli.root), &lang),
        Command::New { title, lang, date } => init::new(&cli.root, &title, lang.as_deref(), date),
        Command::Build(args) => build::build(&cli.root, &args),
        Command::Check(args) => check::check(&cli.root, &args),
        Command::Actions(args) => actions::actions(&cli.root, &args),
        Command::Search(args) => search::search(&cli.root, &args),
        Command::Serve(args) => serve::serve(&cli.root, &args),
    }
}

/// The load options for a site at `root`.
pub fn load_options(root: &std::path::Path, select: &SelectArgs) -> LoadOptions {
    LoadOptions {
        root: root.to_path_buf(),
        drafts: select.drafts,
        audience: match select.audience {
            Audience::Public => Visibility::Public,
            Audience::Internal => Visibility::Internal,
        },
        now: select.now,
        fail_on_overdue: false,
    }
}

/// The site at `root` for a command that only reads it (`actions`, `search`); `None` when the
/// content has errors, which are printed with how to see them again (exit [`CONTENT_ERROR`]).
pub fn load_site(root: &std::path::Path, select: &SelectArgs) -> Result<Option<Site>> {
    let loaded = pipeline::load(&load_options(root, select), &|| {})?;
    if loaded.diagnostics.errors() > 0 {
        loaded.diagnostics.print_human();
        eprintln!(
            "the content has {}; fix them first (`debrief check`)",
            crate::diagnostic::plural(loaded.diagnostics.errors(), "error")
        );
        return Ok(None);
    }
    match loaded.site {
        Some(site) => Ok(Some(site)),
        None => bail!("the site could not be loaded"),
    }
}
