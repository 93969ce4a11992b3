//! The command line: subcommands and their options (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

/// debrief — a static site generator for incident post-mortems.
///
/// Turns a folder of markdown post-mortems into a static, searchable incident archive with
/// action-item tracking.
#[derive(Debug, Parser)]
#[command(name = "debrief", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The site's folder (where debrief.toml is).
    #[arg(
        short = 'C',
        long,
        global = true,
        value_name = "DIR",
        default_value = "."
    )]
    pub root: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site: debrief.toml, content/ with one example, .gitignore.
    Init {
        /// Where to create it (default: the current folder).
        dir: Option<PathBuf>,
        /// The site's default language.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Create a new post-mortem from the template and print its path.
    New {
        /// The incident's title.
        title: String,
        /// Its language (default: the site's).
        #[arg(long)]
        lang: Option<String>,
        /// The day it happened, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
    },
    /// Build the site into the output folder, atomically.
    Build(BuildArgs),
    /// Validate the content without writing anything.
    Check(CheckArgs),
    /// List action items in the terminal, or as CSV or JSON for scripts.
    Actions(ActionsArgs),
    /// Search the post-mortems from the terminal, ranked as the site's search page ranks them.
    Search(SearchArgs),
    /// Build into memory, serve on localhost, and rebuild and reload what each save changes.
    Serve(ServeArgs),
}

/// `debrief serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The port to listen on (0: any free port).
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// The date overdue is measured against (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub now: Option<Date>,
}

/// Which incidents a build or check covers.
#[derive(Debug, Clone, clap::Args)]
pub struct SelectArgs {
    /// Include drafts and posts under review.
    #[arg(long)]
    pub drafts: bool,
    /// Who the site is for: `internal` also builds internal incidents.
    #[arg(long, value_enum, default_value_t = Audience::Public)]
    pub audience: Audience,
    /// The date overdue is measured against (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub now: Option<Date>,
}

/// `debrief build`.
#[derive(Debug, Clone, clap::Args)]
pub struct BuildArgs {
    /// The output folder, relative to the site.
    #[arg(short, long, default_value = "public")]
    pub output: PathBuf,
    /// The public URL the site is served from (overrides `base_url`).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// What to build.
    #[command(flatten)]
    pub select: SelectArgs,
}

/// `debrief check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// Report overdue action items as errors (exit 1 when there are any).
    #[arg(long)]
    pub fail_on_overdue: bool,
    /// Show every place of a repeated problem, not only the first few of each kind.
    #[arg(long, short)]
    pub verbose: bool,
    /// The date overdue is measured against (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub now: Option<Date>,
}

/// `debrief actions`.
#[derive(Debug, Clone, clap::Args)]
pub struct ActionsArgs {
    /// Only actions with this status.
    #[arg(long, value_parser = parse_status)]
    pub status: Option<crate::model::action::ActionStatus>,
    /// Only actions owned by this owner.
    #[arg(long)]
    pub owner: Option<String>,
    /// Only actions of incidents that affected this service.
    #[arg(long)]
    pub service: Option<String>,
    /// Only overdue actions.
    #[arg(long)]
    pub overdue: bool,
    /// How to print them.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Exit 1 when any listed action is overdue.
    #[arg(long)]
    pub fail_on_overdue: bool,
    /// Which incidents to list.
    #[command(flatten)]
    pub select: SelectArgs,
}

/// `debrief search`.
#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// What to look for: words in any inflection, ticket keys, incident ids; every word must match.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Only incidents in this language (their `lang`: `nb`, `en`, …).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// How to print the results.
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
    /// Show at most this many results, best first.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// Which incidents to search.
    #[command(flatten)]
    pub select: SelectArgs,
}

/// `search --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    /// A table sized to the terminal: rank, id, date, severity, title.
    Table,
    /// A JSON list of `{id, url, title, date, severity, services, score}`.
    Json,
}

/// `actions --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table sized to the terminal (coloured on a terminal).
    Table,
    /// RFC 4180 CSV, as `actions.csv`.
    Csv,
    /// JSON, as `actions.json`.
    Json,
}

fn parse_status(text: &str) -> Result<crate::model::action::ActionStatus, String> {
    crate::model::action::ActionStatus::parse(text).ok_or_else(|| {
        format!(
            "expected one of {}",
            crate::model::action::ActionStatus::expected()
        )
    })
}

/// `--audience`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Audience {
    /// Public incidents only.
    Public,
    /// Public and internal incidents.
    Internal,
}

/// `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style text with the source line and a caret.
    Human,
    /// GitHub Actions annotations.
    Github,
    /// A JSON list.
    Json,
}

fn parse_date(text: &str) -> Result<Date, String> {
    crate::util::time::parse_date(text)
}
