"""The parts of bench/generate.py's post-mortem generator, one module per kind of thing it makes.

bench/generate.py is the entry point (command line, `generate`, `describe`); start reading at
incident.py (one report's skeleton) and prose.py (its text). The words and templates are the
JSON files here, loaded by vocab.py.
"""
