"""Live games through the real python-socketio client against the app served by a real server thread:
over WebSocket, and over the long-polling fallback. Waits are for events, bounded, never sleeps."""
import functools
from concurrent.futures import ThreadPoolExecutor

import pytest
import socketio as socketio_client
import websocket

from live_support import (Screen, host_game, join, player, question, right_choice, session_cookie, token_of,
                          wrong_choice)
from security_support import extra_app, served


@pytest.fixture(autouse=True)
def _quick_websocket_close(monkeypatch):
    """The served test server never answers a WebSocket close frame: do not wait the client's 3 s for it,
    neither when a test closes its screens nor when the client hangs up on a refused connection."""
    monkeypatch.setattr(websocket.WebSocket, "close", functools.partialmethod(websocket.WebSocket.close, timeout=0.1))


@pytest.fixture
def url(app):
    """A fresh app like the test app, served by a real server thread.

    Fresh, because Flask-SocketIO's test client (the other protocol tests) rewires its app's
    Socket.IO server to keep packets for itself; real clients need an untouched one.
    """
    with extra_app(app) as fresh, served(fresh) as address:
        yield address


@pytest.fixture
def screens():
    """Every client a test opens is closed after it, so the server thread can stop."""
    opened: list[Screen] = []
    yield opened
    # Together, should a close ever wait (see Screen.close).
    with ThreadPoolExecutor(max_workers=max(1, len(opened))) as pool:
        list(pool.map(Screen.close, opened))


def test_a_question_round_trip_over_websocket(app, url, screens):
    """Host opens a question; two phones answer; the projector's tally follows; the reveal scores both."""
    teacher, live = host_game(app)
    phones = {name: join(app, live.pin, name) for name in ("小明", "小红")}
    host = Screen(url, {"role": "host", "game": live.id}, session_cookie(teacher))
    screens.append(host)
    assert host.call("sync")["phase"] == "lobby"
    ming, hong = (Screen(url, {"token": token_of(phones[n], live.id)}) for n in ("小明", "小红"))
    screens.extend([ming, hong])
    assert ming.call("sync")["nickname"] == "小明"
    assert host.call("next") == {"ok": True}
    assert ming.next("phase")["question"]["position"] == 0
    first = question(live.id, 0)
    assert ming.call("answer", {"position": 0, "choice": right_choice(first)})["ok"]
    assert host.next("tally") == {"position": 0, "answered": 1, "expected": 2}
    assert hong.call("answer", {"position": 0, "choice": wrong_choice(first)})["ok"]
    assert host.next("tally") == {"position": 0, "answered": 2, "expected": 2}
    assert host.call("reveal") == {"ok": True}
    mine = ming.next("phase")["me"]
    assert mine["rank"] == 1 and mine["points"] > 500
    assert hong.next("phase")["phase"] == "question"
    assert hong.next("phase")["me"]["points"] == 0


def test_a_phone_reconnecting_with_its_token_keeps_its_score(app, url, screens):
    """A new connection (the phone slept, the page reloaded) with the same token is the same player."""
    teacher, live = host_game(app)
    phone = join(app, live.pin, "小明")
    host = Screen(url, {"role": "host", "game": live.id}, session_cookie(teacher))
    first = Screen(url, {"token": token_of(phone, live.id)})
    screens.extend([host, first])
    host.call("next")
    first.call("answer", {"position": 0, "choice": right_choice(question(live.id, 0))})
    first.close()
    host.call("reveal")
    again = Screen(url, {"token": token_of(phone, live.id)})
    screens.append(again)
    state = again.call("sync")
    assert state["phase"] == "reveal" and state["nickname"] == "小明"
    assert state["score"] == player("小明").score > 0 and state["me"]["rank"] == 1


def test_the_long_polling_fallback_plays_too(app, url, screens):
    """A network that blocks WebSockets falls back to HTTP long-polling: joining and answering still work."""
    teacher, live = host_game(app)
    phone = join(app, live.pin, "小明")
    host = Screen(url, {"role": "host", "game": live.id}, session_cookie(teacher))
    polling = Screen(url, {"token": token_of(phone, live.id)}, transports=("polling",))
    screens.extend([host, polling])
    assert polling.client.transport() == "polling"
    host.call("next")
    assert polling.call("answer", {"position": 0, "choice": right_choice(question(live.id, 0))})["ok"]
    assert host.next("tally")["answered"] == 1


def test_a_forged_token_is_refused(app, url):
    """A token not signed by the app does not connect."""
    host_game(app)
    with pytest.raises(socketio_client.exceptions.ConnectionError):
        Screen(url, {"token": "eyJnIjoxLCJwIjoxfQ.forged.signature"})
