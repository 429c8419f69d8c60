"""Leaderboard benchmark: the board pages and "near me" at 1,000, 100,000 and 1,000,000 players.

Builds throw-away databases (SQLite always; PostgreSQL too when DATABASE_URL points at one), seeds
them with `seed_leaderboard` (one finished attempt per player; answers left out, boards never read
them), then times real page requests through the Flask test client and the near-me service call for
random players, with the rank counts (board_counts) and, in the same run, the old way (counting the
board's rows ahead). Prints p50/p99 in milliseconds and old ÷ counts per size; then the near-me growth
(largest ÷ smallest size) both ways and, last, the SQLite board-page growth ratio.
BENCH_PLAYERS=1000,100000 picks the sizes.
"""
from __future__ import annotations

import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, text  # noqa: E402

from quiz import create_app  # noqa: E402
from quiz.cli import setup_database  # noqa: E402
from quiz.config import normalise_database_url  # noqa: E402
from quiz.extensions import db  # noqa: E402
from quiz.services import leaderboard  # noqa: E402
from quiz.services.seeding import seed_leaderboard  # noqa: E402
from throwaway_db import postgres_database  # noqa: E402

SIZES = tuple(int(n) for n in os.environ.get("BENCH_PLAYERS", "1000,100000,1000000").split(","))
REQUESTS, NEAR_REQUESTS, ROUNDS, WARMUP = 100, 20, 3, 10


def percentiles(samples: list[float]) -> str:
    """p50 and p99 of timings in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return f"p50={statistics.median(samples):.2f}ms p99={cuts[98]:.2f}ms"


def timed(action, repeats: int = REQUESTS) -> list[float]:
    """Run an action after a warm-up and return each run's time in milliseconds."""
    for _ in range(WARMUP):
        action()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure(label: str, url: str, players: int) -> tuple[float, dict[str, tuple[float, ...]]]:
    """Seed one database, print its figures; return the board page's p50 and near me's p50s: (counts, old)
    for the whole call, then the same for its statements alone."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    with app.app_context():
        setup_database()
        start = time.perf_counter()
        counts = seed_leaderboard(players=players, answers=players * 10, with_answers=False)
        print(f"{label} players={players}: seeded {counts} in {time.perf_counter() - start:.1f}s", flush=True)
        settle(url)
        player_ids = list(db.session.scalars(text("SELECT user_id FROM board_totals WHERE period = 'all'")))
        quiz_id = db.session.scalar(text("SELECT MIN(quiz_id) FROM standings"))
        db.session.remove()
    client = app.test_client()
    pages = {"board_page": "/leaderboard/", "quiz_board_page": f"/leaderboard/quiz/{first_quiz(app)}"}
    results = {}
    for name, path in pages.items():
        assert client.get(path).status_code == 200
        results[name] = timed(lambda path=path: client.get(path))
        print(f"{label} players={players} {name} {percentiles(results[name])}", flush=True)
    boards = {"overall_by_score": leaderboard.Board("all", signed_in_only=True),
              "quiz_by_accuracy": leaderboard.Board("all", quiz_id, by="accuracy")}
    near = {}
    with app.app_context(), statement_clock() as sql:
        for name, board in boards.items():
            samples: dict[str, list[float]] = {"counts": [], "old": [], "counts_sql": [], "old_sql": []}
            for _round in range(ROUNDS):  # interleaved, so a busy moment of the machine hits both ways
                for way in ("counts", "old"):
                    with old_way() if way == "old" else contextlib.nullcontext():
                        samples[way] += timed(near_me_of_random_players(board, player_ids, sql), NEAR_REQUESTS)
                        samples[f"{way}_sql"] += sql.per_call[WARMUP:]
            p50 = {way: statistics.median(values) for way, values in samples.items()}
            near[name] = (p50["counts"], p50["old"], p50["counts_sql"], p50["old_sql"])
            print(f"{label} players={players} near_me {name}: counts {percentiles(samples['counts'])} "
                  f"(SQL {p50['counts_sql']:.2f}ms) | old {percentiles(samples['old'])} (SQL {p50['old_sql']:.2f}ms)"
                  f" | old/counts={p50['old'] / p50['counts']:.1f} (SQL {p50['old_sql'] / p50['counts_sql']:.1f})",
                  flush=True)
        db.session.remove()
        db.engine.dispose()
    return statistics.median(results["board_page"]), near


def near_me_of_random_players(board: leaderboard.Board, player_ids: list[int], sql: StatementClock):
    """An action reading near me for a random player (the same sequence of players on every call);
    the time its statements spent in the database is added to `sql.per_call`."""
    rng = random.Random(7)
    sql.per_call = []

    def action() -> None:
        sql.spent = 0.0
        leaderboard.near_me(board, rng.choice(player_ids))
        sql.per_call.append(sql.spent)
    return action


class StatementClock:
    """Milliseconds spent executing statements (the database's share of a call, without Python's)."""

    def __init__(self) -> None:
        self.spent, self.started, self.per_call = 0.0, 0.0, []

    def before(self, *_args) -> None:
        self.started = time.perf_counter()

    def after(self, *_args) -> None:
        self.spent += (time.perf_counter() - self.started) * 1000


@contextmanager
def statement_clock():
    """Time every statement run on the app's engine while inside."""
    clock = StatementClock()
    event.listen(db.engine, "before_cursor_execute", clock.before)
    event.listen(db.engine, "after_cursor_execute", clock.after)
    try:
        yield clock
    finally:
        event.remove(db.engine, "before_cursor_execute", clock.before)
        event.remove(db.engine, "after_cursor_execute", clock.after)


