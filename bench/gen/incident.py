"""One generated post-mortem: its skeleton of cheap facts, and the `Report` that describes it.

An `Incident` is decided from its seed and index alone (language, style, scenario, start time,
severity, services, tags, hosts, title, file name), so another report can refer to it without
building its text; `build` then writes the text (bench/gen/prose.py) and `report` sums it up for
the benchmarks.
"""

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from . import prose
from . import vocab as V
from .archive import FIRST_DAY, LAST_DAY, SITE_ZONE, UTC
from .draw import SERVICE_CUM, TAG_CUM, codename, zipf_sample
from .formats import slugify
from .slots import fill


@dataclass
class Report:
    """What a benchmark needs to know about one generated report (see bench/generate.py)."""
    path: str               # relative to the site root: content/2023/...
    id: str
    slug: str
    url: str                # incidents/<slug>/
    lang: str               # en or nb
    title: str
    style: str              # toml, yaml or markdown
    date: str               # YYYY-MM-DD (incident start, in its zone)
    status: str             # published, review or draft
    visibility: str         # public or internal
    severity: str           # sev1..sev4, or "" for markdown-only reports
    services: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    words: list = field(default_factory=list)
    word_count: int = 0


# ---------------------------------------------------------------------------------------------------
# The incident: cheap facts first (the skeleton), then the text.

