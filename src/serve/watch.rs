//! Watching a site's files for `serve`: one message per burst of saves that concern the site, saying
//! what changed, for as long as the guard is held.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex, Weak};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{Debouncer, RecommendedCache, new_debouncer};

use super::changes;
use crate::pipeline::incremental::Changed;

/// The debounced file watcher.
type Debounced = Debouncer<RecommendedWatcher, RecommendedCache>;

/// How long the watcher waits for a burst of saves to end before it reports it: long enough for an
/// editor's save (a temporary file written and renamed, within milliseconds), short beside a
/// rebuild. Saves that come in while a rebuild runs are merged into the next one anyway.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// The folders of a site that are watched with everything in them.
const WATCHED: [&str; 3] = ["content", "templates", "themes"];

/// The file watcher: dropping it stops watching, and its threads end (the receiver then reports
/// that no more changes come).
pub struct Watching {
    debouncer: Option<Arc<Mutex<Debounced>>>,
    forward: Option<JoinHandle<()>>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        // The forwarding thread holds the watcher only weakly, so this is the last strong hold:
        // the debouncer stops, its sender goes, and the forwarding thread runs out of events.
        self.debouncer.take();
        if let Some(forward) = self.forward.take() {
            let _ = forward.join();
        }
    }
}

/// Watches the site's files and sends one message per burst of changes that concern the site, with
/// the files that changed (see [`changes::what_changed`]). The
/// root is watched alone (for `debrief.toml`, and for the site's folders appearing again after a
/// `git checkout`), not with `target/`, `public/` or `node_modules/` below it.
pub fn watch(root: &Path) -> Result<(Watching, Receiver<Changed>)> {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let (events_tx, events_rx) = channel();
    let mut debouncer =
        new_debouncer(DEBOUNCE, None, events_tx).context("cannot watch the site's files")?;
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    for folder in WATCHED.map(|f| root.join(f)).iter().filter(|f| f.is_dir()) {
        debouncer
            .watch(folder, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", folder.display()))?;
    }
    let debouncer = Arc::new(Mutex::new(debouncer));
    let watcher = Arc::downgrade(&debouncer);
    let (tx, rx) = channel();
    let forward = std::thread::spawn(move || {
        for result in events_rx {
            let Ok(events) = result else { continue };
            // Reading a file is an event too (the rebuild reads them all): only writes count.
            let paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| !e.kind.is_access() && !e.kind.is_other())
                .flat_map(|e| e.paths.iter().cloned())
                .collect();
            let shown: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
            watch_new_folders(&root, &shown, &watcher);
            if let Some(changed) = changes::what_changed(&root, &paths)
                && tx.send(changed).is_err()
            {
                return;
            }
        }
    });
    Ok((
        Watching {
            debouncer: Some(debouncer),
            forward: Some(forward),
        },
        rx,
    ))
}

/// A site folder made (again) after the start is watched from now on.
fn watch_new_folders(root: &Path, paths: &[&Path], watcher: &Weak<Mutex<Debounced>>) {
    for folder in paths
        .iter()
        .filter(|p| p.parent() == Some(root) && p.is_dir())
    {
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if WATCHED.contains(&name.as_str())
            && let Some(watcher) = watcher.upgrade()
            && let Ok(mut watcher) = watcher.lock()
        {
            let _ = watcher.watch(folder, RecursiveMode::Recursive);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::RecvTimeoutError;

    #[test]
    fn dropping_the_guard_stops_watching() {
        let site = tempfile::TempDir::new().expect("temp dir");
        std::fs::create_dir(site.path().join("content")).expect("content");
        let (guard, changes) = watch(site.path()).expect("watch");
        std::fs::write(site.path().join("content/a.md"), "saved").expect("save");
        let a = std::path::absolute(site.path().join("content/a.md")).expect("absolute");
        match changes.recv_timeout(Duration::from_secs(10)) {
            Ok(Changed::Content(paths)) => assert!(paths.contains(&a), "{paths:?}"),
            other => panic!("{other:?}"),
        }
        drop(guard);
        std::fs::write(site.path().join("content/a.md"), "saved again").expect("save");
        assert_eq!(
            changes.recv_timeout(Duration::from_secs(5)),
            Err(RecvTimeoutError::Disconnected),
            "the watcher's threads end with its guard"
        );
    }
}
