//! A build written while it is rendered: the files go into a staging folder beside the output
//! folder a few at a time as they are inserted (see `lanes`), by a few writer threads, so the site
//! is never held whole in memory and writing overlaps rendering. The staging folder replaces the
//! output folder only when every file is written (see `swap`); until then the output folder is
//! left as it was.
//!
//! The staging folder proves to be debrief's at every instant: its marker is started first, and
//! each file is listed in it before the file or its folder is created, so a killed build leaves
//! only what the next build may remove. A file the previous build holds with the same bytes is
//! linked rather than written (see `reuse`).

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use anyhow::{Context, Result, anyhow};

use super::backlog::{Backlog, counted, lock};
use super::folder::Folder;
use super::lanes::{Job, Lanes};
use super::marker::{self, BUILD_MARK, NEXT, check_replaceable};
use super::{reuse, swap};
use crate::util::output_path::OutputPath;

/// A build being written into its staging folder.
pub struct Staging {
    /// The output folder it replaces.
    dir: PathBuf,
    /// Where the old build goes when folders cannot be exchanged.
    backup: PathBuf,
    /// The files inserted and the writers' queues.
    lanes: Mutex<Lanes>,
    writers: Vec<JoinHandle<()>>,
    shared: Arc<Shared>,
    /// Whether the staging folder is still there to be swapped in or removed.
    open: bool,
}

/// What the writers share.
struct Shared {
    /// The staging folder.
    root: PathBuf,
    /// The staging folder open, what the files are made in.
    folder: Folder,
    /// The previous build and the files its marker lists, whose unchanged files are kept.
    previous: Option<(PathBuf, HashSet<String>)>,
    /// The marker, each file appended before it is written.
    marker: Mutex<File>,
    /// Folders made so far, by path in the staging folder.
    folders: Mutex<HashSet<String>>,
    /// Bytes handed to the writers and not yet written.
    backlog: Backlog,
    /// The first failure; once there is one, nothing more is written.
    error: Mutex<Option<anyhow::Error>>,
    failed: AtomicBool,
}

impl Staging {
    /// Creates the staging folder for `dir` (in its parent, made if needed) with the start of its
    /// marker, after removing what killed builds of `dir` left, and starts the writers.
    pub fn begin(dir: &Path) -> Result<Staging> {
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = dir
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        swap::remove_leftovers(parent, &name);
        let root = swap::staging(parent, &name);
        std::fs::create_dir(&root).with_context(|| format!("cannot create {}", root.display()))?;
        let opened = Folder::open(&root)
            .with_context(|| format!("cannot open {}", root.display()))
            .and_then(|folder| {
                let marker = marker::begin(&root)
                    .with_context(|| format!("cannot write {}", root.join(BUILD_MARK).display()))?;
                Ok((folder, marker))
            });
        let (folder, marker) = match opened {
            Ok(opened) => opened,
            Err(error) => {
                let _ = marker::remove(&root);
                return Err(error);
            }
        };
        let previous = marker::read(dir)
            .ok()
            .map(|listed| (dir.to_path_buf(), listed.into_iter().collect()));
        let shared = Arc::new(Shared {
            root,
            folder,
            previous,
            marker: Mutex::new(marker),
            folders: Mutex::new(HashSet::new()),
            backlog: Backlog::default(),
            error: Mutex::new(None),
            failed: AtomicBool::new(false),
        });
        let mut staging = Staging {
            dir: dir.to_path_buf(),
            backup: swap::backup(parent, &name),
            lanes: Mutex::new(Lanes::default()),
            writers: Vec::new(),
            shared,
            open: true,
        };
        let lanes = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
        for n in 0..lanes {
            let (lane, jobs) = channel();
            let shared = Arc::clone(&staging.shared);
            let writer = std::thread::Builder::new()
                .name(format!("debrief-write-{n}"))
                .spawn(move || work(&shared, &jobs))
                .context("cannot start a thread to write the site")?;
            lock(&staging.lanes).add(lane);
            staging.writers.push(writer);
        }
        Ok(staging)
    }

