"""Live games: a host-paced game of one quiz, its frozen questions, its players and their answers.

Everything a game needs to go on lives in these rows (never in a process's memory), so any app
process can serve any event and a restart loses nothing that was acknowledged.
"""
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.base import now_utc
from quiz.extensions import db
from quiz.models.question import FrozenQuestion
from quiz.models.quiz import Quiz
from quiz.models.user import User

# lobby → question ⇄ reveal → ended
PHASES = ("lobby", "question", "reveal", "ended")


class LiveGame(db.Model):
    """One live game; `position` is the current question (-1 in the lobby)."""

    __tablename__ = "live_games"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Six digits players type; cleared when the game ends so the number can be dealt again.
    pin: Mapped[str | None] = mapped_column(String(6), unique=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"), index=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    phase: Mapped[str] = mapped_column(String(12), default="lobby")
    position: Mapped[int] = mapped_column(default=-1)
    seconds: Mapped[int] = mapped_column(default=20)  # per question
    total: Mapped[int] = mapped_column(default=0)
    question_started_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    ended_at: Mapped[datetime | None]

    quiz: Mapped[Quiz] = relationship()
    host: Mapped[User] = relationship()


class LiveQuestion(FrozenQuestion, db.Model):
    """A question frozen into the game at its creation (later edits never change a running game)."""

    __tablename__ = "live_questions"
    __table_args__ = (UniqueConstraint("game_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("live_games.id", ondelete="CASCADE"))


class LivePlayer(db.Model):
    """Someone playing under a nickname; `first_position` is the first question they could answer."""

    __tablename__ = "live_players"
    __table_args__ = (
        UniqueConstraint("game_id", "nickname_key"),
        Index("ix_live_players_game_id_device", "game_id", "device"),  # is this device's player removed?
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("live_games.id", ondelete="CASCADE"), index=True)
    # The account the game's attempt is stored under: the signed-in user, or a guest made at join.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    nickname: Mapped[str] = mapped_column(String(40))
    nickname_key: Mapped[str] = mapped_column(String(40))  # normalised: two players cannot look alike
    score: Mapped[int] = mapped_column(default=0)
    streak: Mapped[int] = mapped_column(default=0)
    first_position: Mapped[int] = mapped_column(default=0)
    removed: Mapped[bool] = mapped_column(default=False)
    # The joining browser's mark (a cookie of its own): a removed player's device cannot join the game again.
    device: Mapped[str | None] = mapped_column(String(32))
    joined_at: Mapped[datetime] = mapped_column(default=now_utc)

    user: Mapped[User] = relationship()


class LiveAnswer(db.Model):
    """A player's one answer to one question of the game; the database refuses a second."""

    __tablename__ = "live_answers"
    __table_args__ = (
        UniqueConstraint("player_id", "position"),
        Index("ix_live_answers_game_id_position", "game_id", "position"),  # the projector's tally
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("live_games.id", ondelete="CASCADE"))
    player_id: Mapped[int] = mapped_column(ForeignKey("live_players.id", ondelete="CASCADE"))
    position: Mapped[int]
    given: Mapped[Any] = mapped_column(JSON)
    # Which option was chosen (single choice), for the bar chart; None for orderings.
    option: Mapped[int | None]
    fraction: Mapped[float] = mapped_column(default=0.0)  # the grader's 0..1
    points: Mapped[int] = mapped_column(default=0)  # speed-weighted game points, streak bonus included
    seconds: Mapped[float] = mapped_column(default=0.0)
    answered_at: Mapped[datetime] = mapped_column(default=now_utc)
