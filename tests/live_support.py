"""Helpers for the live-game tests: a teacher hosting a quiz, players joining, sockets of both kinds."""
import queue
import re

import socketio as socketio_client
from sqlalchemy import select

from helpers import Actions, fixed_quiz
from quiz.extensions import db
from quiz.models import LiveGame, LivePlayer, LiveQuestion
from teach_helpers import signed_in, user

NAMESPACE = "/live"
KINDS = ["date_month", "order", "event_at_date"]
TOKEN_RE = re.compile(r'data-token="([^"]+)"')


def host_game(app, kinds=KINDS, seconds: int = 20) -> tuple[Actions, LiveGame]:
    """A teacher starts a live game of a fresh fixed quiz; return the teacher's actions and the game."""
    teacher = signed_in(app, "teacher")
    quiz = fixed_quiz("live-quiz", kinds)
    quiz.owner_id = user("teacher-user").id  # so the quiz's results are the teacher's to see
    db.session.commit()
    response = teacher.post(f"/live/host/quiz/{quiz.id}", {"seconds": str(seconds)})
    assert response.status_code == 302, response.status_code
    game_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    return teacher, game(game_id)


def game(game_id: int) -> LiveGame:
    """The game as stored now."""
    db.session.expire_all()
    return db.session.get(LiveGame, game_id)


def join(app, pin: str, nickname: str) -> Actions:
    """A phone with no account joins the game."""
    phone = Actions(app.test_client())
    response = phone.post("/live/join", {"pin": pin, "nickname": nickname}, token_from="/live/join")
    assert response.status_code == 302, (response.status_code, response.get_data(as_text=True)[:500])
    return phone


def token_of(phone: Actions, game_id: int) -> str:
    """The rejoin token the play page hands to its script."""
    html = phone.client.get(f"/live/play/{game_id}").get_data(as_text=True)
    return TOKEN_RE.search(html).group(1)


def host_socket(app, teacher: Actions, game_id: int):
    """The projector's socket, signed in as the teacher (the Flask test client's cookies)."""
    return app.extensions["socketio"].test_client(app, namespace=NAMESPACE, auth={"role": "host", "game": game_id},
                                flask_test_client=teacher.client)


def player_socket(app, phone: Actions, game_id: int):
    """A phone's socket, carrying its rejoin token."""
    return app.extensions["socketio"].test_client(app, namespace=NAMESPACE, auth={"token": token_of(phone, game_id)},
                                flask_test_client=phone.client)


def synced(client) -> dict:
    """What a freshly connected screen is shown: the projector's stage or the phone's view."""
    return send(client, "sync")


def received(client, name: str) -> list[dict]:
    """The payloads of one event the socket received since last asked (others are dropped)."""
    return [event["args"][0] for event in client.get_received(NAMESPACE) if event["name"] == name]


def send(client, event: str, data: dict | None = None):
    """Emit an event and return the server's acknowledgement."""
    return client.emit(event, data or {}, namespace=NAMESPACE, callback=True)


def question(game_id: int, position: int) -> LiveQuestion:
    """The game's frozen question at a position."""
    return db.session.scalar(select(LiveQuestion).where(LiveQuestion.game_id == game_id,
                                                        LiveQuestion.position == position))


def right_choice(q: LiveQuestion) -> list[str]:
    """The option indexes of the right answer (an ordering: every index, in order)."""
    if q.kind == "order":
        return [str(q.choices.index(item)) for item in q.answer]
    return [str(q.choices.index(q.answer))]


def wrong_choice(q: LiveQuestion) -> list[str]:
    """Option indexes that answer wrongly (an ordering reversed)."""
    if q.kind == "order":
        return [str(q.choices.index(item)) for item in reversed(q.answer)]
    return [str(next(i for i, c in enumerate(q.choices) if c != q.answer))]


def player(nickname: str) -> LivePlayer:
    """A player by nickname, as stored now."""
    db.session.expire_all()
    return db.session.scalar(select(LivePlayer).where(LivePlayer.nickname == nickname))


WAIT = 10  # seconds at most for an event that should come at once


class Screen:
    """A real Socket.IO client whose received events queue up by name."""

    def __init__(self, url: str, auth: dict, cookie: str | None = None, transports=("websocket",)):
        self.events: dict[str, queue.Queue] = {}
        self.client = socketio_client.Client(reconnection=False)
        for name in ("stage", "players", "tally", "phase", "removed"):
            self.client.on(name, self.recorder(name), namespace=NAMESPACE)
        headers = {"Cookie": cookie} if cookie else {}
        self.client.connect(url, namespaces=[NAMESPACE], auth=auth, headers=headers, transports=list(transports),
                            wait_timeout=WAIT)

    def recorder(self, name: str):
        self.events[name] = queue.Queue()
        return self.events[name].put

    def next(self, name: str) -> dict:
        """The next payload of the event, waiting for it if it has not come yet."""
        return self.events[name].get(timeout=WAIT)

    def call(self, event: str, data: dict | None = None):
        """Emit and wait for the server's acknowledgement."""
        return self.client.call(event, data or {}, namespace=NAMESPACE, timeout=WAIT)

    def close(self):
        self.client.disconnect()


def session_cookie(actions) -> str:
    """The signed-in teacher's session cookie, as a browser would send it."""
    return f"session={actions.client.get_cookie('session').value}"