    /// Queues one file (replacing one inserted before at the same path), waiting while too many
    /// bytes wait for the writers; `false` when a file was inserted at `path` before. The file is
    /// written once its writer's queue has gathered a few, or at [`Staging::commit`]. A failure is
    /// kept for [`Staging::commit`]. Several threads may insert at once.
    pub fn insert(&self, path: OutputPath, bytes: Vec<u8>) -> bool {
        if self.shared.failed.load(Ordering::Relaxed) {
            return true;
        }
        if [BUILD_MARK, NEXT].contains(&path.as_str()) {
            self.shared.fail(anyhow!(
                "the site would write {path}, the name debrief keeps for its marker"
            ));
            return true;
        }
        let (backlog, stop) = (&self.shared.backlog, &self.shared.failed);
        let pushed = lock(&self.lanes).push(path, bytes, backlog, stop);
        pushed.unwrap_or_else(|_| {
            self.shared
                .fail(anyhow!("a thread writing the site stopped"));
            true
        })
    }

    /// Whether a file was inserted at `path`.
    pub fn contains(&self, path: &str) -> bool {
        lock(&self.lanes).paths.contains(path)
    }

    /// How many files were inserted.
    pub fn len(&self) -> usize {
        lock(&self.lanes).paths.len()
    }

    /// Waits for every file to be written, finishes the marker, checks that the output folder may
    /// still be replaced ([`check_replaceable`]) and swaps the staging folder in, then removes the
    /// old build. When anything fails, the output folder is left as it was and the staging folder
    /// is removed.
    pub fn commit(mut self) -> Result<()> {
        let root = self.shared.root.clone();
        let swapped = self
            .stop_writers()
            .and_then(|()| {
                marker::finish(&root, &lock(&self.lanes).paths)
                    .with_context(|| format!("cannot write {}", root.join(BUILD_MARK).display()))
            })
            .and_then(|()| {
                check_replaceable(&self.dir)
                    .map_err(|why| anyhow!("refusing to build into {}: {why}", self.dir.display()))
            })
            .and_then(|()| {
                swap::swap_in(&root, &self.dir, &self.backup).with_context(|| {
                    format!("cannot move the new site into {}", self.dir.display())
                })
            });
        self.open = false;
        match swapped {
            Ok(old) => {
                if let Some(old) = old {
                    let _ = marker::remove(&old);
                }
                Ok(())
            }
            Err(error) => {
                let _ = marker::remove(&root);
                Err(error)
            }
        }
    }

    /// Hands the files still gathered to the writers, closes their queues and waits for them: the
    /// first failure, if any.
    fn stop_writers(&mut self) -> Result<()> {
        let mut lanes = lock(&self.lanes);
        let flushed = lanes.flush(&self.shared.backlog, &self.shared.failed);
        lanes.close();
        drop(lanes);
        if flushed.is_err() {
            self.shared
                .fail(anyhow!("a thread writing the site stopped"));
        }
        for writer in self.writers.drain(..) {
            if writer.join().is_err() {
                self.shared
                    .fail(anyhow!("a thread writing the site failed unexpectedly"));
            }
        }
        match lock(&self.shared.error).take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

impl Drop for Staging {
    /// A build dropped before [`Staging::commit`] (rendering failed) removes its staging folder.
    fn drop(&mut self) {
        if self.open {
            self.shared.failed.store(true, Ordering::Relaxed);
            let _ = self.stop_writers();
            let _ = marker::remove(&self.shared.root);
        }
    }
}

impl std::fmt::Debug for Staging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staging")
            .field("dir", &self.dir)
            .field("root", &self.shared.root)
            .field("files", &self.len())
            .finish_non_exhaustive()
    }
}

/// How many queued files a writer takes at once: their new paths go into the marker in one write.
const BATCH: usize = 64;

