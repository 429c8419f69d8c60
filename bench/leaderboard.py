"""Leaderboard benchmark: the board page and the "near me" query at 1,000 and 1,000,000 answers.

Builds throw-away databases (SQLite always; PostgreSQL too when DATABASE_URL points at one), seeds
them with `seed_leaderboard`, then times real requests through the Flask test client and the near-me
service call. Prints p50/p99 in milliseconds, then the near-me growth (largest ÷ smallest size) and,
last, the SQLite board-page growth ratio.
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from quiz import create_app  # noqa: E402
from quiz.cli import setup_database  # noqa: E402
from quiz.config import normalise_database_url  # noqa: E402
from quiz.extensions import db  # noqa: E402
from quiz.services import leaderboard  # noqa: E402
from quiz.services.seeding import seed_leaderboard  # noqa: E402
from throwaway_db import postgres_database  # noqa: E402

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "1000,1000000").split(","))
REQUESTS, WARMUP = 200, 20


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


def measure(label: str, url: str, answers: int) -> tuple[float, float]:
    """Seed one database, print its figures and return the board page's and the near-me query's p50."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    with app.app_context():
        setup_database()
        start = time.perf_counter()
        counts = seed_leaderboard(players=max(1, answers // 10), answers=answers)
        print(f"{label} answers={answers}: seeded {counts} in {time.perf_counter() - start:.1f}s", flush=True)
        settle(url)
        player_ids = list(db.session.scalars(text("SELECT user_id FROM board_totals WHERE period = 'all'")))
        db.session.remove()
    client = app.test_client()
    pages = {"board_page": "/leaderboard/", "quiz_board_page": f"/leaderboard/quiz/{first_quiz(app)}"}
    results = {}
    for name, path in pages.items():
        assert client.get(path).status_code == 200
        results[name] = timed(lambda: client.get(path))
        print(f"{label} answers={answers} {name} {percentiles(results[name])}", flush=True)
    rng = random.Random(7)
    with app.app_context():
        board = leaderboard.Board("all")
        near = timed(lambda: leaderboard.near_me(board, rng.choice(player_ids)))
        print(f"{label} answers={answers} near_me_query {percentiles(near)}", flush=True)
        db.session.remove()
        db.engine.dispose()
    return statistics.median(results["board_page"]), statistics.median(near)


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
    """Run every size on SQLite, and on PostgreSQL when configured; print the growth ratio last."""
    sqlite_p50, near_p50 = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for answers in SIZES:
            sqlite_p50[answers], near_p50[answers] = measure("sqlite", f"sqlite:///{tmp}/bench_{answers}.sqlite3",
                                                             answers)
    server = normalise_database_url(os.environ.get("DATABASE_URL", ""))
    if server.startswith("postgresql"):
        for answers in SIZES:
            with postgres_database(server, "bench_leaderboard") as url:
                measure("postgresql", url, answers)
    # Near me counts the rows ahead of the player in the board's index: it grows with the rank depth.
    print(f"near_me_growth={near_p50[SIZES[-1]] / near_p50[SIZES[0]]:.2f} (players x{SIZES[-1] // SIZES[0]})")
    print(f"growth_ratio={sqlite_p50[SIZES[-1]] / sqlite_p50[SIZES[0]]:.2f}")


if __name__ == "__main__":
    main()
