"""Playing a quiz: start or resume an attempt, find the current question, finish.

Taking an answer is services.answering.
"""
import random
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from quiz import unit_of_work
from quiz.extensions import db
from quiz.kinds import kind_for
from quiz.models import Answer, Attempt, AttemptItem, Question, Quiz, User, now_utc
from quiz.services import fairplay, standings
from quiz.services.selection import draw_questions


class PlayError(Exception):
    """Base for answers the attempt cannot take."""


class AttemptClosed(PlayError):
    """The attempt is already finished."""


class OutOfSequence(PlayError):
    """The answer is for a question that is not the current one."""


class AlreadyAnswered(PlayError):
    """The question was already answered in this attempt (double click, replay, two tabs)."""


class EmptyQuiz(PlayError):
    """The quiz has no questions to play."""


class NoAttemptsLeft(PlayError):
    """The player has used every attempt the quiz allows."""


class TimeUp(PlayError):
    """The quiz's time limit has passed; the attempt was finished instead of taking the answer."""


# Answers sent within this many seconds after the limit still count (network and page latency).
GRACE_SECONDS = 5


def unfinished_attempt(user: User, quiz: Quiz) -> Attempt | None:
    """Return the user's latest unfinished attempt at the quiz, if any."""
    return db.session.scalar(
        select(Attempt)
        .where(Attempt.user_id == user.id, Attempt.quiz_id == quiz.id, Attempt.finished_at.is_(None))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    )


def start_attempt(user: User, quiz: Quiz, seed: int | None = None) -> Attempt:
    """Resume the unfinished attempt, or freeze a fresh draw of questions into a new one."""
    current = unfinished_attempt(user, quiz)
    if current is not None:
        return current
    if not fairplay.may_start(quiz, fairplay.next_number(user.id, quiz.id)):
        raise NoAttemptsLeft(quiz.slug)  # before drawing: a refused start costs no query on questions
    rng = random.Random(seed)
    return new_attempt(user, quiz, draw_questions(quiz, rng), rng=rng)


def snapshot(question: Question, position: int) -> AttemptItem:
    """Copy a question as it is now into an attempt: later edits never change it."""
    return AttemptItem(**AttemptItem.frozen(question, position))


def shuffle_options(item: AttemptItem, rng: random.Random) -> AttemptItem:
    """Shuffle a frozen item's options for this attempt, so the key's place differs between attempts.

    The shuffled list is stored in the item, so a resumed attempt shows the same order; grading
    reads the chosen option's text against the server-side key, never its place. An ordering is
    never shown already in the right order (each kind says how it shuffles).
    """
    if len(item.choices) >= 2:
        item.choices = kind_for(item.kind).shuffled(item.choices, item.answer, rng)
    return item


def new_attempt(user: User, quiz: Quiz, questions: list[Question],
                freeze: Callable[[Question, int], AttemptItem] = snapshot,
                rng: random.Random | None = None, daily_on: date | None = None) -> Attempt:
    """Store an attempt with the questions frozen into it (options shuffled), refusing a quiz that has none."""
    if not questions:
        raise EmptyQuiz(quiz.slug)
    number = fairplay.next_number(user.id, quiz.id)
    if not fairplay.may_start(quiz, number):
        raise NoAttemptsLeft(quiz.slug)
    rng = rng or random.Random()
    ranked = fairplay.will_be_ranked(quiz, user.id, number)
    attempt = Attempt(user_id=user.id, quiz_id=quiz.id, total=len(questions), daily_on=daily_on, number=number,
                      ranked=ranked, overall=fairplay.counts_overall(quiz, ranked))
    attempt.items = [shuffle_options(freeze(q, i), rng) for i, q in enumerate(questions)]
    db.session.add(attempt)
    try:
        db.session.commit()
    except IntegrityError:  # a parallel start took this number: both requests play that attempt
        db.session.rollback()
        winner = db.session.scalar(select(Attempt).where(
            Attempt.user_id == user.id, Attempt.quiz_id == quiz.id, Attempt.number == number))
        if winner is None:  # not the race: some other constraint failed
            raise
        return winner
    return attempt


def _attempt_and_item(position) -> Select:
    """An attempt (by `attempt_id`), its quiz and its question at `position`, an outer join."""
    at = (AttemptItem.attempt_id == Attempt.id) & (AttemptItem.position == position)
    return (select(Attempt, AttemptItem).outerjoin(AttemptItem, at).where(Attempt.id == bindparam("attempt_id"))
            .options(joinedload(Attempt.quiz)))


