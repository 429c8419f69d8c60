"""The projector's tally of answers, coalesced: per game and question, at most one count and one send
every LIVE_TALLY_INTERVAL seconds from each process, however fast the class answers.

Without this, each answer cost a count and a publish through Redis to the projector, which is most
of a live game's work when a class answers within seconds. The first answer after a quiet spell is
counted and sent at once (in its own handler, after its commit); the answers committed during the
interval that follows are covered by one send at its end, which counts after they were committed.
So every acknowledged answer is on the projector at most one interval (plus a count) after its commit.
"""
import threading
import time

from flask import Flask
from flask_socketio import SocketIO

from quiz.live.events import NAMESPACE, host_room
from quiz.services.live import answers

STALE = 600.0  # seconds after which a question's entry is forgotten


class Tallies:
    """This process's tally sends, by (game, question)."""

    def __init__(self, app: Flask, server: SocketIO, interval: float):
        self.app, self.server, self.interval = app, server, interval
        self.lock = threading.Lock()
        self.sent: dict[tuple[int, int], float] = {}  # when this process last counted the question
        self.pending: set[tuple[int, int]] = set()  # questions with a send waiting for its interval to end

    def answered(self, game_id: int, position: int) -> None:
        """An answer to the question was committed: make sure the projector counts it soon."""
        key = (game_id, position)
        with self.lock:
            if key in self.pending:  # that send counts after this answer's commit
                return
            now = time.monotonic()
            wait = self.sent.get(key, -self.interval) + self.interval - now
            if wait > 0:
                self.pending.add(key)
            else:
                self.sent[key] = now
                self.forget_stale(now)
        if wait > 0:
            self.server.start_background_task(self.send_later, key, wait)
        else:
            self.send(game_id)

    def send_later(self, key: tuple[int, int], wait: float) -> None:
        """At the end of the interval, count and send once for every answer that came during it."""
        self.server.sleep(wait)
        with self.lock:
            self.pending.discard(key)  # before counting: an answer committed after this gets its own send
            self.sent[key] = time.monotonic()
        with self.app.app_context():
            self.send(key[0])

    def send(self, game_id: int) -> None:
        """Count the game's current question and tell its projectors."""
        counts = answers.tally(game_id)
        if counts is not None:
            self.server.emit("tally", counts, to=host_room(game_id), namespace=NAMESPACE)

    def forget_stale(self, now: float) -> None:
        """Drop entries of questions long over (the lock is held)."""
        if len(self.sent) > 1000:
            self.sent = {key: when for key, when in self.sent.items() if now - when < STALE}
