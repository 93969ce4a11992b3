#!/usr/bin/env python3
"""Benchmark `debrief serve`'s incremental rebuilds: save-to-reload time on a generated archive.

Usage:
    python3 bench/serve.py [--saves K] [--seed S] [N]          (default: 10000 reports, 20 saves)

The script:

1. generates (or reuses) the archive of N reports that bench/build.py caches
   ($TMPDIR/debrief-bench/n<N>-s<seed>-g<hash>/site, made by bench/generate.py) and copies it to a
   scratch folder, as the saves edit it;
2. starts `target/release/debrief serve --port <free port> --now <NOW>` on the copy, waits until it
   prints its address, and opens the reload event stream (`/__debrief/events`, Server-Sent Events)
   the way a browser tab does;
3. measures, for each kind of save, the time from writing the file to the `reload` event reaching
   the stream, and reads serve's one line per rebuild (what changed, how many pages were rendered
   again, how long it took):
   - a one-incident body edit (a sentence appended to the report), K saves: median and p90;
   - a title change of that report (the index pages it is on, its term and tracker pages);
   - a new service on that report (its old and new term pages, the service lists);
   - a template change (`templates/base.html`: every page again);
   after each save it waits until the search index, rebuilt beside the pages, is swapped in (serve
   says `search index swapped in`), so the next save starts from a quiet server;
4. prints the time to the first page at startup (the search index follows: the time it was swapped
   in is printed too), the figures per save, and serve's peak memory (VmHWM of /proc/PID/status).

The debrief binary is target/release/debrief (built with `cargo build --release` if it is missing).
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build  # noqa: E402
import generate  # noqa: E402

ROOT = generate.ROOT
BINARY = generate.BINARY
EVENTS = "/__debrief/events"
REBUILT = re.compile(r"rebuilt in (\d+) ms: (.*); (\d+) files? parsed, (\d+) pages? re-rendered")


class Serve:
    """A running `debrief serve` with its stderr lines collected and an open event stream."""

    def __init__(self, site, now):
        self.started = time.time()
        self.proc = subprocess.Popen(
            [BINARY, "-C", site, "serve", "--port", "0", "--now", now],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines, self.cond = [], threading.Condition()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        first = self.proc.stdout.readline()
        self.ready = time.time() - self.started
        m = re.search(r"http://([^/]+)/", first)
        if not m:
            raise SystemExit(f"serve did not start: {first!r}\n{''.join(self.lines)}")
        host, port = m.group(1).rsplit(":", 1)
        self.events = socket.create_connection((host, int(port)))
        self.events.sendall(f"GET {EVENTS} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        self.buffer = b""
        self._read_until(b"\r\n\r\n")

    def _read_stderr(self):
        for line in self.proc.stderr:
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()

    def _read_until(self, marker):
        while marker not in self.buffer:
            chunk = self.events.recv(65536)
            if not chunk:
                raise SystemExit("the event stream closed")
            self.buffer += chunk
        at = self.buffer.index(marker) + len(marker)
        got, self.buffer = self.buffer[:at], self.buffer[at:]
        return got

    def drain(self):
        """Drops the events that arrived so far (none is waited for)."""
        self.events.settimeout(0.2)
        try:
            while True:
                chunk = self.events.recv(65536)
                if not chunk:
                    raise SystemExit("the event stream closed")
                self.buffer += chunk
        except socket.timeout:
            pass
        finally:
            self.events.settimeout(None)
        # Keep only an incomplete event.
        self.buffer = self.buffer[self.buffer.rfind(b"\n\n") + 2:] if b"\n\n" in self.buffer else self.buffer

    def next_event(self):
        """The name of the next event (comments skipped)."""
        while True:
            block = self._read_until(b"\n\n").decode()
            for line in block.splitlines():
                if line.startswith("event: "):
                    return line[len("event: "):]

    def wait_line(self, pattern, after, timeout=300):
        """The first stderr line from index `after` on that matches `pattern`, and its index."""
        deadline = time.time() + timeout
        with self.cond:
            while True:
                for i in range(after, len(self.lines)):
                    if re.search(pattern, self.lines[i]):
                        return self.lines[i], i
                left = deadline - time.time()
                if left <= 0:
                    raise SystemExit(f"no line matching {pattern!r}:\n{''.join(self.lines[-20:])}")
                self.cond.wait(left)

    def peak_memory_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def save(serve, path, text):
    """Writes `path`, waits for the reload event: milliseconds, and serve's rebuild line."""
    mark = len(serve.lines)
    start = time.perf_counter()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    event = serve.next_event()
    elapsed = (time.perf_counter() - start) * 1000
    if event != "reload":
        raise SystemExit(f"expected a reload, got {event}:\n{''.join(serve.lines[mark:])}")
    line, at = serve.wait_line(r"rebuilt in|built \d+ incidents", mark)
    # The search index is rebuilt beside the pages: wait for it (and its reload) before going on.
    if "search index swapped in" not in "".join(serve.lines[mark:]):
        try:
            serve.wait_line(r"search index swapped in", at, timeout=120)
            if serve.next_event() != "reload":
                raise SystemExit("expected the search swap's reload")
        except SystemExit:
            pass
    return elapsed, line.strip()


