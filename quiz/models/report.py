"""Problems students report with a question, for its author (or an admin) to fix."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.base import now_utc
from quiz.extensions import db
from quiz.models.question import Question
from quiz.models.user import User


class QuestionReport(db.Model):
    """One student's report on one question; a second report from them replaces the first."""

    __tablename__ = "question_reports"
    __table_args__ = (UniqueConstraint("question_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    # Set when the teacher corrected or hid the question, or dismissed the report.
    resolved_at: Mapped[datetime | None]

    question: Mapped[Question] = relationship()
    user: Mapped[User] = relationship()
