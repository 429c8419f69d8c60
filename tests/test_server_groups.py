"""The busy site's layout (docs/operations.md, "Two server groups"): every page on sync workers, Socket.IO
on a gthread group of its own, one database and one Redis between them. Real gunicorns, real clients."""
import contextlib
import uuid

import pytest

from live_support import TOKEN_RE, Screen, host_game, question, right_choice, session_cookie
from security_support import HttpUser
from server_support import free_port, keeps_connections_open, running, server_env, start_gunicorn, wait_until_up


@pytest.mark.slow
def test_a_live_game_runs_with_its_pages_and_its_sockets_on_separate_server_groups(app, database_url):
    # The two groups share what a real site shares: database, secret (a cookie from one is good on the
    # other) and Redis, on a channel of this test's own (parallel runs share the server).
    env = {**server_env(database_url), "SECRET_KEY": app.config["SECRET_KEY"],
           "SOCKETIO_MESSAGE_QUEUE": "redis://127.0.0.1:6379/0", "SOCKETIO_CHANNEL": f"quiz-test-{uuid.uuid4().hex}"}
    pages_port, sockets_port = free_port(), free_port()
    pages_base, sockets_base = f"http://127.0.0.1:{pages_port}", f"http://127.0.0.1:{sockets_port}"
    with running(start_gunicorn({**env, "GUNICORN_WORKER_CLASS": "sync"}, pages_port, workers=2)) as pages, \
            running(start_gunicorn(env, sockets_port, workers=1)) as sockets, contextlib.ExitStack() as screens:
        wait_until_up(pages, pages_base)
        wait_until_up(sockets, sockets_base)
        # Asked for sync workers, the pages group runs them (gunicorn.conf.py's 100 threads would turn
        # them into gthread); the socket group keeps gthread, which holds a WebSocket per thread.
        assert not keeps_connections_open(pages_base)
        assert keeps_connections_open(sockets_base)

        teacher, live = host_game(app)
        host = Screen(sockets_base, {"role": "host", "game": live.id}, session_cookie(teacher))
        screens.callback(host.close)
        assert host.call("sync")["phase"] == "lobby"

        # A phone joins on the pages group; the projector, on the socket group, hears of it through Redis.
        phone = HttpUser(pages_base)
        status, _location, _body = phone.post("/live/join", {"pin": live.pin, "nickname": "小明"},
                                              token=phone.token("/live/join"))
        assert status == 302
        assert [p["nickname"] for p in host.next("players")["players"]] == ["小明"]

        token = TOKEN_RE.search(phone.request(f"/live/play/{live.id}")[2]).group(1)
        ming = Screen(sockets_base, {"token": token})
        screens.callback(ming.close)
        assert host.call("next") == {"ok": True}
        assert ming.next("phase")["question"]["position"] == 0
        assert ming.call("answer", {"position": 0, "choice": right_choice(question(live.id, 0))})["ok"]
        assert host.next("tally") == {"position": 0, "answered": 1, "expected": 1}
        assert host.call("reveal") == {"ok": True}
        mine = ming.next("phase")["me"]
        assert mine["rank"] == 1 and mine["points"] > 500
