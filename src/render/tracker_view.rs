//! The tracker's views: the open action items (`actions/`) and one view per owner, status, kind
//! and service. Each view lists its open actions; the views of a closed status (done, won't fix)
//! list theirs, so every action is shown in full once among the closed ones, not once per view.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::action::{ActionKind, ActionStatus};
use crate::render::i18n::Strings;
use crate::site::tracker::{Row, Summary};

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

/// The facet lists, each facet a [`Facet`] or what stands for one (`F`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets<F = Facet> {
    /// One view per owner.
    pub owners: Vec<F>,
    /// One view per status.
    pub statuses: Vec<F>,
    /// One view per kind.
    pub kinds: Vec<F>,
    /// One view per service.
    pub services: Vec<F>,
}

/// The `tracker` a template sees, without what differs from page to page; each facet a [`Facet`]
/// or what stands for one (`F`).
#[derive(Clone, Debug, Serialize)]
pub struct TrackerView<F = Facet> {
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
    pub closed_views: Vec<F>,
    /// Links to every view.
    pub facets: Facets<F>,
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
    /// The closed statuses' views (by index in `views`), which every other view links to.
    pub closed_views: Vec<usize>,
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
    // Per group, each view's index by its slug.
    let mut index: [HashMap<String, usize>; 4] = Default::default();
    let mut push = |group: usize, slug: &str, name: String| {
        let (key, segment) = GROUPS[group];
        if !slug.is_empty() && !index[group].contains_key(slug) {
            index[group].insert(slug.to_string(), views.len());
            views.push(View {
                url: view_url(segment, slug),
                shown: Some(FilterView {
                    key,
                    name,
                    slug: slug.to_string(),
                }),
                rows: Vec::new(),
                closed: 0,
            });
        }
    };
    for status in ActionStatus::ALL {
        if rows.iter().any(|r| r.action.status == *status) {
            let name = t.label("action_status", status.as_str());
            push(STATUS, status.as_str(), name);
        }
    }
    for kind in ActionKind::ALL {
        if rows.iter().any(|r| r.action.kind == Some(*kind)) {
            let name = t.label("action_kind", kind.as_str());
            push(KIND, kind.as_str(), name);
        }
    }
    // Owners and services by slug, each slug named as where it is first met (the sorts are
    // stable), every other mention of it left out before its view is looked for.
    let mut owners: Vec<(&str, &str)> = rows
        .iter()
        .filter_map(|r| Some((r.owner_slug.as_deref()?, r.action.owner.as_deref()?)))
        .collect();
    owners.sort_by(|a, b| a.0.cmp(b.0));
    owners.dedup_by(|a, b| a.0 == b.0);
    for (slug, owner) in owners {
        push(OWNER, slug, owner.to_string());
    }
    let mut services: Vec<(&str, &str)> = rows
        .iter()
        .flat_map(|r| {
            r.service_slugs
                .iter()
                .map(String::as_str)
                .zip(r.incident.services.iter().map(String::as_str))
        })
        .collect();
    services.sort_by(|a, b| a.0.cmp(b.0));
    services.dedup_by(|a, b| a.0 == b.0);
    for (slug, service) in services {
        push(SERVICE, slug, service.to_string());
    }
    let mut matches = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let status = row.action.status;
        let mut matched: Vec<usize> = Vec::new();
        let mut keep = |group: usize, slug: &str| {
            if let Some(&v) = index[group].get(slug)
                && !matched.contains(&v)
            {
                matched.push(v);
            }
        };
        keep(STATUS, status.as_str());
        if let Some(kind) = row.action.kind {
            keep(KIND, kind.as_str());
        }
        if let Some(owner) = &row.owner_slug {
            keep(OWNER, owner);
        }
        for service in &row.service_slugs {
            keep(SERVICE, service);
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
        .facets_with(|_| true, Some)
        .statuses
        .into_iter()
        .filter(|&v| {
            let slug = tracker.views[v].shown.as_ref().map(|s| s.slug.as_str());
            ActionStatus::ALL
                .iter()
                .any(|s| !s.is_open() && *s != ActionStatus::Unknown && Some(s.as_str()) == slug)
        })
        .collect();
    tracker
}

/// The groups of views, as (filter key, URL segment), by [`STATUS`], [`KIND`], [`OWNER`] and
/// [`SERVICE`].
const GROUPS: [(&str, &str); 4] = [
    ("status", "status"),
    ("kind", "kinds"),
    ("owner", "owners"),
    ("service", "services"),
];
const STATUS: usize = 0;
const KIND: usize = 1;
const OWNER: usize = 2;
const SERVICE: usize = 3;

/// `actions/<segment>/<slug>/`.
fn view_url(segment: &str, slug: &str) -> String {
    ["actions/", segment, "/", slug, "/"].concat()
}

impl Tracker {
    /// The facet of the view at `v`, none for the list of open actions.
    pub fn facet(&self, v: usize, current: bool) -> Option<Facet> {
        let view = &self.views[v];
        let shown = view.shown.as_ref()?;
        Some(Facet {
            slug: shown.slug.clone(),
            name: shown.name.clone(),
            url: view.url.clone(),
            count: view.rows.len(),
            current,
        })
    }

    /// The facet lists of the views `keep` accepts, each facet `make` of its view's index.
    pub fn facets_with<F>(
        &self,
        keep: impl Fn(usize) -> bool,
        make: impl Fn(usize) -> Option<F>,
    ) -> Facets<F> {
        let of = |key: &str| -> Vec<F> {
            self.views
                .iter()
                .enumerate()
                .filter(|&(v, view)| keep(v) && view.shown.as_ref().is_some_and(|s| s.key == key))
                .filter_map(|(v, _)| make(v))
                .collect()
        };
        Facets {
            owners: of("owner"),
            statuses: of("status"),
            kinds: of("kind"),
            services: of("service"),
        }
    }

    /// The facet lists, `current` marking the view at `current` (none for no view).
    pub fn facets(&self, current: Option<usize>, keep: impl Fn(usize) -> bool) -> Facets {
        self.facets_with(keep, |v| self.facet(v, current == Some(v)))
    }

    /// The `tracker` of the view at `v`, without its rows.
    pub fn view(&self, v: usize, summary: &Summary, t: &Strings) -> TrackerView {
        self.view_with(v, summary, t, |u, current| self.facet(u, current))
    }

    /// The `tracker` of the view at `v`, without its rows, each facet `make` of its view's index
    /// and whether it is the view at `v`.
    pub fn view_with<F>(
        &self,
        v: usize,
        summary: &Summary,
        t: &Strings,
        make: impl Fn(usize, bool) -> Option<F>,
    ) -> TrackerView<F> {
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
            closed_views: self
                .closed_views
                .iter()
                .filter_map(|&c| make(c, false))
                .collect(),
            facets: self.facets_with(|_| true, |u| make(u, u == v)),
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
        self.choices_with(rows, |v| self.facet(v, false))
    }

    /// [`Tracker::choices`], each facet `make` of its view's index.
    pub fn choices_with<F>(&self, rows: &[usize], make: impl Fn(usize) -> Option<F>) -> Facets<F> {
        let mut seen = vec![false; self.views.len()];
        for &row in rows {
            for &v in &self.matches[row] {
                seen[v] = true;
            }
        }
        self.facets_with(|v| seen[v], make)
    }
}

#[cfg(test)]
mod tests;
