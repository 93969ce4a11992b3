//! The tracker pages: the whole action list and one view per owner, status, kind and service.

use serde::Serialize;

use crate::model::action::{ActionKind, ActionStatus};
use crate::render::i18n::Strings;
use crate::render::view::{ActionView, SeverityView, TermView, Views};
use crate::site::tracker::{Filter, Row, Summary};
use crate::util::slug::slugify;

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
    /// The owner's view, if the owner has one.
    pub owner_url: Option<String>,
    /// The owner as a slug, for filtering in the browser.
    pub owner_slug: Option<String>,
}

/// One link of a facet list.
#[derive(Clone, Debug, Serialize)]
pub struct Facet {
    /// URL segment.
    pub slug: String,
    /// What is shown.
    pub name: String,
    /// The view, root-relative.
    pub url: String,
    /// Actions in that view.
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
#[derive(Clone, Debug, Serialize)]
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

/// The `tracker` a template sees.
#[derive(Clone, Debug, Serialize)]
pub struct TrackerView {
    /// The page title.
    pub title: String,
    /// This view, root-relative.
    pub url: String,
    /// The full list, root-relative.
    pub all_url: &'static str,
    /// What this view keeps, none for the full list.
    pub filter: Option<FilterView>,
    /// Figures for the whole tracker.
    pub summary: Summary,
    /// The view's actions, in tracker order.
    pub actions: Vec<TrackedView>,
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

/// One view of the tracker: its URL, its filter and how it is named.
#[derive(Clone, Debug)]
pub struct View {
    /// Root-relative URL (`actions/owners/drift/`).
    pub url: String,
    /// What it keeps.
    pub filter: Filter,
    /// How the filter is shown, none for the full list.
    pub shown: Option<FilterView>,
    /// Indices of the rows it keeps.
    pub rows: Vec<usize>,
}

/// The full list and every owner, status, kind and service view that has actions.
pub fn views(rows: &[Row<'_>], t: &Strings) -> Vec<View> {
    let mut views = vec![View {
        url: "actions/".into(),
        filter: Filter::default(),
        shown: None,
        rows: Vec::new(),
    }];
    let mut seen = std::collections::HashSet::new();
    let mut push =
        |key: &'static str, segment: &str, slug: String, name: String, filter: Filter| {
            let url = format!("actions/{segment}/{slug}/");
            if !slug.is_empty() && seen.insert(url.clone()) {
                views.push(View {
                    url,
                    filter,
                    shown: Some(FilterView { key, name, slug }),
                    rows: Vec::new(),
                });
            }
        };
    for status in ActionStatus::ALL {
        if rows.iter().any(|r| r.action.status == *status) {
            let filter = Filter {
                status: Some(*status),
                ..Filter::default()
            };
            push(
                "status",
                "status",
                status.as_str().into(),
                t.label("action_status", status.as_str()),
                filter,
            );
        }
    }
    for kind in ActionKind::ALL {
        if rows.iter().any(|r| r.action.kind == Some(*kind)) {
            let filter = Filter {
                kind: Some(*kind),
                ..Filter::default()
            };
            push(
                "kind",
                "kinds",
                kind.as_str().into(),
                t.label("action_kind", kind.as_str()),
                filter,
            );
        }
    }
    let mut owners: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.action.owner.as_deref())
        .collect();
    owners.sort_by_key(|o| slugify(o));
    for owner in owners {
        let filter = Filter {
            owner: Filter::slug(owner),
            ..Filter::default()
        };
        push("owner", "owners", slugify(owner), owner.to_string(), filter);
    }
    let mut services: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.incident.services.iter().map(String::as_str))
        .collect();
    services.sort_by_key(|s| slugify(s));
    for service in services {
        let filter = Filter {
            service: Filter::slug(service),
            ..Filter::default()
        };
        push(
            "service",
            "services",
            slugify(service),
            service.to_string(),
            filter,
        );
    }
    for view in &mut views {
        view.rows = (0..rows.len())
            .filter(|&i| view.filter.keeps(&rows[i]))
            .collect();
    }
    views
}

impl Views<'_> {
    /// The `tracker` of `view`.
    pub fn tracker(
        &self,
        rows: &[Row<'_>],
        all: &[View],
        view: &View,
        summary: &Summary,
        t: &Strings,
    ) -> TrackerView {
        let kept: Vec<&Row<'_>> = view.rows.iter().map(|&i| &rows[i]).collect();
        let facets_of = |key: &str| -> Vec<Facet> {
            all.iter()
                .filter_map(|v| {
                    v.shown
                        .as_ref()
                        .filter(|s| s.key == key)
                        .map(|shown| (v, shown))
                })
                .map(|(v, shown)| Facet {
                    slug: shown.slug.clone(),
                    name: shown.name.clone(),
                    url: v.url.clone(),
                    count: v.rows.len(),
                    current: v.url == view.url,
                })
                .collect()
        };
        // Every owner with a name that has letters or digits has a view of its own.
        let owner_url = |row: &Row<'_>| {
            row.owner_slug
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| format!("actions/owners/{s}/"))
        };
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
            actions: kept
                .iter()
                .map(|row| TrackedView {
                    action: self.action(row.action, row.title_html, t),
                    incident: IncidentLink {
                        id: row.incident.id.value.clone(),
                        title: row.incident.title.clone(),
                        url: format!("incidents/{}/", row.incident.slug.value),
                        lang: row.incident.lang.clone(),
                        severity: row
                            .incident
                            .severity
                            .as_deref()
                            .and_then(|k| self.severity(k, t)),
                    },
                    services: self.terms_of("services", &row.incident.services),
                    owner_url: owner_url(row),
                    owner_slug: row.owner_slug.clone(),
                })
                .collect(),
            facets: Facets {
                owners: facets_of("owner"),
                statuses: facets_of("status"),
                kinds: facets_of("kind"),
                services: facets_of("service"),
            },
            exports: Exports {
                json: "actions.json",
                csv: "actions.csv",
                ics: "actions.ics",
            },
        }
    }
}
