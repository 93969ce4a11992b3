"""The generator's vocabulary, loaded from the JSON data files next to this module.

The words and templates are data, not code, so they live in JSON files that anyone can extend
without touching the generator; this module only loads them under the names the generator uses.

- `words.json`: vocabularies shared by both languages. Lists are ordered by popularity where the
  generator draws them Zipf-like (services, tags, tools, jargon). `components` are pairs of
  (English noun without article, bokmål definite form).
- `words_en.json`, `words_nb.json`: the values of a language's slots: teams, the long tail of rare
  words (`rare`, also ordered by popularity), vendors, metrics, states, red herrings and so on.
- `templates_en.json`, `templates_nb.json`: the text a report is built from: section headings and
  the sentence and list-item templates for each section, timeline entries by kind, action titles.
  Both languages have the same pool names.
- `scenarios.json`: the incident-specific parts. `comp` is the main component (en, nb), `host` the
  host-name prefix, `tags` and `services` the likely ones, `logs` and `snippets` the code blocks;
  `en` and `nb` hold the title, trigger, root cause, mitigation, resolution and action titles.

Templates use `{slot}` placeholders that bench/gen/slots.py fills per incident. A slot written
with a capital first letter (`{Svc}`) is the same value with its first letter capitalised.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


_words = load("words.json")
SERVICES = _words["services"]
TAGS = _words["tags"]
REGIONS = _words["regions"]
TICKET_PREFIXES = _words["ticket_prefixes"]
HOST_ENVS = _words["host_envs"]
PERSONS = _words["persons"]
VERSIONS = _words["versions"]
ALERT_SUBJECTS = _words["alert_subjects"]
ALERT_PREDICATES = _words["alert_predicates"]
ERRORS = _words["errors"]
PATHS = _words["paths"]
COMPONENTS = _words["components"]
TOOLS = _words["tools"]
JARGON = _words["jargon"]
CUSTOMER_A = _words["customer_a"]
CUSTOMER_B = _words["customer_b"]


def _language(lang):
    """A language's pools (templates and slot values under one name each), its teams and rare words."""
    words = load(f"words_{lang}.json")
    teams, rare = words.pop("teams"), words.pop("rare")
    return {**load(f"templates_{lang}.json"), **words}, teams, rare


EN, TEAMS_EN, RARE_EN = _language("en")
NB, TEAMS_NB, RARE_NB = _language("nb")

SCENARIOS = load("scenarios.json")
