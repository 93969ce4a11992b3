//! The dev server's HTTP: reading a request line, mapping a URL path to a file of the in-memory site
//! (never to anything outside it), and writing responses.

use crate::util::percent;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A request as the server needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// `GET` or `HEAD` (others are refused).
    pub method: String,
    /// The path, without query or fragment, still percent-encoded.
    pub path: String,
    /// The query after `?`, if any.
    pub query: Option<String>,
}

/// The most a request head (request line and headers) may take.
pub const MAX_HEAD: u64 = 16 * 1024;
/// How long a client has to send its whole request head, however it trickles it.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(5);
/// How long a response has to be written, however slowly the client reads it.
pub const WRITE_DEADLINE: Duration = Duration::from_secs(10);

/// Why no request was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadError {
    /// The client went away (or sent nothing at all).
    Gone,
    /// Not an HTTP request.
    NotHttp,
    /// The head did not arrive by its deadline.
    TooSlow,
}

/// A stream whose reads and writes all end by one deadline: each waits at most for the time left,
/// and none starts once it has passed.
pub struct ByDeadline<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl<'a> ByDeadline<'a> {
    /// `stream`, until `deadline`.
    pub fn new(stream: &'a TcpStream, deadline: Instant) -> Self {
        ByDeadline { stream, deadline }
    }

    /// The time left, or `TimedOut` once there is none.
    fn left(&self) -> io::Result<Duration> {
        self.deadline
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
            .ok_or_else(|| io::Error::new(io::ErrorKind::TimedOut, "past the deadline"))
    }
}

impl Read for ByDeadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.stream.set_read_timeout(Some(self.left()?))?;
        self.stream.read(buf)
    }
}

impl Write for ByDeadline<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.set_write_timeout(Some(self.left()?))?;
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

/// What a failed read of the head means: a timeout is a slow client, anything else a gone one.
fn read_error(error: &io::Error) -> HeadError {
    match error.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => HeadError::TooSlow,
        _ => HeadError::Gone,
    }
}

/// Reads the request line and skips the headers, within [`MAX_HEAD`] bytes and by `deadline`.
pub fn read_request(stream: &TcpStream, deadline: Instant) -> Result<Request, HeadError> {
    let mut reader = BufReader::new(ByDeadline::new(stream, deadline).take(MAX_HEAD));
    let mut line = Vec::new();
    match reader.read_until(b'\n', &mut line) {
        Ok(0) => return Err(HeadError::Gone),
        Ok(_) => {}
        Err(error) => return Err(read_error(&error)),
    }
    let line = String::from_utf8_lossy(&line);
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::NotHttp);
    };
    if !version.starts_with("HTTP/") {
        return Err(HeadError::NotHttp);
    }
    let target = target.split('#').next().unwrap_or("/");
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path.to_string(), Some(query.to_string())),
        None => (target.to_string(), None),
    };
    // Headers are skipped as bytes: they need not be UTF-8, and none is needed.
    let mut header = Vec::new();
    loop {
        header.clear();
        match reader.read_until(b'\n', &mut header) {
            Ok(0) => return Err(HeadError::NotHttp),
            Ok(_) if header == b"\r\n" || header == b"\n" => break,
            Ok(_) => {}
            Err(error) => return Err(read_error(&error)),
        }
    }
    Ok(Request {
        method: method.to_string(),
        path,
        query,
    })
}

/// Where a URL path leads in the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by its path in the output (`incidents/x/index.html`).
    File(String),
    /// A folder asked for without its slash: redirect to this path.
    Redirect(String),
    /// Not in the site.
    Missing,
    /// A path that tries to leave the site (`..`, encoded dots, backslashes, NUL): refused.
    Forbidden,
    /// A `%` not followed by two hex digits: not a URL.
    BadEscape,
}

/// Maps `path` to a file, given whether a file exists (`exists(rel)`).
pub fn resolve(path: &str, exists: impl Fn(&str) -> bool) -> Target {
    let decoded = match percent::decode(path) {
        Ok(decoded) => decoded,
        Err(percent::Undecodable::BadEscape) => return Target::BadEscape,
        Err(percent::Undecodable::NotUtf8) => return Target::Forbidden,
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) || decoded.starts_with("//") {
        return Target::Forbidden;
    }
    let rel = &decoded[1..];
    if rel
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Target::Forbidden;
    }
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::Missing
        };
    }
    if exists(rel) {
        return Target::File(rel.to_string());
    }
    if exists(&format!("{rel}/index.html")) {
        return Target::Redirect(format!("{path}/"));
    }
    Target::Missing
}

