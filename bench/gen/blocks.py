"""The non-prose blocks of a report: data tables, code blocks (logs, commands, queries) and the figure.

They give every report the markdown that is not paragraphs, so a build exercises tables, fenced
code and images (`SVG` is the figure a few page bundles carry next to their `index.md`).
"""

import datetime as dt

from . import vocab as V
from .draw import SERVICE_CUM, zipf_sample
from .formats import duration, fmt_int
from .slots import fill

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="480" height="160" viewBox="0 0 480 160" role="img">
  <title>{title}</title>
  <polyline fill="none" stroke="#c33" stroke-width="2" points="0,140 80,138 120,40 200,30 260,35 300,120 480,136"/>
</svg>
"""


def data_table(inc, rng):
    nb = inc.lang == "nb"
    kind = rng.choice(["metrics", "regions", "services"])
    if kind == "metrics":
        head = ["Måling", "Før", "Under", "Etter"] if nb else ["Metric", "Before", "During", "After"]
        rows = []
        for name_en, name_nb, lo, hi, unit in [("p50 latency", "Median responstid", 20, 90, " ms"),
                                               ("p99 latency", "p99 responstid", 120, 900, " ms"),
                                               ("Error rate", "Feilrate", 0, 2, " %"),
                                               ("Requests per second", "Forespørsler per sekund", 300, 9000, ""),
                                               ("CPU usage", "CPU-bruk", 15, 60, " %")]:
            if rng.random() < 0.25:
                continue
            before = rng.randint(lo, hi)
            during = before * rng.randint(3, 40) if unit != "" else int(before * rng.uniform(0.3, 3.5))
            if unit == " %":
                during = min(100, rng.randint(10, 95))
            after = int(before * rng.uniform(0.8, 1.2))
            rows.append([name_nb if nb else name_en] + [fmt_int(v, inc.lang) + unit for v in (before, during, after)])
    elif kind == "regions":
        head = ["Region", "Forespørsler", "Feilet", "Feilrate"] if nb else ["Region", "Requests", "Failed", "Error rate"]
        rows = []
        for region in rng.sample(V.REGIONS, rng.randint(3, 5)):
            total = rng.randint(2000, 900000)
            failed = int(total * rng.uniform(0.001, 0.6))
            pct = f"{failed * 100 / total:.1f}".replace(".", "," if nb else ".")
            rows.append([region, fmt_int(total, inc.lang), fmt_int(failed, inc.lang), f"{pct} %"])
    else:
        head = ["Tjeneste", "Berørte kunder", "Varighet"] if nb else ["Service", "Affected customers", "Duration"]
        rows = []
        for svc in dict.fromkeys(inc.services + zipf_sample(rng, V.SERVICES, SERVICE_CUM, 3)):
            rows.append([f"`{svc}`", fmt_int(rng.randint(3, 40000), inc.lang),
                         duration(rng.randint(5, 400), inc.lang)])
            if len(rows) >= 4:
                break
    widths = [max(len(r[c]) for r in [head] + rows) for c in range(len(head))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    intro = ""
    if rng.random() < 0.5:
        intro = ("Tallene nedenfor er hentet fra dashbordet for tjenesten.\n\n" if nb else
                 "The figures below come from the service dashboard.\n\n")
    return intro + "\n".join([line(head), sep] + [line(r) for r in rows])


def code_block(inc, rng):
    choice = rng.random()
    if choice < 0.45:
        lines = []
        t = inc.events[0][0]
        for _ in range(rng.randint(4, 9)):
            t += dt.timedelta(seconds=rng.randint(1, 90), milliseconds=rng.randint(0, 999))
            msg = rng.choice(inc.sc["logs"]).replace("{host}", inc.hosts[0]).replace("{svc}", inc.services[0])
            lines.append(f"{t.strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3]}Z {rng.choice(inc.hosts)} {inc.services[0]}[{rng.randint(300, 40000)}]: {msg}")
        lang, body = "text", "\n".join(lines)
    else:
        lang, tmpl = rng.choice(inc.sc["snippets"])
        body = fill(inc, rng, tmpl)
    intro = ""
    if rng.random() < 0.6:
        intro = rng.choice(["Fra loggene:", "Det vi så:", "Utdrag:"] if inc.lang == "nb" else
                           ["From the logs:", "What we saw:", "An excerpt:"]) + "\n\n"
    return f"{intro}```{lang}\n{body}\n```"


def image_alt(inc):
    return ("Linjediagram over feilraten: lav før hendelsen, høy i en time, så normal igjen." if inc.lang == "nb"
            else "Line chart of the error rate: low before the incident, high for an hour, then normal again.")
