"""Quizzes: a named, fixed set of questions or a rule that draws them."""
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.extensions import db
from quiz.base import now_utc
from quiz.models.question import Question
from quiz.models.timeline import Timeline


class Quiz(db.Model):
    """A quiz students can start; `rule` draws questions when `items` is empty."""

    __tablename__ = "quizzes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    timeline_id: Mapped[int | None] = mapped_column(ForeignKey("timelines.id"))
    # e.g. {"count": 10, "year_from": 2010, "year_to": 2014, "kinds": [...], "per_event": 1}; events lie within
    # the years, or with "by_start": true (an era quiz) start within them
    rule: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    shuffle: Mapped[bool] = mapped_column(default=True)
    published: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    # Set for quizzes a teacher built; the server refuses answers after the limit.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    time_limit: Mapped[int | None]  # seconds
    # A deleted quiz is unpublished and gone from the teacher's lists; its attempts stay.
    deleted_at: Mapped[datetime | None]
    # Fair play (README "Ranking and revealing answers"): None allows any number of attempts.
    attempts_allowed: Mapped[int | None]
    # Which attempts count on boards: "first" (the player's first attempt) or "best" (every attempt).
    ranked_attempt: Mapped[str] = mapped_column(String(8), default="first")
    # When keys and explanations are shown: "after_each" question, "at_end" of the attempt, "after_date".
    reveal: Mapped[str] = mapped_column(String(12), default="at_end")
    reveal_at: Mapped[datetime | None]
    # Public boards list signed-in players only (guests still see their own line).
    board_signed_in_only: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    timeline: Mapped[Timeline | None] = relationship()
    items: Mapped[list["QuizQuestion"]] = relationship(
        order_by="QuizQuestion.position", cascade="all, delete-orphan"
    )


class QuizQuestion(db.Model):
    """A question picked into a fixed quiz, in order."""

    __tablename__ = "quiz_questions"

    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    question: Mapped[Question] = relationship()