/// A writer: writes the files of its queue until it is closed, taking those handed over together
/// (and those already waiting, up to [`BATCH`]) so that the marker lists them all before any of
/// them is written.
fn work(shared: &Shared, jobs: &Receiver<Vec<Job>>) {
    let _stopped = Stopped(shared);
    for mut batch in jobs {
        while batch.len() < BATCH
            && let Ok(more) = jobs.try_recv()
        {
            batch.extend(more);
        }
        if !shared.failed.load(Ordering::Relaxed)
            && let Err(error) = shared.list(&batch)
        {
            shared.fail(error);
        }
        for job in batch.drain(..) {
            if !shared.failed.load(Ordering::Relaxed)
                && let Err(error) = shared.write(&job)
            {
                shared.fail(error);
            }
            shared.backlog.release(counted(job.bytes.len()));
        }
    }
}

/// The marker's lines for the files of `batch` not listed before, in order.
fn new_lines(batch: &[Job]) -> String {
    let mut lines = String::new();
    for job in batch.iter().filter(|job| !job.again) {
        marker::push_line(&mut lines, job.path.as_str());
    }
    lines
}

/// Reports a writer that stops by panicking, so that nothing waits for it.
struct Stopped<'a>(&'a Shared);

impl Drop for Stopped<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0
                .fail(anyhow!("a thread writing the site failed unexpectedly"));
            self.0.backlog.wake_all();
        }
    }
}

impl Shared {
    /// Lists in the marker, in one write, the files of `batch` not listed before.
    fn list(&self, batch: &[Job]) -> Result<()> {
        let lines = new_lines(batch);
        if lines.is_empty() {
            return Ok(());
        }
        lock(&self.marker)
            .write_all(lines.as_bytes())
            .with_context(|| format!("cannot write {}", self.root.join(BUILD_MARK).display()))
    }

    /// Makes the folder of a file [`Shared::list`] listed and writes the file (or links the
    /// previous build's file when it holds the same bytes). Never writes through an existing file,
    /// which could be a link to the previous build's.
    fn write(&self, job: &Job) -> Result<()> {
        let file = job.path.as_str();
        if job.again {
            match self.folder.remove_file(file) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                    return Err(error).with_context(|| {
                        format!("cannot replace {}", self.folder.join(file).display())
                    });
                }
                _ => {}
            }
        }
        if let Some((folder, _)) = file.rsplit_once('/') {
            self.make_folders(folder)?;
        }
        if let Some((dir, listed)) = &self.previous
            && listed.contains(file)
            && reuse::link_unchanged(&dir.join(file), &job.bytes, &self.folder.join(file))
        {
            return Ok(());
        }
        self.folder
            .create_new(file)
            .and_then(|mut made| made.write_all(&job.bytes))
            .with_context(|| format!("cannot write {}", self.folder.join(file).display()))
    }

    /// Makes `folder` and the folders it is in that are not made yet, outermost first, so that
    /// each takes one system call.
    fn make_folders(&self, folder: &str) -> Result<()> {
        let ends = folder.match_indices('/').map(|(at, _)| at);
        for end in ends.chain([folder.len()]) {
            let part = &folder[..end];
            if lock(&self.folders).contains(part) {
                continue;
            }
            self.folder
                .create_dir_all(part)
                .with_context(|| format!("cannot create {}", self.folder.join(part).display()))?;
            lock(&self.folders).insert(part.to_string());
        }
        Ok(())
    }

    /// Keeps the first failure and stops the writing.
    fn fail(&self, error: anyhow::Error) {
        lock(&self.error).get_or_insert(error);
        self.failed.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_lists_each_new_file_once_in_order_and_no_file_listed_before() {
        let job = |path: &str, again: bool| Job {
            path: OutputPath::new(path).unwrap(),
            bytes: Vec::new(),
            again,
        };
        let batch = [
            job("b/index.html", false),
            job("a ø.html", false),
            job("b/index.html", true),
            job("c.css", false),
        ];
        assert_eq!(
            new_lines(&batch),
            "\"b/index.html\"\n\"a ø.html\"\n\"c.css\"\n"
        );
        assert_eq!(new_lines(&batch[2..3]), "");
    }
}
