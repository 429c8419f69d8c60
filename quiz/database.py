"""Database engine settings that the ORM does not set by itself."""
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

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