# Built once: building this joined query on every view cost a page about 1 M instructions of 10 M.
ATTEMPT_AND_CURRENT = _attempt_and_item(Attempt.answered)
ATTEMPT_AND_ANSWERED = _attempt_and_item(bindparam("position")).options(joinedload(AttemptItem.response))


def attempt_and_item(attempt_id: int, position: int | None = None) -> tuple[Attempt, AttemptItem | None] | None:
    """An attempt with its quiz and one of its questions, in one query; None when there is no such attempt.

    The question at `position` comes with its answer. Without a position it is the current question:
    answers are taken only for the current question, so that is the one at position `answered`,
    unanswered by definition (its answer is not joined), and None once every question has its answer.
    The question and feedback pages read both on every view, in one query rather than two.
    """
    query, values = ((ATTEMPT_AND_CURRENT, {"attempt_id": attempt_id}) if position is None
                     else (ATTEMPT_AND_ANSWERED, {"attempt_id": attempt_id, "position": position}))
    row = db.session.execute(query, values).one_or_none()
    return None if row is None else (row[0], row[1])


def has_next(attempt: Attempt) -> bool:
    """Whether the attempt still has a question to answer."""
    return not attempt.is_finished and attempt.answered < attempt.total


_attempts = Attempt.__table__
# The finish is stamped only once (finished_at still empty); RETURNING hands the row to the standings.
FINISH_COMPLETE = (update(_attempts).where(_attempts.c.id == bindparam("attempt_id"),
                                           _attempts.c.answered >= _attempts.c.total, _attempts.c.finished_at.is_(None))
                   .values(finished_at=bindparam("finished_at")).returning(*standings.FINISHED))
FINISH_EXPIRED = (update(_attempts).where(_attempts.c.id == bindparam("attempt_id"), _attempts.c.finished_at.is_(None))
                  .values(finished_at=bindparam("finished_at")).returning(*standings.FINISHED))


def finish_if_complete(attempt_id: int) -> None:
    """Stamp the finish time once every question has its answer."""
    finished = unit_of_work.connection().execute(FINISH_COMPLETE, {"attempt_id": attempt_id,
                                                                   "finished_at": now_utc()}).one_or_none()
    if finished is not None:  # leaderboard hook: standings change in this same transaction
        standings.fold_finish(finished)


def deadline(attempt: Attempt) -> datetime | None:
    """When the attempt's time runs out (start + the quiz's limit), or None for an untimed quiz."""
    limit = attempt.quiz.time_limit
    return attempt.started_at + timedelta(seconds=limit) if limit else None


def seconds_left(attempt: Attempt) -> int | None:
    """Whole seconds until the limit by the server's clock (never negative), or None when untimed."""
    end = deadline(attempt)
    return None if end is None else max(0, int((end - now_utc()).total_seconds()))


def last_answer_at(attempt_id: int) -> datetime | None:
    """When the attempt's latest answer came, or None before the first."""
    return db.session.scalar(select(func.max(Answer.answered_at)).where(Answer.attempt_id == attempt_id))


def finish_if_expired(attempt: Attempt, grace_seconds: int = GRACE_SECONDS) -> bool:
    """Finish an attempt whose limit plus grace has passed; unanswered questions score nothing.

    Only the server's clock counts. The finish time is the deadline (or the last answer, if one came
    in the grace), so the time taken is the limit; standings change in this same transaction.
    The player's own "time is up" request passes -1: the page counts whole seconds, so it shows 0:00
    up to a second before the deadline, and no answer is on its way.
    """
    end = deadline(attempt)
    if attempt.is_finished or end is None or now_utc() <= end + timedelta(seconds=grace_seconds):
        return False
    last = max(end, last_answer_at(attempt.id) or end)
    finished = db.session.connection().execute(FINISH_EXPIRED, {"attempt_id": attempt.id,
                                                                "finished_at": last}).one_or_none()
    if finished is not None:
        standings.fold_finish(finished)
    db.session.commit()
    db.session.refresh(attempt)
    return True


def unfinished_attempts(user: User, quizzes: Iterable[Quiz]) -> dict[int, Attempt]:
    """The user's latest unfinished attempt at each of the quizzes (others, such as past daily
    challenges left half done, pile up over months and are not read)."""
    rows = db.session.scalars(
        select(Attempt).where(Attempt.user_id == user.id, Attempt.finished_at.is_(None),
                              Attempt.quiz_id.in_([quiz.id for quiz in quizzes]))
        .order_by(Attempt.started_at, Attempt.id))
    return {attempt.quiz_id: attempt for attempt in rows}


def attempts_of(user: User) -> Select:
    """The query for every attempt of the user, newest first (the page paginates it)."""
    return select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.started_at.desc(), Attempt.id.desc())
