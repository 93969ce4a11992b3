"""The incident's action items: owner, due date, status and ticket, and their lists in the body.

`plan_actions` picks the follow-ups (scenario-specific and generic titles) and their state against
`NOW`, some of them overdue; `body_actions` writes them as the task lists, numbered lists and
free-form bullets debrief has to parse, in English or bokmål.
"""

import datetime as dt

from . import vocab as V
from .archive import NOW
from .slots import fill


def plan_actions(inc, rng):
    now = dt.date.fromisoformat(NOW)
    start = inc.local(inc.start).date()
    titles = [t for t in inc.sc[inc.lang]["actions"]]
    rng.shuffle(titles)
    k = rng.randint(2, 6)
    generic = rng.sample(inc.L["actions_generic"], k)
    chosen = (titles[:rng.randint(1, min(k, len(titles)))] + generic)[:k]
    actions = []
    for t in chosen:
        due = start + dt.timedelta(days=rng.choice([7, 14, 14, 21, 30, 30, 45, 60, 90, 120, 180]))
        overdue_age = (now - due).days
        if overdue_age > 0:
            status = rng.choices(["done", "open", "in-progress", "blocked", "wontfix"], [0.72, 0.13, 0.09, 0.03, 0.03])[0]
        else:
            status = rng.choices(["open", "in-progress", "done", "blocked"], [0.45, 0.33, 0.2, 0.02])[0]
        completed = None
        if status in ("done", "wontfix"):
            latest = min(now, due + dt.timedelta(days=30))
            completed = start + dt.timedelta(days=rng.randint(0, max(0, (latest - start).days)))
        owner = rng.choice(V.TEAMS_NB if inc.lang == "nb" else V.TEAMS_EN) if rng.random() < 0.8 else rng.choice(V.PERSONS)
        ticket = f"{inc.ticket_prefix}-{rng.randint(12, 9999)}"
        actions.append(dict(title=fill(inc, rng, t), owner=owner, due=due.isoformat(), status=status,
                            completed=completed.isoformat() if completed else None, ticket=ticket,
                            priority=rng.choice(["high", "medium", "medium", "low"]),
                            kind=rng.choice(["mitigate", "prevent", "prevent", "detect", "process"])))
    return actions


def body_actions(inc, rng):
    nb = inc.lang == "nb"
    words_en = {"done": ["(done)", "(fixed)", "(completed)"], "in-progress": ["(in progress)", "(in-progress)"],
                "blocked": ["(blocked)"], "wontfix": ["(won't fix)", "(wontfix)"], "open": ["(open)", "(todo)"]}
    words_nb = {"done": ["(ferdig)", "(fullført)", "(løst)"], "in-progress": ["(pågår)", "(under arbeid)", "(påbegynt)"],
                "blocked": ["(blokkert)"], "wontfix": ["(avvist)"], "open": ["(åpen)"]}
    words = words_nb if nb else words_en
    form = rng.choice(["a", "b", "c", "d"])
    numbered = rng.random() < 0.2
    items = []
    for n, a in enumerate(inc.actions, 1):
        st = a["status"]
        box = "[x] " if st == "done" and rng.random() < 0.8 else ("[ ] " if st in ("open", "in-progress", "blocked") else "")
        suffix = ""
        if not (st == "done" and box) and not (st == "open" and box):
            suffix = " " + rng.choice(words[st])
        if numbered:
            box = ""
            if st in ("open", "done") and not suffix:
                suffix = " " + rng.choice(words[st])
        bullet = f"{n}." if numbered else "-"
        if nb:
            if form == "a":
                body = f"{a['title']}, ansvarlig: @{a['owner']}, frist {a['due']}, {a['ticket']}"
            elif form == "b":
                body = f"{a['title']} @{a['owner']} frist {a['due']} sak: {a['ticket']}"
            elif form == "c":
                body = f"{a['title']} (FRIST: {a['due']}) @{a['owner']} {a['ticket']}"
            else:
                body = f"{a['title']} – @{a['owner']}, frist: {a['due']}, [{a['ticket']}](https://tracker.example.net/browse/{a['ticket']})"
        else:
            if form == "a":
                body = f"{a['title']} @{a['owner']} due {a['due']} {a['ticket']}"
            elif form == "b":
                body = f"{a['title']}, owner: @{a['owner']}, due: {a['due']}, ticket: {a['ticket']}"
            elif form == "c":
                body = f"{a['title']} (@{a['owner']}, Due {a['due']}, {a['ticket']})"
            else:
                body = f"{a['title']} – @{a['owner']}, deadline {a['due']}, [{a['ticket']}](https://tracker.example.net/browse/{a['ticket']})"
        item = f"{bullet} {box}{body}{suffix}"
        if rng.random() < 0.15:
            note = fill(inc, rng, rng.choice(["Start with {host}.", "See the notes in {ticket2}.", "Needs a decision from {team2}."] if not nb else
                                              ["Start med {host}.", "Se notatene i {ticket2}.", "Trenger en beslutning fra {team2}."]))
            item += f"\n{' ' * (len(bullet) + 1)}- {note}"
        items.append(item)
    return ["\n".join(items)]
