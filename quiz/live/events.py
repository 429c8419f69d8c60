"""What the server sends, and to whom: one room for the projector(s), one for every phone, one per player.

With several app processes the emits travel through the message queue (Redis) to whichever process
holds the receiving socket; nothing here knows or cares which.
"""
from flask import current_app, render_template
from flask_socketio import SocketIO

from quiz.models import LiveGame
from quiz.services.live import views
from quiz.services.live.game import active_players

NAMESPACE = "/live"


def host_room(game_id: int) -> str:
    """Every projector screen of the game (the host may have two tabs open)."""
    return f"live-{game_id}-host"


def game_room(game_id: int) -> str:
    """Every phone in the game."""
    return f"live-{game_id}-players"


def player_room(player_id: int) -> str:
    """One player's phone(s)."""
    return f"live-player-{player_id}"


def server() -> SocketIO:
    """This app's Socket.IO server (quiz.live.sockets.init_app made it)."""
    return current_app.extensions["socketio"]


def emit(event: str, data: dict, room: str) -> None:
    """Send to a room on the live namespace, from a handler or a plain request alike."""
    server().emit(event, data, to=room, namespace=NAMESPACE)


def stage(game: LiveGame) -> dict:
    """The projector's main area, rendered on the server in the host's language, and its countdown."""
    return {"phase": game.phase, "position": game.position, "remaining_ms": views.remaining_ms(game),
            "html": render_template("live/_stage.html", **views.host_view(game))}


def host_update(game: LiveGame) -> None:
    """Redraw every projector of the game: the phase changed."""
    emit("stage", stage(game), host_room(game.id))


def lobby_changed(game: LiveGame) -> None:
    """Tell the projector who is in the game now (someone joined or was removed)."""
    players = [{"id": p.id, "nickname": p.nickname} for p in active_players(game)]
    emit("players", {"players": players}, host_room(game.id))


def moved(game: LiveGame) -> None:
    """The server moved the game by itself (a question's time ran out): every projector asks for its
    stage (rendered in its host's language, which only its own socket knows); the phones are told."""
    emit("moved", {"phase": game.phase, "position": game.position}, host_room(game.id))
    phones_update(game)


def phones_update(game: LiveGame) -> None:
    """Tell every phone the phase changed: the new question's options (one message for all), or each
    player's own result (one message each: a phone needs only its own line, and one message with every
    line, sent to every phone, grows with the square of the class)."""
    data: dict = {"phase": game.phase, "position": game.position, "total": game.total}
    if game.phase in ("reveal", "ended"):
        for player_id, line in views.phone_boards(game).items():
            emit("phase", {**data, "me": line}, player_room(player_id))
        return
    if game.phase == "question":
        data["question"] = views.phone_question(game)
    emit("phase", data, game_room(game.id))
