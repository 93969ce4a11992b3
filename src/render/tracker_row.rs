//! An action on the tracker as templates see it: the action with its incident, made once per action
//! and shared by every tracker page that lists it.

use serde::Serialize;

use crate::render::i18n::Strings;
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
    /// The owner's view, if the owner has one.
    pub owner_url: Option<String>,
    /// The owner as a slug, for filtering in the browser.
    pub owner_slug: Option<String>,
}

impl Views<'_> {
    /// The tracker's view of `row`.
    pub fn tracked(&self, row: &Row<'_>, t: &Strings) -> TrackedView {
        let url = format!("incidents/{}/", row.incident.slug.value);
        let mut action = self.action(row.action, row.title_html, t);
        // A link within the incident page (a footnote marker) leads there from the tracker.
        let page = format!("href=\"{}{url}#", self.root);
        action.title_html = action.title_html.replace("href=\"#", &page);
        action.notes_html = action.notes_html.map(|n| n.replace("href=\"#", &page));
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
            services: self.terms_of("services", &row.incident.services),
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
