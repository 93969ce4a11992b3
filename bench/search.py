#!/usr/bin/env python3
"""Benchmark debrief's search index on generated archives, next to Pagefind indexing the same pages.

Usage:
    python3 bench/search.py [--runs R] [--seed S] [N ...]      (default: 1000 10000)

For each N the script:

1. generates a site of N post-mortems with bench/generate.py, or reuses the one bench/build.py cached
   for the same N, seed and generator ($TMPDIR/debrief-bench/n<N>-s<seed>-g<hash>/site);
2. builds it R times with target/release/debrief into <cache>/search-public, each run under
   `/usr/bin/time` (wall, CPU, peak RSS of the whole build), and counts the index: the files of
   `search/` except the search page `search/index.html`;
3. times the index alone with `cargo run --release --example search_bench`: it loads the site through
   the library and times `search::from_site::documents` and `search::build`, each on one thread
   and on every thread, R times each, in wall and CPU time, after checking that it builds
   the very files the build wrote; "per page" is the CPU time of both on one thread over the page
   count (a busy machine inflates wall time far more), "whole site" the wall time as the build runs
   them (on every thread);
4. picks a common word, three medium words and a rare word by document frequency in the built incident
   pages (the text of `<main>`, lowercased): words of five or more ASCII letters that are no stopword
   and occur in English reports only (Pagefind searches the index of the search page's language,
   English here), with the document frequency nearest N/4 (common) and the three nearest N/200, at
   least 10 (medium: results spread over the most card blocks; three, so a figure is not one lucky
   word's), leaving out the words of the theme's labels; the rare word is the code name of the first
   English report that has one in its page (`words[0]` of generate.py's records: unique in the site);
5. runs Pagefind (the binary `npx pagefind` runs, from the npm package in bench/node_modules) R times
   over the same incident pages, under `/usr/bin/time` (its "per page" is its CPU time over the pages):
   `--glob 'incidents/*/index.html'` so it indexes exactly the pages debrief's index holds, and
   `--root-selector main` so it indexes their content, not the header and footer every page repeats
   (as marking `<main>` with `data-pagefind-body` would);
6. runs the five queries cold in headless Chromium with bench/search_cold.mjs: debrief's search page
   `search/?q=WORD`, and a minimal page on Pagefind's JS API (`pf.search(word)`, then the data of the
   first five results, as Pagefind's default UI loads its first screen); then every key of debrief's
   index as a cold one-word query in node with bench/search_all.mjs (the same client code, files read
   from disk): the most requests and gzipped bytes any word takes, and how many keys pass the targets;
7. prints the commands and a table per N: both tools, the ratio Pagefind ÷ debrief, and the targets
   (which apply at 10,000 reports). A query's requests and bytes count the index's data files only,
   each response gzipped at level 6 as a host compressing on the fly sends it (Pagefind's files are
   gzipped already, so that adds a few bytes to each); the scripts and WebAssembly each client loads
   once are on their own row.

Needs node 20+, npm (installs bench/package.json's pinned playwright-core and pagefind with `npm ci`
when they are missing) and /usr/bin/chromium. Exit status: 1 if anything failed, else 0.
"""

import argparse
import collections
import glob
import html
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build  # noqa: E402
from gen.draw import codename  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = build.ROOT
BINARY = build.BINARY
EXAMPLE = os.path.join(ROOT, "target", "release", "examples", "search_bench")
# The binary that `npx pagefind` runs, from the platform package npm installed (run directly, so the
# times and memory are Pagefind's, not those of node's wrapper).
PAGEFIND_GLOB = os.path.join(HERE, "node_modules", "@pagefind", "*", "bin", "pagefind_extended*")
PAGEFIND_DIR = "pagefind_bench"
COLD = os.path.join(HERE, "search_cold.mjs")
EVERY = os.path.join(HERE, "search_all.mjs")
CODE = re.compile(r"\.(js|css)$|(^|/)wasm\.")     # Pagefind's scripts, styles and WebAssembly

