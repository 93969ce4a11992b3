//! The files inserted into a build and the writers' queues: each writer has one, and the files for
//! it are handed over a few at a time, so that a writer waiting for work is woken once for several
//! files rather than for each of them (each wake-up is a system call on both sides), and lists
//! them in the marker in one write.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;

use super::backlog::{Backlog, counted};
use crate::util::output_path::OutputPath;

/// How many files a queue gathers before they are handed to its writer.
const FILES_PER_HANDOVER: usize = 16;

/// How many bytes a queue gathers before they are handed to its writer, whatever their number.
const BYTES_PER_HANDOVER: usize = 256 << 10;

/// One file for a writer.
pub struct Job {
    pub path: OutputPath,
    pub bytes: Vec<u8>,
    /// The path was inserted before: its file is replaced, and it is already in the marker.
    pub again: bool,
}

/// The writer of a queue stopped: its files cannot be written.
pub struct WriterGone;

/// The files inserted into a build and every writer's queue, with the files gathered for it and
/// not handed over yet: kept under one lock, so that a path's files reach its writer in the order
/// they were listed.
#[derive(Default)]
pub struct Lanes {
    /// Every file inserted, in order: the final marker lists them.
    pub paths: BTreeSet<OutputPath>,
    /// One queue per writer; a path always goes to the same one, so its last version wins.
    lanes: Vec<Lane>,
}

/// One writer's queue.
struct Lane {
    handover: Sender<Vec<Job>>,
    gathered: Vec<Job>,
    /// The bytes of `gathered`, as the backlog counts them (see [`counted`]).
    bytes: usize,
}

impl Lanes {
    /// Adds the queue of a writer that receives files from `handover`.
    pub fn add(&mut self, handover: Sender<Vec<Job>>) {
        self.lanes.push(Lane {
            handover,
            gathered: Vec::with_capacity(FILES_PER_HANDOVER),
            bytes: 0,
        });
    }

    /// Lists the file `path` and queues it for its writer, handing over what the queue gathered
    /// once it is enough: `true` when no file was inserted at `path` before. A handover waits while
    /// `backlog` holds too many bytes (until `stop` is set).
    pub fn push(
        &mut self,
        path: OutputPath,
        bytes: Vec<u8>,
        backlog: &Backlog,
        stop: &AtomicBool,
    ) -> Result<bool, WriterGone> {
        let mut hasher = std::hash::DefaultHasher::new();
        path.hash(&mut hasher);
        let lane = usize::try_from(hasher.finish() % self.lanes.len() as u64).unwrap_or(0);
        let again = !self.paths.insert(path.clone());
        let queue = &mut self.lanes[lane];
        queue.bytes += counted(bytes.len());
        queue.gathered.push(Job { path, bytes, again });
        if queue.gathered.len() >= FILES_PER_HANDOVER || queue.bytes >= BYTES_PER_HANDOVER {
            queue.hand_over(backlog, stop)?;
        }
        Ok(!again)
    }

    /// Hands every file gathered over to its writer.
    pub fn flush(&mut self, backlog: &Backlog, stop: &AtomicBool) -> Result<(), WriterGone> {
        self.lanes
            .iter_mut()
            .try_for_each(|queue| queue.hand_over(backlog, stop))
    }

    /// Closes every queue, which ends its writer once it has written what it was handed; files
    /// gathered and not handed over are dropped.
    pub fn close(&mut self) {
        self.lanes.clear();
    }
}

impl Lane {
    /// Hands the files gathered to the writer, once `backlog` has room for their bytes.
    fn hand_over(&mut self, backlog: &Backlog, stop: &AtomicBool) -> Result<(), WriterGone> {
        if self.gathered.is_empty() {
            return Ok(());
        }
        backlog.reserve(self.bytes, stop);
        self.bytes = 0;
        let jobs = std::mem::replace(&mut self.gathered, Vec::with_capacity(FILES_PER_HANDOVER));
        self.handover.send(jobs).map_err(|_| WriterGone)
    }
}
