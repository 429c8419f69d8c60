"""Taking a player's answer to the current question: graded, timed and scored on the server.

The hot path of a live game (a class answers within seconds), so it is lean: one Core SELECT reads
the game, the player and the open question together; one transaction inserts the answer
(UNIQUE(player, position) refuses a second) and adds its points to the player, then commits before
the phone is told. The spaced-repetition reviews and progress of the question's answers are written
once, when the question closes (game.close_question), not here: they are derived from the stored
answer rows, so nothing acknowledged is lost if a process dies in between.
"""
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from quiz import unit_of_work
from quiz.extensions import db
from quiz.models import LiveAnswer, LiveGame, LivePlayer, LiveQuestion, Question, now_utc
from quiz.services import partial, scoring
from quiz.services.live.game import LiveError, WrongPhase, deadline
from quiz.services.live.scoring import score_answer

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


@dataclass(frozen=True)
class Asked:
    """The open question as the grader needs it (what partial.answer_key reads)."""

    kind: str
    choices: list[Any]
    answer: Any
    question: Question | None  # only for orderings: their events say which items tie


# The player, their game and the game's current question in one round trip.
ANSWERING = (select(LiveGame.id.label("game_id"), LiveGame.phase, LiveGame.position, LiveGame.seconds,
                    LiveGame.question_started_at, LivePlayer.removed, LivePlayer.first_position, LivePlayer.streak,
                    LiveQuestion.kind, LiveQuestion.choices, LiveQuestion.answer, LiveQuestion.question_id)
             .select_from(LivePlayer).join(LiveGame, LiveGame.id == LivePlayer.game_id)
             .outerjoin(LiveQuestion, and_(LiveQuestion.game_id == LiveGame.id,
                                           LiveQuestion.position == LiveGame.position))
             .where(LivePlayer.id == bindparam("player_id")))
answers_table = LiveAnswer.__table__
players_table = LivePlayer.__table__
ADD_POINTS = (update(players_table).where(players_table.c.id == bindparam("player_id"))
              .values(score=players_table.c.score + bindparam("points"), streak=bindparam("new_streak")))


def chosen_option(choices: list[Any], given: Any) -> int | None:
    """The index of a single chosen option (for the bar chart); None for orderings."""
    return choices.index(given) if isinstance(given, str) and given in choices else None


def grade(asked: Asked, raw: list[str]) -> tuple[Any, float]:
    """Read the raw option indexes and grade them with the quiz's own checkers."""
    given = scoring.read_answer(asked.kind, asked.choices, raw)
    return given, scoring.grade(asked.kind, given, partial.answer_key(asked))


def open_to(row: Row | None, game_id: int, position: int, now: datetime) -> Row:
    """The ANSWERING row, if the question at `position` is open to this player now; else refuse the answer."""
    if row is None or row.game_id != game_id:
        raise NotYourQuestion()
    if row.phase != "question" or position != row.position or row.kind is None:
        raise WrongPhase(row.phase)
    if row.removed or row.first_position > position:
        raise NotYourQuestion()
    if row.question_started_at is None or now > deadline(row.question_started_at, row.seconds):
        raise TooLate()
    return row


def submit(game_id: int, player_id: int, position: int, raw: list[str], now: datetime | None = None) -> Taken:
    """Store the player's answer to the question at `position`, if it is still open to them; commit."""
    now = now or now_utc()
    connection = unit_of_work.connection()
    row = open_to(connection.execute(ANSWERING, {"player_id": player_id}).one_or_none(), game_id, position, now)
    source = db.session.get(Question, row.question_id) if row.kind == "order" else None
    given, fraction = grade(Asked(row.kind, row.choices, row.answer, source), raw)
    seconds = max(0.0, (now - row.question_started_at).total_seconds())
    scored = score_answer(fraction, seconds, row.seconds, row.streak)
    try:
        connection.execute(insert(answers_table), {
            "game_id": game_id, "player_id": player_id, "position": position, "given": given,
            "option": chosen_option(row.choices, given), "fraction": fraction, "points": scored.points,
            "seconds": seconds, "answered_at": now})
    except IntegrityError:
        db.session.rollback()
        raise AlreadyAnswered() from None
    connection.execute(ADD_POINTS, {"player_id": player_id, "points": scored.points, "new_streak": scored.streak})
    db.session.commit()  # before the phone is told: an acknowledged answer is stored
    return Taken(position, scored.points)


# The projector's tally in one round trip: the game's current question, its answers, who may answer it.
TALLY = (select(LiveGame.position,
                select(func.count()).select_from(LiveAnswer)
                .where(LiveAnswer.game_id == LiveGame.id, LiveAnswer.position == LiveGame.position)
                .scalar_subquery().label("answered"),
                select(func.count()).select_from(LivePlayer)
                .where(LivePlayer.game_id == LiveGame.id, LivePlayer.removed.is_(False),
                       LivePlayer.first_position <= LiveGame.position)
                .scalar_subquery().label("expected"))
         .where(LiveGame.id == bindparam("game_id")))


def tally(game_id: int) -> dict[str, int] | None:
    """The current question's position, how many answered it and how many may (None: no such game)."""
    row = unit_of_work.connection().execute(TALLY, {"game_id": game_id}).one_or_none()
    return None if row is None else {"position": row.position, "answered": row.answered, "expected": row.expected}


def answered_count(game: LiveGame) -> int:
    """How many answers the current question has (the projector's tally)."""
    return db.session.scalar(select(func.count()).select_from(LiveAnswer).where(
        LiveAnswer.game_id == game.id, LiveAnswer.position == game.position)) or 0
