//! `debrief actions`: the action list in the terminal (a table sized to it), or as CSV or JSON.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use console::{Style, measure_text_width, pad_str, truncate_str};

use crate::cli::{ActionsArgs, ListFormat};
use crate::commands::{CONTENT_ERROR, load_options};
use crate::pipeline;
use crate::publish::exports::{self, Record};
use crate::site::tracker::{self, Filter};

/// Lists the actions of the site at `root`.
pub fn actions(root: &Path, args: &ActionsArgs) -> Result<ExitCode> {
    let loaded = pipeline::load(&load_options(root, &args.select), &|| {})?;
    if loaded.diagnostics.errors() > 0 {
        loaded.diagnostics.print_human();
        eprintln!(
            "the content has {}; fix them first (`debrief check`)",
            crate::diagnostic::plural(loaded.diagnostics.errors(), "error")
        );
        return Ok(ExitCode::from(CONTENT_ERROR));
    }
    let Some(site) = loaded.site else {
        bail!("the site could not be loaded")
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
    let cells: Vec<[String; 6]> = records
        .iter()
        .map(|r| {
            let due = match (&r.due, r.days_overdue) {
                (Some(due), Some(days)) => format!("{due} (+{days}d)"),
                (Some(due), None) => due.clone(),
                (None, _) => "-".into(),
            };
            [
                r.id.clone(),
                r.status.as_str().to_string(),
                due,
                r.owner.clone().unwrap_or_else(|| "-".into()),
                r.title.clone(),
                r.incident.id.clone(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(measure_text_width(cell));
        }
    }
    if let Some(total) = width {
        let others: usize = widths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 4)
            .map(|(_, w)| w + 2)
            .sum();
        widths[4] = widths[4].min(total.saturating_sub(others).max(12));
    }
    let bold = Style::new().bold();
    let red = Style::new().red().bold();
    let dim = Style::new().dim();
    let mut out = String::new();
    let line = |cells: &[String], style: &Style, out: &mut String| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| {
                pad_str(
                    &truncate_str(cell, *w, "…"),
                    *w,
                    console::Alignment::Left,
                    None,
                )
                .into_owned()
            })
            .collect();
        out.push_str(&style.apply_to(parts.join("  ").trim_end()).to_string());
        out.push('\n');
    };
    line(&headers.map(str::to_string), &bold, &mut out);
    for (record, row) in records.iter().zip(&cells) {
        let style = if record.overdue {
            &red
        } else if !record.status.is_open() {
            &dim
        } else {
            &Style::new()
        };
        line(row, style, &mut out);
    }
    out
}
