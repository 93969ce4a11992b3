"""The report's text: sections of sentences and paragraphs grown to a target length.

`build` draws the sections (summary, impact, root cause, timeline, narrative, actions, lessons...)
from the templates, places the tables, code blocks and timeline among them, then grows the
narrative sentence by sentence, in paragraphs of 3-6 sentences, until the report has its target
number of words (WORD_MIN..WORD_MAX), and renders it under the front matter.
"""

import random

from .actions import body_actions, plan_actions
from .archive import WORD_MAX, WORD_MIN
from .blocks import code_block, data_table, image_alt
from .formats import words_in
from .slots import fill
from .styles import front_matter
from .timeline import body_timeline, plan_times


def build(inc):
    """Return the file's text (and remember facts about it)."""
    rng = random.Random(f"debrief-bench:{inc.seed}:{inc.i}:body")
    inc.rng = rng
    inc.rare_used = []
    plan_times(inc, rng)
    inc.actions = plan_actions(inc, rng)
    inc.related = inc.pick_related(rng)
    L = inc.L
    T = lambda t: fill(inc, rng, t)  # noqa: E731
    H = L["headings"]
    fm_structured = inc.style != "markdown" and rng.random() < 0.5   # timeline + actions in front matter
    fm_timeline = fm_structured and rng.random() < 0.85
    fm_actions = fm_structured and rng.random() < 0.9
    inc.fm_texts = {}
    if inc.style != "markdown" and rng.random() < 0.35:
        inc.fm_texts["summary"] = T(rng.choice(L["summary_lead"]))

    sections = []   # (field or None, heading, [blocks])

    def sec(fieldname, blocks, heading=None):
        sections.append((fieldname, heading or rng.choice(H[fieldname]), blocks))

    # Summary.
    summary = [T(rng.choice(L["summary_lead"]))] + [T(s) for s in rng.sample(L["summary_more"], rng.randint(1, 3))]
    blocks = [" ".join(summary)]
    if rng.random() < 0.3:
        blocks.append(" ".join(T(s) for s in rng.sample(L["summary_more"], 2)))
    sec("summary", blocks)

    # Impact: bullets or prose, often with the table.
    imp = [T(s) for s in rng.sample(L["impact"], rng.randint(3, 5))]
    blocks = ["\n".join(f"- {s}" for s in imp)] if rng.random() < 0.55 else [" ".join(imp)]
    table_in_impact = rng.random() < 0.5
    if table_in_impact:
        blocks.append(data_table(inc, rng))
    sec("impact", blocks)

    # Root cause (+ code block), trigger, detection, resolution.
    sc = inc.sc[inc.lang]
    root = [T(rng.choice(sc["trigger"]))] if rng.random() < 0.5 else []
    root += [T(s) for s in rng.sample(sc["root"], rng.randint(2, 3))]
    if rng.random() < 0.4:
        root.append(T(rng.choice(L["root_generic"])))
    cut = rng.randint(1, len(root))
    blocks = [" ".join(root[:cut])] + ([" ".join(root[cut:])] if root[cut:] else [])
    code_in_root = rng.random() < 0.5
    if code_in_root:
        blocks.insert(1, code_block(inc, rng))
    root_section = ("root_cause", rng.choice(H["root_cause"]), blocks)
    extra = []
    if rng.random() < 0.35:
        extra.append(("trigger", rng.choice(H["trigger"]), [T(rng.choice(sc["trigger"]))]))
    if rng.random() < 0.6:
        extra.append(("detection", rng.choice(H["detection"]), [" ".join(T(s) for s in rng.sample(L["detection"], rng.randint(1, 3)))]))
    if rng.random() < 0.75:
        extra.append(("resolution", rng.choice(H["resolution"]), [" ".join(T(s) for s in sc["resolution"])]))
    timeline_section = None if fm_timeline else ("timeline", rng.choice(H["timeline"]), body_timeline(inc, rng))
    order = [root_section] + extra
    if timeline_section:
        order.insert(rng.choice([0, len(order)]), timeline_section)
    sections.extend(order)

    # Narrative sections: the elastic part that brings the report to its target length.
    narrative_heads = rng.sample(H["narrative"], rng.randint(1, 3))
    narrative = [[] for _ in narrative_heads]
    pool = list(L["narrative"])
    rng.shuffle(pool)
    if not code_in_root:
        narrative[0].append(code_block(inc, rng))
    if not table_in_impact:
        narrative[-1].append(data_table(inc, rng))
    if inc.related:
        link = inc.related[0]
        narrative[0].insert(0, (f"Dette ligner på [en tidligere hendelse](incident:{link}), og vi så på den for å sammenligne."
                                if inc.lang == "nb" else
                                f"This looks a lot like [an earlier incident](incident:{link}), which we compared it with."))
    if inc.scheme == "bundle" and inc.i % 3 == 0:
        narrative[-1].append(f"![{image_alt(inc)}](error-rate.svg)")
    protected = set(b for part in narrative for b in part)
    narr_sections = [(None, h, blocks) for h, blocks in zip(narrative_heads, narrative)]
    insert_at = rng.randint(1, len(sections))
    sections[insert_at:insert_at] = narr_sections

    # Lists: contributing factors, actions, lessons, what went well.
    tail = []
    if rng.random() < 0.6:
        tail.append(("contributing_factors", rng.choice(H["contributing_factors"]),
                     ["\n".join(f"- {T(s)}" for s in rng.sample(L["contributing"], rng.randint(2, 5)))]))
    if not fm_actions:
        tail.append(("actions", rng.choice(H["actions"]), body_actions(inc, rng)))
    if rng.random() < 0.5:
        tail.append(("lessons", rng.choice(H["lessons"]),
                     ["\n".join(f"- {T(s)}" for s in rng.sample(L["lessons"], rng.randint(2, 4)))]))
    if rng.random() < 0.3:
        tail.append((None, rng.choice(H["went_well"]),
                     ["\n".join(f"- {T(s)}" for s in rng.sample(L["went_well"], rng.randint(2, 4)))]))
    sections.extend(tail)

    # Make sure the code name appears in prose (it is the report's unique search word).
    first_summary = sections[0][2]
    first_summary[0] += " " + (f"Internt ble hendelsen fulgt opp under navnet {inc.code.capitalize()}."
                                if inc.lang == "nb" else
                                f"Internally the incident was tracked as {inc.code.capitalize()}.")

    target = int(rng.triangular(WORD_MIN + 40, WORD_MAX - 60, 950))
    fm = front_matter(inc, rng, fm_timeline, fm_actions)
    numbered = rng.random() < 0.08

    def render():
        out = [fm] if fm else []
        if inc.style == "markdown" or rng_render.random() < 0.15:
            out.append(f"# {inc.title}\n")
        n = 0
        for fld, heading, blocks in sections:
            if not blocks:
                continue
            n += 1
            level = "##"
            title = f"{n}. {heading}" if numbered else heading
            out.append(f"{level} {title}\n")
            for b in blocks:
                out.append(b.rstrip("\n") + "\n")
        return "\n".join(out)

    # Grow the narrative sentence by sentence, in paragraphs of 3-6 sentences.
    rng_render = random.Random(f"debrief-bench:{inc.seed}:{inc.i}:render")
    count = words_in(render())
    para, k = [], 0
    while count < target and pool:
        sentence = T(pool.pop())
        count += words_in(sentence)
        para.append(sentence)
        if len(para) >= rng.randint(3, 6) or not pool:
            narrative[k % len(narrative)].append(" ".join(para))
            para, k = [], k + 1
    if para:
        narrative[k % len(narrative)].append(" ".join(para))
    rng_render.seed(f"debrief-bench:{inc.seed}:{inc.i}:render")
    text = render()
    while words_in(text) > WORD_MAX:
        longest = max(narrative, key=len)
        prose = [j for j, b in enumerate(longest) if b not in protected]
        if not prose:
            break
        longest.pop(prose[-1])
        rng_render.seed(f"debrief-bench:{inc.seed}:{inc.i}:render")
        text = render()
    inc.word_count = words_in(text)
    return text
