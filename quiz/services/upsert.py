"""Insert-or-update in one statement on SQLite and PostgreSQL, built once per shape and reused.

Building an ON CONFLICT statement (and its `excluded` alias) costs more than running it, and the
answer path runs several per request, so statements are cached with bound parameters. They are
Core statements on the table, run on the session's connection (inside its transaction): the ORM's
bulk-insert machinery would cost more than the statement for one row.
"""
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from quiz.base import Base
from quiz import unit_of_work

# excluded (the row that was to be inserted) -> {column: new value} for the conflicting row
Changes = Callable[[Any], dict[str, Any]]
Condition = Callable[[Any], ColumnElement[bool]]


def inserting(model: type[Base], dialect: str, names: tuple[str, ...]):
    """A dialect's INSERT of the named columns, their values as bound parameters."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    table = model.__table__
    if not isinstance(table, Table):  # declared as any FromClause; a model mapped to a table has a Table
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return insert(table).values({name: bindparam(name) for name in names})


@lru_cache(maxsize=64)
def statement(model: type[Base], dialect: str, keys: tuple[str, ...], names: tuple[str, ...],
              changes: Changes | None, only_if: Condition | None):
    """The upsert for one model, key and column set."""
    built = inserting(model, dialect, names)
    excluded = built.excluded
    set_ = changes(excluded) if changes else {n: excluded[n] for n in names if n not in keys}
    return built.on_conflict_do_update(index_elements=list(keys), set_=set_,
                                       where=only_if(excluded) if only_if else None)


@lru_cache(maxsize=64)
def missing_statement(model: type[Base], dialect: str, keys: tuple[str, ...], names: tuple[str, ...]):
    """The insert for one model and column set that does nothing when the keys exist."""
    return inserting(model, dialect, names).on_conflict_do_nothing(index_elements=list(keys))


def upsert(model: type[Base], keys: Sequence[str], rows: Mapping[str, Any] | Sequence[Mapping[str, Any]],
           changes: Changes | None = None, only_if: Condition | None = None) -> None:
    """Insert each row, or update the row with the same keys (by default: with the new values)."""
    rows = [rows] if isinstance(rows, Mapping) else list(rows)
    connection = unit_of_work.connection()
    connection.execute(statement(model, connection.dialect.name, tuple(keys), tuple(rows[0]), changes, only_if), rows)


def insert_missing(model: type[Base], keys: Sequence[str],
                   rows: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> None:
    """Insert each row unless one with the same keys exists (created meanwhile by another request)."""
    rows = [rows] if isinstance(rows, Mapping) else list(rows)
    connection = unit_of_work.connection()
    connection.execute(missing_statement(model, connection.dialect.name, tuple(keys), tuple(rows[0])), rows)
