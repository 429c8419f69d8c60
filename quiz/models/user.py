"""People who play and teach: students, guests, teachers and admins."""
import secrets
from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from quiz.extensions import db
from quiz.base import now_utc, one_of

# Every role the database accepts (a CHECK constraint); access rules are in quiz/access.py.
ROLES = ("guest", "student", "teacher", "admin")


# Production hashes with scrypt; the tests set PASSWORD_HASH_METHOD to a cheap method (a third of their time otherwise).
DEFAULT_PASSWORD_HASH = "scrypt"


def password_hash_method() -> str:
    """The configured hashing method (PASSWORD_HASH_METHOD), scrypt by default."""
    configured = current_app.config.get("PASSWORD_HASH_METHOD") if has_app_context() else None
    return configured or DEFAULT_PASSWORD_HASH


def new_session_token() -> str:
    """Return a fresh random token; rotating it signs the user out everywhere."""
    return secrets.token_hex(16)


class User(UserMixin, db.Model):
    """A player or teacher; guests are users without a login name."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(one_of("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str | None] = mapped_column(String(40), unique=True)
    nickname: Mapped[str] = mapped_column(String(40))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="student")
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    hidden_from_boards: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    def get_id(self) -> str:
        """Identify the session by id and token so logout can invalidate old cookies."""
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str) -> None:
        """Store a salted hash (scrypt unless configured), never the password."""
        self.password_hash = generate_password_hash(password, method=password_hash_method())

    def check_password(self, password: str) -> bool:
        """Tell whether the password matches the stored hash."""
        if not self.password_hash:
            return False
        return check_password_hash(self.password_hash, password)

    def rotate_session(self) -> None:
        """Invalidate every cookie issued so far for this user."""
        self.session_token = new_session_token()

    @property
    def is_guest(self) -> bool:
        """Guests play under a nickname and may sign up later."""
        return self.role == "guest"

    @property
    def is_teacher(self) -> bool:
        """Teachers and admins may use the teaching pages."""
        return self.role in ("teacher", "admin")


class PasswordReset(db.Model):
    """A one-time code a teacher (or an admin) gave a user to set a new password; only its hash is kept."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    code_hash: Mapped[str] = mapped_column(String(255))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
