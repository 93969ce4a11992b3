//! Writes the tracker pages, paginated and rendered in parallel, and the action exports.

use std::cmp::Reverse;
use std::sync::Mutex;

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
use crate::render::shared::MacroHtml;
use crate::render::tracker_row::{Rows, Shown};
use crate::render::tracker_view;
use crate::render::view::Views;
use crate::site::Site;
use crate::site::tracker::{Row, Summary};
use crate::util::base_url::BaseUrl;
use crate::util::free::free;
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
    if !has_pages(env) {
        return Ok(());
    }
    let tracker = tracker_view::views(rows, t);
    let emit = |path, html| sink.insert(path, html);
    each_page(env, views, rows, summary, t, &tracker, &|_| true, &emit)
}

/// Whether the theme has tracker pages (`actions.html`).
pub(crate) fn has_pages(env: &PageEnv<'_>) -> bool {
    env.env.get_template("actions.html").is_ok()
}

/// Renders the tracker pages of `tracker` whose path `wanted` accepts.
pub(crate) fn pages_only(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    rows: &[Row<'_>],
    summary: &Summary,
    t: &Strings,
    tracker: &tracker_view::Tracker,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Files> {
    let files = Mutex::new(Files::new());
    let emit = |path, html| {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path, html));
        Ok(())
    };
    each_page(env, views, rows, summary, t, tracker, wanted, &emit)?;
    Ok(files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Renders the tracker pages of `tracker` whose path `wanted` accepts, handing each to `emit`.
#[allow(clippy::too_many_arguments)]
fn each_page(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    rows: &[Row<'_>],
    summary: &Summary,
    t: &Strings,
    tracker: &tracker_view::Tracker,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    emit: &(dyn Fn(OutputPath, Vec<u8>) -> Result<()> + Sync),
) -> Result<()> {
    let mut jobs: Vec<_> = tracker
        .views
        .iter()
        .enumerate()
        .flat_map(|(v, view)| {
            paginate(&view.url, view.rows.len(), ACTIONS_PER_PAGE)
                .into_iter()
                .map(move |(range, pagination)| (v, range, pagination))
        })
        .filter(|(_, _, pagination)| wanted(&format!("{}index.html", pagination.url)))
        .collect();
    // The longest pages first (the most rows, then a first page, which has the facet links): the
    // last pages to render are then short ones, not a long one that a core starts alone.
    jobs.sort_by_key(|(_, range, pagination)| Reverse((range.len(), pagination.number == 1)));
    // Only the rows and views on the pages to render are made ready for templates.
    let mut needed = vec![false; rows.len()];
    let mut shown = vec![false; tracker.views.len()];
    for (v, range, _) in &jobs {
        shown[*v] = true;
        for &i in &tracker.views[*v].rows[range.clone()] {
            needed[i] = true;
        }
    }
    let actions: Vec<Option<Value>> = rows
        .par_iter()
        .zip(&needed)
        .map(|(row, &needed)| needed.then(|| views.tracked(row, t).value()))
        .collect();
    // A row shown the same way on several pages is rendered once for all of them.
    let shown_as: Vec<Shown> = tracker
        .views
        .iter()
        .map(|view| shown_of(tracker, view))
        .collect();
    let uses = jobs.iter().flat_map(|(v, range, _)| {
        let shown = shown_as[*v];
        tracker.views[*v].rows[range.clone()]
            .iter()
            .map(move |&i| (i, shown))
    });
    let row_html = Rows::new(env, t, views.root, &actions, uses)?;
    let facets = SharedFacets::new(tracker);
    let facet = |v: usize, current: bool| facets.get(tracker, v, current);
    let facet_html = FacetHtml::new(env, tracker, &facets, views.root)?;
    let bases: Vec<Option<Value>> = (0..tracker.views.len())
        .into_par_iter()
        .map(|v| shown[v].then(|| Value::from(Serde(tracker.view_with(v, summary, t, facet)))))
        .collect();
    // A page per task: the last pages are shared out instead of left to one core.
    jobs.par_iter()
        .with_max_len(1)
        .try_for_each(|(v, range, pagination)| -> Result<()> {
            let view = &tracker.views[*v];
            let listed = &view.rows[range.clone()];
            let page_rows: Vec<Value> = listed.iter().filter_map(|&i| actions[i].clone()).collect();
            let rows = match &row_html {
                Some(html) => Some(html.page(listed, shown_as[*v])?),
                None => None,
            };
            let first = pagination.number == 1;
            let links = facet_html.as_ref().filter(|_| first);
            // The rows and the links are most of the page: its buffer starts that large.
            let capacity = PAGE_BYTES
                + rows.iter().flatten().map(html_len).sum::<usize>()
                + links.map_or(0, |l| l.bytes);
            let base = bases[*v].clone().unwrap_or_default();
            let title = base.get_attr("title")?.to_string();
            let html = env.page_sized(
                "actions.html",
                (t, "actions", &title, &pagination.url),
                context! {
                    tracker => context! {
                        actions => page_rows,
                        rows => rows,
                        choices => Serde(tracker.choices_with(listed, |v| facet(v, false))),
                        facet_html => links.map(|l| l.lists(tracker, *v)),
                        ..base
                    },
                    pagination => Serde(pagination),
                },
                capacity,
            )?;
            let path = OutputPath::new(&format!("{}index.html", pagination.url))?;
            emit(path, html)
        })?;
    // Each action's value holds every field a row read (tens of thousands at 10,000 incidents):
    // freed on every thread, as the tracker is often the last part of a build to finish.
    free(actions);
    Ok(())
}

/// Bytes of a tracker page besides its rows and facet links (the default theme's head, summary,
/// filter form and navigation), a little more rather than less.
const PAGE_BYTES: usize = 24 * 1024;

/// The length of a piece of HTML (0 for a value that is not a string).
fn html_len(html: &Value) -> usize {
    html.as_str().map_or(0, str::len)
}

/// Each view's facet for templates, made once for every page that links to it.
struct SharedFacets {
    /// By view, its facet (not current), none for the list of open actions.
    facets: Vec<Option<Value>>,
}

impl SharedFacets {
    fn new(tracker: &tracker_view::Tracker) -> SharedFacets {
        let facets = (0..tracker.views.len())
            .map(|v| tracker.facet(v, false).map(|f| Value::from(Serde(f))))
            .collect();
        SharedFacets { facets }
    }

    /// The facet of the view at `v`: the shared one, or made for the page of that view itself.
    fn get(&self, tracker: &tracker_view::Tracker, v: usize, current: bool) -> Option<Value> {
        if current {
            tracker.facet(v, true).map(|f| Value::from(Serde(f)))
        } else {
            self.facets.get(v).cloned().flatten()
        }
    }
}

/// The macro of `macros.html` that renders one link of the facet lists.
const FACET_MACRO: &str = "tracker_facet";

/// Each view's link of the facet lists as the theme's `tracker_facet` macro renders it, made once
/// as another view's link and once as the current page's own for every page that lists them.
struct FacetHtml {
    /// By view `v`: at `2 * v` its link, at `2 * v + 1` its link on its own page (undefined for
    /// the list of open actions, which has no facet).
    links: Vec<Value>,
    /// The length of every view's link (as another view's).
    bytes: usize,
}

impl FacetHtml {
    /// The links of every view of `tracker`; `None` when `macros.html` has no `tracker_facet`.
    fn new(
        env: &PageEnv<'_>,
        tracker: &tracker_view::Tracker,
        facets: &SharedFacets,
        root: &str,
    ) -> Result<Option<FacetHtml>> {
        let Some(html) = MacroHtml::new(env, FACET_MACRO, &[])? else {
            return Ok(None);
        };
        let root = Value::from(root);
        let keys = 2..2 * tracker.views.len();
        let mut links = vec![Value::UNDEFINED; 2];
        links.extend(html.page(keys, |key| {
            let facet = facets.get(tracker, key / 2, key % 2 == 1);
            vec![facet.unwrap_or_default(), root.clone()]
        })?);
        let bytes = links.iter().step_by(2).map(html_len).sum();
        Ok(Some(FacetHtml { links, bytes }))
    }

    /// The facet lists of the page of the view at `v`, each facet its link.
    fn lists(&self, tracker: &tracker_view::Tracker, v: usize) -> Value {
        let link = |u: usize| self.links.get(2 * u + usize::from(u == v)).cloned();
        Value::from(Serde(tracker.facets_with(|_| true, link)))
    }
}

/// How the rows of `view` are shown: an owner's view leaves out the owner column, and the view of
/// a closed status lists closed actions.
fn shown_of(tracker: &tracker_view::Tracker, view: &tracker_view::View) -> Shown {
    let key = view.shown.as_ref().map(|s| s.key);
    Shown {
        owner: key != Some("owner"),
        closed: key == Some("status")
            && tracker
                .closed_views
                .iter()
                .any(|&c| tracker.views[c].url == view.url),
    }
}

/// `actions.json`, `.csv` and `.ics`, each written on its own core.
pub(crate) fn exports(site: &Site, rows: &[Row<'_>], base: &BaseUrl) -> Result<Files> {
    let records = exports::records(site, rows, base);
    let (json, (csv, ics)) = rayon::join(
        || json::to_compact_json(&records, site.now),
        || {
            rayon::join(
                || csv::to_csv(&records),
                || ics::to_ics(&records, &site.config.title, &base.host, site.now),
            )
        },
    );
    Ok(vec![
        (OutputPath::new("actions.json")?, json.into()),
        (OutputPath::new("actions.csv")?, csv.into()),
        (OutputPath::new("actions.ics")?, ics.into()),
    ])
}

#[cfg(test)]
mod tests;