# Targets at 10,000 reports: row key -> (largest value that meets it, how it is shown).
TARGETS = {"bytes": (8e6, "≤ 8 MB"), "files": (499, "< 500"), "per_page": (1.0, "≤ 1 ms"),
           "q_gzip": (70 * 1024, "≤ 70 KB"), "q_requests": (5, "≤ 5")}


def setup():
    """Builds debrief and the example (a no-op when fresh), installs the npm packages if missing, and
    returns the path of Pagefind's binary."""
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "debrief", "--example", "search_bench"],
                   cwd=ROOT, check=True)
    if not (glob.glob(PAGEFIND_GLOB) and os.path.exists(os.path.join(HERE, "node_modules", "playwright-core"))):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)
    return [p for p in glob.glob(PAGEFIND_GLOB) if not p.endswith(".sha256")][0]


def folder_stats(folder, keep):
    """(bytes, files) of the files under folder whose relative path passes keep."""
    total = files = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            rel = os.path.relpath(os.path.join(dirpath, name), folder)
            if keep(rel):
                total += os.path.getsize(os.path.join(dirpath, name))
                files += 1
    return total, files


# ---------------------------------------------------------------------------------------------------
# The words.

MAIN = re.compile(r"<main\b.*?</main>", re.S)
TAG = re.compile(r"<[^>]+>")
LANG = re.compile(r'<html lang="([^"]+)"')
WORD = re.compile(r"[^\W\d_]+")


def pick_words(out, n, seed):
    """[(role, word, document frequency)] for a common, three medium and a rare word; and the page count."""
    df = {"en": collections.Counter(), "nb": collections.Counter()}
    pages = 0
    incidents = os.path.join(out, "incidents")
    for slug in sorted(os.listdir(incidents)):
        path = os.path.join(incidents, slug, "index.html")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            page = f.read()
        lang = "nb" if LANG.search(page).group(1) in ("nb", "nn", "no") else "en"
        text = html.unescape(TAG.sub(" ", MAIN.search(page).group(0))).lower()
        df[lang].update(set(WORD.findall(text)))
        pages += 1
    with open(os.path.join(out, "search", "entry.json"), encoding="utf-8") as f:
        stop = {w for words in json.load(f)["stopwords"].values() for w in words}
    with open(os.path.join(ROOT, "themes", "default", "i18n", "en.toml"), encoding="utf-8") as f:
        labels = set(WORD.findall(f.read().lower()))      # the theme's words, on every page
    english = {w: c for w, c in df["en"].items()
               if not df["nb"][w] and len(w) >= 5 and w.isascii() and w not in stop | labels}
    nearest = lambda target, k: sorted(english, key=lambda w: (abs(english[w] - target), w))[:k]  # noqa: E731
    common, mediums = nearest(pages / 4, 1)[0], nearest(max(pages / 200, 10), 3)
    # A report's code name (its `words[0]`), which no other report has: the first in the English pages.
    rare = next(w for w in (codename(i, seed) for i in range(n)) if english.get(w) == 1)
    roles = [("common", common)] + [("medium", w) for w in mediums] + [("rare", rare)]
    return [(role, w, english[w]) for role, w in roles], pages


# ---------------------------------------------------------------------------------------------------
# Running.

