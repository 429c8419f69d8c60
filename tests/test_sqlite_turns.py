"""SQLite writers of one process wait for their turn in a queue, not in SQLite's busy handler."""
import sqlite3
import threading

import pytest

from quiz import sqlite_turns
from quiz.sqlite_turns import TurnTakingConnection, turn_for


class WatchedTurn:
    """The real lock, also telling the test when a writer starts waiting for it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.waiting = threading.Event()

    def acquire(self, timeout=-1):
        if self.lock.locked():
            self.waiting.set()
        return self.lock.acquire(timeout=timeout)

    def release(self):
        self.lock.release()

    def locked(self):
        return self.lock.locked()


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A fresh SQLite file with one table, and its (watched) write turn."""
    path = str(tmp_path / "turns.db")
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE t (n INTEGER)")
    turn = WatchedTurn()
    monkeypatch.setitem(sqlite_turns._turns, path, turn)
    return path, turn


def connect(path: str, busy_timeout: float = 10.0) -> TurnTakingConnection:
    return sqlite3.connect(path, timeout=busy_timeout, factory=TurnTakingConnection, check_same_thread=False)


def test_a_second_writer_waits_for_the_turn_then_writes(database):
    path, turn = database
    first = connect(path)
    first.execute("INSERT INTO t VALUES (1)")  # holds SQLite's write lock until it commits
    # With no busy timeout, meeting SQLite's lock would fail at once: the second writer must queue.
    second = connect(path, busy_timeout=0)
    errors: list[Exception] = []

    def write():
        try:
            second.execute("INSERT INTO t VALUES (2)")
            second.commit()
        except sqlite3.Error as error:
            errors.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    assert turn.waiting.wait(10)  # the second writer is queued on the turn...
    first.commit()  # ...and the commit hands it over
    writer.join(10)
    assert errors == []
    assert sorted(connect(path).execute("SELECT n FROM t").fetchall()) == [(1,), (2,)]
    assert not turn.locked()


def test_reading_takes_no_turn(database):
    path, turn = database
    reader = connect(path)
    reader.execute("SELECT count(*) FROM t").fetchone()
    assert not turn.locked()


@pytest.mark.parametrize("ending", ["commit", "rollback", "close"])
def test_every_end_of_a_transaction_gives_the_turn_back(database, ending):
    path, turn = database
    writer = connect(path)
    writer.execute("UPDATE t SET n = 1")
    assert turn.locked()
    getattr(writer, ending)()
    assert not turn.locked()


def test_a_failed_write_outside_a_transaction_gives_the_turn_back(database):
    path, turn = database
    writer = connect(path)
    writer.isolation_level = None  # autocommit: no transaction stays open after the statement
    with pytest.raises(sqlite3.OperationalError):
        writer.execute("INSERT INTO missing VALUES (1)")
    assert not turn.locked()
    writer.execute("INSERT INTO t VALUES (3)")
    assert not turn.locked()


def test_in_memory_databases_share_no_turn():
    assert turn_for(":memory:") is None
    memory = sqlite3.connect(":memory:", factory=TurnTakingConnection)
    memory.execute("CREATE TABLE t (n INTEGER)")
    memory.execute("INSERT INTO t VALUES (1)")
    memory.commit()


def test_the_app_writes_through_the_queue(app, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("the queue is for SQLite only")
    from quiz.extensions import db

    with app.app_context():
        assert isinstance(db.engine.raw_connection().driver_connection, TurnTakingConnection)
