//! The incident page's `incident` as templates see it: the map serde would make of an
//! [`IncidentView`], each value made only when a template first asks for it.

use std::sync::{Arc, OnceLock};

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};

use crate::render::incident_view::IncidentView;

/// From one table of `place "key" => value` rows: [`KEYS`], [`key_index`] and
/// [`IncidentValue::make`]. `$v` and `$c` name the view and its card in the values, `$text` and
/// `$maybe` the makers of a text and of an optional text.
macro_rules! fields {
    ($v:ident, $c:ident, $text:ident, $maybe:ident; $($n:literal $key:literal => $make:expr,)*) => {
        /// The keys of `incident`: a [`Card`](crate::render::view::Card)'s and an
        /// [`IncidentView`]'s own, in the order of a map made through serde (by key), which is how
        /// templates list them.
        const KEYS: [&str; [$($key),*].len()] = [$($key),*];

        /// The place of `key` in [`KEYS`]: a match, which the compiler turns into a test of the
        /// length and a compare or two, where a binary search compares half a dozen strings; a
        /// template reads `incident` a hundred times a page.
        fn key_index(key: &str) -> Option<usize> {
            match key {
                $($key => Some($n),)*
                _ => None,
            }
        }

        impl IncidentValue {
            /// The value of the key at place `n` of [`KEYS`], as serde would make it.
            fn make(&self, n: usize) -> Value {
                let ($v, $c) = (&self.view, &self.view.card);
                let $text = |s: &str| Value::from(s);
                let $maybe = |s: &Option<String>| s.as_deref().map_or(Value::from(()), Value::from);
                match n {
                    $($n => $make,)*
                    _ => Value::UNDEFINED,
                }
            }
        }
    };
}

fields! { v, c, text, maybe;
    0 "action_items" => Value::from(Serde(&v.action_items)),
    1 "actions" => Value::from(Serde(&c.actions)),
    2 "authors" => Value::from(Serde(&v.authors)),
    3 "body_html" => text(&v.body_html),
    4 "contributing_factors" => Value::from(Serde(&v.contributing_factors)),
    5 "date" => Value::from(Serde(&c.date)),
    6 "detection_html" => maybe(&v.detection_html),
    7 "duration" => maybe(&c.duration),
    8 "extra" => Value::from(Serde(&c.extra)),
    9 "id" => text(&c.id),
    10 "impact_html" => maybe(&v.impact_html),
    11 "lang" => text(&c.lang),
    12 "lessons" => Value::from(Serde(&v.lessons)),
    13 "related" => Value::from(Serde(&v.related)),
    14 "resolution_html" => maybe(&v.resolution_html),
    15 "resolved" => Value::from(Serde(&c.resolved)),
    16 "root_cause_html" => maybe(&v.root_cause_html),
    17 "services" => Value::from(Serde(&c.services)),
    18 "severity" => Value::from(Serde(&c.severity)),
    19 "slug" => text(&c.slug),
    20 "source" => text(&v.source),
    21 "spans" => Value::from(Serde(&v.spans)),
    22 "started" => Value::from(Serde(&c.started)),
    23 "status" => text(c.status),
    24 "summary_html" => maybe(&c.summary_html),
    25 "tags" => Value::from(Serde(&c.tags)),
    26 "timeline" => Value::from(Serde(&v.timeline)),
    27 "times" => Value::from(Serde(&v.times)),
    28 "timezone" => text(&v.timezone),
    29 "title" => text(&c.title),
    30 "toc" => Value::from(Serde(&v.toc)),
    31 "trigger_html" => maybe(&v.trigger_html),
    32 "updated" => Value::from(Serde(&v.updated)),
    33 "url" => text(&c.url),
    34 "visibility" => text(c.visibility),
    35 "year" => Value::from(Serde(&c.year)),
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
        Some(self.made[n].get_or_init(|| self.make(n)).clone())
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
