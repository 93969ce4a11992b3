//! Writes the tracker pages, paginated and rendered in parallel, and the action exports.

use anyhow::Result;
use minijinja::value::Serde;
use minijinja::{Value, context};
use rayon::prelude::*;

use crate::publish::exports::{self, csv, ics, json};
use crate::publish::output::Sink;
use crate::render::Files;
use crate::render::env::PageEnv;
use crate::render::i18n::Strings;
use crate::render::paginate::{ACTIONS_PER_PAGE, paginate};
use crate::render::tracker_view;
use crate::render::view::Views;
use crate::site::Site;
use crate::site::tracker::{Row, Summary};
use crate::util::base_url::BaseUrl;
use crate::util::output_path::OutputPath;

/// Renders every page of every tracker view (`actions/…`) into `sink` when the theme has
/// `actions.html`, each handed on as soon as it is made, so the pages are never all held at once.
pub(crate) fn write(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    rows: &[Row<'_>],
    summary: &Summary,
    t: &Strings,
    sink: &Sink<'_>,
) -> Result<()> {
    if env.env.get_template("actions.html").is_err() {
        return Ok(());
    }
    let tracker = tracker_view::views(rows, t);
    let actions: Vec<Value> = rows
        .par_iter()
        .map(|row| Value::from(Serde(views.tracked(row, t))))
        .collect();
    let bases: Vec<Value> = (0..tracker.views.len())
        .into_par_iter()
        .map(|v| Value::from(Serde(tracker.view(v, summary, t))))
        .collect();
    let jobs: Vec<_> = tracker
        .views
        .iter()
        .enumerate()
        .flat_map(|(v, view)| {
            paginate(&view.url, view.rows.len(), ACTIONS_PER_PAGE)
                .into_iter()
                .map(move |(range, pagination)| (v, range, pagination))
        })
        .collect();
    jobs.par_iter().try_for_each(|(v, range, pagination)| {
        let view = &tracker.views[*v];
        let listed = &view.rows[range.clone()];
        let page_rows: Vec<Value> = listed.iter().map(|&i| actions[i].clone()).collect();
        let base = bases[*v].clone();
        let title = base.get_attr("title")?.to_string();
        let html = env.page(
            "actions.html",
            t,
            "actions",
            &title,
            &pagination.url,
            context! {
                tracker => context! {
                    actions => page_rows,
                    choices => Serde(tracker.choices(listed)),
                    ..base
                },
                pagination => Serde(pagination),
            },
        )?;
        let path = OutputPath::new(&format!("{}index.html", pagination.url))?;
        sink.insert(path, html.into_bytes())
    })
}

/// `actions.json`, `.csv` and `.ics`.
pub(crate) fn exports(site: &Site, rows: &[Row<'_>], base: &BaseUrl) -> Result<Files> {
    let records = exports::records(site, rows, base);
    Ok(vec![
        (
            OutputPath::new("actions.json")?,
            json::to_compact_json(&records, site.now).into(),
        ),
        (
            OutputPath::new("actions.csv")?,
            csv::to_csv(&records).into(),
        ),
        (
            OutputPath::new("actions.ics")?,
            ics::to_ics(&records, &site.config.title, &base.host, site.now).into(),
        ),
    ])
}
