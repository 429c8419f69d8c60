"""Live-game benchmark: N simulated phones (python-socketio AsyncClient, asyncio, WebSocket) in one game
on gunicorn with two worker processes that share their events through Redis.

Run: python bench/live.py [--players 50 200 500] [--questions 2] [--spread 5] [--worker gthread|gevent]
                         [--postgresql]
Per N it prints the answer→projector-tally latency p50/p99 and the app's CPU time per answer.

Latency: the k-th answer sent (in sending order) is "on the projector" at the first tally the host
receives that counts at least k answers; its latency is that moment minus the moment it was sent.
The server coalesces tallies (LIVE_TALLY_INTERVAL, 50 ms: at most one count and send per question per
process per interval, the one after an answer always counting it), so this is the time until the
projector really shows the answer, waits included. The players answer spread evenly over `--spread`
seconds (a class does not tap in one millisecond). Also printed: the answer's acknowledgement p99
(sent → the phone hears "stored"), and the host's reveal (closing the question, which reviews every
answer's spaced-repetition card in a few batched statements) in ms, the slowest of the questions.
CPU per answer: the user+system CPU time of the gunicorn master and workers (from /proc) during the
answering, divided by the answers taken. The simulated phones run in this one Python process on the
same machine and take CPU from the server too (their own CPU per answer is printed beside it).
Last line: live_p99_ms_500=X. Figures only; nothing is asserted.

Needs: `pip install -e '.[test]'` (python-socketio's asyncio client, aiohttp) and a Redis server at
--redis / REDIS_URL (default redis://127.0.0.1:6379/0); the database is a throwaway SQLite file (or
PostgreSQL with --postgresql), migrated and seeded with the bundled timeline first.
"""
import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import socketio

from load import free_port, prepare_database, wait_for_port
from throwaway_db import postgres_database

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NAMESPACE = "/live"
SECRET = "bench-live-" + uuid.uuid4().hex
TEACHER, PASSWORD = "bench-host", "bench password long enough"
CONNECT_BATCH = 50  # phones connecting at once (a class scanning the QR code does not do it in one instant)


