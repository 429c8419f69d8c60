"""Load benchmark: the app's answer POST against the ceiling (the same work written directly) and bare Flask.

Run: python bench/load.py [--seconds 5] [--rounds 3] [--connections 8] [--sqlite | --postgresql]
(default: both databases, SQLite on a fresh file, PostgreSQL on a throw-away database on the local
server, PG_ADMIN_URL; a few minutes each). Four servers run side by side under gunicorn with 2 worker
processes each: bench/bare_app.py (answers "ok"), bench/ceiling_app.py (the answer POST in plain Flask
+ SQLAlchemy Core on the app's tables, every statement the app must run), the app on sync workers
like them (the code compared; all three on sync workers), and the app as shipped (gunicorn.conf.py:
gthread). They are measured in
interleaved rounds (bare, ceiling, app, app as shipped; again), so a machine whose load drifts biases
no ratio. Answers come from a class of PLAYERS guests, each with a browser-like session. Prints per
server requests/s and p50/p99 (median over rounds, min..max of requests/s) as shares of bare and of
the ceiling, and the server processes' CPU milliseconds per request (read from /proc: steadier than
requests/s on a shared machine); the question, feedback and leaderboard pages as shares of the
ceiling's answers/s; the CPU one question of a student costs (question page, answer, feedback page:
what capacity is counted in); the app's answers/s, p50/p99 and CPU per answer at 8, 32 and 128
connections on both worker classes; whether stored answers equal success responses; then
`shipped_gthread_answer_vs_ceiling`, `answer_vs_ceiling_by_cpu` and as its last line
`answer_vs_ceiling sqlite=X pg=Y` (median over rounds of the app's answers/s on sync workers divided
by the ceiling's in the same round). Needs `wrk` (Debian package). Figures only.
"""
import argparse
import functools
import http.cookiejar
import os
import re
import socket
from statistics import median
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from throwaway_db import postgres_database

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
# Attempts per answer run: the wrk script answers windows of 500 attempts per thread (2 threads).
RUN_ATTEMPTS = 2_000
# Sent like a browser (with cookies as set): Flask-Login's session protection hashes the agent, and
# a request whose hash differs from the sign-in's marks the session changed (a re-signed cookie).
SECRET_KEY = "bench-secret-" + "b" * 32  # production refuses a shorter one
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) quiz-bench/1"
# Like the bundled quick quiz: one answer in ten finishes an attempt (standings, totals).
ATTEMPT_LENGTH = 10
# A class of guests answering, each with their own session, so requests in flight at once are by
# different players (one player's parallel answers would queue on their progress and card rows).
PLAYERS = 20
# Players on every board before the benchmark, so the page viewed (the bundled quick quiz's all-time
# board, signed-in players only) lists a full page of 25 ranks and has pages after it.
BOARD_PLAYERS = 400


