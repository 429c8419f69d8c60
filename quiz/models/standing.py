"""Leaderboard standings: each player's best finished attempt per quiz and period, and their totals."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from quiz.extensions import db

ALL_TIME = "all"


class RankedRow:
    """The columns every board ranks by, shared so one ranking rule reads both tables."""

    score: Mapped[float]
    total: Mapped[int]
    accuracy: Mapped[float]
    seconds: Mapped[int]
    finished_at: Mapped[datetime]
    hidden: Mapped[bool] = mapped_column(default=False)
    guest: Mapped[bool] = mapped_column(default=False)  # copies users.role == "guest" (a trigger keeps it)


class Standing(RankedRow, db.Model):
    """A player's best finished attempt at one quiz within one period ("all", "w2026-48", "m2026-11").

    Kept up to date in the transaction that finishes the attempt, so boards never scan answers.
    `hidden` copies the player's privacy switch and `guest` their role, so a board is read from one index.
    """

    __tablename__ = "standings"
    __table_args__ = (
        UniqueConstraint("user_id", "quiz_id", "period"),
        Index("ix_standings_board", "quiz_id", "period", text("score DESC"), "seconds", "finished_at",
              "user_id", "hidden", "guest"),
        Index("ix_standings_accuracy", "quiz_id", "period", text("accuracy DESC"), "finished_at",
              "user_id", "hidden", "guest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(12))
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)


class BoardTotal(RankedRow, db.Model):
    """A player's overall standing in one period: the sum of their best score per quiz.

    `finished_at` is when the player reached this total (their latest improving finish).
    """

    __tablename__ = "board_totals"
    __table_args__ = (
        UniqueConstraint("user_id", "period"),
        Index("ix_board_totals_board", "period", text("score DESC"), "seconds", "finished_at", "user_id",
              "hidden", "guest"),
        Index("ix_board_totals_accuracy", "period", text("accuracy DESC"), "finished_at", "user_id",
              "hidden", "guest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(12))
    quizzes: Mapped[int]


class BoardCount(db.Model):
    """How many visible players stand at one ranking value on one public board: rank counts without a scan.

    Kept exact by database triggers on standings and board_totals (migration 0019: every write path,
    cascades included), never written by the app. A visible row counts once at ('score', score, 0),
    ('score_time', score, seconds) and ('accuracy', accuracy, 0); `quiz_id` 0 is the overall board.
    """

    __tablename__ = "board_counts"
    __table_args__ = {"sqlite_with_rowid": False}

    quiz_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    period: Mapped[str] = mapped_column(String(12), primary_key=True)
    ranking: Mapped[str] = mapped_column(String(10), primary_key=True)
    guest: Mapped[bool] = mapped_column(primary_key=True)
    value: Mapped[float] = mapped_column(primary_key=True)
    seconds: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    n: Mapped[int]
