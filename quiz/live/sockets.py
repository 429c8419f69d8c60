"""Socket.IO events of live games: thin handlers that check who is asking, call a service, then broadcast.

A socket says at connect who it is: the host (its signed-in session must own the game) or a player
(a signed rejoin token). Only a host socket may drive the game; only a player socket may answer.
Every handler reads the game afresh from the database, so any process can serve any event. A screen
asks where the game is ("sync") after each (re)connect: events sent during the connect handler would
reach the client before it knows it is connected, and be dropped.
"""
from flask import current_app, session
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room

from flask import Flask
from flask_socketio import SocketIO

from quiz.extensions import db
from quiz.live import events, timers
from quiz.live.events import NAMESPACE
from quiz.live.tallies import Tallies
from quiz.models import LiveGame, LivePlayer
from quiz.services.live import answers, game as games
from quiz.services.live.tokens import read_token
from quiz.services.live.views import phone_view
from quiz.services.scoring import InvalidAnswer

MAX_OPTIONS = 20


def fresh(model, row_id):
    """Read a row as it is now (another process may have changed it since this session last looked)."""
    db.session.expire_all()
    return db.session.get(model, row_id)


def connect(auth):
    """Admit the game's host or one of its players; refuse anyone else."""
    auth = auth if isinstance(auth, dict) else {}
    if auth.get("role") == "host":
        game_id = auth.get("game")
        game = fresh(LiveGame, game_id) if isinstance(game_id, int) else None
        if game is None or not current_user.is_authenticated or game.host_id != current_user.id:
            raise ConnectionRefusedError("not the host")
        session["live"] = {"host": game.id}
        join_room(events.host_room(game.id))
        return
    found = read_token(auth.get("token"))
    player = fresh(LivePlayer, found[1]) if found else None
    if player is None or player.game_id != found[0] or player.removed:
        raise ConnectionRefusedError("not a player")
    session["live"] = {"player": player.id, "game": player.game_id}
    join_room(events.game_room(player.game_id))
    join_room(events.player_room(player.id))


def sync(_data=None):
    """Where the game is now, for a screen that just (re)connected: the projector's stage or the phone's view.
    A question whose time ran out with no projector to close it is closed first."""
    ids = session.get("live", {})
    if "host" in ids:
        game = fresh(LiveGame, ids["host"])
        timers.close_late(game)
        return events.stage(game)
    if "player" in ids:
        player = fresh(LivePlayer, ids["player"])
        if not player.removed:
            game = db.session.get(LiveGame, player.game_id)
            timers.close_late(game)
            return phone_view(game, player)
    return refused(_("Could not join the game. Join again with the PIN."))


def hosted_game() -> LiveGame | None:
    """The game this socket hosts, read afresh; None for a player's socket."""
    game_id = session.get("live", {}).get("host")
    return fresh(LiveGame, game_id) if game_id else None


def refused(message: str) -> dict:
    """The acknowledgement of a refused event: a message the screen can show."""
    return {"ok": False, "error": message}


def drive(move, stale: str) -> dict:
    """Run one host move on this socket's game, then redraw the projectors and tell the phones."""
    game = hosted_game()
    if game is None:
        return refused(_("Only the host drives the game."))
    try:
        move(game)
    except games.WrongPhase:  # another host screen moved first: show where the game is
        events.host_update(fresh(LiveGame, game.id))
        return refused(stale)
    events.host_update(game)
    events.phones_update(game)
    timers.schedule_close(game)
    return {"ok": True}


def next_question(_data=None):
    """Host: open the next question (from the lobby, or after a reveal)."""
    return drive(games.open_next_question, _("The game has moved on; the screen is up to date now."))


def reveal(_data=None):
    """Host: close the current question (its time ran out, or everyone answered) and show the answer."""
    return drive(games.close_question, _("The game has moved on; the screen is up to date now."))


def end(_data=None):
    """Host: end the game, show the podium and store every player's result."""
    return drive(games.end_game, _("The game has already ended."))


def remove(data=None):
    """Host: take a player out of the game; their phone is told and can no longer answer."""
    game = hosted_game()
    player_id = data.get("player") if isinstance(data, dict) else None
    if game is None:
        return refused(_("Only the host drives the game."))
    if not isinstance(player_id, int) or not games.remove_player(game, player_id):
        return refused(_("That player is not in the game."))
    events.emit("removed", {}, events.player_room(player_id))
    events.server().close_room(events.player_room(player_id), namespace=NAMESPACE)
    events.lobby_changed(game)
    return {"ok": True}


def answer(data=None):
    """Player: answer the current question with option indexes (one, or all of them in order)."""
    ids = session.get("live", {})
    if "player" not in ids:
        return refused(_("Only players answer."))
    data = data if isinstance(data, dict) else {}
    position, choice = data.get("position"), data.get("choice")
    if not isinstance(position, int) or not isinstance(choice, list) or len(choice) > MAX_OPTIONS:
        return refused(_("Choose one of the options."))
    try:
        taken = answers.submit(ids["game"], ids["player"], position, [str(c) for c in choice])
    except answers.TooLate:
        timers.close_late(fresh(LiveGame, ids["game"]))
        return refused(_("Time is up for this question."))
    except answers.AlreadyAnswered:
        return refused(_("You already answered this question."))
    except answers.NotYourQuestion:
        return refused(_("You join in from the next question."))
    except games.WrongPhase:
        return refused(_("This question is closed."))
    except InvalidAnswer:
        return refused(_("Choose one of the options."))
    current_app.extensions["live_tallies"].answered(ids["game"], taken.position)
    return {"ok": True, "position": taken.position}


def disconnect(*_args):
    """Nothing to clean up: the game lives in the database, and a player may come back with their token."""
    return None


HANDLERS = {"connect": connect, "sync": sync, "next": next_question, "reveal": reveal, "end": end,
            "remove": remove, "answer": answer, "disconnect": disconnect}


def init_app(app: Flask) -> SocketIO:
    """Give the app its own Socket.IO server (tests build many apps) with the live handlers.

    One process needs no queue; several share their events through the message queue (Redis).
    """
    server = SocketIO(app, async_mode=app.config["SOCKETIO_ASYNC_MODE"],
                      message_queue=app.config["SOCKETIO_MESSAGE_QUEUE"], channel=app.config["SOCKETIO_CHANNEL"])
    for event, handler in HANDLERS.items():
        server.on_event(event, handler, namespace=NAMESPACE)
    app.extensions["live_tallies"] = Tallies(app, server, float(app.config["LIVE_TALLY_INTERVAL"]))
    return server
