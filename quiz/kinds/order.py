"""Put in order: arrange 3–6 items, earliest first; partial credit by pairs in order."""
import random
from collections.abc import Sequence
from random import Random
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField

from quiz.kinds.base import InvalidAnswer, QuestionKind, option_indexes, register
from quiz.kinds.forms import OPTIONS, check_options, load_options
from quiz.services import partial


def display_order(items: list[str]) -> list[str]:
    """Shuffle order items so the page never shows them in the right order."""
    shown = list(items)
    rng = random.Random("\n".join(items))
    for _attempt in range(10):
        rng.shuffle(shown)
        if shown != items:
            return shown
    return shown[1:] + shown[:1]


@register
class Order(QuestionKind):
    """Generated from events close in time, or written by a teacher as items in the right order."""

    name = "order"
    label = _l("Put in order")
    template = "kinds/order.html"
    authored = True
    answer_fields = {"order": SelectMultipleField(_l("Your order"), choices=[], validate_choice=False)}
    editor_fields = {"options": OPTIONS}

    def shuffled(self, choices: Sequence[str], key: Any, rng: Random) -> list[str]:
        """Shuffled, but never shown already in the right order."""
        shown = super().shuffled(choices, key, rng)
        return shown[1:] + shown[:1] if shown == list(key) else shown

    def refuse(self, form) -> None:
        form.order.errors = [_("Put every item in order, each exactly once, before you submit.")]

    def read(self, choices: Sequence[str], raw: Sequence[str]) -> list[str]:
        """Read an ordering (sent as indexes) that must use every option once."""
        indexes = option_indexes(choices)
        if sorted(raw) != sorted(indexes):
            raise InvalidAnswer("Put every item in order, each exactly once.")
        return [choices[indexes[r]] for r in raw]

    def grade(self, given: Any, key: Any) -> float:
        """Partial credit by pairs in order; the key may name tied pairs as {"order": [...], "ties": [...]}."""
        if isinstance(key, dict):
            return partial.pairs_points(given, key["order"], key.get("ties", ()))
        return partial.pairs_points(given, key)

    def check(self, form) -> bool:
        return check_options(form, 3)

    def draft(self, form) -> tuple[list[str], Any]:
        options = form.filled_options()
        return display_order(options), options

    def load(self, form, question) -> None:
        load_options(form, list(question.answer))
