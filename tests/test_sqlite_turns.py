"""SQLite writers wait for their turn in a queue, not in SQLite's busy handler: threads of one process
on a lock, processes on a file lock."""
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

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


def write_in_background(connection: TurnTakingConnection, n: int) -> tuple[threading.Thread, list[Exception]]:
    """Insert n and commit on a thread of its own; return the thread and the errors it met."""
    errors: list[Exception] = []

    def write():
        try:
            connection.execute("INSERT INTO t VALUES (?)", (n,))
            connection.commit()
        except sqlite3.Error as error:
            errors.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    return writer, errors


def test_a_second_writer_waits_for_the_turn_then_writes(database):
    path, turn = database
    first = connect(path)
    first.execute("INSERT INTO t VALUES (1)")  # holds SQLite's write lock until it commits
    # With no busy timeout, meeting SQLite's lock would fail at once: the second writer must queue.
    writer, errors = write_in_background(connect(path, busy_timeout=0), 2)
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


# Another process (a second gunicorn worker) that writes and keeps its transaction open until told to
# commit on stdin, or is killed.
OTHER_WRITER = """
import sqlite3, sys
from quiz.sqlite_turns import TurnTakingConnection
conn = sqlite3.connect(sys.argv[1], factory=TurnTakingConnection)
conn.execute("INSERT INTO t VALUES (1)")
print("writing", flush=True)
sys.stdin.readline()
conn.commit()
print("committed", flush=True)
"""


@pytest.fixture
def database_file(tmp_path):
    """A fresh SQLite file with one table, whose turns are real (file locks included)."""
    path = str(tmp_path / "processes.db")
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE t (n INTEGER)")
    yield path
    sqlite_turns._turns.pop(path, None)


@pytest.fixture
def other_process(database_file):
    """Start the other writer; yield it once it is inside its write transaction."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    writer = subprocess.Popen([sys.executable, "-c", OTHER_WRITER, database_file], cwd=root, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": root})
    assert writer.stdout.readline() == "writing\n"
    yield writer
    writer.kill()
    writer.communicate()


def let_commit(writer: subprocess.Popen) -> None:
    """Tell the other process to commit, and wait until it has."""
    writer.stdin.write("commit\n")
    writer.stdin.flush()
    assert writer.stdout.readline() == "committed\n"


class PollWatch:
    """Stands in for sqlite_turns' time module: tells the test when a writer polls for another process's turn."""

    def __init__(self):
        self.polling = threading.Event()

    def sleep(self, seconds):
        self.polling.set()
        time.sleep(seconds)

    def monotonic(self):
        return time.monotonic()


@pytest.fixture
def poll_watch(monkeypatch):
    watch = PollWatch()
    monkeypatch.setattr(sqlite_turns, "time", watch)
    return watch


def test_a_writer_waits_for_another_process_to_commit_then_writes(database_file, other_process, poll_watch):
    # No busy timeout: meeting SQLite's lock would fail at once, so the write must wait for the turn.
    writer, errors = write_in_background(connect(database_file, busy_timeout=0), 2)
    assert poll_watch.polling.wait(10)  # waiting for the other process's turn...
    let_commit(other_process)  # ...which its commit hands on
    writer.join(10)
    assert errors == []
    assert sorted(connect(database_file).execute("SELECT n FROM t").fetchall()) == [(1,), (2,)]


def test_a_process_killed_mid_write_leaves_the_turn_free(database_file, other_process, poll_watch):
    other_process.send_signal(signal.SIGKILL)
    other_process.wait(10)
    mine = connect(database_file, busy_timeout=0)
    mine.execute("INSERT INTO t VALUES (2)")
    mine.commit()
    assert not poll_watch.polling.is_set()  # the kernel dropped the dead process's file lock at once
    assert connect(database_file).execute("SELECT n FROM t").fetchall() == [(2,)]  # its write never landed


def test_a_writer_that_waits_too_long_meets_sqlites_own_lock(database_file, other_process, monkeypatch):
    monkeypatch.setattr(sqlite_turns, "TURN_TIMEOUT", 0.05)
    mine = connect(database_file, busy_timeout=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        mine.execute("INSERT INTO t VALUES (2)")
    assert not turn_for(database_file).locked()  # this process's threads are not held up by the failure
    let_commit(other_process)
    mine.execute("INSERT INTO t VALUES (2)")
    mine.commit()


def test_a_forked_worker_queues_on_the_file_lock_as_a_process_of_its_own(database_file):
    turn = turn_for(database_file)
    assert turn.acquire()  # the parent (gunicorn's master, say) holds the turn when it forks
    try:
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the forked child, which reports by exit code
            fresh = not turn.locked()  # the parent's thread did not come along
            shut_out = not turn.acquire(timeout=0.05)  # sharing the parent's open lock file would let it in
            os._exit(0 if fresh and shut_out else 1)
        _pid, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        turn.release()
