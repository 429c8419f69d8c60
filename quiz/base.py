"""Declarative base shared by every model."""
from datetime import datetime, UTC
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class with named constraints."""

    metadata = MetaData(naming_convention=NAMING)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """The SQL of a CHECK that a column holds one of the values."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def now_utc() -> datetime:
    """Return the current UTC time as a naive datetime (SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)
