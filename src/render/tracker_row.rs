//! An action on the tracker as templates see it: the action with its incident, made once per action
//! and shared by every tracker page that lists it; and its row as the theme's `tracker_row` macro
//! renders it, made once per way it is shown and kept only until the last page that lists it.

use std::sync::{Mutex, PoisonError};

use anyhow::{Context, Result};
use minijinja::{State, Template, Value, context};
use serde::Serialize;

use crate::render::env::PageEnv;
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

/// How a row is shown: whether with its owner column and whether as a closed action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The owner column is there (every view but an owner's).
    pub owner: bool,
    /// The row is on a list of closed actions.
    pub closed: bool,
}

impl Shown {
    /// The four ways, numbered by [`Shown::index`].
    pub const COUNT: usize = 4;

    /// This way's number, below [`Shown::COUNT`].
    pub fn index(self) -> usize {
        usize::from(self.owner) | usize::from(self.closed) << 1
    }
}

/// The macro of `macros.html` that renders one tracker row.
const MACRO: &str = "tracker_row";

/// No slot: the value has one taker.
const UNSHARED: u32 = u32::MAX;

/// A value wanted by several takers, until the last of them takes it.
struct Slot<V> {
    value: Option<V>,
    left: u32,
}

/// Values each made once for all their takers and held only until the last one takes it; a
/// value with a single taker is made for it and never held.
struct Shared<V> {
    /// Per key, its slot in `slots` or [`UNSHARED`].
    slot_of: Vec<u32>,
    slots: Vec<Mutex<Slot<V>>>,
}

impl<V: Clone> Shared<V> {
    /// Room for the keys `0..takers.len()`, the value of key `k` to be taken `takers[k]` times.
    fn new(takers: &[u32]) -> Shared<V> {
        let mut slots = Vec::new();
        let slot_of = takers
            .iter()
            .map(|&left| {
                if left < 2 {
                    return UNSHARED;
                }
                slots.push(Mutex::new(Slot { value: None, left }));
                u32::try_from(slots.len() - 1).unwrap_or(UNSHARED)
            })
            .collect();
        Shared { slot_of, slots }
    }

    /// The value of `key`: the one held for its takers, else made by `make` (and held when
    /// more takers are to come).
    fn take<E>(&self, key: usize, make: impl FnOnce() -> Result<V, E>) -> Result<V, E> {
        let at = self.slot_of.get(key).copied().unwrap_or(UNSHARED);
        let Some(slot) = self.slots.get(at as usize) else {
            return make();
        };
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        let value = match slot.value.take() {
            Some(value) => value,
            None => make()?,
        };
        slot.left = slot.left.saturating_sub(1);
        if slot.left > 0 {
            slot.value = Some(value.clone());
        }
        Ok(value)
    }

    /// How many values are held.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| s.lock().is_ok_and(|s| s.value.is_some()))
            .count()
    }
}

/// Renders tracker rows with the theme's `tracker_row` macro. A row shown the same way on several
/// pages is rendered once and held until the last of those pages takes it; one shown on a single
/// page is rendered for that page alone, so only the rows still awaited are ever held.
pub(crate) struct Rows<'a> {
    macros: Template<'a, 'a>,
    strings: Value,
    root: Value,
    lang: Value,
    actions: &'a [Option<Value>],
    /// The HTML by row and way (`row * Shown::COUNT + way`).
    html: Shared<Value>,
}

