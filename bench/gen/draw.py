"""Random draws that shape the archive: Zipf-like picks from the vocabularies, and code names.

Real archives are lopsided (a few services and tags in most reports, a long tail of rare words), so
the generator draws vocabulary with Zipf-like weights rather than uniformly. Each report also gets a
pronounceable code name that is unique in the site: the search benchmark's exact-match word.
"""

import bisect

from . import vocab as V


def zipf_weights(n, s=1.07):
    total, cum = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank ** s
        cum.append(total)
    return cum


def zipf_sample(rng, items, cum, k):
    """k distinct items drawn Zipf-like from `items` (ordered most popular first)."""
    out = []
    while len(out) < k:
        item = items[bisect.bisect_left(cum, rng.random() * cum[-1])]
        if item not in out:
            out.append(item)
    return out


SERVICE_CUM = zipf_weights(len(V.SERVICES))
TAG_CUM = zipf_weights(len(V.TAGS))
RARE_CUM = {"en": zipf_weights(len(V.RARE_EN), 0.8), "nb": zipf_weights(len(V.RARE_NB), 0.8)}
TOOL_CUM = zipf_weights(len(V.TOOLS), 0.9)
JARGON_CUM = zipf_weights(len(V.JARGON), 0.7)

SYLLABLES = ["ka", "ren", "mo", "tal", "vi", "dor", "sel", "an", "bru", "nek", "li", "ros", "fa", "gum",
             "te", "var", "zo", "pil", "ma", "ket", "ho", "lun", "de", "sor", "bi", "tra", "ne", "gal",
             "fo", "rik", "su", "mel", "ja", "ter", "ol", "vak", "ri", "pon", "ca", "lis", "ub", "ven",
             "go", "sto", "mi", "dra", "ek", "nor"]
CODE_SPACE = len(SYLLABLES) ** 3


def codename(i, seed):
    """A pronounceable word unique to report i (for i < 110592)."""
    k = (i * 7919 + seed * 104729 + 31337) % CODE_SPACE
    a, rest = divmod(k, len(SYLLABLES) ** 2)
    b, c = divmod(rest, len(SYLLABLES))
    word = SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[c]
    return word if i < CODE_SPACE else f"{word}{i // CODE_SPACE}"
