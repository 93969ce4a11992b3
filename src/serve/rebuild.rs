//! The rebuild loop of `serve`: each burst of saves rebuilds the site incrementally, and the new
//! site is handed to [`Live`] whole. The output is kept in two copies, the one served and a spare
//! one step behind, so a rebuild changes only the files it rendered instead of copying the site.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::{Live, Notice, build};
use crate::pipeline::incremental::{Changed, Incremental, Step};
use crate::publish::output::Output;
use crate::util::output_path::OutputPath;

/// How often a finished search index is looked for while nothing is saved.
const SEARCH_POLL: Duration = Duration::from_millis(50);
/// How long a spare copy waits for the requests still reading it.
const SPARE_WAIT: Duration = Duration::from_millis(200);

/// The served output and a spare copy of the one before, with what the spare lacks.
struct Buffers {
    served: Arc<Output>,
    spare: Option<Output>,
    /// The paths the last step removed and wrote (the spare lacks them), or `None` after a step
    /// that replaced everything.
    lag: Option<(Vec<OutputPath>, Vec<OutputPath>)>,
}

impl Buffers {
    /// The output with `step` applied, made from the spare when there is one.
    fn next(&mut self, step: Step) -> Output {
        let mut output = match (self.spare.take(), self.lag.take()) {
            (Some(mut spare), Some((removed, written))) => {
                for path in &removed {
                    spare.files.remove(path.as_str());
                }
                for path in written {
                    if let Some(bytes) = self.served.files.get(path.as_str()) {
                        spare.files.insert(path, bytes.clone());
                    }
                }
                spare
            }
            _ => {
                let mut copy = Output::default();
                copy.files = self.served.files.clone();
                copy
            }
        };
        self.lag = (!step.replace).then(|| {
            (
                step.remove.clone(),
                step.write.iter().map(|(p, _)| p.clone()).collect(),
            )
        });
        step.apply(&mut output);
        output
    }

    /// After `next`'s output was published as `served`: the old one becomes the spare once no
    /// request reads it any more.
    fn published(&mut self, served: Arc<Output>) {
        let mut old = std::mem::replace(&mut self.served, served);
        let waited = Instant::now();
        self.spare = loop {
            match Arc::try_unwrap(old) {
                Ok(output) => break Some(output),
                Err(still) if waited.elapsed() < SPARE_WAIT => {
                    old = still;
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(_) => break None,
            }
        };
    }
}

/// Rebuilds `site` on every change `changes` reports, and swaps in search indexes as they are
/// ready, until the watcher stops.
pub(super) fn rebuild(live: &Live, mut site: Incremental, changes: &Receiver<Changed>) {
    let served = live.site();
    // The spare is made now, while nothing is saved yet, not on the first save.
    let mut spare = Output::default();
    spare.files = served.files.clone();
    let mut buffers = Buffers {
        served,
        spare: Some(spare),
        lag: Some((Vec::new(), Vec::new())),
    };
    let publish = |buffers: &mut Buffers, step: Step| {
        let output = buffers.next(step);
        live.publish(Some(output), Notice::Reload);
        buffers.published(live.site());
    };
    loop {
        let mut changed = match changes.recv_timeout(SEARCH_POLL) {
            Ok(changed) => changed,
            Err(RecvTimeoutError::Timeout) => {
                if let Some(step) = site.search_ready() {
                    let files = step.write.len();
                    publish(&mut buffers, step);
                    eprintln!("search index swapped in ({files} files)");
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // Saves that came in while the last build ran need one build, not one each.
        while let Ok(more) = changes.try_recv() {
            changed = super::changes::merge(changed, more);
        }
        // A panic in a build must not end the rebuilding for the rest of the session; the next
        // build starts from scratch.
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(&mut site, &changed)))
                .unwrap_or_else(|_| {
                    site.reset();
                    Err(anyhow::anyhow!("the build panicked; see the terminal"))
                });
        match result {
            Ok(Ok(step)) => publish(&mut buffers, step),
            Ok(Err(problems)) => live.publish(None, Notice::Failed(problems)),
            Err(error) => {
                // A theme that does not render: said here too, not only over the page.
                eprintln!("rebuild failed: {error:#}; still serving the last good build");
                live.publish(None, Notice::Failed(format!("{error:#}")));
            }
        }
    }
}
