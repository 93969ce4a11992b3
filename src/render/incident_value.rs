//! The incident page's `incident` as templates see it: the map serde would make of an
//! [`IncidentView`], each value made only when a template first asks for it (a page uses few of the
//! card's fields, and reads some of its own several times). Its actions and timeline entries are
//! [`EagerMap`]s: a page reads each of their fields once or more.

use minijinja::Value;
use minijinja::value::Serde;

use crate::render::incident_view::{EntryView, IncidentView};
use crate::render::lazy_map::{LazyMap, lazy_fields};
use crate::render::view::ActionView;

mod eager;

use eager::EagerMap;

/// A text for templates.
fn text(s: &str) -> Value {
    Value::from(s)
}

/// An optional text for templates: none when absent.
fn maybe(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::from(()), Value::from)
}

// The keys of `incident`: a card's and the view's own, in the order of a map made through serde
// (by key), which is how templates list them.
lazy_fields! { IncidentView, v;
    0 "action_items" => EagerMap::list(&v.action_items),
    1 "actions" => Value::from(Serde(&v.card.actions)),
    2 "authors" => Value::from(Serde(&v.authors)),
    3 "body_html" => text(&v.body_html),
    4 "contributing_factors" => Value::from(Serde(&v.contributing_factors)),
    5 "date" => Value::from(Serde(&v.card.date)),
    6 "detection_html" => maybe(&v.detection_html),
    7 "duration" => maybe(&v.card.duration),
    8 "extra" => Value::from(Serde(&v.card.extra)),
    9 "id" => text(&v.card.id),
    10 "impact_html" => maybe(&v.impact_html),
    11 "lang" => text(&v.card.lang),
    12 "lessons" => Value::from(Serde(&v.lessons)),
    13 "related" => Value::from(Serde(&v.related)),
    14 "resolution_html" => maybe(&v.resolution_html),
    15 "resolved" => Value::from(Serde(&v.card.resolved)),
    16 "root_cause_html" => maybe(&v.root_cause_html),
    17 "services" => Value::from(Serde(&v.card.services)),
    18 "severity" => Value::from(Serde(&v.card.severity)),
    19 "slug" => text(&v.card.slug),
    20 "source" => text(&v.source),
    21 "spans" => Value::from(Serde(&v.spans)),
    22 "started" => Value::from(Serde(&v.card.started)),
    23 "status" => text(v.card.status),
    24 "summary_html" => maybe(&v.card.summary_html),
    25 "tags" => Value::from(Serde(&v.card.tags)),
    26 "timeline" => EagerMap::list(&v.timeline),
    27 "times" => Value::from(Serde(&v.times)),
    28 "timezone" => text(&v.timezone),
    29 "title" => text(&v.card.title),
    30 "toc" => Value::from(Serde(&v.toc)),
    31 "trigger_html" => maybe(&v.trigger_html),
    32 "updated" => Value::from(Serde(&v.updated)),
    33 "url" => text(&v.card.url),
    34 "visibility" => text(v.card.visibility),
    35 "year" => Value::from(Serde(&v.card.year)),
}

// The keys of an action as serde names them, in the order of its fields.
lazy_fields! { ActionView, a;
    0 "id" => text(&a.id),
    1 "title_html" => text(&a.title_html),
    2 "notes_html" => maybe(&a.notes_html),
    3 "status" => text(a.status),
    4 "owner" => maybe(&a.owner),
    5 "due" => Value::from(Serde(&a.due)),
    6 "overdue" => Value::from(a.overdue),
    7 "days_overdue" => Value::from(Serde(&a.days_overdue)),
    8 "priority" => Value::from(Serde(&a.priority)),
    9 "kind" => Value::from(Serde(&a.kind)),
    10 "ticket" => Value::from(Serde(&a.ticket)),
    11 "completed" => Value::from(Serde(&a.completed)),
    12 "status_label" => text(&a.status_label),
    13 "priority_label" => maybe(&a.priority_label),
    14 "kind_label" => maybe(&a.kind_label),
    15 "days_overdue_text" => maybe(&a.days_overdue_text),
}

// The keys of a timeline entry as serde names them, in the order of its fields.
lazy_fields! { EntryView, e;
    0 "time" => text(&e.time),
    1 "iso" => maybe(&e.iso),
    2 "text_html" => text(&e.text_html),
    3 "kind" => maybe(&e.kind),
    4 "unplaced" => Value::from(e.unplaced),
}

/// `view` as the incident page's `incident`.
pub fn value(view: IncidentView) -> Value {
    LazyMap::value(view)
}

#[cfg(test)]
mod tests;
