#!/usr/bin/env python3
"""Benchmark `debrief build` on generated archives, next to Hugo building the same reports.

Usage:
    python3 bench/build.py [--runs R] [--seed S] [--bare] [N ...]      (default: 1000 10000; 50000 works too)

For each N the script:

1. generates a site of N realistic post-mortems with bench/generate.py, once: the site is cached in
   $TMPDIR/debrief-bench/n<N>-s<seed>-g<hash of the generator>/ and reused by later runs;
2. writes a Hugo site with the same reports beside it (when `hugo` is on PATH): each report's front
   matter is converted to what Hugo reads (title, date, draft, `services` and `tags` taxonomies, the
   summary and severity as params; a markdown-only report gets its title from its H1), the body is
   kept as written, and minimal templates render a page per report, the home list of every report,
   and the `services` and `tags` taxonomies (a list of terms and a page per term);
3. builds each site R times, alternating debrief and Hugo (and which of them goes first), into an
   absent output folder (the previous one is moved aside and deleted after the last run, see
   `measure`), each run measured by `/usr/bin/time -f` (wall time, user+sys CPU, peak RSS); before
   the first run it waits, if need be, until six minutes have passed since it last deleted outputs
   (see `settle`; `--no-settle` skips the wait), then reads every input file once (see `warm`);
4. prints the exact commands and, per N, a table of medians: wall, CPU and its system part, peak
   memory, output bytes and files, the largest HTML page, and the ratio Hugo wall / debrief wall.

With `--bare`, debrief also builds a third site, alternated with the other two: the same reports
with every template of the default theme overridden by an empty one (see `write_bare_site`). What it
takes is what a build costs besides evaluating templates, and the table adds the templates' share.

The comparison is approximate by nature: debrief also writes the action tracker, metrics, severity
pages, JSON/CSV/ICS exports and a feed, which the minimal Hugo templates do not.

The debrief binary is target/release/debrief (built with `cargo build --release` if it is missing).
Exit status: 1 if any build failed, else 0.
"""

import argparse
import hashlib
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

ROOT = generate.ROOT
BINARY = generate.BINARY
NOW = generate.NOW
TIME = "/usr/bin/time"
TIME_FORMAT = "%e %U %S %M"
# How long after deleting outputs the harness waits before it times a build (see `settle`), and
# where it notes when it last deleted some.
SETTLE_SECONDS = 360
DELETED_AT = os.path.join(tempfile.gettempdir(), "debrief-bench", "deleted-at")
# The name of debrief's runs on the site whose templates print nothing (`--bare`).
BARE = "debrief, bare"

# ---------------------------------------------------------------------------------------------------
# The Hugo site.

