//! The live-reload event streams (Server-Sent Events), held by one broadcaster thread with
//! non-blocking writes: a tab that stops reading is dropped after a while, and never holds up the
//! other tabs or a thread of its own. Each stream knows the page its tab shows and the build that
//! page came from, so after a rebuild only the tabs whose page changed are told to reload.
//!
//! The protocol, one SSE event per good or failed build (`id:` is the build's number):
//! `reload` (the page changed: reload it), `styles` (only its stylesheets changed: `data` is a JSON
//! list of `[old, new]` paths in the site to swap), `unchanged` (the build left the page as it
//! was), and `failed` (`data` is the problems, as a JSON string, for the overlay).

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::diff::{Rebuild, Verdict};
use super::slots::Slot;
use crate::publish::output::Output;

/// The most event streams held open at once; past it, new ones are turned away.
pub const MAX_EVENT_STREAMS: usize = 256;
/// How long a stream may keep unsent bytes before it is dropped.
pub const STALL_LIMIT: Duration = Duration::from_secs(5);
/// How often a comment is sent, so a closed tab is noticed even when nothing is saved.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often the streams are looked at when nothing happens (for closed tabs).
const TICK: Duration = Duration::from_millis(500);
/// How soon unsent bytes are tried again.
const RETRY: Duration = Duration::from_millis(50);

/// The response head of an event stream.
pub const HEADER: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";

/// What the browser is told after a rebuild.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Nothing yet.
    None,
    /// A good rebuild: each tab is told what it changed for the tab's own page.
    Reload,
    /// A failed rebuild, with the problems as text.
    Failed(String),
}

/// Build `build`'s verdict on one tab's page as an SSE message: `reload`, `styles` with the
/// `[old, new]` stylesheet paths as JSON, or `unchanged`.
pub fn told(build: u64, verdict: &Verdict) -> String {
    match verdict {
        Verdict::Reload => format!("id: {build}\nevent: reload\ndata: {{}}\n\n"),
        Verdict::Same => format!("id: {build}\nevent: unchanged\ndata: {{}}\n\n"),
        Verdict::Styles(styles) => {
            let json = serde_json::to_string(styles).unwrap_or_else(|_| "[]".into());
            format!("id: {build}\nevent: styles\ndata: {json}\n\n")
        }
    }
}

/// A failed build `build` as an SSE message: `failed`, with the problems as a JSON string.
pub fn failed(build: u64, problems: &str) -> String {
    let json = serde_json::to_string(problems).unwrap_or_else(|_| "\"\"".into());
    format!("id: {build}\nevent: failed\ndata: {json}\n\n")
}

/// What the broadcaster is sent.
pub enum Wake {
    /// A new stream.
    Subscribe(Subscriber),
    /// Build number `.0` published `.1`; `.2` is the last good site.
    Notice(u64, Notice, Arc<Output>),
}

/// One open event stream: its socket (non-blocking), the bytes not yet sent, the build it has been
/// told about, and the tab's page: its URL path and the site it was last compared against. A stream
/// with bytes unsent is given nothing more until they are: then it is told only about the latest
/// build (its page compared against the site it last saw, so no change is missed), so what it holds
/// stays small.
pub struct Subscriber {
    stream: TcpStream,
    pending: VecDeque<u8>,
    seen: u64,
    page: Page,
    stalled_since: Option<Instant>,
    _slot: Slot,
}

/// The page an event stream's tab shows.
pub struct Page {
    /// Its URL path, as the browser asks for it; `None` for a tab that did not say, which is told
    /// to reload on every good build.
    pub path: Option<String>,
    /// The site the tab's page was taken from, or last compared against.
    pub site: Arc<Output>,
}

impl Subscriber {
    /// A stream that has been told about build `seen`, with `first` still to send, for a tab
    /// showing `page`; `slot` is given back when the stream is dropped.
    pub fn new(
        stream: TcpStream,
        first: &[u8],
        seen: u64,
        page: Page,
        slot: Slot,
    ) -> io::Result<Subscriber> {
        stream.set_nonblocking(true)?;
        Ok(Subscriber {
            stream,
            pending: first.iter().copied().collect(),
            seen,
            page,
            stalled_since: None,
            _slot: slot,
        })
    }

