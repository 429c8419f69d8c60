"""Teaching: invite codes for teachers, classes, their students and assigned quizzes."""
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.base import now_utc
from quiz.extensions import db
from quiz.models.quiz import Quiz
from quiz.models.user import User


def new_code(length: int = 10) -> str:
    """Return a random code that is easy to read out (no 0/O, 1/I)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(length))


class Invite(db.Model):
    """A code an admin hands out; it makes up to `max_uses` teacher accounts until it expires."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, default=new_code)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    max_uses: Mapped[int] = mapped_column(default=1)
    uses: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    def usable(self, now: datetime) -> bool:
        """Tell whether the code can still make an account."""
        return self.uses < self.max_uses and now < self.expires_at


class Classroom(db.Model):
    """A teacher's class; students join it with its code."""

    __tablename__ = "classrooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    join_code: Mapped[str] = mapped_column(String(16), unique=True, default=lambda: new_code(8))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    teacher: Mapped[User] = relationship()
    members: Mapped[list["ClassMember"]] = relationship(
        back_populates="classroom", cascade="all, delete-orphan", passive_deletes=True)
    assignments: Mapped[list["Assignment"]] = relationship(
        back_populates="classroom", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Assignment.id")


class ClassMember(db.Model):
    """A student in a class."""

    __tablename__ = "class_members"

    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    joined_at: Mapped[datetime] = mapped_column(default=now_utc)

    classroom: Mapped[Classroom] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class Assignment(db.Model):
    """A quiz a class should do, with an optional deadline."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("classroom_id", "quiz_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    classroom: Mapped[Classroom] = relationship(back_populates="assignments")
    quiz: Mapped[Quiz] = relationship()
