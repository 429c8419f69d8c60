"""SQLite writers wait their turn in a queue, not in SQLite's busy handler.

SQLite lets one connection write at a time. A connection that finds the write lock taken runs the
busy handler, which sleeps 1, 2, 5, 10 … 100 ms and tries again: with many threads in one process
(gunicorn's gthread workers) most of an answer's time under load went to those sleeps, and a writer
could lose every retry to newer ones (p99 1.3 s at 32 connections against 0.1 s on sync workers).
Between processes the same starvation remains: a process that commits and writes again within a
millisecond keeps winning, the other sleeps longer each time (two sync workers: p99 509 ms on the
plain Core answer of bench/ceiling_app.py, 24 ms with the turn below).

So a writer first takes its database file's turn: a lock the threads of one process queue on, then
an advisory file lock (flock on `<file>-turn`) the processes share, which it polls every 0.1-1 ms
rather than SQLite's 1-100 ms. The kernel drops a dead process's file lock, so kill -9 never leaves
the turn taken. A writer that waits longer than TURN_TIMEOUT writes anyway, into SQLite's own lock
and busy_timeout.

Plugged in as sqlite3's connection factory (`connect_args`, see quiz.config.engine_options); a
statement that writes takes the turn, the end of its transaction gives it back.
"""
from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time

WRITING = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# Longest wait for the turn before writing anyway (SQLite's own busy_timeout then applies): a thread
# that holds the turn on one connection and writes on a second one (not done in this app) would
# otherwise wait for itself, and a stuck process would stop every other one.
TURN_TIMEOUT = 10.0
# Polling the other processes' turn: short at first (a commit hands it on within a millisecond), at
# most 1 ms apart.
FIRST_POLL, LONGEST_POLL = 0.0001, 0.001


class WriteTurn:
    """One database file's write turn: this process's threads queue on a lock, processes on a file lock."""

    def __init__(self, database: str):
        self.path = database + "-turn"
        self.threads = threading.Lock()
        self.fd: int | None = None  # opened by each process on its first write (never shared across a fork)

    def acquire(self, timeout: float = TURN_TIMEOUT) -> bool:
        """Wait up to `timeout` seconds for the turn; False when it did not come."""
        deadline = time.monotonic() + timeout
        if not self.threads.acquire(timeout=timeout):
            return False
        if self.wait_for_other_processes(deadline):
            return True
        self.threads.release()
        return False

    def wait_for_other_processes(self, deadline: float) -> bool:
        """Take the file lock, polling until `deadline`; True also when no lock file can be opened."""
        if self.fd is None:
            try:
                self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:  # a read-only directory: processes meet in SQLite's busy handler instead
                self.fd = -1
        if self.fd < 0:
            return True
        pause = FIRST_POLL
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(pause)
                pause = min(2 * pause, LONGEST_POLL)

    def release(self) -> None:
        """Hand the turn on: to another process first (the file lock), then to this one's threads."""
        if self.fd is not None and self.fd >= 0:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        self.threads.release()

    def locked(self) -> bool:
        """Whether a thread of this process holds the turn."""
        return self.threads.locked()

    def forget_parents_state(self) -> None:
        """In a forked child: a fresh thread lock and a file lock of its own (flock is per open file)."""
        self.threads = threading.Lock()
        if self.fd is not None and self.fd >= 0:
            os.close(self.fd)
        self.fd = None


_turns: dict[str, WriteTurn] = {}
_turns_guard = threading.Lock()


def turn_for(database: str) -> WriteTurn | None:
    """The write turn shared by the connections to one file (none for in-memory ones)."""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    with _turns_guard:
        if database not in _turns:
            _turns[database] = WriteTurn(database)
        return _turns[database]


def _after_fork_in_child() -> None:
    """gunicorn forks its workers: each must queue on the file lock as a process of its own."""
    global _turns_guard
    _turns_guard = threading.Lock()
    for turn in _turns.values():
        turn.forget_parents_state()


os.register_at_fork(after_in_child=_after_fork_in_child)


class TurnTakingCursor(sqlite3.Cursor):
    """A cursor whose writing statements wait for their connection's turn."""

    def execute(self, sql, parameters=(), /):
        self.connection.take_turn(sql)
        try:
            return super().execute(sql, parameters)
        finally:
            self.connection.end_turn_unless_writing()

    def executemany(self, sql, seq_of_parameters, /):
        self.connection.take_turn(sql)
        try:
            return super().executemany(sql, seq_of_parameters)
        finally:
            self.connection.end_turn_unless_writing()


class TurnTakingConnection(sqlite3.Connection):
    """A connection that holds its process's write turn from its first write to commit or rollback."""

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        self._turn = turn_for(str(database))
        self._holding = False

    def cursor(self, factory=TurnTakingCursor):
        return super().cursor(factory)

    # sqlite3's shortcuts make a plain cursor of their own: route them through ours.
    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters, /):
        return self.cursor().executemany(sql, seq_of_parameters)

    def take_turn(self, sql: str) -> None:
        """Wait for the turn before the transaction's first write."""
        if self._turn is None or self._holding or not sql.lstrip()[:7].upper().startswith(WRITING):
            return
        self._holding = self._turn.acquire(timeout=TURN_TIMEOUT)

    def end_turn_unless_writing(self) -> None:
        """Give the turn back when no transaction stays open (autocommit, or the statement failed)."""
        if self._holding and not self.in_transaction:
            self._end_turn()

    def _end_turn(self) -> None:
        if self._holding:
            self._holding = False
            self._turn.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._end_turn()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._end_turn()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._end_turn()