def free_port() -> int:
    """Ask the OS for a free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Each server's gunicorn master, by base URL: its processes' CPU time is read around every run.
MASTERS: dict[str, int] = {}
TICK = os.sysconf("SC_CLK_TCK")


# The servers compared run on sync workers, one request at a time per process. Gunicorn reads
# ./gunicorn.conf.py (gthread, 100 threads) whenever no other config is named, so every server gets it
# and these options after it: with more than one thread gunicorn runs gthread whatever the class says.
SYNC = ["-k", "sync", "--threads", "1"]


@contextmanager
def gunicorn(app_spec: str, env: dict, extra: list[str] = ()):
    """Run gunicorn with the project's config, 2 workers and then `extra`; yield its base URL."""
    port = free_port()
    config = ["-c", str(ROOT / "gunicorn.conf.py")] if (ROOT / "gunicorn.conf.py").exists() else []
    cmd = [str(BIN / "gunicorn"), *config, "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning", *extra, app_spec]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    try:
        wait_for_port(port)
        MASTERS[f"http://127.0.0.1:{port}"] = proc.pid
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def server_cpu(base: str) -> float:
    """CPU seconds used so far by a server's gunicorn master and workers (every thread), from /proc."""
    master = MASTERS[base]
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in [master, *map(int, children)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a worker replaced meanwhile
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def wait_for_port(port: int, timeout: float = 30) -> None:
    """Block until something listens on the port."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not start")


def prepare_database(env: dict) -> None:
    """Migrate and load the bundled timeline into the benchmark database."""
    subprocess.run([str(BIN / "flask"), "--app", "quiz", "setup"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def seed_boards(database_url: str) -> None:
    """Give every published quiz's board BOARD_PLAYERS signed-in players (a few guests, a few hidden), so the
    leaderboard page the benches view lists a full page of ranks, as a class's board does."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import func, select

    from quiz import create_app
    from quiz.extensions import db
    from quiz.models import Quiz
    from quiz.services.seeding import seed_leaderboard

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        quizzes = db.session.scalar(select(func.count()).select_from(Quiz).where(Quiz.published.is_(True)))
        seed_leaderboard(players=BOARD_PLAYERS, answers=BOARD_PLAYERS * ATTEMPT_LENGTH * quizzes, with_answers=False)
        db.engine.dispose()


def guest_session(base: str) -> tuple[str, str]:
    """Become a guest over HTTP; return the session cookie header and a CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    token = CSRF_RE.search(opener.open(base + "/").read().decode()).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "nickname": "bench"}).encode()
    opener.open(base + "/auth/guest", data=form)
    token = CSRF_RE.search(opener.open(base + "/").read().decode()).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, token


def create_attempts(database_url: str, count: int, length: int = ATTEMPT_LENGTH,
                    players: int = 1) -> tuple[int, int, list[int]]:
    """Give the newest `players` users `count` unanswered attempts of `length` option questions, in turn
    (attempt `first + i` is player `i % players`'s); return the id range and the players, oldest first."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import func, insert, select

    from quiz import create_app
    from quiz.extensions import db
    from quiz.models import Attempt, AttemptItem, Question, Quiz, QuizQuestion, User

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        questions = db.session.scalars(select(Question).where(Question.kind == "date_month")
                                       .order_by(Question.id).limit(length)).all()
        quiz = Quiz(slug="bench", title="bench", shuffle=False, published=True)
        quiz.items = [QuizQuestion(question_id=q.id) for q in questions]
        db.session.add(quiz)
        db.session.flush()
        user_ids = sorted(db.session.scalars(select(User.id).order_by(User.id.desc()).limit(players)))
        first = (db.session.scalar(select(func.max(Attempt.id))) or 0) + 1
        ids = range(first, first + count)
        db.session.execute(insert(Attempt), [{"id": i, "user_id": user_ids[(i - first) % len(user_ids)],
                                              "quiz_id": quiz.id, "total": length, "number": i, "ranked": True,
                                              "overall": True}
                                             for i in ids])
        db.session.execute(insert(AttemptItem), [
            {"attempt_id": i, "position": n, "question_id": q.id, "kind": q.kind, "prompt": q.prompt,
             "choices": q.choices, "answer": q.answer, "explanation": q.explanation}
            for i in ids for n, q in enumerate(questions)])
        db.session.commit()
        db.engine.dispose()
    return first, first + count - 1, user_ids


def count_answers(database_url: str, first: int, last: int) -> int:
    """Count stored answers for the benchmark attempts."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM answers WHERE attempt_id BETWEEN :a AND :b"),
                            {"a": first, "b": last}).scalar()


def answered_question(database_url: str, user_id: int) -> tuple[int, int]:
    """An attempt of the player with a stored answer, and that answer's position (its feedback page exists)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        return tuple(conn.execute(text(
            "SELECT i.attempt_id, i.position FROM answers a JOIN attempt_items i ON i.id = a.item_id"
            " JOIN attempts t ON t.id = a.attempt_id WHERE t.user_id = :user ORDER BY a.id LIMIT 1"),
            {"user": user_id}).one())


UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def parse_wrk(output: str) -> dict:
    """Read requests/s, p50, p99, request count and failed responses from wrk's report."""
    def latency(p: str) -> float:
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M).groups()
        return float(value) * UNIT[unit]
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50": latency("50"), "p99": latency("99"),
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
            "failed": (int(failed.group(1)) if failed else 0) + (sum(map(int, errors.groups())) if errors else 0)}


def wrk(url: str, seconds: int, connections: int, script: str | None = None, env: dict | None = None) -> dict:
    """Drive one URL with wrk from a separate process; add the server's CPU milliseconds per success."""
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
           "-H", f"User-Agent: {USER_AGENT}", url]
    if script:
        cmd[1:1] = ["-s", script]
    base = next((b for b in MASTERS if url.startswith(b + "/")), None)
    before = server_cpu(base) if base else 0.0
    out = subprocess.run(cmd, capture_output=True, text=True, env=env or os.environ, check=True).stdout
    figures = parse_wrk(out)
    successes = max(1, figures["requests"] - figures["failed"])
    figures["cpu_ms"] = (server_cpu(base) - before) * 1e3 / successes if base else float("nan")
    return figures



def ceiling_session(base: str, user_id: int) -> tuple[str, str]:
    """Sign a bench player in to the ceiling app; return its cookie header and a CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    token = opener.open(f"{base}/setup/{user_id}").read().decode()
    return "; ".join(f"{c.name}={c.value}" for c in jar), token


def leaderboard_path(base: str) -> str | None:
    """The per-quiz leaderboard page, if this version of the app has one."""
    for path in ("/leaderboard/alipay-quick", "/leaderboards/alipay-quick", "/leaderboard/quiz/alipay-quick"):
        try:
            if urllib.request.urlopen(base + path).status == 200:
                return path
        except OSError:
            continue
    return None


PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def main() -> None:
    """Measure each database asked for; print the figures and the summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each measurement")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of bare, ceiling, app")
    parser.add_argument("--connections", type=int, default=8)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--sqlite", action="store_true", help="SQLite only")
    which.add_argument("--postgresql", action="store_true", help="PostgreSQL only")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="quiz-load-"))
    shares = {}
    if not args.postgresql:
        shares["sqlite"] = measure(args, tmp, f"sqlite:///{tmp / 'load.sqlite3'}")
    if not args.sqlite:
        with postgres_database(PG_ADMIN_URL, "quiz_load") as database_url:
            shares["pg"] = measure(args, tmp, database_url)
    print()
    for key, line in (("app as shipped", f"shipped_{SHIPPED}_answer_vs_ceiling"),
                      ("app answer cpu", "answer_vs_ceiling_by_cpu")):
        print(line + " " + " ".join(f"{db}={figures[key]:.3f}" for db, figures in shares.items()))
    print("answer_vs_ceiling " + " ".join(f"{db}={figures['app answer']:.3f}" for db, figures in shares.items()))


class Attempts:
    """Hands out disjoint ranges of the bench players' fresh attempts, one range per answer run."""

    def __init__(self, database_url: str, runs: int):
        self.database_url = database_url
        self.first, self.last, self.user_ids = create_attempts(database_url, runs * RUN_ATTEMPTS, players=PLAYERS)
        self.next = self.first
        self.runs: list[tuple[str, int, int, dict]] = []

    def run(self, name: str, base: str, sessions: list[tuple[str, str]], connections: int, seconds: int) -> dict:
        """Answer questions of fresh attempts on `base` for `seconds`, each with its player's (cookie, CSRF
        token) from `sessions` (in the order of user_ids); remember the range to check."""
        first, last = self.next, self.next + RUN_ATTEMPTS - 1
        self.next = last + 1
        cookies, tokens = zip(*sessions)
        env = {**os.environ, "ATTEMPT_FIRST": str(first), "ATTEMPT_LAST": str(last - 1), "PLAYER_BASE": str(self.first),
               "SESSION_COOKIES": "\n".join(cookies), "CSRF_TOKENS": "\n".join(tokens), "USER_AGENT": USER_AGENT,
               "WRK_THREADS": "2", "ATTEMPT_LENGTH": str(ATTEMPT_LENGTH)}
        figures = wrk(base + "/", seconds, connections, script=str(ROOT / "bench" / "answer.lua"), env=env)
        self.runs.append((name, first, last, figures, connections))
        return figures

    def check(self) -> None:
        """Stored answers must equal success responses (plus those in flight at wrk's stop)."""
        bad = []
        for name, first, last, figures, connections in self.runs:
            successes, stored = figures["requests"] - figures["failed"], count_answers(self.database_url, first, last)
            if not successes <= stored <= successes + connections:
                bad.append(f"{name}: {successes} successes, {stored} rows")
        print(f"answers: stored rows match success responses in {len(self.runs) - len(bad)} of {len(self.runs)} runs"
              + (": INCONSISTENT " + "; ".join(bad) if bad else ""))


