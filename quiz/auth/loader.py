"""Flask-Login's user loader: one Core SELECT per request, the session token checked, no ORM query.

Every signed-in request runs it first, so it is on the hot path of every answer: `session.get(User)`
cost twenty times its SELECT. The row becomes a User in the session exactly as if the ORM had
loaded it (persistent, unchanged, in the identity map), so views and services may read, change and
commit it as before; columns not read here (the password hash) load on first use. A view in a Core
transaction of its own (the answer POST, quiz/unit_of_work.py) gets the same User outside any session.
"""
import secrets
from sqlalchemy import RowMapping, bindparam, inspect, select
from sqlalchemy.orm import configure_mappers, make_transient_to_detached

from quiz import unit_of_work
from quiz.extensions import db, login_manager
from quiz.models import User
from quiz.security import bounded_int

_users = User.__table__
_MAPPER = inspect(User)
# What pages read of the signed-in user on every request, and the token that sign-out rotates.
SIGNED_IN = (select(_users.c.id, _users.c.username, _users.c.nickname, _users.c.role, _users.c.session_token,
                    _users.c.hidden_from_boards)
             .where(_users.c.id == bindparam("user_id")))


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Load the user only while the cookie's session token is still current."""
    user_id, _sep, token = session_id.partition(":")
    number = bounded_int(user_id)
    if number is None:
        return None
    row = unit_of_work.connection().execute(SIGNED_IN, {"user_id": number}).one_or_none()
    if row is None or not secrets.compare_digest(row.session_token.encode(), token.encode()):
        return None
    # A view in a Core transaction of its own (the answer) reads only these columns and has no session.
    return detached(row._mapping) if unit_of_work.in_core_transaction() else persistent(row._mapping)


def persistent(values: RowMapping) -> User:
    """The User of a row, in the session as if the ORM had loaded it (its own copy if already there)."""
    known = db.session.identity_map.get(_MAPPER.identity_key_from_primary_key((values["id"],)))
    if known is not None:
        return known
    user = detached(values)
    db.session.add(user)
    return user


def detached(values: RowMapping) -> User:
    """The User of a row, with no pending changes; the columns not in the row load on first use once in a session."""
    if not _MAPPER.configured:  # a fresh process whose first request is signed in: no query has set up the ORM yet
        configure_mappers()
    user = _MAPPER.class_manager.new_instance()
    user.__dict__.update(values)
    make_transient_to_detached(user)
    return user
