"""The server closes a question when its countdown and grace are over, whether or not a projector
is open to ask for it.

The process that opens a question starts a timer for it. A timer lives in one process's memory and
dies with it, so every event after the deadline (an answer, a screen asking where the game is) also
closes the question if it is still open: after a restart, the first phone or projector to speak closes
it. Answers after the deadline are refused in any case (services.live.answers).
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app

from quiz.extensions import db
from quiz.live import events
from quiz.models import LiveGame, now_utc
from quiz.services.live.game import close_if_due, deadline

STEP = 0.5  # seconds between looks at the clock (a moved clock in a test is seen within a step)
PAST = 0.01  # seconds: wake just after the deadline, not on it


def schedule_close(game: LiveGame) -> None:
    """Close the game's open question at its deadline, in the background."""
    if game.phase != "question" or game.question_started_at is None:
        return
    due = deadline(game.question_started_at, game.seconds)
    server, app = events.server(), current_app._get_current_object()  # type: ignore[attr-defined]
    opened = Opened(game.id, game.created_at, game.question_started_at)
    server.start_background_task(close_when_due, app, opened, due, server.sleep)


@dataclass(frozen=True)
class Opened:
    """Which question a timer is for: the game (its id and creation, should an id ever be dealt again)
    and when the question started."""

    game_id: int
    created_at: datetime
    started: datetime

    def names(self, game: LiveGame) -> bool:
        """Whether `game` is this game, still at this question."""
        return game.created_at == self.created_at and game.question_started_at == self.started


def close_when_due(app: Flask, opened: Opened, due: datetime, sleep: Callable[[float], object]) -> None:
    """Wait for the deadline by the server's clock, then close the question if it is still open (the host
    may have closed it, or ended the game, meanwhile)."""
    while (left := (due - now_utc()).total_seconds()) >= 0:  # answers are taken up to the deadline itself
        sleep(min(left + PAST, STEP))
    with app.app_context():
        game = db.session.get(LiveGame, opened.game_id)
        if game is not None and opened.names(game):
            close_late(game)


def close_late(game: LiveGame) -> bool:
    """Close the game's question if its deadline has passed, and tell every screen; True if closed now."""
    if not close_if_due(game):
        return False
    events.moved(game)
    return True