def measure(args: argparse.Namespace, tmp: Path, database_url: str) -> dict[str, float]:
    """Start the servers on the database, run the rounds, print the figures; return the shares of the ceiling."""
    kind = database_url.split(":")[0].split("+")[0]
    print(f"\n== database: {kind}, {args.rounds} rounds of {args.seconds} s, {args.connections} connections")
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY, "QUIZ_ENV": "production",
           "TRUSTED_HOSTS": "127.0.0.1", "SESSION_COOKIE_SECURE": "0"}
    prepare_database(env)
    seed_boards(database_url)  # before the guests: the bench's players are the newest users
    run = functools.partial(wrk, seconds=args.seconds, connections=args.connections)
    bench = ["--pythonpath", str(ROOT / "bench")]
    # The app twice: on sync workers like the ceiling (the code compared), and as shipped (gunicorn.conf.py).
    with gunicorn("bare_app:app", env, [*bench, *SYNC]) as bare_base, \
            gunicorn("ceiling_app:app", env, [*bench, *SYNC]) as ceiling_base, \
            gunicorn("quiz:create_app()", env, SYNC) as base, \
            gunicorn("quiz:create_app()", env) as shipped_base:
        players = [guest_session(base) for _ in range(PLAYERS)]  # oldest first, as pool.user_ids
        cookie = players[0][0]
        pool = Attempts(database_url, 3 * args.rounds + 2 * len(SWEEP) + 1)
        ceiling_players = [ceiling_session(ceiling_base, user_id) for user_id in pool.user_ids]
        for url in (base + "/", shipped_base + "/", bare_base + "/"):  # workers booted and warm before counting
            wrk(url, seconds=2, connections=args.connections)
        rounds = []
        for _ in range(args.rounds):
            rounds.append({"bare flask": run(bare_base + "/"),
                           "ceiling answer": pool.run("ceiling", ceiling_base, ceiling_players, args.connections,
                                                      args.seconds),
                           "app answer": pool.run("app", base, players, args.connections, args.seconds),
                           "app as shipped": pool.run("app as shipped", shipped_base, players, args.connections,
                                                      args.seconds)})
        signed_in = str(write_script(tmp, "signed-in.lua", cookie))
        spare = pool.last - (pool.last - pool.first) % PLAYERS  # the first player's; the runs leave it unanswered
        attempt_id, position = answered_question(database_url, pool.user_ids[0])
        pages = {"question page": run(base + f"/attempt/{spare}", script=signed_in),
                 "feedback page": run(base + f"/attempt/{attempt_id}/feedback/{position}", script=signed_in)}
        board = leaderboard_path(base)
        if board:
            pages["leaderboard page"] = run(base + board, script=signed_in)
        sweep = {(name, c): pool.run(f"{name} at {c}", url, players, c, args.seconds)
                 for c in SWEEP for name, url in (("sync", base), (SHIPPED, shipped_base))}
    print_rounds(rounds, pages)
    if not board:
        print("leaderboard page not available in this version")
    for (name, connections), figures in sweep.items():
        print(f"app answers, {name:<14} at {connections:>3} connections: {figures['rps']:8.1f}/s"
              f"   p50 {figures['p50']:7.2f} ms   p99 {figures['p99']:7.2f} ms   CPU {figures['cpu_ms']:5.2f} ms"
              f"   ({figures['failed']} failed)")
    shares = {}
    for name, label in (("app answer", "app/ceiling"), ("app as shipped", f"app as shipped ({SHIPPED})/ceiling")):
        per_round = [r[name]["rps"] / r["ceiling answer"]["rps"] for r in rounds]
        by_cpu = [r["ceiling answer"]["cpu_ms"] / r[name]["cpu_ms"] for r in rounds]
        print(f"{label} per round: " + " ".join(f"{s:.3f}" for s in per_round)
              + f"   (median {median(per_round):.3f}); by CPU per answer: "
              + " ".join(f"{s:.3f}" for s in by_cpu) + f"   (median {median(by_cpu):.3f})")
        shares[name], shares[name + " cpu"] = median(per_round), median(by_cpu)
    # A student's question is three requests: the question page, the answer, the feedback page.
    per_question = (pages["question page"]["cpu_ms"] + median(r["app answer"]["cpu_ms"] for r in rounds)
                    + pages["feedback page"]["cpu_ms"])
    print(f"one question of a student on sync workers (question page + answer + feedback page): {per_question:.2f} ms"
          f" CPU, {1e3 / per_question:.0f} questions/s per busy core")
    failed = sum(r[name]["failed"] for r in rounds for name in ("ceiling answer", "app answer", "app as shipped"))
    print(f"failed answer responses in the rounds: {failed}")
    pool.check()
    return shares