HUGO_CONFIG = """\
baseURL = "https://incidents.example.net/"
title = "Incident archive"
languageCode = "en"
buildFuture = true
buildExpired = true
enableRobotsTXT = true
disableKinds = []

[taxonomies]
  service = "services"
  tag = "tags"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]

[markup.goldmark.renderer]
  unsafe = true

[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="{{ or .Params.report_lang "en" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "/services/" | relURL }}">Services</a> <a href="{{ "/tags/" | relURL }}">Tags</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .Params.severity }} · <span class="severity">{{ . }}</span>{{ end }}</p>
{{ with .GetTerms "services" }}<p>Services: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ with .GetTerms "tags" }}<p>Tags: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>{{ with .Params.severity }} {{ . }}{{ end }}<p>{{ .Summary | plainify | truncate 300 }}</p></li>
{{ end }}</ul>
{{ end }}
""",
    "_default/taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "_default/term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>{{ with .Params.severity }} {{ . }}{{ end }}</li>
{{ end }}</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>
{{ range .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>{{ with .Params.severity }} {{ . }}{{ end }}<p>{{ .Summary | plainify | truncate 300 }}</p></li>
{{ end }}</ul>
{{ end }}
""",
}

DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def split_front_matter(text):
    """(kind, front matter text, body) with kind '+++', '---' or ''."""
    text = text.lstrip("\ufeff")
    first, _, rest = text.partition("\n")
    fence = first.rstrip()
    if fence in ("+++", "---"):
        lines = rest.split("\n")
        for n, line in enumerate(lines):
            if line.rstrip() == fence:
                return fence, "\n".join(lines[:n]), "\n".join(lines[n + 1:])
    return "", "", text


def yaml_scalar(value):
    value = value.strip()
    if value.startswith('"'):
        import json
        return json.loads(value)
    if value.startswith("[") and value.endswith("]"):
        inner = value[1:-1].strip()
        return [yaml_scalar(v) for v in re.findall(r'"(?:[^"\\]|\\.)*"|[^,]+', inner)] if inner else []
    return value.strip("'")


def read_yaml(text):
    """The top-level scalars and flow lists of a YAML front matter, plus `times.started` (enough for
    the YAML that bench/generate.py writes: block lists of maps under `timeline`/`actions` are skipped)."""
    data, section = {}, None
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            key, _, value = line.partition(":")
            section = key.strip()
            if value.strip():
                data[section] = yaml_scalar(value)
        elif section == "times":
            key, _, value = line.strip().partition(":")
            data.setdefault("times", {})[key.strip()] = yaml_scalar(value)
    return data


def hugo_report(path, text):
    """(relative output path, converted text) of one report for Hugo."""
    fence, fm_text, body = split_front_matter(text)
    fm = tomllib.loads(fm_text) if fence == "+++" else read_yaml(fm_text) if fence == "---" else {}
    title = fm.get("title")
    m = re.match(r"\s*# (.+)\n", body)
    if m and (title is None or m.group(1).strip() == title):
        title = m.group(1).strip()
        body = body[m.end():]           # debrief does not repeat the title's H1 either
    date = fm.get("date") or fm.get("times", {}).get("started")
    if date is not None and not isinstance(date, str):
        date = date.isoformat()
    if not date:
        found = DATE.search(body) or DATE.search(os.path.basename(path))
        date = found.group(1) if found else "2000-01-01"
    date = str(date)[:10]
    name = os.path.basename(path)[:-3]
    bundle = name == "index"
    if bundle:
        name = os.path.basename(os.path.dirname(path))
    slug = fm.get("slug") or generate.slugify(name)
    draft = fm.get("status", "published").strip().lower() != "published" or \
        fm.get("visibility", "public").strip().lower() != "public"
    out = ["+++", f"title = {toml_str(title or name)}", f"date = {date}", f"draft = {str(draft).lower()}"]
    for key in ("services", "tags"):
        if fm.get(key):
            out.append(f"{key} = [" + ", ".join(toml_str(v) for v in fm[key]) + "]")
    for key, hugo_key in (("summary", "summary"), ("severity", "severity"), ("lang", "report_lang")):
        if fm.get(key):
            out.append(f"{hugo_key} = {toml_str(fm[key])}")
    out.append("+++")
    rel = os.path.join("incidents", slug, "index.md") if bundle else os.path.join("incidents", slug + ".md")
    return rel, "\n".join(out) + "\n" + body


def toml_str(s):
    import json
    return json.dumps(str(s), ensure_ascii=False)


def write_hugo_site(site, hugo):
    os.makedirs(hugo)
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write(HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        path = os.path.join(hugo, "layouts", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    content = os.path.join(site, "content")
    made = set()
    for dirpath, _, files in os.walk(content):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            src = os.path.join(dirpath, name)
            with open(src, encoding="utf-8") as f:
                rel, text = hugo_report(src, f.read())
            dst = os.path.join(hugo, "content", rel)
            folder = os.path.dirname(dst)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(dst, "w", encoding="utf-8") as f:
                f.write(text)
            if name == "index.md":          # a bundle: its other files go with it
                for other in os.listdir(dirpath):
                    if not other.endswith(".md"):
                        shutil.copy(os.path.join(dirpath, other), folder)


# ---------------------------------------------------------------------------------------------------
# Generation cache.

def source_hash(*names):
    h = hashlib.sha256()
    for name in names:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:10]


def prepare(n, seed, with_hugo):
    base = os.path.join(tempfile.gettempdir(), "debrief-bench",
                        f"n{n}-s{seed}-g{source_hash(*generate.SOURCES)}")
    hugo_key = source_hash("build.py")
    site, hugo = os.path.join(base, "site"), os.path.join(base, "hugo")
    if not os.path.exists(os.path.join(base, "site.done")):
        delete(base)
        t = time.time()
        print(f"generating {n} reports into {site} ...", flush=True)
        generate.generate(n, site, seed)
        open(os.path.join(base, "site.done"), "w").close()
        print(f"  done in {time.time() - t:.1f} s", flush=True)
    hugo_done = os.path.join(base, "hugo.done")
    if with_hugo and not (os.path.exists(hugo_done) and open(hugo_done).read() == hugo_key):
        delete(hugo)
        t = time.time()
        print(f"writing the Hugo site into {hugo} ...", flush=True)
        write_hugo_site(site, hugo)
        with open(hugo_done, "w") as f:
            f.write(hugo_key)
        print(f"  done in {time.time() - t:.1f} s", flush=True)
    return base, site, hugo


def write_bare_site(site, bare):
    """Make `bare` the site of `site` with templates that print nothing: the same `debrief.toml`,
    `content/` a link to the site's, and a `templates/` folder that overrides every template of the
    default theme (`macros.html` too) with an empty file. It is built as a full build is: every
    report parsed and linked, every page and file written (each page empty), the search index, the
    exports and the feeds made, but no template evaluated beyond its empty text."""
    templates = os.path.join(bare, "templates")
    os.makedirs(templates, exist_ok=True)
    shutil.copyfile(os.path.join(site, "debrief.toml"), os.path.join(bare, "debrief.toml"))
    content = os.path.join(bare, "content")
    if not os.path.islink(content):
        os.symlink(os.path.join(site, "content"), content)
    theme = os.path.join(ROOT, "themes", "default", "templates")
    names = sorted(n for n in os.listdir(theme) if n.endswith(".html"))
    for name in os.listdir(templates):
        if name not in names:
            os.remove(os.path.join(templates, name))
    for name in names:
        open(os.path.join(templates, name), "w").close()


# ---------------------------------------------------------------------------------------------------
# Deleting, and waiting for the file system to settle.

def delete(path):
    """Delete a folder the harness made, and note when, for `settle`."""
    if not os.path.lexists(path):
        return
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.dirname(DELETED_AT), exist_ok=True)
    with open(DELETED_AT, "w") as f:
        f.write(f"{time.time()}\n")


def settle():
    """Wait until SETTLE_SECONDS have passed since the harness last deleted outputs.

    On ext4 without a journal (this machine's), the kernel will not reuse a freed inode for a
    minute after it was freed, or six while its inode table block has unwritten changes, which new
    files in the same block keep making: every file or folder made in that time costs a search past
    the freed inodes (`recently_deleted` in a kernel profile). Deleting one output of 10,000
    reports frees about 22,000 inodes, and the next build of either tool then spends seconds more
    in the kernel, a different amount each run."""
    try:
        with open(DELETED_AT) as f:
            at = float(f.read())
    except (OSError, ValueError):
        return
    wait = at + SETTLE_SECONDS - time.time()
    if wait > 0:
        print(f"waiting {wait:.0f} s for the file system to settle after deleting outputs "
              f"(--no-settle skips this) ...", flush=True)
        time.sleep(wait)


# ---------------------------------------------------------------------------------------------------
# Measuring.

def warm(folders):
    """Read every file under `folders` once, so that no tool's first run reads its input from the
    disk while later runs find it in the page cache (a generated site may not have been read for
    days); returns the bytes read."""
    total = 0
    for folder in folders:
        for dirpath, dirnames, names in os.walk(folder):
            dirnames[:] = [d for d in dirnames if d not in ("public", "trash", ".cache")]
            for name in names:
                with open(os.path.join(dirpath, name), "rb") as f:
                    while chunk := f.read(1 << 20):
                        total += len(chunk)
    return total


def measure(cmd, out_dir, time_file, trash):
    """Run cmd under /usr/bin/time into an absent out_dir; return a dict, or None if it failed.

    A previous out_dir is moved into the folder `trash`, which main() deletes only after the last
    run, so that no run pays for the inodes another one freed (see `settle`)."""
    if os.path.lexists(out_dir):
        os.makedirs(trash, exist_ok=True)
        os.rename(out_dir, os.path.join(trash, str(len(os.listdir(trash)))))
    full = [TIME, "-f", TIME_FORMAT, "-o", time_file] + cmd
    r = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        print(f"  FAILED (exit {r.returncode}): {shlex.join(cmd)}\n{r.stderr[-4000:]}", file=sys.stderr)
        return None
    with open(time_file) as f:
        fields = f.read().split()[-4:]
    wall, user, system, rss_kb = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
    total, files, largest = 0, 0, (0, "")
    for dirpath, _, names in os.walk(out_dir):
        for name in names:
            size = os.path.getsize(os.path.join(dirpath, name))
            total += size
            files += 1
            if name.endswith(".html") and size > largest[0]:
                largest = (size, os.path.relpath(os.path.join(dirpath, name), out_dir))
    return dict(wall=wall, cpu=user + system, sys=system, rss=rss_kb * 1024, bytes=total, files=files,
                largest=largest[1], largest_bytes=largest[0])


def mib(b):
    return f"{b / 1048576:.1f} MiB"


def table(n, runs, results, content_bytes, content_files):
    print(f"\nN = {n}: {content_files} content files, {mib(content_bytes)} of markdown; median of {runs} runs")
    head = ["tool", "wall", "CPU (user+sys)", "of it sys", "peak RSS", "output", "files", "largest page"]
    rows = []
    for tool, rs in results.items():
        if not rs:
            rows.append([tool, "failed", "", "", "", "", "", ""])
            continue
        med = lambda k: statistics.median(r[k] for r in rs)  # noqa: E731
        big = max(rs, key=lambda r: r["largest_bytes"])
        rows.append([tool, f"{med('wall'):.2f} s", f"{med('cpu'):.2f} s", f"{med('sys'):.2f} s", mib(med("rss")), mib(med("bytes")),
                     f"{int(med('files'))}",
                     f"{big['largest']} ({mib(big['largest_bytes'])})" if big["largest_bytes"] else "–"])
    widths = [max(len(r[c]) for r in [head] + rows) for c in range(len(head))]
    print(("  " + "  ".join(h.ljust(w) if i in (0, 7) else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths)))).rstrip())
    for r in rows:
        print(("  " + "  ".join(c.ljust(w) if i in (0, 7) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))).rstrip())
    if results.get("debrief") and results.get("hugo"):
        d = statistics.median(r["wall"] for r in results["debrief"])
        h = statistics.median(r["wall"] for r in results["hugo"])
        print(f"  ratio Hugo wall / debrief wall: {h / d:.2f}")
    if results.get("debrief") and results.get(BARE):
        d = statistics.median(r["wall"] for r in results["debrief"])
        b = statistics.median(r["wall"] for r in results[BARE])
        c = statistics.median(r["cpu"] for r in results["debrief"])
        bc = statistics.median(r["cpu"] for r in results[BARE])
        print(f"  evaluating templates: {d - b:.2f} s of debrief's wall time ({100 * (d - b) / d:.0f}%), "
              f"{c - bc:.2f} s of its CPU ({100 * (c - bc) / c:.0f}%)")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Benchmark debrief build (and Hugo) on generated archives.")
    ap.add_argument("sizes", nargs="*", type=int, help="numbers of reports (default: 1000 10000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per tool and size (default 3)")
    ap.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    ap.add_argument("--bare", action="store_true",
                    help="also time debrief on the same reports with templates that print nothing")
    ap.add_argument("--no-settle", action="store_true",
                    help="time builds at once, even within six minutes of deleting outputs")
    args = ap.parse_args(argv)
    sizes = args.sizes or [1000, 10000]
    if not os.path.exists(BINARY):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    hugo_bin = shutil.which("hugo")
    if hugo_bin:
        version = subprocess.run([hugo_bin, "version"], capture_output=True, text=True).stdout.strip()
    failed = False
    print(f"debrief: {BINARY}")
    print(f"hugo:    {version if hugo_bin else 'not on PATH, skipped'}")
    trashes = []
    for n in sizes:
        base, site, hugo = prepare(n, args.seed, bool(hugo_bin))
        trash = os.path.join(base, "trash")
        delete(trash)
        trashes.append(trash)
        content_bytes = content_files = 0
        for dirpath, _, names in os.walk(os.path.join(site, "content")):
            for name in names:
                content_files += 1
                content_bytes += os.path.getsize(os.path.join(dirpath, name))
        tools = {"debrief": ([BINARY, "-C", site, "build", "--now", NOW, "--output", "public"],
                             os.path.join(site, "public"))}
        if args.bare:
            bare = os.path.join(base, "bare")
            write_bare_site(site, bare)
            tools[BARE] = ([BINARY, "-C", bare, "build", "--now", NOW, "--output", "public"],
                           os.path.join(bare, "public"))
        if hugo_bin:
            tools["hugo"] = ([hugo_bin, "--quiet", "--source", hugo, "--destination", os.path.join(hugo, "public"),
                              "--cacheDir", os.path.join(hugo, ".cache")], os.path.join(hugo, "public"))
        print(f"\ncommands for N = {n} (each run as `{TIME} -f '{TIME_FORMAT}' -o FILE COMMAND`, output folder moved aside first):")
        for tool, (cmd, _) in tools.items():
            print(f"  {tool}: {shlex.join(cmd)}")
        results = {tool: [] for tool in tools}
        order = list(tools)
        if not args.no_settle:
            settle()
        warmed = warm([site] + ([hugo] if hugo_bin else []))
        print(f"  read every input file once first ({mib(warmed)}), so no run reads from the disk", flush=True)
        for run in range(args.runs):
            for tool in (order if run % 2 == 0 else order[::-1]):
                cmd, out = tools[tool]
                r = measure(cmd, out, os.path.join(base, f"time-{tool}.txt"), trash)
                if r is None:
                    failed = True
                    continue
                results[tool].append(r)
                print(f"  run {run + 1} {tool:13} {r['wall']:7.2f} s wall {r['cpu']:7.2f} s CPU {mib(r['rss']):>12}", flush=True)
        table(n, args.runs, results, content_bytes, content_files)
    for trash in trashes:
        delete(trash)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
