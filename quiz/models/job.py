"""Imports a teacher started: the uploaded text, kept on the server from upload to result."""
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from quiz.base import now_utc
from quiz.extensions import db

KINDS = ("timeline", "questions")
# draft: previewed, waiting for the teacher's confirmation; queued → running → done | failed.
STATES = ("draft", "queued", "running", "done", "failed")


class ImportJob(db.Model):
    """One timeline or CSV import, run in the background; its row is its progress and its result."""

    __tablename__ = "import_jobs"
    __table_args__ = (
        CheckConstraint(f"kind IN {KINDS}", name="kind"),
        CheckConstraint(f"state IN {STATES}", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    # Messages written by the job (parse errors, why it failed) are in the language it was started in.
    locale: Mapped[str] = mapped_column(String(16))
    slug: Mapped[str] = mapped_column(String(80), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    # The uploaded file's text; emptied once the import is stored.
    text: Mapped[str] = mapped_column(Text, default="")
    # Progress: the step the job is at, and units done out of a total (steps, or rows then the save).
    step: Mapped[str] = mapped_column(String(16), default="")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    # Each start counts; a run only finishes the job if no later start took it over.
    attempts: Mapped[int] = mapped_column(default=0)
    worker: Mapped[str] = mapped_column(String(120), default="")
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Why it failed: a sentence, and the lines or rows at fault as [number, message] pairs.
    reason: Mapped[str] = mapped_column(Text, default="")
    errors: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    # Touched by every progress report: a running job whose row stops changing was interrupted.
    updated_at: Mapped[datetime] = mapped_column(default=now_utc)
