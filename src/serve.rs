//! `debrief serve`: the site built into memory, served on localhost, rebuilt when a writer saves,
//! and reloaded in the browser through Server-Sent Events. A failed rebuild keeps the last good site
//! and shows the problems over the page until the next good save.

pub mod changes;
pub mod http;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::pipeline::{self, LoadOptions};
use crate::publish::output::Output;
use http::{Target, content_type, read_request, resolve, respond};

/// The URL path of the reload events.
pub const EVENTS_PATH: &str = "/__debrief/events";
/// Connections handled at once.
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

/// What the browser is told after a rebuild.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Notice {
    /// Nothing yet.
    None,
    /// A good rebuild: reload.
    Reload,
    /// A failed rebuild, with the problems as text.
    Failed(String),
}

/// The live site: the last good build, and the notices the browsers wait for.
pub struct Live {
    output: RwLock<Arc<Output>>,
    notice: Mutex<(u64, Notice)>,
    changed: Condvar,
}

impl Live {
    fn new(output: Output) -> Live {
        Live {
            output: RwLock::new(Arc::new(output)),
            notice: Mutex::new((0, Notice::None)),
            changed: Condvar::new(),
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
        self.changed.notify_all();
    }
}

/// Builds the site in memory: the output, or the problems as text.
pub fn build(options: &LoadOptions, base_url: &str) -> Result<Result<Output, String>> {
    let started = Instant::now();
    Ok(
        match pipeline::build(options, Some(base_url), false, &|| {})? {
            Ok(built) => {
                crate::commands::print_human(&built.diagnostics);
                eprintln!(
                    "built {} in {} ms",
                    crate::diagnostic::plural(built.incidents, "incident"),
                    started.elapsed().as_millis()
                );
                Ok(built.output)
            }
            Err(diagnostics) => {
                crate::commands::print_human(&diagnostics);
                let text: Vec<String> = diagnostics.0.iter().map(|d| d.to_human()).collect();
                eprintln!(
                    "rebuild failed: {}; still serving the last good build",
                    diagnostics.tally()
                );
                Err(text.join("\n"))
            }
        },
    )
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

/// Serves `initial` on `listener`, rebuilding with `rebuild` each time `watch` reports a change.
pub fn run(
    listener: TcpListener,
    initial: Output,
    changes: std::sync::mpsc::Receiver<()>,
    rebuild: impl Fn() -> Result<Result<Output, String>> + Send + 'static,
) -> Result<()> {
    let live = Arc::new(Live::new(initial));
    let rebuilding = Arc::clone(&live);
    std::thread::spawn(move || {
        while changes.recv().is_ok() {
            // Saves that came in while the last build ran need one build, not one each.
            while changes.try_recv().is_ok() {}
            // A panic in a build must not end the rebuilding for the rest of the session.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(&rebuild))
                .unwrap_or_else(|_| Err(anyhow::anyhow!("the build panicked; see the terminal")));
            match result {
                Ok(Ok(output)) => rebuilding.publish(Some(output), Notice::Reload),
                Ok(Err(problems)) => rebuilding.publish(None, Notice::Failed(problems)),
                Err(error) => rebuilding.publish(None, Notice::Failed(format!("{error:#}"))),
            }
        }
    });
    let open = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        // A dev server for a few tabs: past this many connections, new ones are turned away.
        if open.load(std::sync::atomic::Ordering::Relaxed) >= MAX_CONNECTIONS {
            respond(
                &mut stream,
                "503 Service Unavailable",
                &[("Retry-After", "1")],
                b"",
                false,
            );
            continue;
        }
        open.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (live, open) = (Arc::clone(&live), Arc::clone(&open));
        std::thread::spawn(move || {
            handle(stream, &live);
            open.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, live: &Live) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = match read_request(&stream) {
        Ok(Some(request)) => request,
        Ok(None) => return,
        Err(()) => {
            respond(
                &mut stream,
                "400 Bad Request",
                &[("Content-Type", "text/plain")],
                b"not an HTTP request",
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

/// Holds a Server-Sent Events stream open, sending each notice (and a comment now and then, so a
/// closed browser tab is noticed). `since` is the build the page was served from: a page older than
/// the last good build is told to reload at once. No lock is held while writing.
fn events(mut stream: TcpStream, live: &Live, since: Option<u64>, head: bool) {
    use std::io::Write;
    let (mut seen, notice) = live.current();
    let header = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if stream
        .write_all(header.as_bytes())
        .and_then(|()| stream.flush())
        .is_err()
        || head
    {
        return;
    }
    let first = match notice {
        Notice::Failed(_) => Some(notice),
        Notice::Reload if since.is_some_and(|since| since != seen) => Some(notice),
        _ => None,
    };
    if let Some(notice) = first
        && stream
            .write_all(message(&notice).as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
    {
        return;
    }
    loop {
        let next = {
            let guard = live
                .notice
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let (guard, timeout) = live
                .changed
                .wait_timeout_while(guard, Duration::from_secs(15), |n| n.0 == seen)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            (!timeout.timed_out()).then(|| guard.clone())
        };
        let text = match next {
            Some((generation, notice)) => {
                seen = generation;
                message(&notice)
            }
            None => ": keep-alive\n\n".to_string(),
        };
        if stream
            .write_all(text.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

/// A notice as an SSE message (`reload`, or `failed` with the problems as a JSON string).
fn message(notice: &Notice) -> String {
    match notice {
        Notice::Failed(problems) => format!("event: failed\ndata: {}\n\n", json_string(problems)),
        Notice::Reload | Notice::None => "event: reload\ndata: {}\n\n".to_string(),
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// The folders of a site that are watched with everything in them.
const WATCHED: [&str; 3] = ["content", "templates", "themes"];

/// Watches the site's files and sends one message per burst of changes that concern the site. The
/// root is watched alone (for `debrief.toml`, and for the site's folders appearing again after a
/// `git checkout`), not with `target/`, `public/` or `node_modules/` below it.
pub fn watch(root: &std::path::Path) -> Result<(impl Drop, std::sync::mpsc::Receiver<()>)> {
    use notify_debouncer_full::{new_debouncer, notify::RecursiveMode};
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let (events_tx, events_rx) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(Duration::from_millis(80), None, events_tx)
        .context("cannot watch the site's files")?;
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    for folder in WATCHED.map(|f| root.join(f)).iter().filter(|f| f.is_dir()) {
        debouncer
            .watch(folder, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", folder.display()))?;
    }
    let debouncer = Arc::new(Mutex::new(debouncer));
    let watcher = Arc::clone(&debouncer);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for result in events_rx {
            let Ok(events) = result else { continue };
            // Reading a file is an event too (the rebuild reads them all): only writes count.
            let writes: Vec<_> = events
                .iter()
                .filter(|e| !e.kind.is_access() && !e.kind.is_other())
                .collect();
            let paths = || {
                writes
                    .iter()
                    .flat_map(|e| e.paths.iter().map(std::path::PathBuf::as_path))
            };
            // A site folder made (again) after the start is watched from now on.
            for folder in paths().filter(|p| p.parent() == Some(root.as_path()) && p.is_dir()) {
                let name = folder
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if WATCHED.contains(&name.as_str())
                    && let Ok(mut watcher) = watcher.lock()
                {
                    let _ = watcher.watch(folder, RecursiveMode::Recursive);
                }
            }
            if let Some(change) = changes::classify_all(&root, paths()) {
                eprintln!("{change:?} changed; rebuilding");
                if tx.send(()).is_err() {
                    return;
                }
            }
        }
    });
    Ok((debouncer, rx))
}
