"""Template filling: what each `{slot}` in a template stands for, for one incident.

The templates (bench/gen/templates_*.json, scenarios.json) are written once for all incidents; the
slots make each report specific: its services, hosts, times, tickets, numbers and rare words. A
value is drawn once per sentence, so `{svc2}` is the same service everywhere in that sentence.
"""

from . import vocab as V
from .draw import JARGON_CUM, RARE_CUM, SERVICE_CUM, TOOL_CUM, zipf_sample
from .formats import WEEKDAYS, date_long, date_short, duration, fmt_int

# Bokmål components in the neuter gender (`det`, not `den`).
NEUTER_NB = {"tjenestenettet", "utrullingsløpet", "objektlageret", "hemmelighetslageret", "sesjonslageret",
             "lagringssystemet", "datavolumet", "TLS-sertifikatet"}


class Slots(dict):
    """Fills `{slot}` placeholders; one value per slot name within one sentence."""

    def __init__(self, inc, rng, title=False):
        super().__init__()
        self.inc, self.rng, self.title = inc, rng, title

    def __missing__(self, key):
        if key in ("Svc", "Svc2") and not self.title:
            # A writer would not start a sentence with "Api-gateway"; titles may.
            name = self[key.lower()]
            value = f"Tjenesten {name}" if self.inc.lang == "nb" else f"The {name} service"
        elif key[0].isupper():
            value = self[key[0].lower() + key[1:]]
            value = value[:1].upper() + value[1:]
        else:
            value = slot_value(self.inc, key, self.rng, self)
            if "{" in value:
                value = value.format_map(self)
        self[key] = value
        return value


def fill(inc, rng, template, title=False):
    return template.format_map(Slots(inc, rng, title))


def slot_value(inc, key, rng, cache):
    """A fresh value for slot `key` of incident `inc` (`cache` holds the sentence's other slots)."""
    nb = inc.lang == "nb"
    L = inc.L
    if key == "svc":
        return inc.services[0]
    if key == "svc2":
        others = [s for s in inc.services[1:]] or zipf_sample(rng, V.SERVICES, SERVICE_CUM, 2)
        return rng.choice([s for s in others if s != inc.services[0]] or ["api-gateway"])
    if key == "comp":
        return inc.sc["comp"][1 if nb else 0]
    if key == "comp2":
        en, nbw = rng.choice(V.COMPONENTS)
        return nbw if nb else en
    if key == "comp2_pron":
        return "det" if cache["comp2"] in NEUTER_NB else "den"
    if key == "host":
        return inc.hosts[0]
    if key == "host2":
        return inc.hosts[1]
    if key in ("region", "region2"):
        return inc.region if key == "region" else rng.choice(V.REGIONS)
    if key in ("pct", "pct_small"):
        v = rng.randint(2, 9) if key == "pct_small" else rng.choice([rng.randint(3, 45), rng.randint(10, 95)])
        return f"{v} %" if nb else f"{v}%"
    if key == "n_small":
        return str(rng.randint(2, 12))
    if key == "n_mid":
        return fmt_int(rng.randint(14, 900), inc.lang)
    if key == "n_big":
        return fmt_int(rng.randint(12, 4800) * 10 + rng.randint(0, 9), inc.lang)
    if key == "ms_low":
        return f"{rng.choice([40, 60, 85, 120, 180, 250])} ms"
    if key == "ms_high":
        return rng.choice([f"{rng.randint(2, 30)} s", f"{rng.randint(6, 19) * 100} ms"])
    if key == "dur":
        return duration((inc.phases["resolved"] - inc.phases["started"]).total_seconds() / 60, inc.lang)
    if key == "dur_short":
        return duration(rng.choice([4, 6, 10, 12, 15, 20, 25, 35, 40, 45, 90]), inc.lang)
    if key in ("t_start", "t_det", "t_mit", "t_end", "time"):
        phase = {"t_start": "started", "t_det": "detected", "t_mit": "mitigated", "t_end": "resolved"}.get(key)
        when = inc.phases[phase] if phase else rng.choice(inc.events)[0]
        s = inc.local(when).strftime("%H:%M")
        return s.replace(":", ".") if nb else s
    if key == "date_long":
        return date_long(inc.local(inc.start).date(), inc.lang)
    if key == "date_short":
        return date_short(inc.local(inc.start).date(), inc.lang)
    if key == "weekday":
        return WEEKDAYS[inc.lang][inc.local(inc.start).weekday()]
    if key in ("ticket", "ticket2"):
        return f"{rng.choice(V.TICKET_PREFIXES)}-{rng.randint(12, 9999)}"
    if key in ("team", "team2"):
        return inc.team if key == "team" else rng.choice(V.TEAMS_NB if nb else V.TEAMS_EN)
    if key == "person":
        return rng.choice(V.PERSONS)
    if key == "alert":
        return inc.alert
    if key == "flag":
        return f"{inc.code}_enabled"
    if key == "codename":
        return inc.code
    if key == "rare":
        word = zipf_sample(rng, V.RARE_NB if nb else V.RARE_EN, RARE_CUM[inc.lang], 1)[0]
        inc.rare_used.append(word)
        return word
    if key in ("tool", "tool2"):
        other = cache["tool"] if key == "tool2" else None
        return next(t for t in iter(lambda: zipf_sample(rng, V.TOOLS, TOOL_CUM, 1)[0], None) if t != other)
    if key in ("jargon", "jargon2"):
        other = cache["jargon"] if key == "jargon2" else None
        return next(t for t in iter(lambda: zipf_sample(rng, V.JARGON, JARGON_CUM, 1)[0], None) if t != other)
    if key == "customer_name":
        return f"{rng.choice(V.CUSTOMER_A)} {rng.choice(V.CUSTOMER_B)}" + (" AS" if rng.random() < 0.5 else "")
    if key == "vendor":
        return inc.vendor
    if key == "metric":
        return rng.choice(L["metrics"])
    if key == "customers":
        return rng.choice(L["customers"])
    if key == "version":
        return inc.version
    if key == "version_prev":
        return inc.version_prev
    if key == "np":
        return inc.sc[inc.lang]["np"]
    if key == "symptom":
        return inc.sc[inc.lang]["symptom"] if rng.random() < 0.7 else rng.choice(
            ["slow page loads and timeouts", "intermittent 502 and 503 responses", "failed logins"] if not nb else
            ["trege sider og tidsavbrudd", "sporadiske 502- og 503-feil", "mislykkede innlogginger"])
    if key == "mitig":
        return inc.sc[inc.lang]["mitig"]
    if key == "state":
        return rng.choice(L["states"])
    if key == "red_herring":
        return rng.choice(L["red_herrings"])
    if key == "red_reason":
        return rng.choice(L["red_reasons"])
    if key == "sev_word":
        return L["sev_words"][int(inc.severity[-1]) - 1]
    if key == "error":
        return rng.choice(V.ERRORS)
    if key == "path":
        return rng.choice(V.PATHS)
    if key == "ordinal":
        return rng.choice(L["ordinals"])
    raise KeyError(key)
