//! An action on the tracker as templates see it: the action with its incident, made once per action
//! and shared by every tracker page that lists it; and its row as the theme's `tracker_row` macro
//! renders it, made once per way it is shown and kept only until the last page that lists it.

use anyhow::Result;
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::render::env::PageEnv;
use crate::render::i18n::Strings;
use crate::render::lazy_map::{LazyMap, lazy_fields};
use crate::render::shared::MacroHtml;
use crate::render::view::{ActionView, SeverityView, TermView, Views};
use crate::site::tracker::Row;

/// The incident of a tracked action.
#[derive(Clone, Debug, Serialize)]
pub struct IncidentLink {
    /// The incident's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its page, root-relative.
    pub url: String,
    /// Its language.
    pub lang: String,
    /// Its severity, if any.
    pub severity: Option<SeverityView>,
}

/// An action on the tracker.
#[derive(Clone, Debug, Serialize)]
pub struct TrackedView {
    #[serde(flatten)]
    pub action: ActionView,
    /// The incident it belongs to.
    pub incident: IncidentLink,
    /// The incident's services.
    pub services: Vec<TermView>,
    /// The slugs of `services`, separated by spaces (for filtering in the browser).
    pub service_slugs: String,
    /// The owner's view, if the owner has one.
    pub owner_url: Option<String>,
    /// The owner as a slug, for filtering in the browser.
    pub owner_slug: Option<String>,
}

impl Views<'_> {
    /// The tracker's view of `row`.
    pub fn tracked(&self, row: &Row<'_>, t: &Strings) -> TrackedView {
        let url = row.incident.page_path();
        let mut action = self.action(row.action, row.title_html, t);
        // A link within the incident page (a footnote marker) leads there from the tracker.
        let page = || format!("href=\"{}{url}#", self.root);
        action.title_html = to_page(action.title_html, page);
        action.notes_html = action.notes_html.map(|n| to_page(n, page));
        let services = self.terms_of("services", &row.incident.services);
        let service_slugs = services
            .iter()
            .map(|s| s.slug.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        TrackedView {
            action,
            incident: IncidentLink {
                id: row.incident.id.value.clone(),
                title: row.incident.title.clone(),
                url,
                lang: row.incident.lang.clone(),
                severity: row
                    .incident
                    .severity
                    .as_deref()
                    .and_then(|k| self.severity(k, t)),
            },
            services,
            service_slugs,
            // Every owner with a name that has letters or digits has a view of its own.
            owner_url: row
                .owner_slug
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| format!("actions/owners/{s}/")),
            owner_slug: row.owner_slug.clone(),
        }
    }
}

lazy_fields! { TrackedView, v;
    0 "completed" => Value::from(Serde(&v.action.completed)),
    1 "days_overdue" => Value::from(Serde(&v.action.days_overdue)),
    2 "days_overdue_text" => Value::from(Serde(&v.action.days_overdue_text)),
    3 "due" => Value::from(Serde(&v.action.due)),
    4 "id" => Value::from(v.action.id.as_str()),
    5 "incident" => LazyMap::value(v.incident.clone()),
    6 "kind" => Value::from(Serde(&v.action.kind)),
    7 "kind_label" => Value::from(Serde(&v.action.kind_label)),
    8 "notes_html" => Value::from(Serde(&v.action.notes_html)),
    9 "overdue" => Value::from(v.action.overdue),
    10 "owner" => Value::from(Serde(&v.action.owner)),
    11 "owner_slug" => Value::from(Serde(&v.owner_slug)),
    12 "owner_url" => Value::from(Serde(&v.owner_url)),
    13 "priority" => Value::from(Serde(&v.action.priority)),
    14 "priority_label" => Value::from(Serde(&v.action.priority_label)),
    15 "service_slugs" => Value::from(v.service_slugs.as_str()),
    16 "services" => Value::from(Serde(&v.services)),
    17 "status" => Value::from(v.action.status),
    18 "status_label" => Value::from(v.action.status_label.as_str()),
    19 "ticket" => Value::from(Serde(&v.action.ticket)),
    20 "title_html" => Value::from(v.action.title_html.as_str()),
}

// The incident of a tracked action, in the order of its fields.
lazy_fields! { IncidentLink, i;
    0 "id" => Value::from(i.id.as_str()),
    1 "title" => Value::from(i.title.as_str()),
    2 "url" => Value::from(i.url.as_str()),
    3 "lang" => Value::from(i.lang.as_str()),
    4 "severity" => Value::from(Serde(&i.severity)),
}

impl TrackedView {
    /// The action as templates see it: the map serde makes of it, each value made on first use
    /// (a row's macro reads a few of them, once per way the row is shown).
    pub fn value(self) -> Value {
        LazyMap::value(self)
    }
}

/// `html` with each link within its page (`href="#…`) made a link into the page `page` makes
/// (made only for HTML that has such a link).
fn to_page(html: String, page: impl FnOnce() -> String) -> String {
    if html.contains("href=\"#") {
        html.replace("href=\"#", &page())
    } else {
        html
    }
}

/// How a row is shown: whether with its owner column and whether as a closed action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The owner column is there (every view but an owner's).
    pub owner: bool,
    /// The row is on a list of closed actions.
    pub closed: bool,
}

impl Shown {
    /// The four ways, numbered by [`Shown::index`].
    pub const COUNT: usize = 4;

    /// This way's number, below [`Shown::COUNT`].
    pub fn index(self) -> usize {
        usize::from(self.owner) | usize::from(self.closed) << 1
    }
}

/// The macro of `macros.html` that renders one tracker row.
const MACRO: &str = "tracker_row";

/// Renders tracker rows with the theme's `tracker_row` macro, each once per way it is shown
/// however many pages list it (see [`MacroHtml`]).
pub(crate) struct Rows<'a> {
    html: MacroHtml<'a>,
    strings: Value,
    root: Value,
    lang: Value,
    actions: &'a [Option<Value>],
}

impl<'a> Rows<'a> {
    /// The renderer of `actions` (by row) for pages that will ask for each `(row, way)` of `uses`
    /// once per listing; `None` when `macros.html` has no `tracker_row` (the page template then
    /// renders its rows itself).
    pub(crate) fn new(
        env: &'a PageEnv<'_>,
        t: &Strings,
        root: &str,
        actions: &'a [Option<Value>],
        uses: impl Iterator<Item = (usize, Shown)>,
    ) -> Result<Option<Rows<'a>>> {
        let mut count = vec![0u32; actions.len() * Shown::COUNT];
        for (row, shown) in uses {
            count[row * Shown::COUNT + shown.index()] += 1;
        }
        let Some(html) = MacroHtml::new(env, MACRO, &count)? else {
            return Ok(None);
        };
        Ok(Some(Rows {
            html,
            strings: t.value(),
            root: Value::from(root),
            lang: Value::from(t.lang.as_str()),
            actions,
        }))
    }

    /// The HTML of each of `rows`, shown as `shown`, for one page.
    pub(crate) fn page(&self, rows: &[usize], shown: Shown) -> Result<Vec<Value>> {
        let keys = rows.iter().map(|&row| row * Shown::COUNT + shown.index());
        self.html.page(keys, |key| {
            vec![
                self.actions[key / Shown::COUNT].clone().unwrap_or_default(),
                self.strings.clone(),
                self.root.clone(),
                self.lang.clone(),
                Value::from(shown.owner),
                Value::from(shown.closed),
            ]
        })
    }
}

#[cfg(test)]
mod tests;
