//! HTML that the incident pages of a run render once and share: what one page renders for a key
//! (a language, a language and a set of counts) is what every page with the same key would.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// What was rendered by key; none where it could not be.
pub(super) struct Kept<K, V>(Mutex<HashMap<K, Option<V>>>);

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V: Clone> Kept<K, V> {
    /// What was rendered for `key`: made by `render` the first time (by each page that asks
    /// before the first has it, which renders the same).
    pub(super) fn get_or_render(&self, key: K, render: impl FnOnce() -> Option<V>) -> Option<V> {
        if let Some(kept) = self.lock().get(&key) {
            return kept.clone();
        }
        let rendered = render();
        self.lock().insert(key, rendered.clone());
        rendered
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, Option<V>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What the pages of a run should render alike by key, kept only once two pages rendered it the
/// same: a page before that renders its own, and so does every page once two renders differed (a
/// theme whose header reads the page's title, say) or one failed.
pub(super) struct KeptWhenAlike<K, V>(Mutex<HashMap<K, Seen<V>>>);

/// How far the renders for a key agree.
enum Seen<V> {
    /// One page rendered it.
    Once(V),
    /// Two pages rendered it the same: the rest take it.
    Alike(V),
    /// Two pages rendered it differently, or one could not: each page renders its own.
    Own,
}

impl<K, V> Default for KeptWhenAlike<K, V> {
    fn default() -> Self {
        KeptWhenAlike(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V: Clone + PartialEq> KeptWhenAlike<K, V> {
    /// The value kept for `key` once two pages rendered it alike; until then what `render` makes
    /// for this page, compared with the other page's. `None` tells the page to render its own.
    pub(super) fn get_or_render(&self, key: K, render: impl FnOnce() -> Option<V>) -> Option<V> {
        match self.lock().get(&key) {
            Some(Seen::Alike(kept)) => return Some(kept.clone()),
            Some(Seen::Own) => return None,
            Some(Seen::Once(_)) | None => {}
        }
        let rendered = render();
        let mut seen = self.lock();
        let next = match (seen.remove(&key), &rendered) {
            (None, Some(mine)) => Seen::Once(mine.clone()),
            (Some(Seen::Once(first)), Some(mine)) if first == *mine => Seen::Alike(first),
            (Some(alike @ Seen::Alike(_)), _) => alike,
            _ => Seen::Own,
        };
        seen.insert(key, next);
        rendered
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, Seen<V>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