impl<'a> Rows<'a> {
    /// The renderer of `actions` (by row) for pages that will ask for each `(row, way)` of `uses`
    /// once per listing; `None` when `macros.html` has no `tracker_row` (the page template then
    /// renders its rows itself).
    pub(crate) fn new(
        env: &'a PageEnv<'_>,
        t: &Strings,
        root: &str,
        actions: &'a [Option<Value>],
        uses: impl Iterator<Item = (usize, Shown)>,
    ) -> Result<Option<Rows<'a>>> {
        let Ok(macros) = env.env.get_template("macros.html") else {
            return Ok(None);
        };
        let has_macro = macros
            .render_captured(context! {})?
            .state()
            .lookup(MACRO)
            .is_some();
        if !has_macro {
            return Ok(None);
        }
        let mut count = vec![0u32; actions.len() * Shown::COUNT];
        for (row, shown) in uses {
            count[row * Shown::COUNT + shown.index()] += 1;
        }
        Ok(Some(Rows {
            macros,
            strings: t.value(),
            root: Value::from(root),
            lang: Value::from(t.lang.as_str()),
            actions,
            html: Shared::new(&count),
        }))
    }

    /// The HTML of each of `rows`, shown as `shown`, for one page.
    pub(crate) fn page(&self, rows: &[usize], shown: Shown) -> Result<Vec<Value>> {
        let mut captured = self.macros.render_captured(context! {})?;
        captured
            .with_state_mut(|state| {
                rows.iter()
                    .map(|&row| self.row(state, row, shown))
                    .collect::<Result<Vec<_>, minijinja::Error>>()
            })
            .with_context(|| format!("cannot render a tracker row with macros.html's {MACRO}"))
    }

    /// The HTML of `row` shown as `shown`: the one held for the pages that share it, else made now.
    fn row(&self, state: &mut State, row: usize, shown: Shown) -> Result<Value, minijinja::Error> {
        let key = row * Shown::COUNT + shown.index();
        self.html.take(key, || self.render(state, row, shown))
    }

    /// `row` rendered by the macro.
    fn render(
        &self,
        state: &mut State,
        row: usize,
        shown: Shown,
    ) -> Result<Value, minijinja::Error> {
        let args = [
            self.actions[row].clone().unwrap_or_default(),
            self.strings.clone(),
            self.root.clone(),
            self.lang.clone(),
            Value::from(shown.owner),
            Value::from(shown.closed),
        ];
        Ok(Value::from_safe_string(state.call_macro(MACRO, &args)?))
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn a_shared_value_is_made_once_and_let_go_by_its_last_taker() {
        let shared: Shared<String> = Shared::new(&[3, 1, 0, 2]);
        let made = Cell::new(0);
        let make = |key: usize| {
            made.set(made.get() + 1);
            Ok::<_, ()>(format!("value {key}"))
        };
        for _ in 0..3 {
            assert_eq!(shared.take(0, || make(0)), Ok("value 0".into()));
        }
        assert_eq!(made.get(), 1, "three takers, one making");
        assert_eq!(shared.held(), 0, "the last taker took it");
        assert_eq!(shared.take(3, || make(3)), Ok("value 3".into()));
        assert_eq!(shared.held(), 1, "one taker of key 3 is still to come");
        assert_eq!(shared.take(3, || make(3)), Ok("value 3".into()));
        assert_eq!(shared.held(), 0);
        assert_eq!(made.get(), 2);
    }

    #[test]
    fn a_value_with_one_taker_or_an_unexpected_one_is_made_for_it() {
        let shared: Shared<String> = Shared::new(&[1, 2]);
        let made = Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            Ok::<_, ()>("v".to_string())
        };
        shared.take(0, make).unwrap();
        shared.take(0, make).unwrap();
        shared.take(5, make).unwrap();
        assert_eq!(made.get(), 3);
        shared.take(1, make).unwrap();
        shared.take(1, make).unwrap();
        shared.take(1, make).unwrap();
        assert_eq!(made.get(), 5, "a third taker of key 1 gets it made again");
        assert_eq!(shared.held(), 0);
    }

    #[test]
    fn a_failed_making_is_handed_on_and_left_for_the_next_taker() {
        let shared: Shared<String> = Shared::new(&[2]);
        assert_eq!(shared.take(0, || Err("broken")), Err("broken"));
        assert_eq!(shared.take(0, || Ok::<_, &str>("v".into())), Ok("v".into()));
    }
}