def run_json(cmd, what):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {r.returncode}): {shlex.join(cmd)}\n{r.stderr[-4000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def timed_runs(label, cmd, out, runs, time_file):
    """Medians of R runs of cmd under /usr/bin/time, each into an absent `out` (build.measure): a
    previous `out` is moved into a trash folder beside it, deleted after the last run."""
    results = []
    trash = out + "-trash"
    build.delete(trash)
    for run in range(runs):
        r = build.measure(cmd, out, time_file, trash)
        if r is None:
            raise RuntimeError(f"{label} failed")
        results.append(r)
        print(f"  run {run + 1} {label:8} {r['wall']:7.2f} s wall {r['cpu']:7.2f} s CPU {build.mib(r['rss']):>12}",
              flush=True)
    build.delete(trash)
    return {k: statistics.median(r[k] for r in results) for k in ("wall", "cpu", "rss")}


def measure_size(n, seed, runs, pagefind):
    """Everything measured for N reports: (debrief, Pagefind, words, cold queries)."""
    base, site, _ = build.prepare(n, seed, False)
    out = os.path.join(base, "search-public")
    time_file = os.path.join(base, "time-search.txt")
    debrief_cmd = [BINARY, "-C", site, "build", "--now", build.NOW, "--output", out]
    example_cmd = [EXAMPLE, site, "--now", build.NOW, "--runs", str(runs), "--check", out]
    pagefind_cmd = [pagefind, "--site", out, "--output-subdir", PAGEFIND_DIR,
                    "--glob", "incidents/*/index.html", "--root-selector", "main", "--silent"]
    print(f"\ncommands for N = {n} (builds under `{build.TIME} -f '{build.TIME_FORMAT}'`):")
    for label, cmd in (("debrief build", debrief_cmd), ("index alone", ["cargo", "run", "--release", "--quiet",
                       "--example", "search_bench", "--"] + example_cmd[1:]), ("pagefind", pagefind_cmd)):
        print(f"  {label}: {shlex.join(cmd)}")

    d = timed_runs("debrief", debrief_cmd, out, runs, time_file)
    d["bytes"], d["files"] = folder_stats(os.path.join(out, "search"), lambda rel: rel != "index.html")
    ex = run_json(example_cmd, "the search_bench example")
    docs = ex["docs"]
    med = lambda step, clock: statistics.median(ex[step][clock])  # noqa: E731
    d.update(docs=docs,
             per_page=(med("documents_one_thread", "cpu_ms") + med("build_one_thread", "cpu_ms")) / docs,
             index_ms=med("documents", "wall_ms") + med("build", "wall_ms"))
    if ex["bytes"] != d["bytes"] or ex["files"] != d["files"]:
        raise RuntimeError(f"the example built {ex['files']} files, the build wrote {d['files']}")
    words, pages = pick_words(out, n, seed)
    if pages != docs:
        raise RuntimeError(f"{pages} incident pages but {docs} documents in the index")
    print("  words: " + ", ".join(f"{role} {w!r} (in {c} report{'s' * (c != 1)})" for role, w, c in words),
          flush=True)

    bundle = os.path.join(out, PAGEFIND_DIR)
    # Pagefind writes into the site: keep debrief's output, remove only its own bundle before each run.
    p = timed_runs("pagefind", pagefind_cmd, bundle, runs, time_file)
    p["bytes"], p["files"] = folder_stats(bundle, lambda rel: not CODE.search(rel))
    p["bundle_bytes"], p["bundle_files"] = folder_stats(bundle, lambda rel: True)
    with open(os.path.join(bundle, "pagefind-entry.json"), encoding="utf-8") as f:
        indexed = sum(lang["page_count"] for lang in json.load(f)["languages"].values())
    if indexed != docs:
        raise RuntimeError(f"Pagefind indexed {indexed} pages, debrief {docs}")
    p.update(docs=docs, index_ms=p["wall"] * 1e3, per_page=p["cpu"] * 1e3 / docs)

    cold_cmd = ["node", COLD, out, json.dumps([w for _, w, _ in words]), str(runs)]
    print(f"  cold queries: {shlex.join(cold_cmd)}", flush=True)
    cold = run_json(cold_cmd, "the cold queries")
    every_cmd = ["node", EVERY, os.path.join(out, "search"), "--json"]
    print(f"  every key: {shlex.join(every_cmd)}", flush=True)
    every = run_json(every_cmd, "the all-keys queries")
    return d, p, words, cold, every


# ---------------------------------------------------------------------------------------------------
# The table.

def kb(b):
    return f"{b / 1024:.1f} KB"


def mb(b):
    return f"{b / 1e6:.2f} MB"


def check(key, value, n):
    """The target column: the limit, and whether the figure meets it (at 10,000 reports only)."""
    limit, shown = TARGETS[key]
    if n != 10000:
        return shown
    return f"{shown} {'met' if value <= limit else 'MISSED'}"


def table(n, runs, d, p, words, cold, every):
    dq, pq = cold["debrief"], cold.get("pagefind", {})
    rows = [("index size", mb(d["bytes"]), mb(p["bytes"]), p["bytes"] / d["bytes"], check("bytes", d["bytes"], n)),
            ("index files", str(d["files"]), str(p["files"]), p["files"] / d["files"], check("files", d["files"], n)),
            ("index time per page, CPU time", f"{d['per_page']:.3f} ms", f"{p['per_page']:.3f} ms",
             p["per_page"] / d["per_page"], check("per_page", d["per_page"], n)),
            ("index time, whole site, wall", f"{d['index_ms'] / 1e3:.2f} s",
             f"{p['index_ms'] / 1e3:.2f} s", p["index_ms"] / d["index_ms"], ""),
            ("peak memory (debrief: whole build)", build.mib(d["rss"]), build.mib(p["rss"]), p["rss"] / d["rss"], ""),
            ("whole debrief build, wall (CPU)", f"{d['wall']:.2f} s ({d['cpu']:.2f} s)", "", None, "")]
    for role, w, df in words:
        a, b = dq[w], pq.get(w, {})
        ratio = lambda k: b[k] / a[k] if b else None  # noqa: E731
        rows += [(f"{role} “{w}” ({df} report{'s' * (df != 1)}): requests", str(a["requests"]),
                  str(b.get("requests", "")), ratio("requests"), check("q_requests", a["requests"], n)),
                 ("  KB gzip", kb(a["gzip"]), kb(b["gzip"]) if b else "", ratio("gzip"), check("q_gzip", a["gzip"], n)),
                 ("  results", str(a["results"]), str(b.get("results", "")), None, "")]
    rows += [(f"every key cold ({every['keys']} keys): most requests", str(every["max_requests"]), "", None,
              check("q_requests", every["max_requests"], n)),
             ("  keys over 5 requests, over 70 KB", f"{every['over_requests']}, {every['over_gzip']}", "", None, ""),
             ("  KB gzip, most (99th percentile)", f"{kb(every['gzip']['max'])} ({kb(every['gzip']['p99'])})", "",
              None, check("q_gzip", every["gzip"]["max"], n))]
    a, b = next(iter(dq.values())), next(iter(pq.values()), None)
    code = lambda r: f"{kb(r['code_gzip'])}, {r['code_requests']} files" if r else ""  # noqa: E731
    rows.append(("client code, gzip (cached after)", code(a), code(b), b["code_gzip"] / a["code_gzip"] if b else None, ""))
    head = ("", "debrief", "Pagefind", "Pagefind ÷ debrief", "target at 10,000")
    body = [(r[0], r[1], r[2], f"{r[3]:.2f}" if r[3] is not None else "", r[4]) for r in rows]
    widths = [max(len(r[c]) for r in [head] + body) for c in range(len(head))]
    print(f"\nN = {n}: {d['docs']} reports published and indexed; median of {runs} run{'s' * (runs > 1)}")
    for r in [head] + body:
        cells = (c.ljust(w) if i in (0, 4) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
        print(("  " + "  ".join(cells)).rstrip())
    print(f"  Pagefind's whole bundle, with its scripts, styles and UI: {mb(p['bundle_bytes'])} in "
          f"{p['bundle_files']} files")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Benchmark debrief's search index (and Pagefind's) on generated "
                                             "archives.")
    ap.add_argument("sizes", nargs="*", type=int, help="numbers of reports (default: 1000 10000)")
    ap.add_argument("--runs", type=int, default=1, help="runs per tool and size (default 1)")
    ap.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    args = ap.parse_args(argv)
    pagefind = setup()
    version = subprocess.run([pagefind, "--version"], capture_output=True, text=True).stdout.strip()
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"debrief:  {BINARY}\npagefind: {version}\nbrowser:  {chromium}")
    failed = False
    for n in args.sizes or [1000, 10000]:
        try:
            table(n, args.runs, *measure_size(n, args.seed, args.runs, pagefind))
        except RuntimeError as e:
            print(f"N = {n}: {e}", file=sys.stderr)
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
