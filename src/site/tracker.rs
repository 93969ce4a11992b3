//! The action tracker: every action of the build as one list, with its overdue state, its order
//! (open first, most overdue first), filters and summary figures. Pages, exports and
//! `debrief actions` all read this one list.

use std::cmp::{Ordering, Reverse};

use jiff::civil::Date;
use serde::Serialize;

use crate::model::action::{Action, ActionKind, ActionStatus};
use crate::model::incident::Incident;

use crate::site::Site;
use crate::util::slug::slugify;

mod order;

pub use order::Order;

/// One action with its incident.
#[derive(Clone, Debug)]
pub struct Row<'a> {
    /// The incident it belongs to.
    pub incident: &'a Incident,
    /// The action.
    pub action: &'a Action,
    /// Its rendered title.
    pub title_html: &'a str,
    /// Days past due, when it is overdue.
    pub days_overdue: Option<i32>,
    /// The owner's slug, for filtering.
    pub owner_slug: Option<String>,
    /// The slugs of the incident's services, for filtering.
    pub service_slugs: Vec<String>,
}

impl Row<'_> {
    /// Whether it is open and past due.
    pub fn overdue(&self) -> bool {
        self.days_overdue.is_some()
    }
}

/// Which actions to keep.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only this status.
    pub status: Option<ActionStatus>,
    /// Only this owner, as a slug (see [`Filter::owner`]).
    pub owner: Option<String>,
    /// Only actions of incidents affecting this service, as a slug.
    pub service: Option<String>,
    /// Only this kind.
    pub kind: Option<ActionKind>,
    /// Only overdue ones.
    pub overdue: bool,
}

impl Filter {
    /// The form owners and services are compared in (`Drift` and `drift` are one owner).
    pub fn slug(owner: &str) -> Option<String> {
        Some(slugify(owner)).filter(|s| !s.is_empty())
    }

    /// Whether `row` passes.
    pub fn keeps(&self, row: &Row<'_>) -> bool {
        self.status.is_none_or(|s| row.action.status == s)
            && self
                .owner
                .as_deref()
                .is_none_or(|o| row.owner_slug.as_deref() == Some(o))
            && self
                .service
                .as_deref()
                .is_none_or(|s| row.service_slugs.iter().any(|x| x == s))
            && self.kind.is_none_or(|k| row.action.kind == Some(k))
            && (!self.overdue || row.overdue())
    }
}

/// Every action of `site`, open ones first (most overdue first, then by due date), then closed ones
/// (most recently completed first; those never marked completed last, newest incident first); ties
/// by action id.
pub fn rows(site: &Site) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = site
        .incidents
        .iter()
        .flat_map(|incident| {
            // The incident's services are slugged once for all its actions.
            let service_slugs: Vec<String> = if incident.actions.is_empty() {
                Vec::new()
            } else {
                incident.services.iter().map(|s| slugify(s)).collect()
            };
            incident
                .actions
                .iter()
                .zip(&incident.actions_html)
                .map(move |(action, html)| Row {
                    incident,
                    action,
                    title_html: html,
                    days_overdue: action.days_overdue(site.now),
                    owner_slug: action.owner.as_deref().map(slugify),
                    service_slugs: service_slugs.clone(),
                })
        })
        .collect();
    rows.sort_by(|a, b| tracker_order(a, b).then_with(|| a.action.id.cmp(&b.action.id)));
    rows
}

/// Open before closed. Open: most overdue first, then by due date (none last). Closed: most recently
/// completed first, those without a completion date after, newest incident `date` first.
fn tracker_order(a: &Row<'_>, b: &Row<'_>) -> Ordering {
    let open = |r: &Row<'_>| r.action.status.is_open();
    open(b).cmp(&open(a)).then_with(|| {
        if open(a) {
            let key = |r: &Row<'_>| {
                let due = r.action.due;
                (Reverse(r.days_overdue.unwrap_or(-1)), due.is_none(), due)
            };
            key(a).cmp(&key(b))
        } else {
            let key = |r: &Row<'_>| {
                let completed = r.action.completed;
                (
                    completed.is_none(),
                    Reverse(completed),
                    Reverse(r.incident.date.date()),
                )
            };
            key(a).cmp(&key(b))
        }
    })
}

/// Figures for the top of the tracker.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// All actions.
    pub total: usize,
    /// Open, in progress or blocked.
    pub open: usize,
    /// Open and past due.
    pub overdue: usize,
    /// In progress.
    pub in_progress: usize,
    /// Blocked.
    pub blocked: usize,
    /// Done.
    pub done: usize,
    /// Won't be done.
    pub wontfix: usize,
    /// Of unknown status: neither open nor closed.
    pub unknown: usize,
    /// Closed (done or wontfix) as a whole percentage of all whose status is known, if there are any.
    pub completion_percent: Option<u32>,
    /// Median days from an incident's start to the completion of its done actions.
    pub median_days_to_complete: Option<f64>,
}

/// Summarises `rows`.
pub fn summary(rows: &[Row<'_>]) -> Summary {
    let mut s = Summary {
        total: rows.len(),
        ..Summary::default()
    };
    let mut days: Vec<i64> = Vec::new();
    for row in rows {
        match row.action.status {
            ActionStatus::Open => {}
            ActionStatus::InProgress => s.in_progress += 1,
            ActionStatus::Blocked => s.blocked += 1,
            ActionStatus::Done => s.done += 1,
            ActionStatus::Wontfix => s.wontfix += 1,
            ActionStatus::Unknown => s.unknown += 1,
        }
        s.open += usize::from(row.action.status.is_open());
        s.overdue += usize::from(row.overdue());
        if let (ActionStatus::Done, Some(completed)) = (row.action.status, row.action.completed) {
            days.push(i64::from((completed - start_date(row.incident)).get_days()).max(0));
        }
    }
    let closed = s.done + s.wontfix;
    let known = s.total - s.unknown;
    s.completion_percent = (closed * 100 + known / 2)
        .checked_div(known)
        .and_then(|p| u32::try_from(p).ok());
    s.median_days_to_complete = median(&mut days);
    s
}

/// The day an incident began, in its own zone.
pub fn start_date(incident: &Incident) -> Date {
    incident
        .times
        .started
        .as_ref()
        .unwrap_or(&incident.date)
        .date()
}

fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    #[allow(clippy::cast_precision_loss)]
    Some(if values.len() % 2 == 1 {
        values[mid] as f64
    } else {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    })
}

#[cfg(test)]
mod tests;

/// Action counts of an incident.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ActionCounts {
    /// All actions.
    pub total: usize,
    /// Open, in progress or blocked.
    pub open: usize,
    /// Open and past due.
    pub overdue: usize,
    /// Of unknown status (left out when there are none).
    #[serde(skip_serializing_if = "is_zero")]
    pub unknown: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl ActionCounts {
    /// The counts of `incident`'s actions as of `now`.
    pub fn of(incident: &Incident, now: Date) -> ActionCounts {
        let mut counts = ActionCounts {
            total: incident.actions.len(),
            ..ActionCounts::default()
        };
        for action in &incident.actions {
            counts.open += usize::from(action.status.is_open());
            counts.unknown += usize::from(action.status == ActionStatus::Unknown);
            counts.overdue += usize::from(action.days_overdue(now).is_some());
        }
        counts
    }
}
