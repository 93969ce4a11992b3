#!/usr/bin/env python3
"""Benchmark: build time and peak memory of `debrief build` for generated archives of N incidents.

Usage: python3 bench/build.py [N ...]   (default: 100 1000 10000)

Each generated incident mixes the three styles (TOML, YAML, markdown only) with a timeline and
action items, in English and Norwegian. Prints one line per size: incidents, files written,
wall time, per-incident time and peak resident memory, as measured by /usr/bin/time.
"""

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "debrief")
SERVICES = ["e-post", "webhotell", "database", "lagring", "dns", "auth", "checkout", "api-gateway"]
WORDS = ("storage latency queue replica failover certificate expired deploy rollback cache "
         "lagring ytelse varsling migrering kunde feilsøking nedetid tregheter").split()


def text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def incident(i, rng):
    year = 2015 + i % 11
    month, day = 1 + i % 12, 1 + i % 28
    date = f"{year}-{month:02d}-{day:02d}"
    services = rng.sample(SERVICES, 2)
    style = i % 3
    body = (f"## Summary\n\n{text(rng, 40)}\n\n## Impact\n\n{text(rng, 60)}\n\n"
            f"## Root cause\n\n{text(rng, 80)}\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
            f"| {date} 09:00 | {text(rng, 8)} |\n| 09:15 | {text(rng, 8)} |\n| 10:40 | {text(rng, 8)} |\n\n"
            f"## Action items\n\n- [ ] {text(rng, 6)} @team-{i % 17} due {year}-{month:02d}-28 OPS-{i}\n"
            f"- [x] {text(rng, 6)} @team-{i % 5}\n\n## Details\n\n" + "\n\n".join(text(rng, 50) for _ in range(4)))
    if style == 0:
        return (f"{date}-toml-{i}.md", f'+++\ntitle = "Incident {i}: {text(rng, 5)}"\nseverity = "sev{1 + i % 4}"\n'
                f'services = {services!r}\n[times]\nstarted = {date}T09:00:00+01:00\nresolved = {date}T11:00:00+01:00\n+++\n'
                .replace("'", '"') + body)
    if style == 1:
        return (f"{date}-yaml-{i}.md", f"---\ntitle: Incident {i}\nlang: nb\nseverity: sev{1 + i % 4}\n"
                f"services: [{', '.join(services)}]\n---\n" + body)
    return (f"{date}-plain-{i}.md", f"# Incident {i}: {text(rng, 5)}\n\n" + body)


def run(n):
    site = tempfile.mkdtemp(prefix=f"debrief-bench-{n}-")
    try:
        with open(os.path.join(site, "debrief.toml"), "w") as f:
            f.write('title = "Bench"\nlanguage = "en"\ntimezone = "Europe/Oslo"\n')
        rng = random.Random(n)
        for i in range(n):
            name, body = incident(i, rng)
            folder = os.path.join(site, "content", name[:4])
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, name), "w") as f:
                f.write(body)
        result = subprocess.run(["/usr/bin/time", "-v", BINARY, "-C", site, "build", "--now", "2026-01-01"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"build failed:\n{result.stderr[-3000:]}")
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
        seconds = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)))
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
        files = sum(len(f) for _, _, f in os.walk(os.path.join(site, "public")))
        print(f"{n:>6} incidents  {files:>7} files  {seconds * 1000:>8.0f} ms  "
              f"{seconds * 1e6 / n:>7.0f} µs/incident  {rss / 1024:>7.1f} MiB peak")
    finally:
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    for size in [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]:
        run(size)