/// The MIME type for a file name.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("feed.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Writes a whole response (no body for `HEAD`) within [`WRITE_DEADLINE`]: a client that reads
/// too slowly is cut off.
pub fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    head: bool,
) {
    let mut text = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    let mut out = ByDeadline::new(stream, Instant::now() + WRITE_DEADLINE);
    let _ = out
        .write_all(text.as_bytes())
        .and_then(|()| if head { Ok(()) } else { out.write_all(body) })
        .and_then(|()| out.flush());
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::net::TcpListener;

    /// A connected pair of sockets on 127.0.0.1: (client, server's end).
    pub(crate) fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let client = TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
        let (server, _) = listener.accept().expect("accept");
        (client, server)
    }

    #[test]
    fn a_bad_escape_is_a_bad_request() {
        for bad in ["/%+1", "/%-1", "/%+f", "/% 1", "/%1", "/%", "/%zz", "/%1g"] {
            assert_eq!(resolve(bad, |_| true), Target::BadEscape, "{bad}");
        }
    }

    #[test]
    fn a_head_is_read_with_its_query() {
        let (mut client, server) = pair();
        client
            .write_all(b"GET /a/b?since=3 HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("send");
        let request = read_request(&server, Instant::now() + Duration::from_secs(5));
        assert_eq!(
            request,
            Ok(Request {
                method: "GET".into(),
                path: "/a/b".into(),
                query: Some("since=3".into()),
            })
        );
    }

    #[test]
    fn a_trickled_head_is_cut_off_at_its_deadline() {
        let (mut client, server) = pair();
        // A byte each 50 ms: no single read waits long, but the whole head would take 2 s.
        let trickle = std::thread::spawn(move || {
            for byte in b"GET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa\r\n\r\n" {
                if client.write_all(&[*byte]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        let started = Instant::now();
        let request = read_request(&server, started + Duration::from_millis(500));
        let took = started.elapsed();
        assert_eq!(request, Err(HeadError::TooSlow));
        assert!(took < Duration::from_millis(1200), "cut off after {took:?}");
        drop(server);
        trickle.join().expect("trickle");
    }

    #[test]
    fn a_client_that_does_not_read_is_cut_off_at_the_write_deadline() {
        let (_client, server) = pair();
        let started = Instant::now();
        let mut out = ByDeadline::new(&server, started + Duration::from_millis(300));
        let written = out.write_all(&vec![b'x'; 64 << 20]);
        let took = started.elapsed();
        assert!(written.is_err(), "64 MB fit into a socket nobody reads");
        assert!(took < Duration::from_secs(2), "cut off after {took:?}");
    }

    fn site(rel: &str) -> bool {
        [
            "index.html",
            "incidents/x/index.html",
            "static/style.css",
            "incidents/x/diagram.svg",
        ]
        .contains(&rel)
    }

    #[test]
    fn paths_map_to_files_folders_and_redirects() {
        assert_eq!(resolve("/", site), Target::File("index.html".into()));
        assert_eq!(
            resolve("/incidents/x/", site),
            Target::File("incidents/x/index.html".into())
        );
        assert_eq!(
            resolve("/incidents/x", site),
            Target::Redirect("/incidents/x/".into())
        );
        assert_eq!(
            resolve("/static/style.css", site),
            Target::File("static/style.css".into())
        );
        assert_eq!(
            resolve("/incidents/x/diagram%2Esvg", site),
            Target::File("incidents/x/diagram.svg".into())
        );
        assert_eq!(resolve("/nope/", site), Target::Missing);
    }

    #[test]
    fn paths_outside_the_site_are_refused() {
        for evil in [
            "/../debrief.toml",
            "/incidents/../../etc/passwd",
            "/%2e%2e/debrief.toml",
            "/%2E%2E%2Fdebrief.toml",
            "/incidents\\..\\x",
            "//etc/passwd",
            "/a%00b",
            "/%ff",
            "relative",
            "/./index.html",
        ] {
            assert_eq!(resolve(evil, |_| true), Target::Forbidden, "{evil}");
        }
    }

    #[test]
    fn types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("actions.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("x.bin"), "application/octet-stream");
    }
}