SWEEP = (8, 32, 128)


def shipped_worker_class() -> str:
    """The worker class gunicorn.conf.py starts the app with."""
    text = (ROOT / "gunicorn.conf.py").read_text()
    found = re.search(r'GUNICORN_WORKER_CLASS", "(\w+)"', text)
    return os.environ.get("GUNICORN_WORKER_CLASS") or (found.group(1) if found else "sync")


SHIPPED = shipped_worker_class()


def print_rounds(rounds: list[dict], pages: dict) -> None:
    """The table: each server's median over rounds (pages: one run), as shares of bare and of the ceiling."""
    ceiling_rps = median([r["ceiling answer"]["rps"] for r in rounds])
    bare_rps = median([r["bare flask"]["rps"] for r in rounds])
    print(f"{'':<16} {'req/s':>8} {'(min..max)':>17} {'of bare':>8} {'of ceiling':>10} {'p50 ms':>8} {'p99 ms':>8}"
          f" {'CPU ms':>7}")
    for name in rounds[0]:
        rps = [r[name]["rps"] for r in rounds]
        p50, p99 = median([r[name]["p50"] for r in rounds]), median([r[name]["p99"] for r in rounds])
        cpu = median([r[name]["cpu_ms"] for r in rounds])
        print(f"{name:<16} {median(rps):>8.1f} {f'({min(rps):.0f}..{max(rps):.0f})':>17} {median(rps) / bare_rps:>8.3f}"
              f" {median(rps) / ceiling_rps:>10.3f} {p50:>8.2f} {p99:>8.2f} {cpu:>7.2f}")
    for name, figures in pages.items():
        print(f"{name:<16} {figures['rps']:>8.1f} {'(one run)':>17} {figures['rps'] / bare_rps:>8.3f}"
              f" {figures['rps'] / ceiling_rps:>10.3f} {figures['p50']:>8.2f} {figures['p99']:>8.2f}"
              f" {figures['cpu_ms']:>7.2f}   ({figures['failed']} failed)")


def write_script(tmp: Path, name: str, cookie: str, form: str | None = None) -> Path:
    """A tiny wrk script that sends the session cookie with every request (a form POST when given)."""
    lines = [f'wrk.headers["Cookie"] = "{cookie}"']
    if form:
        lines += ['wrk.method = "POST"', f'wrk.body = "{form}"',
                  'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"']
    path = tmp / name
    path.write_text("\n".join(lines) + "\n")
    return path


if __name__ == "__main__":
    main()
