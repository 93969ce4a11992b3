//! The live-reload event streams (Server-Sent Events), held by one broadcaster thread with
//! non-blocking writes: a tab that stops reading is dropped after a while, and never holds up the
//! other tabs or a thread of its own.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::slots::Slot;

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
    /// A good rebuild: reload.
    Reload,
    /// A failed rebuild, with the problems as text.
    Failed(String),
}

/// A notice as an SSE message (`reload`, or `failed` with the problems as a JSON string).
pub fn message(notice: &Notice) -> String {
    match notice {
        Notice::Failed(problems) => format!("event: failed\ndata: {}\n\n", json_string(problems)),
        Notice::Reload | Notice::None => "event: reload\ndata: {}\n\n".to_string(),
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// What the broadcaster is sent.
pub enum Wake {
    /// A new stream.
    Subscribe(Subscriber),
    /// Build number `.0` published `.1`.
    Notice(u64, Notice),
}

/// One open event stream: its socket (non-blocking), the bytes not yet sent, and the build it has
/// been told about. A stream with bytes unsent is given nothing more until they are: then it is told
/// only about the latest build, so what it holds stays small.
pub struct Subscriber {
    stream: TcpStream,
    pending: VecDeque<u8>,
    seen: u64,
    stalled_since: Option<Instant>,
    _slot: Slot,
}

impl Subscriber {
    /// A stream that has been told about build `seen`, with `first` still to send; `slot` is
    /// given back when the stream is dropped.
    pub fn new(stream: TcpStream, first: &[u8], seen: u64, slot: Slot) -> io::Result<Subscriber> {
        stream.set_nonblocking(true)?;
        Ok(Subscriber {
            stream,
            pending: first.iter().copied().collect(),
            seen,
            stalled_since: None,
            _slot: slot,
        })
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
    let mut current = (0, Notice::None);
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
                Wake::Notice(build, notice) if build > current.0 => current = (build, notice),
                Wake::Notice(..) => {}
            }
        }
        let keep_alive = beat.elapsed() >= KEEP_ALIVE;
        if keep_alive {
            beat = Instant::now();
        }
        for stream in streams.iter_mut().filter(|s| s.pending.is_empty()) {
            if stream.seen < current.0 {
                stream.seen = current.0;
                stream.queue(&message(&current.1));
            } else if keep_alive {
                stream.queue(": keep-alive\n\n");
            }
        }
        let now = Instant::now();
        streams.retain_mut(|stream| stream.pump(now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::http::tests::pair;
    use crate::serve::slots::Slots;

    /// A stream whose socket is full: 16 MB is more than any socket takes.
    fn stalled(slots: &Slots) -> (TcpStream, Subscriber) {
        let (client, server) = pair();
        let slot = slots.take().expect("a slot");
        let stream = Subscriber::new(server, &vec![b'x'; 16 << 20], 0, slot).expect("stream");
        (client, stream)
    }

    #[test]
    fn a_stream_nobody_reads_never_blocks_and_is_dropped_when_stalled() {
        let slots = Slots::new(1);
        let (_client, mut stream) = stalled(&slots);
        let started = Instant::now();
        assert!(stream.pump(started), "kept while it may still catch up");
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "pump waited"
        );
        assert!(!stream.pending.is_empty(), "more than a socket takes");
        assert!(!stream.pump(started + STALL_LIMIT), "dropped once stalled");
        drop(stream);
        assert_eq!(slots.open(), 0, "its slot is given back");
    }

    #[test]
    fn a_stalled_stream_does_not_hold_up_the_others() {
        let slots = Slots::new(2);
        let (_stuck, stalled) = stalled(&slots);
        let (reader, server) = pair();
        let open = Subscriber::new(server, HEADER.as_bytes(), 0, slots.take().expect("slot"))
            .expect("stream");
        let (wake, wakes) = std::sync::mpsc::channel();
        let broadcaster = std::thread::spawn(move || broadcast(wakes));
        wake.send(Wake::Subscribe(stalled)).expect("send");
        wake.send(Wake::Subscribe(open)).expect("send");
        wake.send(Wake::Notice(1, Notice::Reload)).expect("send");
        reader
            .set_read_timeout(Some(Duration::from_secs(2)))
            .expect("timeout");
        let mut text = String::new();
        let mut reader = std::io::BufReader::new(reader);
        while !text.ends_with("event: reload\n") {
            let read = std::io::BufRead::read_line(&mut reader, &mut text);
            assert!(read.is_ok_and(|n| n > 0), "no reload within 2 s: {text}");
        }
        drop(wake);
        broadcaster
            .join()
            .expect("the broadcaster ends with its senders");
    }

    #[test]
    fn a_closed_stream_is_dropped_and_a_reading_one_gets_everything() {
        let slots = Slots::new(2);
        let (closed, server) = pair();
        let mut gone = Subscriber::new(server, b"", 0, slots.take().expect("slot")).expect("s");
        drop(closed);
        std::thread::sleep(Duration::from_millis(50));
        assert!(!gone.pump(Instant::now()), "a closed tab is noticed");

        let (mut reader, server) = pair();
        let mut open = Subscriber::new(server, HEADER.as_bytes(), 0, slots.take().expect("slot"))
            .expect("stream");
        open.queue(&message(&Notice::Failed("a \"b\"".into())));
        assert!(open.pump(Instant::now()));
        assert!(open.pending.is_empty());
        drop(open);
        let mut text = String::new();
        reader.read_to_string(&mut text).expect("read");
        assert!(
            text.ends_with("event: failed\ndata: \"a \\\"b\\\"\"\n\n"),
            "{text}"
        );
    }
}
