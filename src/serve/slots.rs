//! A count of what the server holds open (connections being served, event streams), with a cap, and
//! a guard that gives its place back however its holder ends — even by a panic.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Places for at most `cap` holders at once.
#[derive(Clone, Debug)]
pub struct Slots {
    open: Arc<AtomicUsize>,
    cap: usize,
}

/// One place taken; given back when dropped.
#[derive(Debug)]
pub struct Slot {
    open: Arc<AtomicUsize>,
}

impl Slots {
    /// Room for `cap` holders.
    pub fn new(cap: usize) -> Slots {
        Slots {
            open: Arc::new(AtomicUsize::new(0)),
            cap,
        }
    }

    /// A place, unless all `cap` are taken.
    pub fn take(&self) -> Option<Slot> {
        self.open
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.cap).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot {
                open: Arc::clone(&self.open),
            })
    }

    /// How many places are taken.
    pub fn open(&self) -> usize {
        self.open.load(Ordering::Acquire)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_capped_and_given_back() {
        let slots = Slots::new(2);
        let (a, b) = (slots.take(), slots.take());
        assert!(a.is_some() && b.is_some());
        assert!(slots.take().is_none(), "past the cap");
        drop(a);
        assert_eq!(slots.open(), 1);
        assert!(slots.take().is_some());
    }

    #[test]
    fn a_panicking_holder_gives_its_place_back() {
        let slots = Slots::new(1);
        let slot = slots.take().expect("a slot");
        let handler = std::thread::spawn(move || {
            let _slot = slot;
            panic!("a handler panics");
        });
        assert!(handler.join().is_err());
        assert_eq!(slots.open(), 0);
        assert!(slots.take().is_some(), "the place can be taken again");
    }
}
