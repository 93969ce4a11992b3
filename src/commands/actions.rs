//! `debrief actions`: the action list in the terminal (a table sized to it), or as CSV or JSON.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use console::Style;

use crate::cli::{ActionsArgs, ListFormat};
use crate::commands::{CONTENT_ERROR, load_site};
use crate::publish::exports::{self, Record};
use crate::site::tracker::{self, Filter};

/// Lists the actions of the site at `root`.
pub fn actions(root: &Path, args: &ActionsArgs) -> Result<ExitCode> {
    let Some(site) = load_site(root, &args.select)? else {
        return Ok(ExitCode::from(CONTENT_ERROR));
    };
    for (flag, value) in [("--owner", &args.owner), ("--service", &args.service)] {
        if let Some(value) = value
            && Filter::slug(value).is_none()
        {
            bail!("{flag} {value:?} has no letters or digits to match");
        }
    }
    let filter = Filter {
        status: args.status,
        owner: args.owner.as_deref().and_then(Filter::slug),
        service: args.service.as_deref().and_then(Filter::slug),
        kind: None,
        overdue: args.overdue,
    };
    let rows: Vec<_> = tracker::rows(&site)
        .into_iter()
        .filter(|r| filter.keeps(r))
        .collect();
    let records = exports::records(
        &site,
        &rows,
        &crate::util::base_url::BaseUrl::parse(&site.config.base_url),
    );
    match args.format {
        ListFormat::Json => print!("{}", exports::json::to_json(&records, site.now)),
        ListFormat::Csv => print!("{}", exports::csv::to_csv(&records)),
        ListFormat::Table => {
            let width = console::Term::stdout()
                .size_checked()
                .map(|(_, w)| usize::from(w));
            print!("{}", table(&records, width));
        }
    }
    let overdue = records.iter().any(|r| r.overdue);
    Ok(if args.fail_on_overdue && overdue {
        ExitCode::from(CONTENT_ERROR)
    } else {
        ExitCode::SUCCESS
    })
}

/// The table: overdue first (as the tracker orders them), the title cut to fit `width` when known.
pub fn table(records: &[Record], width: Option<usize>) -> String {
    if records.is_empty() {
        return "no action items\n".to_string();
    }
    let headers = ["ID", "STATUS", "DUE", "OWNER", "TITLE", "INCIDENT"];
    let rows: Vec<(Vec<String>, Style)> = records
        .iter()
        .map(|r| {
            let due = match (&r.due, r.days_overdue) {
                (Some(due), Some(days)) => format!("{due} (+{days}d)"),
                (Some(due), None) => due.clone(),
                (None, _) => "-".into(),
            };
            let style = if r.overdue {
                Style::new().red().bold()
            } else if !r.status.is_open() {
                Style::new().dim()
            } else {
                Style::new()
            };
            let cells = vec![
                r.id.clone(),
                r.status.as_str().to_string(),
                due,
                r.owner.clone().unwrap_or_else(|| "-".into()),
                r.title.clone(),
                r.incident.id.clone(),
            ];
            (cells, style)
        })
        .collect();
    super::table::render(&headers, &rows, 4, width)
}
