"""The incident's timeline: when things happened, and the timeline written in the report's body.

`plan_times` decides the phases (started, detected, ..., resolved) and the events between them with
their texts; the slots, the front matter and the body all read them from the incident.
`body_timeline` writes those events the ways people do in markdown: tables with or without dates or
kinds, plain or decorated lists, lists under a heading per day, in the local zone or in UTC.
"""

import datetime as dt

from .archive import SITE_ZONE, UTC
from .slots import fill


def plan_times(inc, rng):
    sev = int(inc.severity[-1])
    scale = {1: 3.0, 2: 1.6, 3: 1.0, 4: 0.7}[sev]
    s = inc.start
    det = s + dt.timedelta(minutes=max(1, min(600, int(rng.lognormvariate(2.3, 0.9) * scale))))
    ack = det + dt.timedelta(minutes=rng.randint(1, 15))
    mit = ack + dt.timedelta(minutes=max(5, min(1800, int(rng.lognormvariate(3.3, 0.8) * scale))))
    res = mit + dt.timedelta(minutes=max(5, min(2400, int(rng.lognormvariate(3.6, 1.0) * scale))))
    if inc.sc["key"] == "storage" and rng.random() < 0.3:
        res = mit + dt.timedelta(hours=rng.randint(20, 60))
    times = [s, det, ack, mit, res]
    inc.phases = dict(zip(["started", "detected", "acknowledged", "mitigated", "resolved"], times))
    # Timeline events between the phases.
    ev = [(s, "trigger"), (det, "detect"), (ack, "acknowledged" if rng.random() < 0.5 else "escalate")]
    span = (mit - ack).total_seconds() / 60
    for _ in range(rng.randint(2, 6)):
        kind = rng.choices(["action", "communicate", "escalate"], [0.65, 0.25, 0.1])[0]
        ev.append((ack + dt.timedelta(minutes=int(rng.random() * span)), kind))
    ev.append((mit, "mitigate"))
    if rng.random() < 0.5:
        ev.append((mit + dt.timedelta(minutes=int((res - mit).total_seconds() / 60 * rng.random())), "communicate"))
    ev.append((res, "resolve"))
    ev.sort(key=lambda e: e[0])
    events, seen, pools = [], set(), {}
    for when, kind in ev:
        when = when.replace(second=0, microsecond=0)
        if (when, kind) in seen or not inc.ok_local(when):
            continue
        seen.add((when, kind))
        if kind == "trigger" and rng.random() < 0.5:
            template = rng.choice(inc.sc[inc.lang]["trigger"])
        else:
            if not pools.get(kind):   # draw without replacement, refilling when a kind runs out
                pools[kind] = rng.sample(inc.L["timeline"][kind], len(inc.L["timeline"][kind]))
            template = pools[kind].pop()
        events.append((when, kind, fill(inc, rng, template)))
    inc.events = events


def body_timeline(inc, rng):
    nb = inc.lang == "nb"
    shown_zone = rng.choice([inc.tz, inc.tz, UTC])
    loc = [(e[0].astimezone(shown_zone), e[1], e[2]) for e in inc.events]
    multi_day = loc[0][0].date() != loc[-1][0].date()
    form = rng.choice(["table", "table", "table-date", "table-kind", "list", "list"] + (["list-days"] * 2 if multi_day else []))
    inc.shown_date = loc[0][0].date()
    header_zone = False
    blocks = []
    if shown_zone is UTC and inc.zone != "UTC":
        if form.startswith("table") and rng.random() < 0.3:
            header_zone = True
        else:
            blocks.append(rng.choice(["Alle tider i UTC.", "*Alle tider er i UTC.*"] if nb else
                                     ["All times in UTC.", "*All times are in UTC.*", "(All times in UTC, unless noted.)"]))
    else:
        if inc.zone == SITE_ZONE:
            lines = ["Alle tider i norsk tid.", "*Alle tidspunkter er i norsk tid.*", "Tidssone: Europe/Oslo"] if nb else \
                    ["All times are in Europe/Oslo.", "All times in Oslo time.", "*Times are in local time.*"]
        else:
            lines = [f"All times in {inc.zone}."]
        if rng.random() < 0.8:
            blocks.append(rng.choice(lines))
    dot = nb and rng.random() < 0.3
    hm = lambda t: t.strftime("%H.%M" if dot else "%H:%M")  # noqa: E731
    if form.startswith("table"):
        tcol = ("Tid" if nb else "Time") + (" (UTC)" if header_zone else "")
        ecol = "Hendelse" if nb else "Event"
        if form == "table-date":
            head = ["Dato" if nb else "Date", tcol, ecol]
        elif form == "table-kind":
            head = [tcol, "Kategori" if nb else "Kind", ecol]
        else:
            head = [tcol, ecol]
        rows, prev = [], None
        for t, kind, text in loc:
            same = prev is not None and t.date() == prev.date() and t >= prev
            if form == "table-date":
                rows.append(["" if same else t.date().isoformat(), hm(t), text])
            else:
                cell = hm(t) if same else f"{t.date().isoformat()} {hm(t)}"
                rows.append([cell, kind, text] if form == "table-kind" else [cell, text])
            prev = t
        widths = [max(len(r[c]) for r in [head] + rows) for c in range(len(head))]
        line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
        blocks.append("\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows]))
    elif form == "list":
        items, prev = [], None
        style = rng.choice(["plain", "bold", "code", "kl"] if nb else ["plain", "bold", "code", "bracket"])
        for t, kind, text in loc:
            same = prev is not None and t.date() == prev.date() and t >= prev
            stamp = hm(t) if same else f"{t.date().isoformat()} {hm(t)}"
            if style == "bold":
                items.append(f"- **{stamp}** – {text}")
            elif style == "code":
                items.append(f"- `{stamp}`: {text}")
            elif style == "bracket":
                items.append(f"- [{stamp}] {text}")
            elif style == "kl" and same:
                items.append(f"- kl. {stamp} – {text}")
            else:
                items.append(f"- {stamp} {text}")
            prev = t
        blocks.append("\n".join(items))
    else:  # list-days: a date heading per day, bare times below it
        day = None
        items = []
        for t, kind, text in loc:
            if t.date() != day:
                if items:
                    blocks.append("\n".join(items))
                    items = []
                day = t.date()
                blocks.append(rng.choice([f"### {day.isoformat()}", f"**{day.isoformat()}**"]))
            items.append(f"- {hm(t)} {text}")
        if items:
            blocks.append("\n".join(items))
    return blocks
