"""Password resets without e-mail: a teacher (for a student of their class) or an admin (for a
teacher or a student) makes a one-time code and hands it over; the user sets a new password with it.

The code is shown once and only its salted hash is stored; it expires after RESET_HOURS, works once,
and making a new one cancels the user's earlier unused codes. Using it signs the user out everywhere.
"""
import secrets
from datetime import timedelta

from sqlalchemy import delete, exists, func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from quiz.extensions import db
from quiz.models import ClassMember, Classroom, PasswordReset, User, now_utc
from quiz.services.rows import changed_rows

RESET_HOURS = 24
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 12  # 60 bits: with sign-in throttling, far beyond guessing


class ResetRefused(Exception):
    """The login name, code or its age does not allow a reset (the message never says which)."""


class NotAllowed(Exception):
    """The actor may not reset this user's password."""


def may_reset(actor: User, target: User) -> bool:
    """Admins reset teachers and students; teachers reset students of their own classes."""
    if target.id == actor.id or target.role not in ("student", "teacher"):
        return False
    if actor.role == "admin":
        return True
    return actor.role == "teacher" and target.role == "student" and bool(db.session.scalar(select(exists().where(
        ClassMember.user_id == target.id, ClassMember.classroom_id == Classroom.id, Classroom.teacher_id == actor.id))))


def teachers() -> list[User]:
    """Every teacher account, for the admin's reset page."""
    return list(db.session.scalars(select(User).where(User.role == "teacher").order_by(User.username)))


def tidy(code: str) -> str:
    """The code as stored: capitals, without the dashes and spaces people type."""
    return "".join(code.split()).replace("-", "").upper()


def issue_code(actor: User, target: User) -> str:
    """Make a one-time code for `target`, cancelling earlier unused ones; return it, grouped for reading."""
    if not may_reset(actor, target):
        raise NotAllowed(target.id)
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    db.session.execute(delete(PasswordReset).where(PasswordReset.user_id == target.id,
                                                   PasswordReset.used_at.is_(None)))
    db.session.add(PasswordReset(user_id=target.id, issued_by_id=actor.id, code_hash=generate_password_hash(code),
                                 expires_at=now_utc() + timedelta(hours=RESET_HOURS)))
    db.session.commit()
    return "-".join(code[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def redeem(username: str, code: str, new_password: str) -> User:
    """Set a new password with a valid code; the code is spent in one UPDATE, so it works only once."""
    user = db.session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None:
        raise ResetRefused(username)
    reset = db.session.scalar(select(PasswordReset).where(
        PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None), PasswordReset.expires_at > now_utc()))
    if reset is None or not check_password_hash(reset.code_hash, tidy(code)):
        raise ResetRefused(username)
    spent = changed_rows(update(PasswordReset).where(PasswordReset.id == reset.id,
                                                           PasswordReset.used_at.is_(None)).values(used_at=now_utc()))
    if spent != 1:
        db.session.rollback()
        raise ResetRefused(username)
    user.set_password(new_password)
    user.rotate_session()
    db.session.commit()
    return user
