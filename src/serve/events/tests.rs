//! The broadcaster: stalled, closed and reading streams, and what each tab is told.

use super::*;
use crate::serve::http::tests::pair;
use crate::serve::slots::Slots;
use crate::util::output_path::OutputPath;

/// A site of `(path, text)` files.
fn site(files: &[(&str, &str)]) -> Arc<Output> {
    let mut output = Output::default();
    for (path, text) in files {
        output.insert(OutputPath::new(path).expect("path"), text.as_bytes());
    }
    Arc::new(output)
}

/// A tab on `path` (or one that did not say) showing `site`.
fn page(path: Option<&str>, site: &Arc<Output>) -> Page {
    Page {
        path: path.map(str::to_string),
        site: Arc::clone(site),
    }
}

/// A stream whose socket is full: 16 MB is more than any socket takes.
fn stalled(slots: &Slots) -> (TcpStream, Subscriber) {
    let (client, server) = pair();
    let slot = slots.take().expect("a slot");
    let stream = Subscriber::new(
        server,
        &vec![b'x'; 16 << 20],
        0,
        page(None, &site(&[])),
        slot,
    )
    .expect("stream");
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
    let empty = site(&[]);
    let open = Subscriber::new(
        server,
        HEADER.as_bytes(),
        0,
        page(None, &empty),
        slots.take().expect("slot"),
    )
    .expect("stream");
    let (wake, wakes) = std::sync::mpsc::channel();
    let broadcaster = std::thread::spawn(move || broadcast(wakes));
    wake.send(Wake::Subscribe(stalled)).expect("send");
    wake.send(Wake::Subscribe(open)).expect("send");
    wake.send(Wake::Notice(1, Notice::Reload, site(&[("a", "b")])))
        .expect("send");
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
    let empty = site(&[]);
    let slot = slots.take().expect("slot");
    let mut gone = Subscriber::new(server, b"", 0, page(None, &empty), slot).expect("s");
    drop(closed);
    std::thread::sleep(Duration::from_millis(50));
    assert!(!gone.pump(Instant::now()), "a closed tab is noticed");

    let (mut reader, server) = pair();
    let slot = slots.take().expect("slot");
    let mut open =
        Subscriber::new(server, HEADER.as_bytes(), 0, page(None, &empty), slot).expect("stream");
    open.queue(&failed(3, "a \"b\""));
    assert!(open.pump(Instant::now()));
    assert!(open.pending.is_empty());
    drop(open);
    let mut text = String::new();
    reader.read_to_string(&mut text).expect("read");
    assert!(
        text.ends_with("id: 3\nevent: failed\ndata: \"a \\\"b\\\"\"\n\n"),
        "{text}"
    );
}

#[test]
fn each_verdict_is_one_event_named_for_what_the_tab_does() {
    assert_eq!(
        told(4, &Verdict::Reload),
        "id: 4\nevent: reload\ndata: {}\n\n"
    );
    assert_eq!(
        told(4, &Verdict::Same),
        "id: 4\nevent: unchanged\ndata: {}\n\n"
    );
    let styles = Verdict::Styles(vec![("static/a.1.css".into(), "static/a.2.css".into())]);
    assert_eq!(
        told(5, &styles),
        "id: 5\nevent: styles\ndata: [[\"static/a.1.css\",\"static/a.2.css\"]]\n\n"
    );
    assert_eq!(
        failed(6, "x\ny"),
        "id: 6\nevent: failed\ndata: \"x\\ny\"\n\n",
        "one data line, however many lines the problems take"
    );
}

/// Reads `reader` until it holds `want` events (an `event:` line each), within 2 s.
fn events(reader: &mut std::io::BufReader<TcpStream>, want: usize) -> Vec<String> {
    reader
        .get_ref()
        .set_read_timeout(Some(Duration::from_secs(2)))
        .expect("timeout");
    let mut names = Vec::new();
    while names.len() < want {
        let mut line = String::new();
        let read = std::io::BufRead::read_line(reader, &mut line);
        assert!(
            read.is_ok_and(|n| n > 0),
            "{want} events not within 2 s: {names:?}"
        );
        if let Some(name) = line.strip_prefix("event: ") {
            names.push(name.trim_end().to_string());
        }
    }
    names
}

#[test]
fn only_the_tab_whose_page_changed_is_told_to_reload() {
    let slots = Slots::new(2);
    let old = site(&[("a/index.html", "A"), ("b/index.html", "B")]);
    let new = site(&[("a/index.html", "A, edited"), ("b/index.html", "B")]);
    let broken = site(&[("a/index.html", "A, edited"), ("b/index.html", "B")]);
    let (wake, wakes) = std::sync::mpsc::channel();
    let broadcaster = std::thread::spawn(move || broadcast(wakes));
    let mut readers = Vec::new();
    for path in ["/a/", "/b/"] {
        let (reader, server) = pair();
        let slot = slots.take().expect("slot");
        let stream = Subscriber::new(server, b"", 0, page(Some(path), &old), slot).expect("s");
        wake.send(Wake::Subscribe(stream)).expect("send");
        readers.push(std::io::BufReader::new(reader));
    }
    wake.send(Wake::Notice(1, Notice::Reload, Arc::clone(&new)))
        .expect("send");
    assert_eq!(events(&mut readers[0], 1), ["reload"]);
    assert_eq!(events(&mut readers[1], 1), ["unchanged"]);
    // A failed build keeps the last good site: the problems, and no verdict again.
    wake.send(Wake::Notice(2, Notice::Failed("bad".into()), new))
        .expect("send");
    assert_eq!(events(&mut readers[1], 1), ["failed"]);
    // The next good build is compared against what the tab last saw.
    wake.send(Wake::Notice(3, Notice::Reload, broken))
        .expect("send");
    assert_eq!(
        events(&mut readers[1], 1),
        ["unchanged"],
        "clears the overlay"
    );
    drop(wake);
    broadcaster.join().expect("the broadcaster ends");
}

#[test]
fn a_stream_that_missed_builds_is_compared_against_the_site_it_last_saw() {
    let slots = Slots::new(1);
    let first = site(&[("a/index.html", "A")]);
    let second = site(&[("a/index.html", "A, edited")]);
    let (reader, server) = pair();
    let slot = slots.take().expect("slot");
    let mut stream = Subscriber::new(server, b"", 0, page(Some("/a/"), &first), slot).expect("s");
    // Build 1 changed the page and build 2 failed; the stream hears of build 2 only.
    stream.catch_up(2, &Notice::Failed("bad".into()), &second, &mut Vec::new());
    assert!(stream.pump(Instant::now()));
    drop(stream);
    let mut reader = std::io::BufReader::new(reader);
    assert_eq!(events(&mut reader, 2), ["reload", "failed"]);
}
