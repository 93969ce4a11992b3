//! Writes the tracker pages and the action exports into the output.

use anyhow::Result;
use minijinja::context;
use minijinja::value::Serde;

use crate::publish::exports::{self, csv, ics, json};
use crate::publish::output::Output;
use crate::render::env::PageEnv;
use crate::render::i18n::Strings;
use crate::render::tracker_view;
use crate::render::view::Views;
use crate::site::Site;
use crate::site::tracker::{self, Summary};
use crate::util::base_url::BaseUrl;
use crate::util::output_path::OutputPath;

/// Renders `actions/…` (when the theme has `actions.html`) and `actions.json`, `.csv`, `.ics`;
/// returns the tracker's summary for the other pages that show it.
pub(crate) fn render(
    site: &Site,
    env: &PageEnv<'_>,
    t: &Strings,
    base: &BaseUrl,
    output: &mut Output,
) -> Result<Summary> {
    let rows = tracker::rows(site);
    let summary = tracker::summary(&rows);
    if env.env.get_template("actions.html").is_ok() {
        let views = Views {
            site,
            root: env.root,
        };
        let all = tracker_view::views(&rows, t);
        for view in &all {
            let tracker = views.tracker(&rows, &all, view, &summary, t);
            let title = tracker.title.clone();
            let html = env.page(
                "actions.html",
                t,
                "actions",
                &title,
                &view.url,
                context! { tracker => Serde(tracker) },
            )?;
            output.insert(OutputPath::new(&format!("{}index.html", view.url))?, html);
        }
    }
    let records = exports::records(site, &rows, base);
    output.insert(
        OutputPath::new("actions.json")?,
        json::to_json(&records, site.now),
    );
    output.insert(OutputPath::new("actions.csv")?, csv::to_csv(&records));
    output.insert(
        OutputPath::new("actions.ics")?,
        ics::to_ics(&records, &site.config.title, &base.host, site.now),
    );
    Ok(summary)
}
