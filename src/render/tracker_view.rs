//! The tracker's views: the open action items (`actions/`) and one view per owner, status, kind
//! and service. Each view lists its open actions; the views of a closed status (done, won't fix)
//! list theirs, so every action is shown in full once among the closed ones, not once per view.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::action::{ActionKind, ActionStatus};
use crate::render::i18n::Strings;
use crate::site::tracker::{Row, Summary};
use crate::util::slug::slugify;

/// One link of a facet list.
#[derive(Clone, Debug, Serialize)]
pub struct Facet {
    /// URL segment.
    pub slug: String,
    /// What is shown.
    pub name: String,
    /// The view, root-relative.
    pub url: String,
    /// Actions that view lists.
    pub count: usize,
    /// Whether this page is that view.
    pub current: bool,
}

/// The filter a view shows.
#[derive(Clone, Debug, Serialize)]
pub struct FilterView {
    /// `owner`, `status`, `kind` or `service`.
    pub key: &'static str,
    /// The value as shown.
    pub name: String,
    /// The value as a URL segment.
    pub slug: String,
}

/// The facet lists.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets {
    /// One view per owner.
    pub owners: Vec<Facet>,
    /// One view per status.
    pub statuses: Vec<Facet>,
    /// One view per kind.
    pub kinds: Vec<Facet>,
    /// One view per service.
    pub services: Vec<Facet>,
}

/// The `tracker` a template sees, without what differs from page to page.
#[derive(Clone, Debug, Serialize)]
pub struct TrackerView {
    /// The page title.
    pub title: String,
    /// This view, root-relative.
    pub url: String,
    /// The list of open actions, root-relative.
    pub all_url: &'static str,
    /// What this view keeps, none for the list of open actions.
    pub filter: Option<FilterView>,
    /// Figures for the whole tracker.
    pub summary: Summary,
    /// Actions this view lists, on all its pages.
    pub listed: usize,
    /// Closed actions of this view that it does not list: they are in `closed_views`.
    pub closed: usize,
    /// The views of the closed statuses.
    pub closed_views: Vec<Facet>,
    /// Links to every view.
    pub facets: Facets,
    /// Where the exports are.
    pub exports: Exports,
}

/// Where the exports are.
#[derive(Clone, Debug, Serialize)]
pub struct Exports {
    /// `actions.json`.
    pub json: &'static str,
    /// `actions.csv`.
    pub csv: &'static str,
    /// `actions.ics`.
    pub ics: &'static str,
}

/// One view of the tracker: its URL, how it is named and what it lists.
#[derive(Clone, Debug)]
pub struct View {
    /// Root-relative URL (`actions/owners/drift/`).
    pub url: String,
    /// How the filter is shown, none for the list of open actions.
    pub shown: Option<FilterView>,
    /// Indices of the rows it lists, in tracker order.
    pub rows: Vec<usize>,
    /// Closed rows its filter keeps that it does not list.
    pub closed: usize,
}

/// Every view, and for each row the views whose filter keeps it.
#[derive(Clone, Debug)]
pub struct Tracker {
    /// The list of open actions first, then one view per status, kind, owner and service.
    pub views: Vec<View>,
    /// Per row, the indices of the views (besides the first) whose filter keeps it.
    pub matches: Vec<Vec<usize>>,
    /// The facets of the closed statuses' views, which every other view links to.
    pub closed_views: Vec<Facet>,
}

