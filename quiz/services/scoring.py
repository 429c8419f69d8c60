"""Answer checking, one small checker per question kind, registered in one table."""
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from quiz.services import partial


class InvalidAnswer(ValueError):
    """The submitted answer is not one of the question's choices."""


def option_indexes(choices: Sequence[str]) -> dict[str, int]:
    """The exact values the page sends for the options ("0", "1", ...): nothing else is an option."""
    return {str(i): i for i in range(len(choices))}


def read_single(choices: Sequence[str], raw: Sequence[str]) -> str:
    """Read one chosen option (sent as its index) into the option's text."""
    indexes = option_indexes(choices)
    if len(raw) != 1 or raw[0] not in indexes:
        raise InvalidAnswer("Choose one of the options.")
    return choices[indexes[raw[0]]]


def read_order(choices: Sequence[str], raw: Sequence[str]) -> list[str]:
    """Read an ordering (sent as indexes) that must use every option once."""
    indexes = option_indexes(choices)
    if sorted(raw) != sorted(indexes):
        raise InvalidAnswer("Put every item in order, each exactly once.")
    return [choices[indexes[r]] for r in raw]


def grade_exact(given: Any, answer: Any) -> float:
    """Full marks for the key, nothing otherwise."""
    return 1.0 if given == answer else 0.0


def read_date_entry(choices: Sequence[str], raw: Sequence[str]) -> str:
    """Read a typed or picked date into its label; a date item's only choice is the asked precision."""
    precision = choices[0] if choices else "day"
    typed = partial.parse_date(raw[0]) if len(raw) == 1 else None
    if typed is None or typed.precision != precision:
        raise InvalidAnswer("Enter a date at the asked precision.")
    return typed.label()


def grade_date(given: Any, answer: Any) -> float:
    """Partial credit shrinking with the distance from the key date (see services.partial)."""
    typed, key = partial.parse_date(str(given)), partial.parse_date(str(answer))
    if typed is None or key is None:
        return grade_exact(given, answer)
    return partial.date_points(typed, key)


def grade_order(given: Any, answer: Any) -> float:
    """Partial credit by pairs in order; the key may name tied pairs as {"order": [...], "ties": [...]}."""
    if isinstance(answer, dict):
        return partial.pairs_points(given, answer["order"], answer.get("ties", ()))
    return partial.pairs_points(given, answer)


def normalise_text(text: str) -> str:
    """Compare typed answers loosely: full/half-width (NFKC), case and spaces do not count."""
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def read_text(choices: Sequence[str], raw: Sequence[str]) -> str:
    """Read a typed answer (fill in the blank); an empty one is not an answer."""
    if len(raw) != 1 or not raw[0].strip():
        raise InvalidAnswer("Type an answer.")
    return raw[0].strip()


def grade_text(given: Any, answer: Any) -> float:
    """Full marks when the typed text matches an accepted answer, ignoring width, case and spaces."""
    accepted = answer if isinstance(answer, list) else [answer]
    return 1.0 if normalise_text(str(given)) in {normalise_text(str(a)) for a in accepted} else 0.0


Reader = Callable[[Sequence[str], Sequence[str]], Any]
Grader = Callable[[Any, Any], float]

# kind -> (how to read the form values, how to grade them). Unknown kinds are single choice.
CHECKERS: dict[str, tuple[Reader, Grader]] = {
    "fill_in": (read_text, grade_text),
    "order": (read_order, grade_order),
    "date_entry": (read_date_entry, grade_date),
}
SINGLE_CHOICE: tuple[Reader, Grader] = (read_single, grade_exact)


def checker(kind: str) -> tuple[Reader, Grader]:
    """Return the reader and grader for a question kind."""
    return CHECKERS.get(kind, SINGLE_CHOICE)


def read_answer(kind: str, choices: Sequence[str], raw: Sequence[str]) -> Any:
    """Turn raw form values into an answer, or raise InvalidAnswer."""
    return checker(kind)[0](choices, raw)


def grade(kind: str, given: Any, answer: Any) -> float:
    """Score a read answer against the key: 1.0 is fully right."""
    return checker(kind)[1](given, answer)
