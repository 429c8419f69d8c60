"""Attempts at a quiz, the questions frozen into them, and every answer given."""
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.extensions import db
from quiz.base import now_utc
from quiz.models.question import FrozenQuestion
from quiz.models.quiz import Quiz
from quiz.models.user import User


class Attempt(db.Model):
    """One play-through of a quiz by one user: their `number`-th, which counts on boards when `ranked`.

    An attempt stored from a live game has no number: the teacher ran it, so it is not one of the attempts
    the quiz allows the player (services.fairplay), and two games of one quiz may each leave one.
    """

    __tablename__ = "attempts"
    # The daily challenge can be taken once per player and day, however many requests race to start it;
    # two parallel starts cannot both become the player's first (or only allowed) attempt at a quiz.
    __table_args__ = (UniqueConstraint("user_id", "daily_on", name="uq_attempts_user_id_daily_on"),
                      UniqueConstraint("user_id", "quiz_id", "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"), index=True)
    number: Mapped[int | None]
    ranked: Mapped[bool] = mapped_column(default=False)
    # Whether it also adds up on the overall board (services.fairplay.counts_overall), decided with `ranked`.
    overall: Mapped[bool] = mapped_column(default=False)
    started_at: Mapped[datetime] = mapped_column(default=now_utc)
    finished_at: Mapped[datetime | None]
    score: Mapped[float] = mapped_column(default=0.0)
    total: Mapped[int] = mapped_column(default=0)
    answered: Mapped[int] = mapped_column(default=0)
    daily_on: Mapped[date | None]  # the day, for an attempt at a daily challenge

    user: Mapped[User] = relationship()
    quiz: Mapped[Quiz] = relationship()
    items: Mapped[list["AttemptItem"]] = relationship(
        back_populates="attempt", order_by="AttemptItem.position", cascade="all, delete-orphan"
    )

    @property
    def is_finished(self) -> bool:
        """An attempt is finished once every question has an answer."""
        return self.finished_at is not None

    @property
    def seconds(self) -> float | None:
        """Time taken from start to finish, when finished."""
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class AttemptItem(FrozenQuestion, db.Model):
    """A question as it was when the attempt began: later edits never change it."""

    __tablename__ = "attempt_items"
    __table_args__ = (
        UniqueConstraint("attempt_id", "position"),
        UniqueConstraint("attempt_id", "question_id"),
        CheckConstraint("kind <> ''", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))

    attempt: Mapped[Attempt] = relationship(back_populates="items")
    response: Mapped["Answer | None"] = relationship(back_populates="item", uselist=False)


class Answer(db.Model):
    """The one answer to one question of one attempt; the database refuses a second."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("attempt_items.id", ondelete="CASCADE"), unique=True)
    given: Mapped[Any] = mapped_column(JSON)
    correct: Mapped[bool]
    points: Mapped[float] = mapped_column(default=0.0)
    answered_at: Mapped[datetime] = mapped_column(default=now_utc)
    seconds: Mapped[float] = mapped_column(default=0.0)

    item: Mapped[AttemptItem] = relationship(back_populates="response")


class Progress(db.Model):
    """How one user has done on one question across all attempts."""

    __tablename__ = "progress"
    __table_args__ = (UniqueConstraint("user_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    seen: Mapped[int] = mapped_column(default=0)
    right: Mapped[int] = mapped_column(default=0)
    last_correct: Mapped[bool] = mapped_column(default=False)
    last_seen_at: Mapped[datetime] = mapped_column(default=now_utc)