@contextmanager
def gunicorn(env: dict, worker: str):
    """gunicorn with 2 worker processes of the given class; yield (base URL, master pid)."""
    port = free_port()
    threads = ["--threads", "400"] if worker == "gthread" else []
    cmd = [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "-w", "2", "-k", worker, *threads,
           "-b", f"127.0.0.1:{port}", "--log-level", "warning", "quiz:create_app()"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def cpu_seconds(master: int) -> float:
    """User+system CPU seconds of the gunicorn master and its workers so far."""
    pids = [master]
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def make_game(database_url: str, players: int) -> tuple[int, list[str], list[list[str]]]:
    """A teacher (who signs in over HTTP later), a game and N joined players; return the game's id,
    the players' rejoin tokens and, per question, a valid answer (the first option, or every item)."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import select

    from quiz import create_app
    from quiz.extensions import db
    from quiz.models import Quiz, User
    from quiz.services import accounts
    from quiz.services.live import game as games
    from quiz.services.live.tokens import make_token

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET})
    with app.app_context():
        host = db.session.scalar(select(User).where(User.username == TEACHER))
        if host is None:
            host = accounts.sign_up(TEACHER, "Host", PASSWORD)
            host.role = "teacher"
            db.session.commit()
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "alipay-quick"))
        game = games.create_game(quiz, host, seconds=120)
        db.session.commit()
        tokens = [make_token(game.id, games.join(game, f"p{game.id}-{i}", None).id) for i in range(players)]
        answers = [[str(i) for i in range(len(q.choices))] if q.kind == "order" else ["0"]
                   for q in (games.question_at(game, n) for n in range(game.total))]
        db.engine.dispose()
        return game.id, tokens, answers


def host_cookie(base: str) -> str:
    """Sign the teacher in over HTTP; return the session cookie header."""
    import http.cookiejar
    import re
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', opener.open(base + "/auth/login").read().decode())
    form = urllib.parse.urlencode({"csrf_token": token.group(1), "username": TEACHER, "password": PASSWORD})
    opener.open(base + "/auth/login", data=form.encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


async def connect(client: socketio.AsyncClient, base: str, auth: dict, headers: dict | None = None) -> None:
    await client.connect(base, namespaces=[NAMESPACE], auth=auth, headers=headers or {}, transports=["websocket"],
                         wait_timeout=30)


def p99(values: list[float]) -> float:
    """The 99th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def play(base: str, game_id: int, tokens: list[str], choices: list[list[str]], questions: int, spread: float,
               master: int) -> dict:
    """Connect the host and the phones, play the questions, and return the measured figures."""
    host = socketio.AsyncClient(reconnection=False)
    tallies: list[tuple[int, int, float]] = []  # (position, answered, when)
    host.on("tally", lambda data: tallies.append((data["position"], data["answered"], time.perf_counter())),
            namespace=NAMESPACE)
    await connect(host, base, {"role": "host", "game": game_id}, {"Cookie": host_cookie(base)})
    phones = [socketio.AsyncClient(reconnection=False) for _ in tokens]
    for start in range(0, len(phones), CONNECT_BATCH):
        await asyncio.gather(*(connect(phone, base, {"token": token})
                               for phone, token in zip(phones[start:start + CONNECT_BATCH],
                                                       tokens[start:start + CONNECT_BATCH])))
    latencies, cpu, answers, refused = [], 0.0, 0, 0
    acks: list[float] = []
    reveals: list[float] = []
    reasons: Counter = Counter()
    client_cpu = 0.0
    for position in range(questions):
        await host.call("next", {}, namespace=NAMESPACE, timeout=60)
        sent: list[float] = []

        async def answer(phone: socketio.AsyncClient, delay: float) -> bool:
            await asyncio.sleep(delay)
            sent.append(when_sent := time.perf_counter())
            ack = await phone.call("answer", {"position": position, "choice": choices[position]}, namespace=NAMESPACE,
                                   timeout=60)
            acks.append((time.perf_counter() - when_sent) * 1000)
            if not (ack and ack.get("ok")):
                reasons[str(ack)] += 1
            return bool(ack and ack.get("ok"))

        before, mine = cpu_seconds(master), time.process_time()
        results = await asyncio.gather(*(answer(phone, spread * i / len(phones)) for i, phone in enumerate(phones)))
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline and not any(p == position and n >= sum(results) for p, n, _ in tallies):
            await asyncio.sleep(0.01)
        cpu += cpu_seconds(master) - before
        client_cpu += time.process_time() - mine
        answers += sum(results)
        refused += len(results) - sum(results)
        shown = [(n, when) for p, n, when in tallies if p == position]
        for k, when_sent in enumerate(sorted(sent), start=1):
            seen = next((when for n, when in shown if n >= k), None)
            if seen is not None:
                latencies.append((seen - when_sent) * 1000)
        asked = time.perf_counter()
        await host.call("reveal", {}, namespace=NAMESPACE, timeout=60)
        reveals.append((time.perf_counter() - asked) * 1000)
    for client in [host, *phones]:
        await client.disconnect()
    return {"answers": answers, "refused": refused, "reasons": dict(reasons), "p50": statistics.median(latencies),
            "p99": p99(latencies), "ack_p99": p99(acks), "reveal_ms": max(reveals),
            "cpu_ms": 1000 * cpu / max(answers, 1), "client_cpu_ms": 1000 * client_cpu / max(answers, 1)}


def run(database_url: str, args) -> dict[int, dict]:
    """Migrate the database, start the servers and measure each N."""
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET,
           "SOCKETIO_MESSAGE_QUEUE": args.redis, "SOCKETIO_CHANNEL": f"bench-live-{uuid.uuid4().hex[:8]}",
           "SOCKETIO_ASYNC_MODE": "gevent" if args.worker == "gevent" else "threading",
           "RATELIMIT_STORAGE_URI": "memory://", "DB_POOL_SIZE": "20"}
    prepare_database(env)
    figures = {}
    with gunicorn(env, args.worker) as (base, master):
        for n in args.players:
            game_id, tokens, choices = make_game(database_url, n)
            figures[n] = asyncio.run(play(base, game_id, tokens, choices, args.questions, args.spread, master))
            f = figures[n]
            print(f"N={n:4d}  answers={f['answers']:5d}  refused={f['refused']}  "
                  f"tally latency p50={f['p50']:.1f} ms  p99={f['p99']:.1f} ms  ack p99={f['ack_p99']:.1f} ms  "
                  f"reveal={f['reveal_ms']:.0f} ms  CPU/answer={f['cpu_ms']:.2f} ms "
                  f"(simulated phones: {f['client_cpu_ms']:.2f} ms)"
                  + (f"  refusals: {f['reasons']}" if f["reasons"] else ""), flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--questions", type=int, default=2)
    parser.add_argument("--spread", type=float, default=5.0, help="seconds over which the players answer")
    parser.add_argument("--worker", choices=["gthread", "gevent"], default="gthread")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--pg-admin-url", default=os.environ.get("PG_ADMIN_URL",
                                                                 "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    args = parser.parse_args()
    print(f"gunicorn: 2 processes, worker class {args.worker}; Redis message queue {args.redis}; "
          f"{args.questions} questions per game, answers spread over {args.spread:g} s; "
          f"database {'PostgreSQL' if args.postgresql else 'SQLite'}", flush=True)
    if args.postgresql:
        with postgres_database(args.pg_admin_url, "bench_live") as url:
            figures = run(url, args)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = run(f"sqlite:///{Path(tmp) / 'live.sqlite3'}", args)
    if 500 in figures:
        print(f"live_p99_ms_500={figures[500]['p99']:.1f}")


if __name__ == "__main__":
    main()
