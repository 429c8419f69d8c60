"""Date entry (practice): type or pick a date at the asked precision; near misses earn part of the point."""
from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField

from quiz.kinds.base import InvalidAnswer, QuestionKind, register
from quiz.services import partial


def read_date_entry(choices: Sequence[str], raw: Sequence[str]) -> str:
    """Read a typed or picked date into its label; a date item's choices are the asked precision and
    the key's language (older items have the precision only: their keys are Chinese)."""
    precision = choices[0] if choices else "day"
    language = choices[1] if len(choices) > 1 else "zh-Hans"
    typed = partial.parse_date(raw[0]) if len(raw) == 1 else None
    if typed is None or typed.precision != precision:
        raise InvalidAnswer("Enter a date at the asked precision.")
    return partial.date_label(typed, language)


@register
class DateEntry(QuestionKind):
    """Practice turns a generated date question into this kind (see services.practice)."""

    name = "date_entry"
    label = _l("Type the date")
    keeps_order = True
    tapped = False  # typed
    template = "kinds/date_entry.html"
    answer_fields = {"when": StringField(_l("Your date"))}

    def refuse(self, form) -> None:
        form.when.errors = [_("Enter a valid date in that form before you submit.")]

    def read(self, choices: Sequence[str], raw: Sequence[str]) -> str:
        return read_date_entry(choices, raw)

    def grade(self, given: Any, key: Any) -> float:
        """Partial credit shrinking with the distance from the key date (see services.partial)."""
        typed, answer = partial.parse_date(str(given)), partial.parse_date(str(key))
        if typed is None or answer is None:
            return 1.0 if given == key else 0.0
        return partial.date_points(typed, answer)
