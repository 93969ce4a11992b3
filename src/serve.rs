//! `debrief serve`: the site built into memory, served on localhost, rebuilt when a writer saves,
//! and reloaded in the browser through Server-Sent Events. A failed rebuild keeps the last good site
//! and shows the problems over the page until the next good save.

pub mod changes;
pub mod diff;
pub mod events;
pub mod http;
mod rebuild;
pub mod slots;
pub mod watch;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::Result;

use crate::pipeline::incremental::{Changed, Incremental, Step};
use crate::publish::output::Output;
use diff::Verdict;
use events::{Notice, Subscriber, Wake};
use http::{ByDeadline, HeadError, Target, content_type, read_request, resolve, respond};
use slots::Slots;
pub use watch::watch;

/// The URL path of the reload events.
pub const EVENTS_PATH: &str = "/__debrief/events";
/// Requests served at once (event streams, once open, are held apart and do not count).
pub const MAX_CONNECTIONS: usize = 128;
/// The URL path of the reload script.
pub const SCRIPT_PATH: &str = "/__debrief/reload.js";

/// The script every HTML page gets in `serve`: reload the page when a rebuild changed it (keeping
/// its scroll position), swap its stylesheets when only they changed, an overlay on a failed build.
const RELOAD_SCRIPT: &str = include_str!("serve/reload.js");

/// The live site: the last good build, the last notice with its build number, and the way to the
/// event streams.
pub struct Live {
    state: Mutex<State>,
    broadcaster: Mutex<Sender<Wake>>,
    streams: Slots,
}

/// What [`Live`] holds under one lock, so a page and its build number always go together.
struct State {
    /// The number of the last build, good or failed.
    build: u64,
    /// What the last build told the browser.
    notice: Notice,
    /// The last good site.
    site: Arc<Output>,
    /// The number of the build that made `site`.
    site_build: u64,
}

impl Live {
    fn new(output: Output, broadcaster: Sender<Wake>) -> Live {
        Live {
            state: Mutex::new(State {
                build: 0,
                notice: Notice::None,
                site: Arc::new(output),
                site_build: 0,
            }),
            broadcaster: Mutex::new(broadcaster),
            streams: Slots::new(events::MAX_EVENT_STREAMS),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The build number and the last good site, as of one moment: a page and its number agree.
    fn current(&self) -> (u64, Arc<Output>) {
        let state = self.state();
        (state.build, Arc::clone(&state.site))
    }

    /// The last good site.
    fn site(&self) -> Arc<Output> {
        self.current().1
    }

    fn wake(&self, wake: Wake) {
        let _ = self
            .broadcaster
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .send(wake);
    }

    /// Publishes a build: its site when it is good (`output`), and the notice for the open tabs, each
    /// of which is told what the build changed for its own page.
    fn publish(&self, output: Option<Output>, notice: Notice) {
        let mut state = self.state();
        state.build += 1;
        // The site it replaces is let go of after the lock: freeing a big site takes a while.
        let replaced = output.map(|output| {
            state.site_build = state.build;
            std::mem::replace(&mut state.site, Arc::new(output))
        });
        state.notice = notice;
        // Sent under the lock, so the broadcaster gets the notices in order.
        let wake = Wake::Notice(state.build, state.notice.clone(), Arc::clone(&state.site));
        self.wake(wake);
        drop(state);
        drop(replaced);
    }
}

/// Rebuilds `site` after `changed`: the step to apply to the last good output, or the problems as
/// text. Prints the problems, and one line: what changed, how many pages were rendered, how long
/// it took.
pub fn build(site: &mut Incremental, changed: &Changed) -> Result<Result<Step, String>> {
    let started = Instant::now();
    Ok(match site.rebuild(changed)? {
        Ok(step) => {
            // The warnings that were printed before are not printed again, only counted.
            for diagnostic in &step.fresh {
                eprintln!("{}", diagnostic.to_human());
            }
            let ms = started.elapsed().as_millis();
            let warnings = match step.diagnostics.warnings() {
                0 => String::new(),
                n => format!(
                    "; {} ({} new)",
                    crate::diagnostic::plural(n, "warning"),
                    step.fresh.len()
                ),
            };
            if step.replace {
                eprintln!(
                    "built {} in {ms} ms{warnings}",
                    crate::diagnostic::plural(step.incidents, "incident")
                );
            } else {
                eprintln!(
                    "rebuilt in {ms} ms: {}; {} parsed, {} re-rendered{warnings}",
                    changes::describe(site.root(), changed),
                    crate::diagnostic::plural(step.parsed, "file"),
                    crate::diagnostic::plural(step.rendered, "page"),
                );
            }
            Ok(step)
        }
        Err(diagnostics) => {
            diagnostics.print_human();
            let text: Vec<String> = diagnostics.0.iter().map(|d| d.to_human()).collect();
            eprintln!(
                "rebuild failed: {}; still serving the last good build",
                diagnostics.tally()
            );
            Err(text.join("\n"))
        }
    })
}

/// Binds `addr`, saying which port to try when it is taken.
pub fn bind(addr: SocketAddr) -> Result<TcpListener> {
    TcpListener::bind(addr).map_err(|error| match error.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "port {} is busy: another program listens on {addr}; try `debrief serve --port {}`",
            addr.port(),
            addr.port().wrapping_add(1).max(1024)
        ),
        _ => anyhow::Error::new(error).context(format!("cannot listen on {addr}")),
    })
}