class Incident:
    def __init__(self, seed, i):
        self.seed, self.i = seed, i
        rng = random.Random(f"debrief-bench:{seed}:{i}:head")
        self.rng_head = rng
        self.lang = "nb" if rng.random() < 0.25 else "en"
        self.L = V.NB if self.lang == "nb" else V.EN
        self.style = rng.choices(["toml", "yaml", "markdown"], [0.42, 0.25, 0.33])[0]
        self.sc = rng.choice(V.SCENARIOS)
        self.code = codename(i, seed)
        # Start: more incidents in recent years (the archive grows), any hour, more in the daytime.
        span = (LAST_DAY - FIRST_DAY).days
        day = FIRST_DAY + dt.timedelta(days=int(span * rng.random() ** 0.8))
        hour = rng.choice([rng.randint(0, 23), rng.randint(8, 17), rng.randint(8, 17)])
        if self.lang == "nb" or self.style == "markdown":
            self.zone = SITE_ZONE
        else:
            self.zone = rng.choices([SITE_ZONE, "UTC", "Europe/London", "America/New_York"], [0.7, 0.18, 0.06, 0.06])[0]
        self.tz = ZoneInfo(self.zone)
        local = dt.datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), tzinfo=self.tz)
        self.start = local.astimezone(UTC)
        # Keep clear of the autumn hour that happens twice: local times written without an offset
        # would be ambiguous there. (Times derived from instants never fall in the spring gap.)
        while not all(self.ok_local(self.start + dt.timedelta(hours=h)) for h in range(0, 130, 1)):
            self.start += dt.timedelta(days=6)
        self.severity = rng.choices(["sev1", "sev2", "sev3", "sev4"], [0.08, 0.22, 0.4, 0.3])[0]
        if self.style == "markdown":
            self.status, self.visibility = "published", "public"
        else:
            self.status = rng.choices(["published", "review", "draft"], [0.96, 0.02, 0.02])[0]
            self.visibility = "internal" if rng.random() < 0.04 else "public"
        # Services: the scenario suggests one, the rest follow the catalogue's Zipf-like popularity.
        k = rng.choices([1, 2, 3, 4], [0.3, 0.4, 0.2, 0.1])[0]
        first = rng.choice(self.sc["services"]) if rng.random() < 0.6 else zipf_sample(rng, V.SERVICES, SERVICE_CUM, 1)[0]
        self.services = [first] + [s for s in zipf_sample(rng, V.SERVICES, SERVICE_CUM, k + 1) if s != first][:k - 1]
        kt = rng.choices([0, 1, 2, 3, 4, 5], [0.05, 0.15, 0.3, 0.3, 0.15, 0.05])[0]
        tags = [t for t in rng.sample(self.sc["tags"], min(2, kt))]
        for t in zipf_sample(rng, V.TAGS, TAG_CUM, kt + 3):
            if len(tags) >= kt:
                break
            if t not in tags:
                tags.append(t)
        self.tags = tags
        svc = self.services[0]
        self.hostp = self.sc["host"] if rng.random() < 0.5 else slugify(svc)
        self.env = rng.choice(V.HOST_ENVS)
        self.hosts = [f"{self.hostp}-{self.env}-{n}" for n in rng.sample(range(1, 13), 3)]
        self.region = rng.choice(V.REGIONS)
        vi = rng.randrange(len(V.VERSIONS))
        self.version, self.version_prev = V.VERSIONS[vi], V.VERSIONS[vi - 1]
        self.vendor = rng.choice(self.L["vendors"])
        self.ticket_prefix = rng.choice(V.TICKET_PREFIXES)
        self.alert = "`" + rng.choice(V.ALERT_SUBJECTS) + rng.choice(V.ALERT_PREDICATES) + "`"
        self.team = rng.choice(V.TEAMS_NB if self.lang == "nb" else V.TEAMS_EN)
        self.title = fill(self, rng, rng.choice(self.sc[self.lang]["titles"]), title=True)
        self._names(rng)

    def _names(self, rng):
        year = self.local(self.start).year
        short = "-".join(slugify(self.title).split("-")[:6]).strip("-")
        ldate = self.local(self.start).date().isoformat()
        scheme = rng.choices(["dated", "inc", "pm", "bundle", "fm"], [0.34, 0.24, 0.1, 0.14, 0.18])[0]
        if scheme == "fm" and self.style == "markdown":
            scheme = "dated"
        self.scheme = scheme
        self.fm_id = self.fm_slug = None
        safe_title = re.sub(r"[/:\\]", "-", self.title)
        if scheme == "dated":
            name = f"{ldate}-{short}-{self.i}.md"
            self.slug = self.id = slugify(name[:-3])
        elif scheme == "inc":
            self.id = f"INC-{year}-{self.i + 1:05d}"
            name = f"{self.id} {safe_title}.md"
            self.slug = slugify(name[:-3])
        elif scheme == "pm":
            self.id = f"PM{year}-{self.i + 1:05d}"
            name = f"{self.id} - {safe_title}.md"
            self.slug = slugify(name[:-3])
        elif scheme == "bundle":
            folder = f"{short}-{self.code}"
            name = f"{folder}/index.md"
            self.slug = self.id = folder
        else:
            self.fm_id = self.id = f"PIR-{year}-{self.i + 1:05d}"
            self.fm_slug = self.slug = f"{short}-{self.i}"
            name = f"{self.fm_id}.md"
        self.relpath = f"content/{year}/{name}"

    # -- times --------------------------------------------------------------------------------------

    def local(self, instant):
        return instant.astimezone(self.tz)

    def ok_local(self, instant):
        """False when the local wall time is ambiguous (autumn) -- written offset-less it would misread."""
        loc = instant.astimezone(self.tz).replace(tzinfo=None)
        a = loc.replace(tzinfo=self.tz, fold=0).utcoffset()
        b = loc.replace(tzinfo=self.tz, fold=1).utcoffset()
        return a == b

    # -- the text and what it holds -----------------------------------------------------------------

    def build(self):
        """Return the file's text (and remember facts about it)."""
        return prose.build(self)

    def pick_related(self, rng):
        if self.i == 0 or rng.random() > 0.15:
            return []
        for _ in range(5):
            j = rng.randrange(max(0, self.i - 400), self.i)
            other = Incident(self.seed, j)
            if other.status == "published" and other.visibility == "public":
                return [other.id]
        return []

    def distinctive(self):
        rare = list(dict.fromkeys(self.rare_used))
        rare.sort(key=lambda w: (V.RARE_NB if self.lang == "nb" else V.RARE_EN).index(w), reverse=True)
        return [self.code] + rare[:2]

    def report(self):
        return Report(path=self.relpath, id=self.id, slug=self.slug, url=f"incidents/{self.slug}/", lang=self.lang,
                      title=self.title, style=self.style,
                      # A markdown-only report is dated by its first timeline entry, in the timeline's zone.
                      date=(self.shown_date if self.style == "markdown" else self.local(self.start).date()).isoformat(),
                      status=self.status, visibility=self.visibility,
                      severity="" if self.style == "markdown" else self.severity,
                      services=list(self.services) if self.style != "markdown" else [],
                      tags=list(self.tags) if self.style != "markdown" else [],
                      words=self.distinctive(), word_count=self.word_count)
