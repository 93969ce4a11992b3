//! The incident page's `incident` as templates see it: the map serde would make of an
//! [`IncidentView`], each value made only when a template first asks for it (a page uses few of the
//! card's fields, and reads some of its own several times).

use minijinja::Value;
use minijinja::value::Serde;

use crate::render::incident_view::IncidentView;
use crate::render::lazy_map::{LazyMap, lazy_fields};

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
    0 "action_items" => Value::from(Serde(&v.action_items)),
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
    26 "timeline" => Value::from(Serde(&v.timeline)),
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

/// `view` as the incident page's `incident`.
pub fn value(view: IncidentView) -> Value {
    LazyMap::value(view)
}

#[cfg(test)]
mod tests;
