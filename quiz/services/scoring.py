"""Answer checking: each question kind reads and grades its own answers (see quiz/kinds)."""
from collections.abc import Sequence
from typing import Any

from quiz.kinds import InvalidAnswer, kind_for

__all__ = ["InvalidAnswer", "grade", "read_answer"]


def read_answer(kind: str, choices: Sequence[str], raw: Sequence[str]) -> Any:
    """Turn raw form values into an answer, or raise InvalidAnswer."""
    return kind_for(kind).read(choices, raw)


def grade(kind: str, given: Any, answer: Any) -> float:
    """Score a read answer against the key: 1.0 is fully right."""
    return kind_for(kind).grade(given, answer)
