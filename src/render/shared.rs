//! HTML made once and shared by every page that lists it: a list item rendered by a macro of the
//! theme's `macros.html`, held only until the last page that lists it has taken it.

use std::sync::{Mutex, PoisonError};

use anyhow::{Context, Result};
use minijinja::{Template, Value, context};

use crate::render::env::PageEnv;

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

/// Items rendered by a macro of the theme's `macros.html`, each by its key: an item listed on
/// several pages is rendered once and held until the last of those pages takes it; one listed on
/// a single page is rendered for that page alone, so only the items still awaited are ever held.
pub(crate) struct MacroHtml<'a> {
    macros: Template<'a, 'a>,
    name: &'static str,
    html: Shared<Value>,
}

impl<'a> MacroHtml<'a> {
    /// The renderer of the macro `name` for pages that will ask for key `k` `takers[k]` times in
    /// all; `None` when `macros.html` has no such macro (the page templates then render their
    /// items themselves).
    pub(crate) fn new(
        env: &'a PageEnv<'_>,
        name: &'static str,
        takers: &[u32],
    ) -> Result<Option<MacroHtml<'a>>> {
        let Ok(macros) = env.env.get_template("macros.html") else {
            return Ok(None);
        };
        let has_macro = macros
            .render_captured(context! {})?
            .state()
            .lookup(name)
            .is_some();
        Ok(has_macro.then(|| MacroHtml {
            macros,
            name,
            html: Shared::new(takers),
        }))
    }

    /// The HTML of each of `keys` for one page, the macro called with `args(key)`.
    pub(crate) fn page(
        &self,
        keys: impl Iterator<Item = usize>,
        args: impl Fn(usize) -> Vec<Value>,
    ) -> Result<Vec<Value>> {
        let mut captured = self.macros.render_captured(context! {})?;
        let name = self.name;
        captured
            .with_state_mut(|state| {
                // The macro is looked up once for the page, and each item kept as the value the
                // macro returns: HTML marked safe, not copied into a string and back.
                let Some(item) = state.lookup(name) else {
                    return Err(minijinja::Error::new(
                        minijinja::ErrorKind::UnknownFunction,
                        "macro not found",
                    ));
                };
                keys.map(|key| {
                    self.html.take(key, || {
                        let html = item.call(state, &args(key))?;
                        Ok(if html.is_safe() {
                            html
                        } else {
                            Value::from_safe_string(html.to_string())
                        })
                    })
                })
                .collect::<Result<Vec<_>, _>>()
            })
            .with_context(|| format!("cannot render a list item with macros.html's {name}"))
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