/// The list of open actions and every status, kind, owner and service view that has actions,
/// with the rows of each, found in one pass over the rows.
pub fn views(rows: &[Row<'_>], t: &Strings) -> Tracker {
    let mut views = vec![View {
        url: "actions/".into(),
        shown: None,
        rows: Vec::new(),
        closed: 0,
    }];
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut push = |key: &'static str, segment: &str, slug: String, name: String| {
        let url = view_url(segment, &slug);
        if !slug.is_empty() && !index.contains_key(&url) {
            index.insert(url.clone(), views.len());
            views.push(View {
                url,
                shown: Some(FilterView { key, name, slug }),
                rows: Vec::new(),
                closed: 0,
            });
        }
    };
    for status in ActionStatus::ALL {
        if rows.iter().any(|r| r.action.status == *status) {
            let name = t.label("action_status", status.as_str());
            push("status", "status", status.as_str().into(), name);
        }
    }
    for kind in ActionKind::ALL {
        if rows.iter().any(|r| r.action.kind == Some(*kind)) {
            let name = t.label("action_kind", kind.as_str());
            push("kind", "kinds", kind.as_str().into(), name);
        }
    }
    let mut owners: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.action.owner.as_deref())
        .collect();
    owners.sort_by_cached_key(|o| slugify(o));
    for owner in owners {
        push("owner", "owners", slugify(owner), owner.to_string());
    }
    let mut services: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.incident.services.iter().map(String::as_str))
        .collect();
    services.sort_by_cached_key(|s| slugify(s));
    for service in services {
        push("service", "services", slugify(service), service.to_string());
    }
    let mut matches = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let status = row.action.status;
        let mut keys = vec![view_url("status", status.as_str())];
        keys.extend(row.action.kind.map(|k| view_url("kinds", k.as_str())));
        keys.extend(row.owner_slug.as_deref().map(|s| view_url("owners", s)));
        keys.extend(row.service_slugs.iter().map(|s| view_url("services", s)));
        let mut matched: Vec<usize> = Vec::new();
        for key in keys {
            if let Some(&v) = index.get(&key)
                && !matched.contains(&v)
            {
                matched.push(v);
            }
        }
        // An action of unknown status is not closed: it stays in view beside the open ones.
        let open = status.is_open() || status == ActionStatus::Unknown;
        let all = &mut views[0];
        if open {
            all.rows.push(i);
        } else {
            all.closed += 1;
        }
        for &v in &matched {
            let view = &mut views[v];
            let is_status = view.shown.as_ref().is_some_and(|s| s.key == "status");
            if open || is_status {
                view.rows.push(i);
            } else {
                view.closed += 1;
            }
        }
        matches.push(matched);
    }
    let mut tracker = Tracker {
        views,
        matches,
        closed_views: Vec::new(),
    };
    tracker.closed_views = tracker
        .facets(None, |_| true)
        .statuses
        .into_iter()
        .filter(|f| {
            ActionStatus::ALL
                .iter()
                .any(|s| !s.is_open() && *s != ActionStatus::Unknown && s.as_str() == f.slug)
        })
        .collect();
    tracker
}

/// `actions/<segment>/<slug>/`.
fn view_url(segment: &str, slug: &str) -> String {
    format!("actions/{segment}/{slug}/")
}

impl Tracker {
    /// The facet lists, `current` marking the view at `current` (none for no view).
    pub fn facets(&self, current: Option<usize>, keep: impl Fn(usize) -> bool) -> Facets {
        let of = |key: &str| -> Vec<Facet> {
            self.views
                .iter()
                .enumerate()
                .filter(|&(v, _)| keep(v))
                .filter_map(|(v, view)| {
                    let shown = view.shown.as_ref().filter(|s| s.key == key)?;
                    Some(Facet {
                        slug: shown.slug.clone(),
                        name: shown.name.clone(),
                        url: view.url.clone(),
                        count: view.rows.len(),
                        current: current == Some(v),
                    })
                })
                .collect()
        };
        Facets {
            owners: of("owner"),
            statuses: of("status"),
            kinds: of("kind"),
            services: of("service"),
        }
    }

    /// The `tracker` of the view at `v`, without its rows.
    pub fn view(&self, v: usize, summary: &Summary, t: &Strings) -> TrackerView {
        let view = &self.views[v];
        let title = match &view.shown {
            Some(shown) => format!("{} · {}", shown.name, t.flat("nav_actions")),
            None => t.flat("nav_actions"),
        };
        TrackerView {
            title,
            url: view.url.clone(),
            all_url: "actions/",
            filter: view.shown.clone(),
            summary: summary.clone(),
            listed: view.rows.len(),
            closed: view.closed,
            closed_views: self.closed_views.clone(),
            facets: self.facets(Some(v), |_| true),
            exports: Exports {
                json: "actions.json",
                csv: "actions.csv",
                ics: "actions.ics",
            },
        }
    }

    /// The choices of the filter form on a page showing `rows`: the views that keep at least one
    /// of them.
    pub fn choices(&self, rows: &[usize]) -> Facets {
        let mut seen = vec![false; self.views.len()];
        for &row in rows {
            for &v in &self.matches[row] {
                seen[v] = true;
            }
        }
        self.facets(None, |v| seen[v])
    }
}
