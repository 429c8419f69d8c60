"""SQLite writers of one process wait their turn in a queue, not in SQLite's busy handler.

SQLite lets one connection write at a time. A connection that finds the write lock taken runs the
busy handler, which sleeps 1, 2, 5, 10 … 100 ms and tries again: with many threads in one process
(gunicorn's gthread workers) most of an answer's time under load went to those sleeps, and a writer
could lose every retry to newer ones (p99 1.3 s at 32 connections against 0.1 s on sync workers).
Here the threads of a process take turns through one lock per database file, and the lock wakes the
next writer the moment a commit or rollback ends a turn. Writers in other processes still meet
SQLite's own lock and busy handler, so the queue only has to be right within a process.

Plugged in as sqlite3's connection factory (`connect_args`, see quiz.config.engine_options); a
statement that writes takes the turn, the end of its transaction gives it back.
"""
from __future__ import annotations

import sqlite3
import threading

WRITING = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# Longest wait for the turn before writing anyway (SQLite's own busy_timeout then applies): a thread
# that holds the turn on one connection and writes on a second one (not done in this app) would
# otherwise wait for itself.
TURN_TIMEOUT = 10.0

_turns: dict[str, threading.Lock] = {}
_turns_guard = threading.Lock()


def turn_for(database: str) -> threading.Lock | None:
    """The write turn shared by this process's connections to one file (none for in-memory ones)."""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    with _turns_guard:
        return _turns.setdefault(database, threading.Lock())


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
