//! `debrief search`: the site's search in the terminal, for whoever lives in one during an
//! incident. It builds the index `debrief build` would publish, in memory, and ranks it with
//! [`crate::search::query`], which follows the search page's rules: the terminal and the browser
//! list the same incidents in the same order.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use console::Style;
use serde::Serialize;

use crate::cli::{ResultFormat, SearchArgs};
use crate::commands::{CONTENT_ERROR, load_site};
use crate::diagnostic::plural;
use crate::search::query::{Filters, Index, Options, Results};
use crate::search::{self, from_site};
use crate::util::base_url::BaseUrl;

/// One result as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    /// The incident's id.
    pub id: String,
    /// The incident page's URL (absolute when the site has a base URL).
    pub url: String,
    /// The incident's title.
    pub title: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
    /// Its severity, if it has one.
    pub severity: Option<String>,
    /// The services it affected.
    pub services: Vec<String>,
    /// Its score: higher is a better match.
    pub score: f64,
}

/// Searches the site at `root`.
pub fn search(root: &Path, args: &SearchArgs) -> Result<ExitCode> {
    let Some(site) = load_site(root, &args.select)? else {
        return Ok(ExitCode::from(CONTENT_ERROR));
    };
    let docs = from_site::documents(&site);
    let index = Index::open(search::build(&docs))?;
    let query = args.query.join(" ");
    // The archive's own spelling of the language, whatever case was typed.
    let lang = args.lang.as_ref().map(|typed| {
        index
            .languages()
            .iter()
            .find(|l| l.eq_ignore_ascii_case(typed))
            .unwrap_or(typed)
            .clone()
    });
    let options = Options {
        prefix: true,
        filters: Filters {
            lang: lang.iter().cloned().collect(),
            ..Filters::default()
        },
    };
    let results = index.search(&query, &options)?;
    if results.words.is_empty() {
        bail!("{query:?} has no words to search for (a word is two or more letters or digits)");
    }
    let ids: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d.url.as_str(), d.id.as_str()))
        .collect();
    let base = BaseUrl::parse(&site.config.base_url);
    let mut found = Vec::new();
    for hit in results.hits.iter().take(args.limit as usize) {
        let card = index.card(hit.doc)?;
        let facts = index.facts(hit.doc).unwrap_or_default();
        found.push(Found {
            id: ids
                .get(card.url.as_str())
                .copied()
                .unwrap_or_default()
                .to_string(),
            url: base.absolute(&card.url),
            title: card.title,
            date: facts.date,
            severity: Some(facts.severity).filter(|s| !s.is_empty()),
            services: facts.services,
            score: hit.score,
        });
    }
    match args.format {
        ResultFormat::Json => println!("{}", serde_json::to_string_pretty(&found)?),
        ResultFormat::Table if found.is_empty() => {}
        ResultFormat::Table => {
            let width = console::Term::stdout()
                .size_checked()
                .map(|(_, w)| usize::from(w));
            print!("{}", table(&found, width));
        }
    }
    if let Some(note) = note(&query, lang.as_deref(), &results, found.len()) {
        eprintln!("{note}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The table: rank, id, date, severity and title, the title cut to fit `width` when known.
pub fn table(found: &[Found], width: Option<usize>) -> String {
    let rows: Vec<(Vec<String>, Style)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let cells = vec![
                (i + 1).to_string(),
                f.id.clone(),
                f.date.clone(),
                f.severity.clone().unwrap_or_else(|| "-".into()),
                f.title.clone(),
            ];
            (cells, Style::new())
        })
        .collect();
    super::table::render(&["#", "ID", "DATE", "SEVERITY", "TITLE"], &rows, 4, width)
}

/// What to say on stderr beside the results: that nothing matched (and whether `--lang` hid
/// matches), that only some words matched, or that `--limit` cut the list.
pub fn note(query: &str, lang: Option<&str>, results: &Results, shown: usize) -> Option<String> {
    let total = results.hits.len();
    let hidden = results.unfiltered - total;
    if total == 0 {
        return Some(match lang {
            Some(lang) if hidden > 0 => format!(
                "no incident in `{lang}` matches {query:?}; {} in other languages (leave out --lang)",
                plural(hidden, "incident")
            ),
            _ => format!("no incident matches {query:?}"),
        });
    }
    let mut notes = Vec::new();
    if results.partial {
        notes.push(format!(
            "no incident matches every word of {query:?}; these match some of them"
        ));
    }
    if shown < total {
        notes.push(format!(
            "the best {shown} of {}; --limit {total} lists them all",
            plural(total, "result")
        ));
    }
    (!notes.is_empty()).then(|| notes.join("\n"))
}
