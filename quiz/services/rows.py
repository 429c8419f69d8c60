"""Run an UPDATE or DELETE in the session and read how many rows it changed."""
from sqlalchemy import CursorResult
from sqlalchemy.sql.dml import UpdateBase

from quiz.extensions import db


def changed_rows(statement: UpdateBase) -> int:
    """Run the statement in the session's transaction; return its row count.

    A conditional UPDATE is how the services make a step happen once under races (spend a code, finish
    an attempt): the count says whether this request was the one. The session types every result as a
    plain Result; an UPDATE's is a CursorResult, the one kind that has a row count.
    """
    result = db.session.execute(statement)
    if not isinstance(result, CursorResult):
        raise TypeError(f"{type(statement).__name__} returned no row count")
    return result.rowcount