/// Serves `initial`, the first build of `site`, on `listener`, rebuilding `site` each time `watch`
/// reports a change.
pub fn run(
    listener: TcpListener,
    initial: Output,
    site: Incremental,
    changes: std::sync::mpsc::Receiver<Changed>,
) -> Result<()> {
    let (broadcaster, wakes) = channel();
    std::thread::spawn(move || events::broadcast(wakes));
    let live = Arc::new(Live::new(initial, broadcaster));
    let rebuilding = Arc::clone(&live);
    std::thread::spawn(move || rebuild::rebuild(&rebuilding, site, &changes));
    let requests = Slots::new(MAX_CONNECTIONS);
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        // A dev server for a few tabs: past this many requests at once, new ones are turned away
        // (without waiting on them: the accepting must go on).
        let Some(slot) = requests.take() else {
            let _ = stream.set_nonblocking(true);
            respond(
                &mut stream,
                "503 Service Unavailable",
                &[("Retry-After", "1")],
                b"",
                false,
            );
            continue;
        };
        let live = Arc::clone(&live);
        // The slot goes with the thread, and comes back however it ends; if no thread can be
        // made, with the closure.
        let _ = std::thread::Builder::new().spawn(move || {
            let _slot = slot;
            handle(stream, &live);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, live: &Live) {
    let request = match read_request(&stream, Instant::now() + http::HEAD_DEADLINE) {
        Ok(request) => request,
        Err(HeadError::Gone) => return,
        Err(HeadError::NotHttp) => {
            respond(
                &mut stream,
                "400 Bad Request",
                &[("Content-Type", "text/plain")],
                b"not an HTTP request",
                false,
            );
            return;
        }
        Err(HeadError::TooSlow) => {
            respond(
                &mut stream,
                "408 Request Timeout",
                &[("Content-Type", "text/plain")],
                b"the request took too long to arrive",
                false,
            );
            return;
        }
    };
    let head = request.method == "HEAD";
    if request.method != "GET" && !head {
        respond(
            &mut stream,
            "405 Method Not Allowed",
            &[("Allow", "GET, HEAD")],
            b"",
            false,
        );
        return;
    }
    if request.path == EVENTS_PATH {
        events(stream, live, request.query.as_deref(), head);
        return;
    }
    if request.path == SCRIPT_PATH {
        respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", content_type("reload.js"))],
            RELOAD_SCRIPT.replace("{events}", EVENTS_PATH).as_bytes(),
            head,
        );
        return;
    }
    let (build, site) = live.current();
    match resolve(&request.path, |rel| site.files.contains_key(rel)) {
        Target::File(rel) => {
            let bytes = site.files.get(rel.as_str()).map_or(&[][..], Vec::as_slice);
            let body = if rel.ends_with(".html") {
                inject(bytes, build)
            } else {
                bytes.to_vec()
            };
            respond(
                &mut stream,
                "200 OK",
                &[("Content-Type", content_type(&rel))],
                &body,
                head,
            );
        }
        Target::Redirect(to) => {
            let to = request
                .query
                .as_ref()
                .map_or(to.clone(), |q| format!("{to}?{q}"));
            respond(
                &mut stream,
                "301 Moved Permanently",
                &[("Location", &to)],
                b"",
                head,
            );
        }
        Target::Missing => {
            let body = site
                .files
                .get("404.html")
                .map_or_else(|| b"not found".to_vec(), |b| inject(b, build));
            respond(
                &mut stream,
                "404 Not Found",
                &[("Content-Type", content_type("404.html"))],
                &body,
                head,
            );
        }
        Target::Forbidden => respond(
            &mut stream,
            "403 Forbidden",
            &[("Content-Type", "text/plain; charset=utf-8")],
            b"outside the site",
            head,
        ),
        Target::BadEscape => respond(
            &mut stream,
            "400 Bad Request",
            &[("Content-Type", "text/plain; charset=utf-8")],
            b"a % in the path is not followed by two hex digits",
            head,
        ),
    }
}

/// The page with the reload script before `</body>`.
fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-build=\"{build}\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// One parameter of a query string (`since=3&path=%2Fa%2F`), percent-decoded.
fn parameter(query: Option<&str>, name: &str) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| crate::util::percent::decode(value).ok())
}

/// Opens a Server-Sent Events stream and hands it to the broadcaster, which sends each notice (and a
/// comment now and then, so a closed browser tab is noticed). The query says which page the tab
/// shows (`path`, its URL path) and the build it was served from or last told about (`since`): a
/// page from before the last good build is told to reload at once; any other is told, after each
/// later build, what that build changed for its page.
fn events(mut stream: TcpStream, live: &Live, query: Option<&str>, head: bool) {
    use std::io::Write;
    let Some(slot) = live.streams.take() else {
        respond(
            &mut stream,
            "503 Service Unavailable",
            &[("Retry-After", "5")],
            b"",
            head,
        );
        return;
    };
    if head {
        let mut out = ByDeadline::new(&stream, Instant::now() + http::WRITE_DEADLINE);
        let _ = out.write_all(events::HEADER.as_bytes());
        return;
    }
    let since: Option<u64> = parameter(query, "since").and_then(|n| n.parse().ok());
    let (seen, notice, site, site_build) = {
        let state = live.state();
        let site = Arc::clone(&state.site);
        (state.build, state.notice.clone(), site, state.site_build)
    };
    let mut first = events::HEADER.to_string();
    // A number past the last build is from another run of `serve`.
    if since.is_some_and(|since| since < site_build || since > seen) {
        first.push_str(&events::told(seen, &Verdict::Reload));
    } else if let Notice::Failed(problems) = &notice {
        first.push_str(&events::failed(seen, problems));
    }
    let page = events::Page {
        path: parameter(query, "path"),
        site,
    };
    if let Ok(subscriber) = Subscriber::new(stream, first.as_bytes(), seen, page, slot) {
        live.wake(Wake::Subscribe(subscriber));
    }
}
