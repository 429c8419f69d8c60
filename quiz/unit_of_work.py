"""Which connection a request's reads and writes go through: the ORM session's, or a Core transaction of its own.

Services run their Core statements on `connection()` and end the work with `commit()` or `rollback()`.
Most views use the ORM session, so that is what these reach. The answer POST, the busiest write of
the app, runs in a Core transaction instead (`core_transaction`): it needs no ORM object, and the
session, its transaction and its identity map cost an answer about a tenth of its instructions.
"""
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.orm import scoped_session

from quiz.extensions import db

View = TypeVar("View", bound=Callable[..., Any])
# The Core connection of the view running in this thread, if it opened one.
_core: ContextVar[Connection | None] = ContextVar("core_connection", default=None)


def connection() -> Connection:
    """The connection of the current unit of work."""
    core = _core.get()
    return db.session.connection() if core is None else core


def in_core_transaction() -> bool:
    """Whether the current view runs in a Core transaction of its own (and has no ORM session)."""
    return _core.get() is not None


def _work() -> Connection | scoped_session:
    """What the current unit of work commits or rolls back: the view's Core connection, else the ORM session."""
    core = _core.get()
    return db.session if core is None else core


def commit() -> None:
    """Commit the current unit of work."""
    _work().commit()


def rollback() -> None:
    """Roll the current unit of work back (statements after it start a new transaction)."""
    _work().rollback()


def core_transaction(view: View) -> View:
    """Run a view on a Core connection of its own; what it has not committed when it ends is rolled back.

    Put it outside `login_required`, so the signed-in user is read on the same connection.
    """
    @wraps(view)
    def in_core(*args: Any, **kwargs: Any) -> Any:
        with db.engine.connect() as core:
            token = _core.set(core)
            try:
                return view(*args, **kwargs)
            finally:
                _core.reset(token)
    return in_core  # type: ignore[return-value]


@contextmanager
def on_session() -> Iterator[None]:
    """Run an ORM unit of work from inside a Core transaction (a rare path of the answer: time is up).

    The Core transaction must not have written yet: on SQLite the session's connection would wait for
    the write turn and then the write lock the Core connection holds (10 s each), and fail.
    """
    token = _core.set(None)
    try:
        yield
    finally:
        _core.reset(token)
