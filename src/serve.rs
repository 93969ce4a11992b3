//! `debrief serve`: the site built into memory, served on localhost, rebuilt when a writer saves,
//! and reloaded in the browser through Server-Sent Events. A failed rebuild keeps the last good site
//! and shows the problems over the page until the next good save.

pub mod changes;
pub mod events;
pub mod http;
mod rebuild;
pub mod slots;
pub mod watch;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use anyhow::Result;

use crate::pipeline::incremental::{Changed, Incremental, Step};
use crate::publish::output::Output;
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

/// The script every HTML page gets in `serve`: reload on a good rebuild, an overlay on a failed one.
const RELOAD_SCRIPT: &str = r#"(() => {
  const since = (document.currentScript && document.currentScript.dataset.build) || "";
  const events = new EventSource("{events}?since=" + since);
  const overlay = () => document.getElementById("debrief-errors");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("failed", (event) => {
    let box = overlay();
    if (!box) {
      box = document.createElement("div");
      box.id = "debrief-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:99999;" +
        "background:#1b1b1b;color:#f6f6f6;border:3px solid #d93025;border-radius:6px;padding:1rem;" +
        "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "debrief: the last save does not build; showing the last good version.\n\n" + JSON.parse(event.data);
  });
})();
"#;

/// The live site: the last good build, the last notice, and the way to the event streams.
pub struct Live {
    output: RwLock<Arc<Output>>,
    notice: Mutex<(u64, Notice)>,
    broadcaster: Mutex<Sender<Wake>>,
    streams: Slots,
}

impl Live {
    fn new(output: Output, broadcaster: Sender<Wake>) -> Live {
        Live {
            output: RwLock::new(Arc::new(output)),
            notice: Mutex::new((0, Notice::None)),
            broadcaster: Mutex::new(broadcaster),
            streams: Slots::new(events::MAX_EVENT_STREAMS),
        }
    }

    fn site(&self) -> Arc<Output> {
        self.output
            .read()
            .map_or_else(|e| Arc::clone(&e.into_inner()), |o| Arc::clone(&o))
    }

    /// The build number and the last notice.
    fn current(&self) -> (u64, Notice) {
        self.notice
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn wake(&self, wake: Wake) {
        let _ = self
            .broadcaster
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .send(wake);
    }

    fn publish(&self, output: Option<Output>, notice: Notice) {
        if let Some(output) = output {
            match self.output.write() {
                Ok(mut slot) => *slot = Arc::new(output),
                Err(poisoned) => *poisoned.into_inner() = Arc::new(output),
            }
        }
        let mut guard = self
            .notice
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.0 += 1;
        guard.1 = notice;
        // Sent under the lock, so the broadcaster gets the notices in order.
        self.wake(Wake::Notice(guard.0, guard.1.clone()));
    }
}

/// Rebuilds `site` after `changed`: the step to apply to the last good output, or the problems as
/// text. Prints the problems, and one line: what changed, how many pages were rendered, how long
/// it took.
pub fn build(site: &mut Incremental, changed: &Changed) -> Result<Result<Step, String>> {
    let started = Instant::now();
    Ok(match site.rebuild(changed)? {
        Ok(step) => {
            step.diagnostics.print_human();
            let ms = started.elapsed().as_millis();
            if step.replace {
                eprintln!(
                    "built {} in {ms} ms",
                    crate::diagnostic::plural(step.incidents, "incident")
                );
            } else {
                eprintln!(
                    "rebuilt in {ms} ms: {}; {} parsed, {} re-rendered",
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
        let since = request
            .query
            .as_deref()
            .and_then(|q| q.strip_prefix("since="))
            .and_then(|n| n.parse().ok());
        events(stream, live, since, head);
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
    // The number first: a page newer than its number only reloads once more.
    let build = live.current().0;
    let site = live.site();
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

/// Opens a Server-Sent Events stream and hands it to the broadcaster, which sends each notice (and a
/// comment now and then, so a closed browser tab is noticed). `since` is the build the page was
/// served from: a page older than the last good build is told to reload at once.
fn events(mut stream: TcpStream, live: &Live, since: Option<u64>, head: bool) {
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
    let (seen, notice) = live.current();
    let mut first = events::HEADER.to_string();
    match notice {
        Notice::Failed(_) => first.push_str(&events::message(&notice)),
        Notice::Reload if since.is_some_and(|since| since != seen) => {
            first.push_str(&events::message(&notice));
        }
        _ => {}
    }
    if let Ok(subscriber) = Subscriber::new(stream, first.as_bytes(), seen, slot) {
        live.wake(Wake::Subscribe(subscriber));
    }
}
