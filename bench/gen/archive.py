"""Facts fixed for the whole generated archive: its date span, reference date, zone and report length.

Several parts of the generator need them (incident dates, overdue actions, time zones in front
matter and timelines, the word budget), and bench/build.py passes `NOW` to debrief as `--now`.
"""

import datetime as dt

# The archive spans eight years; `NOW` is the reference date for overdue actions (pass it as `--now`).
FIRST_DAY = dt.date(2018, 11, 20)
LAST_DAY = dt.date(2026, 11, 10)
NOW = "2026-11-20"
SITE_ZONE = "Europe/Oslo"
UTC = dt.timezone.utc

WORD_MIN, WORD_MAX = 600, 1500
