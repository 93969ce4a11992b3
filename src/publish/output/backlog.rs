//! The bytes handed to a build's writers and not yet written: handing more over waits while too
//! many wait, so the pages rendered ahead of the writers never hold much memory.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// How many bytes may wait for a writer before inserting waits too: enough to keep the writers
/// busy, little beside the site being rendered.
const QUEUED_BYTES: usize = 16 << 20;

/// The most a single file counts for: a file larger than this (an export of every action) was
/// rendered whole before it is handed over, so holding back the pages after it until it is
/// written saves no memory, and would leave the cores idle meanwhile.
const LARGEST_COUNTED: usize = QUEUED_BYTES / 4;

/// What a file of `bytes` counts for in the backlog: its size, up to [`LARGEST_COUNTED`].
pub fn counted(bytes: usize) -> usize {
    bytes.min(LARGEST_COUNTED)
}

/// The bytes waiting for the writers, shared by the inserting threads and the writers.
#[derive(Debug, Default)]
pub struct Backlog {
    queued: Mutex<Queued>,
    /// Signalled when bytes are written while an insert waits.
    written: Condvar,
}

/// What waits for the writers.
#[derive(Debug, Default)]
struct Queued {
    /// Bytes inserted and not yet written.
    bytes: usize,
    /// Inserts waiting until fewer bytes are queued.
    waiting: usize,
}

impl Backlog {
    /// Waits until `bytes` more may be queued (or `stop` is set), and counts them.
    pub fn reserve(&self, bytes: usize, stop: &AtomicBool) {
        let mut queued = lock(&self.queued);
        while queued.bytes > 0
            && queued.bytes + bytes > QUEUED_BYTES
            && !stop.load(Ordering::Relaxed)
        {
            queued.waiting += 1;
            queued = self
                .written
                .wait(queued)
                .unwrap_or_else(PoisonError::into_inner);
            queued.waiting -= 1;
        }
        queued.bytes += bytes;
    }

    /// Counts `bytes` as written, waking the inserts that wait: a system call, so made only when
    /// one does, not for each of the site's files.
    pub fn release(&self, bytes: usize) {
        let mut queued = lock(&self.queued);
        queued.bytes -= bytes;
        if queued.waiting > 0 {
            self.written.notify_all();
        }
    }

    /// Wakes every waiting insert, to see that `stop` was set.
    pub fn wake_all(&self) {
        let _queued = lock(&self.queued);
        self.written.notify_all();
    }
}

/// Locks `mutex`, also after a thread panicked holding it (what it guards stays usable).
pub(super) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn an_insert_over_the_budget_waits_until_bytes_are_written() {
        let backlog = Arc::new(Backlog::default());
        let stop = Arc::new(AtomicBool::new(false));
        backlog.reserve(QUEUED_BYTES, &stop);
        let (done, waited) = std::sync::mpsc::channel();
        let waiter = {
            let (backlog, stop) = (Arc::clone(&backlog), Arc::clone(&stop));
            std::thread::spawn(move || {
                backlog.reserve(1, &stop);
                done.send(()).unwrap();
            })
        };
        let timeout = std::time::Duration::from_millis(200);
        assert!(waited.recv_timeout(timeout).is_err(), "waits while full");
        backlog.release(QUEUED_BYTES);
        assert!(
            waited.recv_timeout(timeout * 25).is_ok(),
            "woken when written"
        );
        waiter.join().unwrap();
        assert_eq!(lock(&backlog.queued).bytes, 1);
        assert_eq!(lock(&backlog.queued).waiting, 0);
    }

    #[test]
    fn a_file_larger_than_the_budget_does_not_hold_back_the_files_after_it() {
        let backlog = Backlog::default();
        let stop = AtomicBool::new(false);
        let export = 3 * QUEUED_BYTES;
        assert_eq!(counted(export), LARGEST_COUNTED);
        assert_eq!(counted(1000), 1000);
        // Over the budget on its own, the export is queued at once, and pages up to the budget's
        // rest after it: on this one thread, any of these inserts waiting would never end.
        backlog.reserve(counted(export), &stop);
        backlog.reserve(QUEUED_BYTES - LARGEST_COUNTED, &stop);
        assert_eq!(lock(&backlog.queued).bytes, QUEUED_BYTES);
        backlog.release(counted(export));
        backlog.release(QUEUED_BYTES - LARGEST_COUNTED);
        assert_eq!(lock(&backlog.queued).bytes, 0);
    }
}
