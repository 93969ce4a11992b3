"""How each language writes numbers, dates, durations and slugs, and how words are counted.

English and bokmål reports differ in more than their words (`1,234` vs `1 234`, `3 March` vs
`3. mars`, `2 hours` vs `2 timer`), and the slugs must match the ones debrief computes. These
helpers keep those conventions in one place for every part of the text.
"""

import re
import unicodedata


def slugify(text):
    """Slugify like debrief: lowercase ASCII, digits and '-', æ->ae, ø->o, å->a."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


WORD = re.compile(r"[^\W\d_]")
TOKEN = re.compile(r"\S+")


def words_in(text):
    """Whitespace-separated tokens with at least one letter."""
    return sum(1 for tok in TOKEN.findall(text) if WORD.search(tok))


def fmt_int(n, lang):
    s = f"{n:,}"
    return s.replace(",", " ") if lang == "nb" else s


MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"],
          "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
                 "oktober", "november", "desember"]}
WEEKDAYS = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            "nb": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]}


def date_long(d, lang):
    if lang == "nb":
        return f"{WEEKDAYS['nb'][d.weekday()]} {d.day}. {MONTHS['nb'][d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"


def date_short(d, lang):
    if lang == "nb":
        return f"{d.day}. {MONTHS['nb'][d.month - 1]}"
    return f"{d.day} {MONTHS['en'][d.month - 1]}"


def duration(minutes, lang):
    h, m = divmod(int(minutes), 60)
    d, h = divmod(h, 24)
    if lang == "nb":
        parts = ([f"{d} døgn"] if d else []) + ([f"{h} time" + ("r" if h != 1 else "")] if h else []) + \
                ([f"{m} minutt" + ("er" if m != 1 else "")] if m else [])
        return " og ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else (parts[0] if parts else "1 minutt")
    parts = ([f"{d} day" + ("s" if d != 1 else "")] if d else []) + ([f"{h} hour" + ("s" if h != 1 else "")] if h else []) + \
            ([f"{m} minute" + ("s" if m != 1 else "")] if m else [])
    return " ".join(parts) if parts else "1 minute"
