"""Taking one answer: the busiest write of the app, in a few Core statements built once at import.

One query reads what the checks need (the attempt, its quiz's time limit, the question at the
answered position, the time of the last answer); one transaction stores the answer, adds its points,
counts it in progress, reviews the spaced-repetition card and, after the last question, finishes
the attempt. Nothing goes through the ORM: the answer view runs in a Core transaction of its own
(quiz/unit_of_work.py), since the session costs more than the statements.
"""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from quiz import unit_of_work
from quiz.extensions import db
from quiz.models import Answer, Attempt, AttemptItem, Question, Quiz, now_utc
from quiz.services import partial, progress, review, scoring
from quiz.services.play import (GRACE_SECONDS, AlreadyAnswered, AttemptClosed, OutOfSequence, TimeUp,
                                finish_if_complete, finish_if_expired)

attempts, items, answers, quizzes = Attempt.__table__, AttemptItem.__table__, Answer.__table__, Quiz.__table__

LAST_ANSWER = select(func.max(answers.c.answered_at)).where(answers.c.attempt_id == attempts.c.id).scalar_subquery()
SLOT = (
    select(attempts.c.id.label("attempt_id"), attempts.c.user_id, attempts.c.started_at, attempts.c.finished_at,
           attempts.c.answered, attempts.c.total, quizzes.c.time_limit, items.c.id.label("item_id"),
           items.c.question_id, items.c.kind, items.c.choices, items.c.answer, LAST_ANSWER.label("last_answer_at"))
    .join(quizzes, quizzes.c.id == attempts.c.quiz_id)
    .outerjoin(items, and_(items.c.attempt_id == attempts.c.id, items.c.position == bindparam("position")))
    .where(attempts.c.id == bindparam("attempt_id"))
)
STORE = insert(answers)
# Only while unfinished: a request that timed the attempt out since it was read wins.
ADD_POINTS = (update(attempts).where(attempts.c.id == bindparam("attempt_id"), attempts.c.finished_at.is_(None))
              .values(score=attempts.c.score + bindparam("points"), answered=attempts.c.answered + 1))
GIVEN = select(answers.c.given).where(answers.c.attempt_id == bindparam("attempt_id"),
                                      answers.c.item_id == bindparam("item_id"))


@dataclass(frozen=True)
class Slot:
    """An attempt and the question at one of its positions, as answering reads them."""

    attempt_id: int
    user_id: int
    position: int
    started_at: datetime
    finished_at: datetime | None
    answered: int
    total: int
    time_limit: int | None
    item_id: int
    question_id: int
    kind: str
    choices: list[Any]
    answer: Any
    last_answer_at: datetime | None

    @property
    def question(self) -> Question | None:
        """The live question (order keys read its events' dates to find tied pairs)."""
        return db.session.get(Question, self.question_id)

    def is_past_deadline(self, now: datetime) -> bool:
        """Whether the quiz's time limit plus the grace has run out, by the server's clock."""
        if not self.time_limit:
            return False
        return now > self.started_at + timedelta(seconds=self.time_limit + GRACE_SECONDS)


class Lookup(NamedTuple):
    """What the slot query found for an attempt that exists."""

    player_id: int  # whose attempt it is: anyone else is told it does not exist
    slot: Slot | None  # None when the attempt has no question at that position


def read_slot(attempt_id: int, position: int | None) -> Lookup | None:
    """Read the attempt and the question at `position` in one query; None when there is no such attempt."""
    row = unit_of_work.connection().execute(SLOT, {"attempt_id": attempt_id, "position": position}).one_or_none()
    if row is None:
        return None
    if position is None or row.item_id is None:
        return Lookup(row.user_id, None)
    return Lookup(row.user_id, Slot(position=position, **row._mapping))


def submit(slot: Slot, raw: Sequence[str]) -> float:
    """Grade and store the answer for the slot's question; return its points. A repeat is never scored twice.

    Answers come in order, so the question to answer is the one at position `answered`: a lower
    position was answered already, a higher one is not current yet. Two requests racing for the
    same question both pass that check; the database's UNIQUE(attempt, question) stops the second.
    """
    now = now_utc()
    if slot.finished_at is not None:
        raise AttemptClosed()
    if slot.is_past_deadline(now):
        with unit_of_work.on_session():  # rare, and nothing is written yet: the ORM finishes the attempt
            finish_if_expired(db.session.get_one(Attempt, slot.attempt_id))
        raise TimeUp()
    if slot.position < slot.answered:
        raise AlreadyAnswered()
    if slot.position > slot.answered:
        raise OutOfSequence()
    given = scoring.read_answer(slot.kind, slot.choices, raw)
    points = scoring.grade(slot.kind, given, partial.answer_key(slot))
    store(slot, given, points, now)
    progress.record(slot.user_id, slot.question_id, points >= 1.0, now)
    review.record_review(slot.user_id, slot.question_id, points, now)  # spaced repetition
    if slot.position + 1 >= slot.total:
        finish_if_complete(slot.attempt_id)
    unit_of_work.commit()
    return points


def store(slot: Slot, given: Any, points: float, now: datetime) -> None:
    """Insert the answer and add its points in SQL, so parallel requests lose no update."""
    since = max(slot.last_answer_at or slot.started_at, slot.started_at)
    connection = unit_of_work.connection()
    # No SAVEPOINT here: on SQLite a savepoint opened before any write is the outermost
    # transaction, and releasing it commits the answer before the score (kill -9 test).
    try:
        connection.execute(STORE, {"attempt_id": slot.attempt_id, "question_id": slot.question_id,
                                   "item_id": slot.item_id, "given": given, "correct": points >= 1.0,
                                   "points": points, "answered_at": now,
                                   "seconds": max(0.0, (now - since).total_seconds())})
    except IntegrityError:
        unit_of_work.rollback()
        raise AlreadyAnswered() from None
    if not connection.execute(ADD_POINTS, {"attempt_id": slot.attempt_id, "points": points}).rowcount:
        # Finished meanwhile (timed out by another request, whose standings hold the score without
        # this answer): the answer must not count either.
        unit_of_work.rollback()
        raise AttemptClosed()


def given_answer(slot: Slot) -> Any:
    """The answer stored for the slot's question (to tell a harmless repeat from a change of mind)."""
    return unit_of_work.connection().execute(GIVEN, {"attempt_id": slot.attempt_id, "item_id": slot.item_id}).scalar()