def pages(line):
    m = REBUILT.search(line)
    return (int(m.group(4)), int(m.group(1))) if m else (None, None)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=10000)
    ap.add_argument("--saves", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not os.path.exists(BINARY):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    _, cached, _ = build.prepare(args.n, args.seed, with_hugo=False)
    scratch = tempfile.mkdtemp(prefix="debrief-serve-bench-")
    site = os.path.join(scratch, "site")
    shutil.copytree(cached, site)
    reports = generate.describe(args.n, args.seed)
    report = next(r for r in reports if r.style == "toml" and r.status == "published"
                  and r.visibility == "public" and r.services)
    path = os.path.join(site, report.path)
    original = open(path, encoding="utf-8").read()
    print(f"$ {BINARY} -C {site} serve --port 0 --now {generate.NOW}", flush=True)
    serve = Serve(site, generate.NOW)
    try:
        print(f"N = {args.n}: first page served {serve.ready:.2f} s after start", flush=True)
        # The first search index is built after the first page is served: wait for it, and for
        # the reload it sends (if the stream was open by then).
        serve.wait_line(r"search index swapped in", 0)
        print(f"N = {args.n}: search index in {time.time() - serve.started:.2f} s after start", flush=True)
        # The spare copy of the output is made right after the start: let it settle.
        time.sleep(2)
        serve.drain()
        rows = []
        body = []
        text = original
        for k in range(args.saves):
            text = text.rstrip("\n") + f"\n\nA sentence added in save {k}.\n"
            elapsed, line = save(serve, path, text)
            body.append((elapsed, line))
        times = sorted(e for e, _ in body)
        p90 = times[min(len(times) - 1, int(round(0.9 * len(times))) - 1)]
        rendered = sorted({pages(line)[0] for _, line in body})
        rows.append((f"body edit, {args.saves} saves", f"median {statistics.median(times):.0f} ms, p90 {p90:.0f} ms",
                     "/".join(str(r) for r in rendered), body[-1][1]))
        title = re.sub(r'^title = ".*"$', 'title = "Zzz renamed for the benchmark"', text, count=1, flags=re.M)
        elapsed, line = save(serve, path, title)
        rows.append(("title change", f"{elapsed:.0f} ms", pages(line)[0], line))
        service = re.sub(r"^services = \[", 'services = ["benchmark-new-service", ', title, count=1, flags=re.M)
        elapsed, line = save(serve, path, service)
        rows.append(("new service", f"{elapsed:.0f} ms", pages(line)[0], line))
        base = open(os.path.join(ROOT, "themes/default/templates/base.html"), encoding="utf-8").read()
        templates = os.path.join(site, "templates")
        os.makedirs(templates, exist_ok=True)
        elapsed, line = save(serve, os.path.join(templates, "base.html"),
                             base.replace("</body>", "<!-- benchmark --></body>"))
        rows.append(("template change", f"{elapsed:.0f} ms", pages(line)[0], line))
        peak = serve.peak_memory_mib()
    finally:
        serve.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"\n{'save':<24} {'save to reload':<28} {'pages re-rendered':>17}  serve's line")
    for what, took, count, line in rows:
        print(f"{what:<24} {took:<28} {str(count):>17}  {line}")
    print(f"\npeak memory of serve (VmHWM): {peak:.1f} MiB")


if __name__ == "__main__":
    main()
