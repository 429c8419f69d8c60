"""Database engine settings that the ORM does not set by itself."""
import select

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

from quiz.extensions import db


def set_sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers run beside the writer; busy_timeout waits instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def install_sqlite_pragmas(app: Flask) -> None:
    """Attach the pragmas to the app's engine when it is SQLite."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine: Engine = db.engine
        event.listen(engine, "connect", set_sqlite_pragmas)


def refuse_dropped_connection(dbapi_connection, _record, _proxy) -> None:
    """Before a pooled PostgreSQL connection is used, make sure the server has not dropped it.

    A connection resting in the pool has nothing to read: the server speaks only when asked. If its
    socket is readable, the server said goodbye (a restart, a terminated backend) or closed it, so
    the pool is told to open a new one (DisconnectionError: it retries). This replaces
    pool_pre_ping's `SELECT 1`, a round trip on every request, by a poll that stays in this process.
    """
    if dbapi_connection.closed or dbapi_connection.broken:
        raise DisconnectionError("connection already closed")
    readable, _writable, _failed = select.select([dbapi_connection.fileno()], [], [], 0)
    if readable:
        raise DisconnectionError("the server closed the connection while it rested in the pool")


def install_postgresql_checks(app: Flask) -> None:
    """Check pooled PostgreSQL connections before use (unless configured to ping instead)."""
    options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql") or options.get("pool_pre_ping"):
        return
    with app.app_context():
        event.listen(db.engine, "checkout", refuse_dropped_connection)
