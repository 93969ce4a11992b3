//! `debrief serve`: the site built into memory, served on localhost, rebuilt when a writer saves,
//! and reloaded in the browser through Server-Sent Events. A failed rebuild keeps the last good site
//! and shows the problems over the page until the next good save.

pub mod changes;
pub mod http;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::output::Output;
use crate::pipeline::{self, LoadOptions};
use http::{Target, content_type, read_request, resolve, respond};

/// The URL path of the reload events.
pub const EVENTS_PATH: &str = "/__debrief/events";
/// The URL path of the reload script.
pub const SCRIPT_PATH: &str = "/__debrief/reload.js";

/// The script every HTML page gets in `serve`: reload on a good rebuild, an overlay on a failed one.
const RELOAD_SCRIPT: &str = r#"(() => {
  const events = new EventSource("/__debrief/events");
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
            match rebuild() {
                Ok(Ok(output)) => rebuilding.publish(Some(output), Notice::Reload),
                Ok(Err(problems)) => rebuilding.publish(None, Notice::Failed(problems)),
                Err(error) => rebuilding.publish(None, Notice::Failed(format!("{error:#}"))),
            }
        }
    });
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let live = Arc::clone(&live);
        std::thread::spawn(move || handle(stream, &live));
    }
    Ok(())
}

fn handle(mut stream: TcpStream, live: &Live) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = read_request(&stream) else {
        return;
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
        events(stream, live);
        return;
    }
    if request.path == SCRIPT_PATH {
        respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", content_type("reload.js"))],
            RELOAD_SCRIPT.as_bytes(),
            head,
        );
        return;
    }
    let site = live.site();
    match resolve(&request.path, |rel| site.files.contains_key(rel)) {
        Target::File(rel) => {
            let bytes = site.files.get(&rel).map_or(&[][..], Vec::as_slice);
            let body = if rel.ends_with(".html") {
                inject(bytes)
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
        Target::Redirect(to) => respond(
            &mut stream,
            "301 Moved Permanently",
            &[("Location", &to)],
            b"",
            head,
        ),
        Target::Missing => {
            let body = site
                .files
                .get("404.html")
                .map_or_else(|| b"not found".to_vec(), |b| inject(b));
            respond(
                &mut stream,
                "404 Not Found",
                &[("Content-Type", content_type("404.html"))],
                &body,
                head,
            );
        }
        Target::Forbidden => respond(&mut stream, "403 Forbidden", &[], b"outside the site", head),
    }
}

/// The page with the reload script before `</body>`.
fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// Holds a Server-Sent Events stream open, sending each notice (and a comment now and then, so a
/// closed browser tab is noticed).
fn events(mut stream: TcpStream, live: &Live) {
    use std::io::Write;
    let header = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if stream
        .write_all(header.as_bytes())
        .and_then(|()| stream.flush())
        .is_err()
    {
        return;
    }
    let mut guard = live
        .notice
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut seen = guard.0;
    if let Notice::Failed(problems) = &guard.1 {
        let message = format!("event: failed\ndata: {}\n\n", json_string(problems));
        if stream.write_all(message.as_bytes()).is_err() {
            return;
        }
    }
    loop {
        let (next, timeout) = live
            .changed
            .wait_timeout_while(guard, Duration::from_secs(15), |n| n.0 == seen)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        guard = next;
        let message = if timeout.timed_out() {
            ": keep-alive\n\n".to_string()
        } else {
            seen = guard.0;
            match &guard.1 {
                Notice::Reload => "event: reload\ndata: {}\n\n".to_string(),
                Notice::Failed(problems) => {
                    format!("event: failed\ndata: {}\n\n", json_string(problems))
                }
                Notice::None => continue,
            }
        };
        if stream
            .write_all(message.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// Watches the site's files and sends one message per burst of changes that concern the site.
pub fn watch(root: &std::path::Path) -> Result<(impl Drop, std::sync::mpsc::Receiver<()>)> {
    use notify_debouncer_full::{new_debouncer, notify::RecursiveMode};
    let (events_tx, events_rx) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(Duration::from_millis(80), None, events_tx)
        .context("cannot watch the site's files")?;
    // The root itself only for debrief.toml (not target/, public/ or node_modules/ below it), the
    // site's folders with everything in them.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    for folder in ["content", "templates", "themes"]
        .map(|f| root.join(f))
        .iter()
        .filter(|f| f.is_dir())
    {
        debouncer
            .watch(folder, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", folder.display()))?;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    std::thread::spawn(move || {
        for result in events_rx {
            let Ok(events) = result else { continue };
            // Reading a file is an event too (the rebuild reads them all): only writes count.
            let writes = events
                .iter()
                .filter(|e| !e.kind.is_access() && !e.kind.is_other());
            let paths = writes.flat_map(|e| e.paths.iter().map(std::path::PathBuf::as_path));
            if let Some(change) = changes::classify_all(&root, paths) {
                eprintln!("{change:?} changed; rebuilding");
                if tx.send(()).is_err() {
                    return;
                }
            }
        }
    });
    Ok((debouncer, rx))
}
