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
