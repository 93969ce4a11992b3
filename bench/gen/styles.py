"""The report's front matter in the two styles that have one: TOML (`+++`) and YAML (`---`).

A third of the reports are markdown only and get none. The others carry title, ids, dates, status,
severity, services and tags, the phase times in the forms debrief accepts (offset or local, bare
or quoted), and sometimes the timeline and action items as `[[timeline]]`/`[[actions]]` tables.
"""

import datetime as dt
import json

from .archive import NOW, SITE_ZONE


def front_matter(inc, rng, fm_timeline, fm_actions):
    if inc.style == "markdown":
        return ""
    toml = inc.style == "toml"
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731  (valid TOML and YAML double-quoted strings)

    def when(instant, bare_ok=True):
        loc = inc.local(instant)
        form = rng.choice(["offset", "local", "local"]) if inc.ok_local(instant) else "offset"
        if form == "offset":
            s = loc.isoformat(timespec="seconds")
            return s if toml and bare_ok and rng.random() < 0.7 else q(s)
        return q(loc.strftime("%Y-%m-%d %H:%M"))

    kv = []   # (key, value already formatted)
    kv.append(("title", q(inc.title)))
    if inc.fm_id:
        kv.append(("id", q(inc.fm_id)))
        kv.append(("slug", q(inc.fm_slug)))
    if rng.random() < 0.3:
        d = inc.local(inc.start).date().isoformat()
        kv.append(("date", d if toml else q(d)))
    if rng.random() < 0.2:
        upd = (inc.local(inc.phases["resolved"]) + dt.timedelta(days=rng.randint(2, 40))).date()
        upd = min(upd, dt.date.fromisoformat(NOW))
        kv.append(("updated", upd.isoformat() if toml else q(upd.isoformat())))
    if inc.status != "published" or rng.random() < 0.2:
        kv.append(("status", q(inc.status)))
    if inc.visibility != "public" or rng.random() < 0.1:
        kv.append(("visibility", q(inc.visibility)))
    kv.append(("severity", q(inc.severity)))
    if inc.lang == "nb" or rng.random() < 0.5:
        kv.append(("lang", q(inc.lang)))
    if inc.zone != SITE_ZONE:
        kv.append(("timezone", q(inc.zone)))
    for k, v in inc.fm_texts.items():
        kv.append((k, q(v)))
    kv.append(("services", "[" + ", ".join(q(s) for s in inc.services) + "]"))
    if inc.tags:
        kv.append(("tags", "[" + ", ".join(q(t) for t in inc.tags) + "]"))
    if inc.related:
        kv.append(("related", "[" + ", ".join(q(r) for r in inc.related) + "]"))
    phases = ["started"] + [p for p in ["detected", "acknowledged", "mitigated", "resolved"] if rng.random() < 0.75]
    times = [(p, when(inc.phases[p])) for p in phases]
    tl = []
    if fm_timeline:
        prev = None
        for t, kind, text in inc.events:
            loc = inc.local(t)
            if prev is not None and loc.date() == prev.date() and loc >= prev and rng.random() < 0.7:
                at = q(loc.strftime("%H:%M"))
            else:
                at = when(t)
            prev = loc
            tl.append([("at", at)] + ([("kind", q(kind))] if rng.random() < 0.8 else []) + [("text", q(text))])
    acts = []
    if fm_actions:
        for a in inc.actions:
            e = [("title", q(a["title"])), ("owner", q(a["owner"])),
                 ("due", a["due"] if toml else q(a["due"])), ("status", q(a["status"]))]
            if a["completed"] and rng.random() < 0.7:
                e.append(("completed", a["completed"] if toml else q(a["completed"])))
            if rng.random() < 0.7:
                e.append(("priority", q(a["priority"])))
            if rng.random() < 0.6:
                e.append(("kind", q(a["kind"])))
            if rng.random() < 0.85:
                t = a["ticket"] if rng.random() < 0.8 else f"https://tracker.example.net/browse/{a['ticket']}"
                e.append(("ticket", q(t)))
            acts.append(e)
    if toml:
        out = ["+++"] + [f"{k} = {v}" for k, v in kv]
        out += ["", "[times]"] + [f"{k} = {v}" for k, v in times]
        for e in tl:
            out += ["", "[[timeline]]"] + [f"{k} = {v}" for k, v in e]
        for e in acts:
            out += ["", "[[actions]]"] + [f"{k} = {v}" for k, v in e]
        out.append("+++")
    else:
        out = ["---"] + [f"{k}: {v}" for k, v in kv]
        out += ["times:"] + [f"  {k}: {v}" for k, v in times]
        if tl:
            out.append("timeline:")
            for e in tl:
                out += [("  - " if n == 0 else "    ") + f"{k}: {v}" for n, (k, v) in enumerate(e)]
        if acts:
            out.append("actions:")
            for e in acts:
                out += [("  - " if n == 0 else "    ") + f"{k}: {v}" for n, (k, v) in enumerate(e)]
        out.append("---")
    return "\n".join(out) + "\n"
