"""The fair-play rules of one quiz: how many attempts, which one is ranked, when answers are revealed.

Public quizzes reveal the key at the end of an attempt and rank each player's first attempt only;
later attempts are practice (they say so and never reach a board). Only those first attempts add up on
the overall board; a quiz's owner is never ranked on it. See README "Ranking and revealing".
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Attempt, Quiz
from quiz.services.selection import planned_count


def next_number(user_id: int, quiz_id: int) -> int:
    """The number the player's next attempt at the quiz gets (1 for the first); live games' attempts have none."""
    last = db.session.scalar(select(func.max(Attempt.number))
                             .where(Attempt.user_id == user_id, Attempt.quiz_id == quiz_id))
    return (last or 0) + 1


def played_live(user_id: int, quiz_id: int) -> bool:
    """Whether the player has played the quiz in a live game (whose projector showed every key)."""
    return db.session.scalar(select(Attempt.id).where(Attempt.user_id == user_id, Attempt.quiz_id == quiz_id,
                                                      Attempt.number.is_(None)).limit(1)) is not None


def will_be_ranked(quiz: Quiz, user_id: int, number: int) -> bool:
    """Whether the player's `number`-th attempt counts on the quiz's boards.

    A quiz that ranks the first attempt ranks one made before its keys were seen: not after a live game of it.
    Its owner wrote the keys, so their attempts are practice whatever the quiz ranks.
    """
    if not quiz.published or quiz.owner_id == user_id:
        return False
    return quiz.ranked_attempt == "best" or (number == 1 and not played_live(user_id, quiz.id))


def counts_overall(quiz: Quiz, ranked: bool) -> bool:
    """Whether a ranked attempt also adds up on the overall board: only at a quiz that ranks the first attempt.

    A quiz ranking the best attempt lets a player replay with keys already seen (with reveal after each
    question, shown in the attempt itself) until full marks. That is the rule its own board states, but the
    overall board compares everyone over every quiz and promises that replaying cannot raise a rank, so
    such a quiz stays off it. Decided at the start and stored with `ranked`: the finish reads it from the
    attempt's row, and a rule changed mid-attempt cannot add part of a best attempt to a total.
    """
    return ranked and quiz.ranked_attempt == "first"


def may_start(quiz: Quiz, number: int) -> bool:
    """Whether the quiz allows a `number`-th attempt."""
    return quiz.attempts_allowed is None or number <= quiz.attempts_allowed


def revealed(attempt: Attempt, now: datetime) -> bool:
    """Whether the attempt's keys and explanations may be shown now (on feedback and result pages)."""
    quiz = attempt.quiz
    if quiz.reveal == "after_each":
        return True
    if quiz.reveal == "after_date":
        return quiz.reveal_at is not None and now >= quiz.reveal_at
    return attempt.is_finished


@dataclass(frozen=True)
class Settings:
    """What the quiz page says before Start."""

    questions: int
    time_limit: int | None  # seconds
    attempts_allowed: int | None
    attempts_left: int | None  # None: unlimited, or not signed in
    reveal: str
    reveal_at: datetime | None
    ranked_attempt: str
    next_ranked: bool | None  # None: not signed in
    signed_in_only: bool
    own: bool = False  # the player wrote the quiz: their attempts are practice


def settings(quiz: Quiz, user_id: int | None, resuming: Attempt | None) -> Settings:
    """The quiz's rules as they apply to this player's next (or resumed) attempt."""
    number = resuming.number if resuming else (next_number(user_id, quiz.id) if user_id else None)
    left = None
    if number is not None and quiz.attempts_allowed is not None:
        left = max(0, quiz.attempts_allowed - number + 1)
    ranked = None
    if resuming is not None:
        ranked = resuming.ranked
    elif user_id is not None and number is not None:
        ranked = will_be_ranked(quiz, user_id, number)
    return Settings(planned_count(quiz), quiz.time_limit, quiz.attempts_allowed, left, quiz.reveal,
                    quiz.reveal_at, quiz.ranked_attempt, ranked, quiz.board_signed_in_only,
                    user_id is not None and quiz.owner_id == user_id)
