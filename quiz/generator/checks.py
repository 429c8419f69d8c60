"""Rules every question must pass before it is shown; failing ones are dropped."""

from __future__ import annotations

import re

from .model import Question
from .text import options_alike

DATE_SHAPES = {
    "year": r"\d{4}年",
    "month": r"\d{4}年\d{1,2}月",
    "day": r"\d{4}年\d{1,2}月\d{1,2}日",
    "range": r"\d{4}~\d{4}年",
}


def is_valid(q: Question) -> bool:
    """Tell whether a question meets the shared invariants."""
    stripped = [c.strip() for c in q.choices]
    if len(stripped) < 2 or len(set(stripped)) != len(stripped) or not all(stripped):
        return False
    if q.kind == "order":
        return sorted(q.answer) == sorted(q.choices) and options_alike(q.choices)
    if not isinstance(q.answer, str) or q.choices.count(q.answer) != 1:
        return False
    if q.kind != "true_false" and q.answer.strip() in q.prompt:
        return False
    return options_alike(q.choices, q.answer) and _same_date_shape(q)


def _same_date_shape(q: Question) -> bool:
    """Tell whether date options all share the answer's written shape."""
    assert isinstance(q.answer, str)
    shape = next((s for s in DATE_SHAPES.values() if re.fullmatch(s, q.answer)), None)
    if shape is None:
        return True
    return all(re.fullmatch(shape, c) for c in q.choices)