    /// Queues what build `build` (`notice`, with `site` the last good site) means for this tab:
    /// its page's verdict when the site is new to it, then the problems when the build failed.
    /// `rebuilds` holds the rebuilds already worked out for other tabs, and takes this one's.
    fn catch_up(
        &mut self,
        build: u64,
        notice: &Notice,
        site: &Arc<Output>,
        rebuilds: &mut Vec<Rebuild>,
    ) {
        self.seen = build;
        if !Arc::ptr_eq(&self.page.site, site) {
            let verdict = match &self.page.path {
                Some(path) => {
                    let known = rebuilds.iter().position(|r| r.is(&self.page.site, site));
                    let at = known.unwrap_or_else(|| {
                        rebuilds.push(Rebuild::new(Arc::clone(&self.page.site), Arc::clone(site)));
                        rebuilds.len() - 1
                    });
                    rebuilds[at].verdict(path)
                }
                None => Verdict::Reload,
            };
            self.page.site = Arc::clone(site);
            self.queue(&told(build, &verdict));
        }
        if let Notice::Failed(problems) = notice {
            self.queue(&failed(build, problems));
        }
    }

    /// Queues `text` to be sent.
    fn queue(&mut self, text: &str) {
        self.pending.extend(text.as_bytes());
    }

    /// Sends what the socket takes now, without waiting. `false` when the stream is done: closed by
    /// the browser, broken, or with bytes unsent for [`STALL_LIMIT`].
    pub fn pump(&mut self, now: Instant) -> bool {
        let mut scratch = [0; 512];
        match self.stream.read(&mut scratch) {
            Ok(0) => return false,
            Err(e) if e.kind() != io::ErrorKind::WouldBlock => return false,
            _ => {}
        }
        while !self.pending.is_empty() {
            let (front, _) = self.pending.as_slices();
            match self.stream.write(front) {
                Ok(0) => return false,
                Ok(sent) => drop(self.pending.drain(..sent)),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(_) => return false,
            }
        }
        if self.pending.is_empty() {
            self.stalled_since = None;
            return true;
        }
        let since = *self.stalled_since.get_or_insert(now);
        now.saturating_duration_since(since) < STALL_LIMIT
    }
}

/// Runs the streams until every sender of `wakes` is gone: each published notice goes to every
/// stream that has not been told about it, and a stream that cannot keep up is dropped.
pub fn broadcast(wakes: Receiver<Wake>) {
    let mut current: Option<(u64, Notice, Arc<Output>)> = None;
    let mut streams: Vec<Subscriber> = Vec::new();
    let mut beat = Instant::now();
    loop {
        let stalled = streams.iter().any(|s| !s.pending.is_empty());
        let first = match wakes.recv_timeout(if stalled { RETRY } else { TICK }) {
            Ok(wake) => Some(wake),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        for wake in first.into_iter().chain(wakes.try_iter()) {
            match wake {
                Wake::Subscribe(stream) => streams.push(stream),
                Wake::Notice(build, notice, site)
                    if current.as_ref().is_none_or(|(last, ..)| build > *last) =>
                {
                    current = Some((build, notice, site));
                }
                Wake::Notice(..) => {}
            }
        }
        let keep_alive = beat.elapsed() >= KEEP_ALIVE;
        if keep_alive {
            beat = Instant::now();
        }
        // Worked out once for all the tabs that saw the same site, and let go of after.
        let mut rebuilds = Vec::new();
        for stream in streams.iter_mut().filter(|s| s.pending.is_empty()) {
            match &current {
                Some((build, notice, site)) if stream.seen < *build => {
                    stream.catch_up(*build, notice, site, &mut rebuilds);
                }
                _ if keep_alive => stream.queue(": keep-alive\n\n"),
                _ => {}
            }
        }
        let now = Instant::now();
        streams.retain_mut(|stream| stream.pump(now));
    }
}

#[cfg(test)]
mod tests;
