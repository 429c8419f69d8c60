"""Load benchmark: the app under gunicorn (2 workers, SQLite) against a bare Flask app.

Run: python bench/load.py [--seconds 10] [--connections 8] [--postgresql]
(--postgresql: the app on a throw-away database on the local PostgreSQL server, PG_ADMIN_URL,
instead of a fresh SQLite file; the bare app is the same either way.)
Prints requests/s and p50/p99 for the home page, a question page, answer submissions (rows are
checked afterwards: stored answers must equal success responses) and a leaderboard page, and as
its last line answer_vs_bare=X (answer submissions/s divided by bare requests/s, same run; the bare
app is measured first and last, and the mean of the two is the reference).
Two reference rows show what the app's stack costs before any page's own work: a static file
served through the app, and a signed-in, CSRF-checked POST that touches no database (the
language switch).
Needs `wrk` (Debian package). Figures only; nothing is asserted.
"""
import argparse
import functools
import http.cookiejar
import os
import re
import socket
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
ATTEMPTS = 8_000
# Like the bundled quick quiz: one answer in ten finishes an attempt (standings, totals).
ATTEMPT_LENGTH = 10


def free_port() -> int:
    """Ask the OS for a free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(app_spec: str, env: dict, extra: list[str] = ()):
    """Run gunicorn with 2 workers (and the project's config when present); yield its base URL."""
    port = free_port()
    config = ["-c", str(ROOT / "gunicorn.conf.py")] if (ROOT / "gunicorn.conf.py").exists() else []
    cmd = [str(BIN / "gunicorn"), *config, "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning", *extra, app_spec]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


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


def guest_session(base: str) -> tuple[str, str]:
    """Become a guest over HTTP; return the session cookie header and a CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = CSRF_RE.search(opener.open(base + "/").read().decode()).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "nickname": "bench"}).encode()
    opener.open(base + "/auth/guest", data=form)
    token = CSRF_RE.search(opener.open(base + "/").read().decode()).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, token


def create_attempts(database_url: str, count: int, length: int = ATTEMPT_LENGTH) -> tuple[int, int]:
    """Give the bench guest `count` unanswered attempts of `length` option questions; return the id range."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import func, insert, select

    from quiz import create_app
    from quiz.extensions import db
    from quiz.models import Attempt, AttemptItem, Question, Quiz, QuizQuestion, User

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        questions = db.session.scalars(select(Question).where(Question.kind == "date_month")
                                       .order_by(Question.id).limit(length)).all()
        quiz = Quiz(slug="bench", title="bench", shuffle=False, published=True)
        quiz.items = [QuizQuestion(question_id=q.id) for q in questions]
        db.session.add(quiz)
        db.session.flush()
        user_id = db.session.scalar(select(func.max(User.id)))
        first = (db.session.scalar(select(func.max(Attempt.id))) or 0) + 1
        ids = range(first, first + count)
        db.session.execute(insert(Attempt), [{"id": i, "user_id": user_id, "quiz_id": quiz.id, "total": length}
                                             for i in ids])
        db.session.execute(insert(AttemptItem), [
            {"attempt_id": i, "position": n, "question_id": q.id, "kind": q.kind, "prompt": q.prompt,
             "choices": q.choices, "answer": q.answer, "explanation": q.explanation}
            for i in ids for n, q in enumerate(questions)])
        db.session.commit()
        db.engine.dispose()
    return first, first + count - 1


def count_answers(database_url: str, first: int, last: int) -> int:
    """Count stored answers for the benchmark attempts."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM answers WHERE attempt_id BETWEEN :a AND :b"),
                            {"a": first, "b": last}).scalar()


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
    """Drive one URL with wrk from a separate process."""
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        cmd[1:1] = ["-s", script]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env or os.environ, check=True).stdout
    return parse_wrk(out)


def report(name: str, figures: dict, bare_rps: float) -> None:
    """Print one line of figures, with requests/s as a share of the bare app's (same run)."""
    print(f"{name:<19} {figures['rps']:>9.1f} req/s ({figures['rps'] / bare_rps:5.3f} of bare)"
          f"   p50 {figures['p50']:>8.2f} ms   p99 {figures['p99']:>8.2f} ms"
          f"   ({figures['requests']} requests, {figures['failed']} failed)")


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
    """Run every scenario in one go and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--postgresql", action="store_true", help="run the app on a throw-away PostgreSQL database")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="quiz-load-"))
    if args.postgresql:
        with postgres_database(PG_ADMIN_URL, "quiz_load") as database_url:
            measure(args, tmp, database_url)
    else:
        measure(args, tmp, f"sqlite:///{tmp / 'load.sqlite3'}")


def measure(args: argparse.Namespace, tmp: Path, database_url: str) -> None:
    """Start both servers on the database, run every row and print the figures."""
    print(f"database: {database_url.split(':')[0]}")
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "bench-secret-" + "b" * 32, "QUIZ_ENV": "production",
           "TRUSTED_HOSTS": "127.0.0.1",
           "SESSION_COOKIE_SECURE": "0"}
    prepare_database(env)
    run = functools.partial(wrk, seconds=args.seconds, connections=args.connections)
    # Both servers run side by side (an idle one costs nothing); the bare app is measured first and
    # last and its mean is the reference, so a machine that drifts during the run biases no ratio.
    with gunicorn("bare_app:app", env, ["--pythonpath", str(ROOT / "bench")]) as bare_base, \
            gunicorn("quiz:create_app()", env) as base:
        cookie, token = guest_session(base)
        for url in (base + "/", bare_base + "/"):  # every worker booted and warm before anything counts
            wrk(url, seconds=2, connections=args.connections)
        results = {"bare flask (first)": run(bare_base + "/")}
        first, last = create_attempts(database_url, ATTEMPTS)
        signed_in = str(write_script(tmp, "signed-in.lua", cookie))
        results["static file (ref)"] = run(base + "/static/css/app.css")
        results["lang POST (ref)"] = run(base + "/lang", script=str(write_script(
            tmp, "lang.lua", cookie, f"csrf_token={token}&lang=zh_CN&next=/")))
        results["home page"] = run(base + "/")
        results["question page"] = run(base + f"/attempt/{last}", script=signed_in)
        answer_env = {**env, "ATTEMPT_FIRST": str(first), "ATTEMPT_LAST": str(last - 1), "CSRF_TOKEN": token,
                      "SESSION_COOKIE": cookie, "WRK_THREADS": "2", "ATTEMPT_LENGTH": str(ATTEMPT_LENGTH)}
        results["answer submit"] = run(base + "/", script=str(ROOT / "bench" / "answer.lua"), env=answer_env)
        board = leaderboard_path(base)
        if board:
            results["leaderboard page"] = run(base + board)
        results["bare flask (last)"] = run(bare_base + "/")
    bare = {"rps": (results["bare flask (first)"]["rps"] + results["bare flask (last)"]["rps"]) / 2}
    for name, figures in results.items():
        report(name, figures, bare["rps"])
    if not board:
        print("leaderboard page   not available in this version")
    answer = results["answer submit"]
    successes = answer["requests"] - answer["failed"]
    stored = count_answers(database_url, first, last)
    # wrk stops counting at the deadline; requests in flight then still complete on the server.
    consistent = successes <= stored <= successes + args.connections
    print(f"answers: {successes} success responses counted, {stored} rows stored, at most {args.connections} "
          f"in flight at the stop: {'consistent' if consistent else 'INCONSISTENT'}")
    print(f"answer_vs_bare={answer['rps'] / bare['rps']:.3f}")


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
