"""Answer checking, one small checker per question kind, registered in one table."""
from collections.abc import Callable, Sequence
from typing import Any


class InvalidAnswer(ValueError):
    """The submitted answer is not one of the question's choices."""


def read_single(choices: Sequence[str], raw: Sequence[str]) -> str:
    """Read one chosen option (sent as its index) into the option's text."""
    if len(raw) != 1 or not raw[0].isdigit() or int(raw[0]) >= len(choices):
        raise InvalidAnswer("Choose one of the options.")
    return choices[int(raw[0])]


def read_order(choices: Sequence[str], raw: Sequence[str]) -> list[str]:
    """Read an ordering (sent as indexes) that must use every option once."""
    if not all(r.isdigit() for r in raw) or sorted(int(r) for r in raw) != list(range(len(choices))):
        raise InvalidAnswer("Put every item in order, each exactly once.")
    return [choices[int(r)] for r in raw]


def grade_exact(given: Any, answer: Any) -> float:
    """Full marks for the key, nothing otherwise."""
    return 1.0 if given == answer else 0.0


Reader = Callable[[Sequence[str], Sequence[str]], Any]
Grader = Callable[[Any, Any], float]

# kind -> (how to read the form values, how to grade them). Unknown kinds are single choice.
CHECKERS: dict[str, tuple[Reader, Grader]] = {
    "order": (read_order, grade_exact),
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
