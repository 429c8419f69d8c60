"""Taking a player's answer to the current question: graded, timed and scored on the server.

One transaction stores the answer (UNIQUE(player, position) refuses a second), adds its points to
the player, and reviews the player's spaced-repetition card and progress like any other answer.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db
from quiz.models import LiveAnswer, LiveGame, LivePlayer, LiveQuestion, now_utc
from quiz.services import partial, progress, review, scoring
from quiz.services.live.game import LiveError, WrongPhase, current_question
from quiz.services.live.scoring import score_answer

# Answers this long after the countdown still count (the trip from the phone to the server).
GRACE_SECONDS = 1.0


class TooLate(LiveError):
    """The question's countdown (plus the grace) ran out before the answer came."""


class AlreadyAnswered(LiveError):
    """The player already answered this question; the first answer stands."""


class NotYourQuestion(LiveError):
    """The player was removed, or joined after this question opened."""


@dataclass(frozen=True)
class Taken:
    """A stored answer, as the player is told at once (right or wrong waits for the reveal)."""

    position: int
    points: int


def deadline(started: datetime, seconds: int) -> datetime:
    """When a question started at `started` stops taking answers, by the server's clock."""
    return started + timedelta(seconds=seconds + GRACE_SECONDS)


def chosen_option(question: LiveQuestion, given: Any) -> int | None:
    """The index of a single chosen option (for the bar chart); None for orderings."""
    return question.choices.index(given) if isinstance(given, str) and given in question.choices else None


def grade(question: LiveQuestion, raw: list[str]) -> tuple[Any, float]:
    """Read the raw option indexes and grade them with the quiz's own checkers."""
    given = scoring.read_answer(question.kind, question.choices, raw)
    return given, scoring.grade(question.kind, given, partial.answer_key(question))


def submit(game: LiveGame, player: LivePlayer, position: int, raw: list[str], now: datetime | None = None) -> Taken:
    """Store the player's answer to the question at `position`, if it is still open to them."""
    now = now or now_utc()
    if game.phase != "question" or position != game.position:
        raise WrongPhase(game.phase)
    if player.removed or player.game_id != game.id or player.first_position > position:
        raise NotYourQuestion()
    question, started = current_question(game), game.question_started_at
    if started is None or now > deadline(started, game.seconds):
        raise TooLate()
    given, fraction = grade(question, raw)
    seconds = max(0.0, (now - started).total_seconds())
    scored = score_answer(fraction, seconds, game.seconds, player.streak)
    try:
        db.session.add(LiveAnswer(game_id=game.id, player_id=player.id, position=position, given=given,
                                  option=chosen_option(question, given), fraction=fraction, points=scored.points,
                                  seconds=seconds, answered_at=now))
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise AlreadyAnswered() from None
    db.session.execute(update(LivePlayer).where(LivePlayer.id == player.id)
                       .values(score=LivePlayer.score + scored.points, streak=scored.streak))
    progress.record(player.user_id, question.question_id, fraction >= 1.0, now)
    review.record_review(player.user_id, question.question_id, fraction, now)
    db.session.commit()
    return Taken(position, scored.points)


def answered_count(game: LiveGame) -> int:
    """How many answers the current question has (the projector's tally)."""
    return db.session.scalar(select(func.count()).select_from(LiveAnswer).where(
        LiveAnswer.game_id == game.id, LiveAnswer.position == game.position)) or 0
