//! The action list for other tools: JSON for scripts, CSV for spreadsheets, iCalendar for calendars.
//!
//! All three are made from the same [`Record`]s, so they always agree.

pub mod csv;
pub mod ics;
pub mod json;

use serde::Serialize;

use crate::action::ActionStatus;
use crate::base_url::BaseUrl;
use crate::markdown;
use crate::site::Site;
use crate::tracker::Row;

/// The incident an action belongs to.
#[derive(Clone, Debug, Serialize)]
pub struct IncidentRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its slug.
    pub slug: String,
    /// The absolute URL of its page.
    pub url: String,
}

/// One action as exported: absent values are `null`, never omitted.
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    pub id: String,
    pub title: String,
    pub status: ActionStatus,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub priority: Option<&'static str>,
    pub kind: Option<&'static str>,
    pub ticket: Option<String>,
    pub ticket_url: Option<String>,
    pub completed: Option<String>,
    pub overdue: bool,
    pub days_overdue: Option<i32>,
    pub incident: IncidentRef,
}

/// The exported form of `rows`.
pub fn records(site: &Site, rows: &[Row<'_>], base: &BaseUrl) -> Vec<Record> {
    let ticket_url = site.config.actions.ticket_url.as_deref();
    rows.iter()
        .map(|row| {
            let action = row.action;
            let incident = row.incident;
            let ticket = action
                .ticket
                .as_deref()
                .map(|t| crate::view::ticket(t, ticket_url));
            Record {
                id: action.id.clone(),
                title: markdown::plain_text(&action.title).trim().to_string(),
                status: action.status,
                owner: action.owner.clone(),
                due: action.due.map(|d| d.to_string()),
                priority: action.priority.map(|p| p.as_str()),
                kind: action.kind.map(|k| k.as_str()),
                ticket: action.ticket.clone(),
                ticket_url: ticket.and_then(|t| t.url),
                completed: action.completed.map(|d| d.to_string()),
                overdue: row.overdue(),
                days_overdue: row.days_overdue,
                incident: IncidentRef {
                    id: incident.id.value.clone(),
                    title: incident.title.clone(),
                    slug: incident.slug.value.clone(),
                    url: base.absolute(&format!("incidents/{}/", incident.slug.value)),
                },
            }
        })
        .collect()
}
