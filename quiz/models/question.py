"""Questions: generated from a timeline or written by a teacher, in one table."""
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from quiz.extensions import db
from quiz.base import now_utc, one_of
from quiz.models.image import QuestionImage
from quiz.models.timeline import Event, Timeline

# Where a question comes from (a CHECK constraint). Kinds are open-ended: the generator adds new ones,
# and an unknown kind plays as single choice (quiz/kinds), so the database only refuses an empty kind.
ORIGINS = ("generated", "custom", "imported")

question_events = Table(
    "question_events",
    db.metadata,
    Column("question_id", ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)


class Question(db.Model):
    """A question with its choices and key; the key never leaves the server unasked."""

    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("timeline_id", "gen_key"),
        CheckConstraint(one_of("origin", ORIGINS), name="origin"),
        CheckConstraint("kind <> ''", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    timeline_id: Mapped[int | None] = mapped_column(ForeignKey("timelines.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[Any]] = mapped_column(JSON)
    answer: Mapped[Any] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(16), default="generated")
    # Stable identity from the generator, so regeneration never duplicates a question.
    gen_key: Mapped[str | None] = mapped_column(String(255))
    # Hidden questions (archived or curated away) are never drawn; they are never deleted.
    hidden: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    edited_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    # An optional image shown with the prompt; its alt text is required with it (the editor's rule).
    image_id: Mapped[int | None] = mapped_column(ForeignKey("question_images.id"), index=True)
    image_alt: Mapped[str] = mapped_column(String(300), default="")

    timeline: Mapped[Timeline | None] = relationship()
    image: Mapped[QuestionImage | None] = relationship()
    events: Mapped[list[Event]] = relationship(secondary=question_events, order_by=Event.position)


class FrozenQuestion:
    """A question as it was when it was put to players, at its place in their sequence: later edits of
    the question never change it. The columns of an attempt's items and of a live game's questions."""

    position: Mapped[int]
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"))
    kind: Mapped[str] = mapped_column(String(24))
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[Any]] = mapped_column(JSON)
    answer: Mapped[Any] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text, default="")
    image_id: Mapped[int | None] = mapped_column(ForeignKey("question_images.id"), index=True)
    image_alt: Mapped[str] = mapped_column(String(300), default="")

    @declared_attr
    def question(cls) -> Mapped[Question]:
        """The live question (its events explain an answer and find ties in orderings)."""
        return relationship()

    @declared_attr
    def image(cls) -> Mapped[QuestionImage | None]:
        """The image as it was shown (a replaced one stays for the answers given with it)."""
        return relationship()

    @staticmethod
    def frozen(question: "Question | FrozenQuestion", position: int, choices: list[Any] | None = None) -> dict:
        """The columns that freeze `question` (a live one, or one frozen elsewhere) at `position`."""
        return {"position": position,
                "question_id": question.id if isinstance(question, Question) else question.question_id,
                "kind": question.kind, "prompt": question.prompt,
                "choices": list(question.choices) if choices is None else choices,
                "answer": question.answer, "explanation": question.explanation,
                "image_id": question.image_id, "image_alt": question.image_alt}