@contextmanager
def old_way():
    """Rank by counting the board's rows ahead, as before board_counts (class boards still do)."""
    saved = leaderboard.counted
    leaderboard.counted = lambda board: False
    try:
        yield
    finally:
        leaderboard.counted = saved


def settle(url: str) -> None:
    """Measure the steady state: after a bulk load, refresh planner statistics (and, on PostgreSQL,
    the visibility map) as autovacuum would, instead of timing pages while it runs beside them."""
    if url.startswith("postgresql"):
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def first_quiz(app) -> str:
    """The slug of the quiz the seeded attempts were played at."""
    with app.app_context():
        slug = db.session.scalar(text("SELECT slug FROM quizzes WHERE published ORDER BY id LIMIT 1"))
        db.session.remove()
        return slug


def main() -> None:
    """Run every size on SQLite, and on PostgreSQL when configured; print the growth ratios last."""
    sqlite_p50, near_p50 = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for players in SIZES:
            sqlite_p50[players], near_p50[players] = measure("sqlite", f"sqlite:///{tmp}/bench_{players}.sqlite3",
                                                             players)
    server = normalise_database_url(os.environ.get("DATABASE_URL", ""))
    if server.startswith("postgresql"):
        for players in SIZES:
            with postgres_database(server, "bench_leaderboard") as url:
                measure("postgresql", url, players)
    # With the counts near me costs the distinct scores (and times) ahead, not the players ahead.
    small, large = near_p50[SIZES[0]], near_p50[SIZES[-1]]
    for name in small:
        growth = [large[name][i] / small[name][i] for i in range(4)]
        print(f"near_me_growth {name}: counts={growth[0]:.2f} old={growth[1]:.2f}; statements alone: "
              f"counts={growth[2]:.2f} old={growth[3]:.2f} (players x{SIZES[-1] // SIZES[0]}, SQLite p50)")
    worst = max(large[name][0] / small[name][0] for name in small)
    print(f"near_me_growth={worst:.2f} (players x{SIZES[-1] // SIZES[0]})")
    print(f"growth_ratio={sqlite_p50[SIZES[-1]] / sqlite_p50[SIZES[0]]:.2f}")


if __name__ == "__main__":
    main()
