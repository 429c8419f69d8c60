"""Readable names for the single-choice kinds the generator writes (quiz/generator stays Flask-free).

A generator kind missing here still plays as single choice and shows its own name.
"""
from flask_babel import lazy_gettext as _l

from quiz.kinds.base import register
from quiz.kinds.choice import SingleChoice

LABELS = {
    "date_year": _l("Year of an event"),
    "date_month": _l("Month of an event"),
    "date_day": _l("Day of an event"),
    "date_decade": _l("Decade of an event"),
    "date_century": _l("Century of an event"),
    "event_at_date": _l("Event on a date"),
    "which_first": _l("Which came first"),
    "fact": _l("Fact about an event"),
    "years_between": _l("Years between two events"),
    "before_after": _l("Before or after an event"),
}

for _name, _label in LABELS.items():
    register(type(f"Generated_{_name}", (SingleChoice,), {"name": _name, "label": _label}))
