//! The search index of incremental builds. It needs every incident, and takes seconds at 10,000,
//! so a rebuild does not wait for it (unless it took less than [`SYNC_LIMIT`] last time; never the
//! first build, so the site is served before its index is ready): it is built on a thread of its
//! own from the documents of one good build and swapped in whole (every old index file out, every
//! new one in), so the site never serves a mix of two indexes. A build that comes while one runs waits for it, and the newest
//! documents are indexed next; an index made for documents that are no longer the newest is thrown
//! away.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Result;

use super::Step;
use crate::render::Files;
use crate::search::Document;
use crate::util::output_path::OutputPath;

/// An index being built: its files, and how long it took.
pub type SearchJob = JoinHandle<(Result<Files>, Duration)>;

/// An index that took less than this to build is built again within the rebuild, not beside it.
pub const SYNC_LIMIT: Duration = Duration::from_millis(100);

/// The search index's state.
#[derive(Default)]
pub(super) struct Search {
    /// The index files in the output.
    current: Vec<OutputPath>,
    /// The documents the newest index is (being) made of.
    documents: Vec<Arc<Document>>,
    /// The index being built.
    running: Option<SearchJob>,
    /// Whether the running index was started from older documents than `documents`.
    outdated: bool,
    /// How long the last index took to build.
    took: Duration,
    /// Indexes quicker than this are built within the rebuild ([`SYNC_LIMIT`] unless changed).
    pub(super) sync_limit: Option<Duration>,
}

/// Builds the index of `documents`: its files, and how long it took.
fn index(documents: &[Arc<Document>]) -> (Result<Files>, Duration) {
    let started = Instant::now();
    let owned: Vec<Document> = documents.iter().map(|d| Document::clone(d)).collect();
    (crate::render::search_files(&owned), started.elapsed())
}

/// Builds the index of `documents` on a thread of its own.
fn start(documents: &[Arc<Document>]) -> SearchJob {
    let documents = documents.to_vec();
    std::thread::spawn(move || index(&documents))
}

impl Search {
    /// No index yet, with the same limit (an index being built is left to finish, and ignored).
    pub(super) fn fresh(&self) -> Search {
        Search {
            sync_limit: self.sync_limit,
            ..Search::default()
        }
    }

    /// Takes the documents of a good build. While the index is quick to build, and not for the
    /// first build (`first`: how long it takes is not known yet), the index is built at once: the
    /// step that swaps it in. Otherwise it is built on its own thread when the documents changed
    /// (always for the first build), for [`Search::ready`].
    pub(super) fn update(
        &mut self,
        documents: Vec<Arc<Document>>,
        first: bool,
    ) -> Result<Option<Step>> {
        let same = documents.len() == self.documents.len()
            && documents
                .iter()
                .zip(&self.documents)
                .all(|(a, b)| Arc::ptr_eq(a, b));
        if same && !first {
            return Ok(None);
        }
        self.documents = documents;
        let limit = self.sync_limit.unwrap_or(SYNC_LIMIT);
        if !first && self.running.is_none() && self.took < limit {
            let (files, took) = index(&self.documents);
            self.took = took;
            return Ok(Some(self.swap(files?)));
        }
        if self.running.is_some() {
            self.outdated = true;
        } else {
            self.running = Some(start(&self.documents));
        }
        Ok(None)
    }

    /// The step that swaps in a finished index, if one is ready (`wait`: waiting for it).
    pub(super) fn ready(&mut self, wait: bool) -> Option<Step> {
        loop {
            let running = self.running.take()?;
            if !wait && !running.is_finished() {
                self.running = Some(running);
                return None;
            }
            let made = running.join();
            if self.outdated {
                self.outdated = false;
                self.running = Some(start(&self.documents));
                if wait {
                    continue;
                }
                return None;
            }
            let files = match made {
                Ok((Ok(files), took)) => {
                    self.took = took;
                    files
                }
                Ok((Err(error), _)) => {
                    eprintln!("the search index could not be built: {error:#}");
                    return None;
                }
                Err(_) => {
                    eprintln!("building the search index panicked; see the terminal");
                    return None;
                }
            };
            return Some(self.swap(files));
        }
    }

    /// The step that takes the current index out and puts `files` in.
    fn swap(&mut self, files: Files) -> Step {
        let remove = std::mem::replace(
            &mut self.current,
            files.iter().map(|(p, _)| p.clone()).collect(),
        );
        Step {
            remove,
            write: files,
            ..Step::default()
        }
    }
}
