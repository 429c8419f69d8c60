"""Accounts: guests, sign-up (keeping a guest's attempts), password checks."""
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db
from quiz.models import User
from quiz.models.user import password_hash_method
from quiz.services.nicknames import normalise_nickname

# Real hashes (one per hashing method) to check when the login name is unknown, so timing does not tell.
_DUMMIES: dict[str, User] = {}


def create_guest(nickname: str) -> User:
    """Create a guest who plays under a nickname (raises NicknameRefused)."""
    user = User(nickname=normalise_nickname(nickname), role="guest")
    db.session.add(user)
    db.session.commit()
    return user


class UsernameTaken(Exception):
    """Another account has this login name (perhaps signed up a moment ago, in a parallel request)."""


def sign_up(username: str, nickname: str, password: str, guest: User | None = None,
            role: str = "student") -> User:
    """Create an account, or turn the current guest into one so their attempts stay theirs.

    The unique login name is the database's to enforce: of parallel sign-ups under one name, one
    commits and the others get UsernameTaken, with nothing of theirs stored.
    """
    user = guest if guest is not None and guest.is_guest else User()
    user.username = username.lower()
    user.nickname = normalise_nickname(nickname)
    user.role = role
    user.set_password(password)
    user.rotate_session()
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise UsernameTaken(username) from error
    return user


def authenticate(username: str, password: str) -> User | None:
    """Return the user whose login name and password match, else None."""
    user = db.session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None:
        dummy_user().check_password(password)
        return None
    return user if user.check_password(password) else None


class WrongPassword(Exception):
    """The current password given to change it was wrong."""


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one; every other session of the user ends."""
    if not user.check_password(current):
        raise WrongPassword(user.id)
    user.set_password(new)
    user.rotate_session()
    db.session.commit()


def dummy_user() -> User:
    """A user that is never stored, with a real hash made by the configured method."""
    method = password_hash_method()
    if method not in _DUMMIES:
        _DUMMIES[method] = User(password_hash=None)
        _DUMMIES[method].set_password("timing-equaliser-not-a-password")
    return _DUMMIES[method]


def sign_out_everywhere(user: User) -> None:
    """Rotate the session token: every cookie issued before stops working."""
    user.rotate_session()
    db.session.commit()
