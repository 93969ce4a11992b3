//! The incident page's `incident` as templates see it: the map serde would make of an
//! [`IncidentView`], each value made only when a template first asks for it.

use std::sync::{Arc, OnceLock};

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};

use crate::render::incident_view::IncidentView;

/// The keys of `incident`: a [`Card`]'s and an [`IncidentView`]'s own, in the order of a map made
/// through serde (by key), which is how templates list them.
const KEYS: [&str; 36] = [
    "action_items",
    "actions",
    "authors",
    "body_html",
    "contributing_factors",
    "date",
    "detection_html",
    "duration",
    "extra",
    "id",
    "impact_html",
    "lang",
    "lessons",
    "related",
    "resolution_html",
    "resolved",
    "root_cause_html",
    "services",
    "severity",
    "slug",
    "source",
    "spans",
    "started",
    "status",
    "summary_html",
    "tags",
    "timeline",
    "times",
    "timezone",
    "title",
    "toc",
    "trigger_html",
    "updated",
    "url",
    "visibility",
    "year",
];

/// The place of `key` in [`KEYS`]: a match, which the compiler turns into a test of the length
/// and a compare or two, where a binary search compares half a dozen strings; a template reads
/// `incident` a hundred times a page.
fn key_index(key: &str) -> Option<usize> {
    Some(match key {
        "action_items" => 0,
        "actions" => 1,
        "authors" => 2,
        "body_html" => 3,
        "contributing_factors" => 4,
        "date" => 5,
        "detection_html" => 6,
        "duration" => 7,
        "extra" => 8,
        "id" => 9,
        "impact_html" => 10,
        "lang" => 11,
        "lessons" => 12,
        "related" => 13,
        "resolution_html" => 14,
        "resolved" => 15,
        "root_cause_html" => 16,
        "services" => 17,
        "severity" => 18,
        "slug" => 19,
        "source" => 20,
        "spans" => 21,
        "started" => 22,
        "status" => 23,
        "summary_html" => 24,
        "tags" => 25,
        "timeline" => 26,
        "times" => 27,
        "timezone" => 28,
        "title" => 29,
        "toc" => 30,
        "trigger_html" => 31,
        "updated" => 32,
        "url" => 33,
        "visibility" => 34,
        "year" => 35,
        _ => return None,
    })
}

/// The incident page's `incident` as templates see it: the map serde would make of an
/// [`IncidentView`], but each value made only when a template first asks for it (a page uses
/// few of the card's fields, and reads some of its own several times).
#[derive(Debug)]
pub struct IncidentValue {
    view: IncidentView,
    made: [OnceLock<Value>; KEYS.len()],
}

impl IncidentValue {
    /// `view` for templates.
    pub fn value(view: IncidentView) -> Value {
        Value::from_object(IncidentValue {
            view,
            made: std::array::from_fn(|_| OnceLock::new()),
        })
    }

    /// The value of `key`, as serde would make it.
    fn make(&self, key: &str) -> Value {
        let (v, c) = (&self.view, &self.view.card);
        let text = |s: &str| Value::from(s);
        let maybe = |s: &Option<String>| s.as_deref().map_or(Value::from(()), Value::from);
        match key {
            "action_items" => Value::from(Serde(&v.action_items)),
            "actions" => Value::from(Serde(&c.actions)),
            "authors" => Value::from(Serde(&v.authors)),
            "body_html" => text(&v.body_html),
            "contributing_factors" => Value::from(Serde(&v.contributing_factors)),
            "date" => Value::from(Serde(&c.date)),
            "detection_html" => maybe(&v.detection_html),
            "duration" => maybe(&c.duration),
            "extra" => Value::from(Serde(&c.extra)),
            "id" => text(&c.id),
            "impact_html" => maybe(&v.impact_html),
            "lang" => text(&c.lang),
            "lessons" => Value::from(Serde(&v.lessons)),
            "related" => Value::from(Serde(&v.related)),
            "resolution_html" => maybe(&v.resolution_html),
            "resolved" => Value::from(Serde(&c.resolved)),
            "root_cause_html" => maybe(&v.root_cause_html),
            "services" => Value::from(Serde(&c.services)),
            "severity" => Value::from(Serde(&c.severity)),
            "slug" => text(&c.slug),
            "source" => text(&v.source),
            "spans" => Value::from(Serde(&v.spans)),
            "started" => Value::from(Serde(&c.started)),
            "status" => text(c.status),
            "summary_html" => maybe(&c.summary_html),
            "tags" => Value::from(Serde(&c.tags)),
            "timeline" => Value::from(Serde(&v.timeline)),
            "times" => Value::from(Serde(&v.times)),
            "timezone" => text(&v.timezone),
            "title" => text(&c.title),
            "toc" => Value::from(Serde(&v.toc)),
            "trigger_html" => maybe(&v.trigger_html),
            "updated" => Value::from(Serde(&v.updated)),
            "url" => text(&c.url),
            "visibility" => text(c.visibility),
            "year" => Value::from(Serde(&c.year)),
            _ => Value::UNDEFINED,
        }
    }
}

impl Object for IncidentValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let n = key_index(key)?;
        Some(self.made[n].get_or_init(|| self.make(key)).clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&KEYS)
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(KEYS.len())
    }
}

#[cfg(test)]
mod tests;
