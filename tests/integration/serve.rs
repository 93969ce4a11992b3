//! `debrief serve` end to end: the site served from memory, rebuilt on save, the browser told over
//! Server-Sent Events, the last good site kept when a save breaks it, nothing outside the site served.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::fixture;

/// A running `debrief serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) address: String,
    /// Kept open, so the server can still write to it.
    _stdout: BufReader<std::process::ChildStdout>,
    /// What the server printed to stderr so far.
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Waits up to 15 seconds for stderr to contain `text`; what it holds then.
    fn wait_for_stderr(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let printed = self.stderr.lock().expect("stderr").clone();
            if printed.contains(text) || started.elapsed() > Duration::from_secs(15) {
                return printed;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start(root: &std::path::Path, port: &str) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("debrief"))
        .arg("-C")
        .arg(root)
        .args(["serve", "--port", port, "--now", "2025-07-15"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut lines = BufReader::new(child.stderr.take().expect("stderr"));
    let printed = Arc::clone(&stderr);
    std::thread::spawn(move || {
        let mut line = String::new();
        while lines.read_line(&mut line).is_ok_and(|n| n > 0) {
            printed.lock().expect("stderr").push_str(&line);
            line.clear();
        }
    });
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    stdout.read_line(&mut line).expect("a line");
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect(&line)
        .to_string();
    Server {
        child,
        address,
        _stdout: stdout,
        stderr,
    }
}

/// `GET path`: the status line and the body.
pub(crate) fn get(address: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or_default().to_string(),
        body.to_string(),
    )
}

/// Polls `GET path` until its body satisfies `done`, for up to 15 seconds.
pub(crate) fn wait_for(address: &str, path: &str, done: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let (_, body) = get(address, path);
        if done(&body) || started.elapsed() > Duration::from_secs(15) {
            return body;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The next event's name line (`event: reload`), skipping keep-alive comments, within 30 seconds.
pub(crate) fn next_event(events: &mut BufReader<TcpStream>) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut line = String::new();
    while !line.starts_with("event: ") {
        assert!(Instant::now() < deadline, "no event within 30 s");
        line.clear();
        events.read_line(&mut line).expect("an event");
    }
    line.trim_end().to_string()
}

/// The next event on `events` other than `unchanged`. A search index swapped in after a build tells
/// every open tab whose page it left alone that it is unchanged, and may do so before the event a
/// test waits for.
pub(crate) fn next_change(events: &mut BufReader<TcpStream>) -> String {
    loop {
        let event = next_event(events);
        if event != "event: unchanged" {
            return event;
        }
    }
}

#[test]
fn pages_are_served_rebuilt_on_save_and_kept_when_a_save_breaks() {
    let site = fixture("basic");
    let server = start(site.path(), "0");
    let (status, page) = get(&server.address, "/incidents/cache/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(page.contains("Checkout latency after a cache node failure"));
    assert!(
        page.contains("<script src=\"/__debrief/reload.js\" data-build=\"0\"></script></body>"),
        "the reload script is injected"
    );
    let (status, draft) = get(&server.address, "/incidents/draft/");
    assert_eq!(status, "HTTP/1.1 200 OK", "drafts are previewed");
    assert!(draft.contains("A draft still being written"), "{draft}");
    assert_eq!(
        get(&server.address, "/incidents/cache").0,
        "HTTP/1.1 301 Moved Permanently"
    );
    assert!(
        get(&server.address, "/__debrief/reload.js")
            .1
            .contains("EventSource")
    );

    // The stream is open (its headers read) before anything is saved. It is a tab showing the
    // cache incident: a tab with no page is told to reload on every new site, the search index
    // swapped in after a build included, which may come after any of the events below.
    let mut events = listening_with(&server.address, "since=0&path=%2Fincidents%2Fcache%2F");
    let file = site.path().join("content/2025/cache.md");
    let text = std::fs::read_to_string(&file).expect("read");
    retitle_cache(site.path());
    let page = wait_for(&server.address, "/incidents/cache/", |b| {
        b.contains("Checkout slowness")
    });
    assert!(
        page.contains("Checkout slowness after a cache node failure"),
        "rebuilt after a save"
    );
    assert_eq!(next_change(&mut events), "event: reload");

    std::fs::write(
        &file,
        text.replace("severity = \"sev2\"", "severity = \"sev9\""),
    )
    .expect("save");
    assert_eq!(next_change(&mut events), "event: failed");
    let mut data = String::new();
    events.read_line(&mut data).expect("data");
    assert!(data.contains("unknown severity `sev9`"), "{data}");
    let page = get(&server.address, "/incidents/cache/").1;
    assert!(
        page.contains("Checkout slowness"),
        "the last good site is kept"
    );

    std::fs::write(&file, text.replace("Checkout latency", "Checkout slowness")).expect("fix");
    wait_for(&server.address, "/incidents/cache/", |b| {
        b.contains("Checkout slowness")
    });
    assert_eq!(
        get(&server.address, "/incidents/internal/").0,
        "HTTP/1.1 200 OK",
        "internal incidents are previewed"
    );
    std::fs::remove_file(site.path().join("content/2025/internal.md")).expect("delete");
    let (status, _) = {
        let started = Instant::now();
        loop {
            let got = get(&server.address, "/incidents/internal/");
            if got.0.contains("404") || started.elapsed() > Duration::from_secs(15) {
                break got;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    assert_eq!(
        status, "HTTP/1.1 404 Not Found",
        "a deleted post-mortem leaves the site"
    );
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = fixture("basic");
    let server = start(site.path(), "0");
    for path in [
        "/../debrief.toml",
        "/%2e%2e/debrief.toml",
        "/incidents/..%2F..%2Fdebrief.toml",
        "//etc/passwd",
    ] {
        let (status, body) = get(&server.address, path);
        assert_eq!(status, "HTTP/1.1 403 Forbidden", "{path}");
        assert!(!body.contains("Fixture archive"), "{path}");
    }
    for path in ["/%+1", "/incidents/%-1/", "/%2"] {
        assert_eq!(
            get(&server.address, path).0,
            "HTTP/1.1 400 Bad Request",
            "{path}: a % takes two hex digits"
        );
    }
    assert_eq!(
        get(&server.address, "/no/such/page/").0,
        "HTTP/1.1 404 Not Found"
    );
}

#[test]
fn a_busy_port_says_so() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let site = fixture("basic");
    let output = Command::new(assert_cmd::cargo::cargo_bin("debrief"))
        .arg("-C")
        .arg(site.path())
        .args(["serve", "--port", &port])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("port {port} is busy")) && stderr.contains("--port"),
        "{stderr}"
    );
}

#[test]
fn a_changed_config_rebuilds_the_site() {
    let site = fixture("basic");
    let server = start(site.path(), "0");
    let config = std::fs::read_to_string(site.path().join("debrief.toml")).expect("config");
    site.write(
        "debrief.toml",
        &config.replace("Fixture archive", "Renamed archive"),
    );
    let page = wait_for(&server.address, "/", |b| b.contains("Renamed archive"));
    assert!(
        page.contains("Renamed archive"),
        "the config is read again: {page}"
    );
}

#[test]
fn a_trickled_request_is_cut_off_by_its_deadline() {
    let site = fixture("basic");
    let server = start(site.path(), "0");
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream.set_nonblocking(true).expect("non-blocking");
    let started = Instant::now();
    let mut head = b"GET / HTTP/1.1\r\nX-Slow: "
        .iter()
        .chain(std::iter::repeat(&b'a'));
    let mut answer = Vec::new();
    // A byte each 300 ms, for at most 12 s: no single read waits long, the whole head forever.
    let closed = loop {
        if started.elapsed() > Duration::from_secs(12) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(300));
        let mut buf = [0; 256];
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => break true,
        }
        let byte = *head.next().expect("endless");
        if stream.write_all(&[byte]).is_err() {
            break true;
        }
    };
    let took = started.elapsed();
    assert!(closed, "still open after {took:?}");
    assert!(took < Duration::from_secs(8), "closed after {took:?}");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

/// Opens an event stream: the request sent, nothing read.
fn open_events(address: &str) -> TcpStream {
    open_events_with(address, "since=0")
}

/// Opens an event stream with `query`: the request sent, nothing read.
fn open_events_with(address: &str, query: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET /__debrief/events?{query} HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .expect("send");
    stream
}

/// An event stream whose response headers have been read, so it is known to be listening.
fn listening(address: &str) -> BufReader<TcpStream> {
    listening_with(address, "since=0")
}

/// An event stream opened with `query`, its response headers read.
pub(crate) fn listening_with(address: &str, query: &str) -> BufReader<TcpStream> {
    let events = open_events_with(address, query);
    events
        .set_read_timeout(Some(Duration::from_secs(15)))
        .expect("timeout");
    let mut events = BufReader::new(events);
    let mut header = String::new();
    while header != "\r\n" {
        header.clear();
        events.read_line(&mut header).expect("headers");
    }
    events
}

/// Saves the fixture's cache incident with a new title.
pub(crate) fn retitle_cache(site: &std::path::Path) {
    let file = site.join("content/2025/cache.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("Checkout latency", "Checkout slowness")).expect("save");
}

#[test]
fn open_event_streams_do_not_lock_the_pages_out() {
    let site = fixture("basic");
    let server = start(site.path(), "0");
    // More tabs than requests served at once, none of them reading.
    let idle: Vec<TcpStream> = (0..130).map(|_| open_events(&server.address)).collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let (status, page) = get(&server.address, "/incidents/cache/");
    assert_eq!(status, "HTTP/1.1 200 OK", "a page with 130 tabs open");
    assert!(page.contains("Checkout latency"));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "answered after {:?}",
        started.elapsed()
    );

    let mut events = listening(&server.address);
    retitle_cache(site.path());
    assert_eq!(next_change(&mut events), "event: reload");
    drop(idle);
}

#[test]
fn a_template_that_does_not_render_is_said_in_the_terminal() {
    let site = fixture("basic");
    site.write("templates/extra.html", "<p>{{ title }}</p>");
    let server = start(site.path(), "0");
    site.write("templates/extra.html", "<p>{% if %}</p>");
    let printed = server.wait_for_stderr("rebuild failed");
    assert!(
        printed.contains("rebuild failed: invalid template extra.html"),
        "{printed}"
    );
    assert_eq!(
        get(&server.address, "/incidents/cache/").0,
        "HTTP/1.1 200 OK",
        "the last good site is kept"
    );
}
