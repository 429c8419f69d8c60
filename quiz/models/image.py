"""Images shown with questions: re-encoded on upload, stored in the database once per content."""
from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from quiz.extensions import db
from quiz.base import now_utc


class QuestionImage(db.Model):
    """One image's bytes; questions and the attempt items frozen from them point at it.

    In the database rather than under instance/: every app process (and machine) sees it, it is
    backed up with the questions it belongs to, and it goes away only with them.
    """

    __tablename__ = "question_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the stored bytes: the same picture uploaded twice is stored once; also its ETag and URL.
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    mime: Mapped[str] = mapped_column(String(16))
    width: Mapped[int]
    height: Mapped[int]
    # Deferred: pages that only link to the image never read its bytes.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
