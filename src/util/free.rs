//! Freeing a collection of many small values on every thread: a stage's leftovers (hundreds of
//! thousands of strings at 10,000 incidents) are otherwise freed one by one on the thread that
//! drops them, while the other cores wait for it.

use rayon::prelude::*;

/// Drops every item of `items` on the threads of the current rayon pool, then the list itself.
pub fn free<T: Send>(items: Vec<T>) {
    items.into_par_iter().for_each(drop);
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::free;

    static DROPPED: AtomicUsize = AtomicUsize::new(0);

    struct Counted;

    impl Drop for Counted {
        fn drop(&mut self) {
            DROPPED.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[test]
    fn every_item_is_dropped() {
        free((0..1000).map(|_| Counted).collect());
        assert_eq!(DROPPED.load(Ordering::Relaxed), 1000);
    }
}
