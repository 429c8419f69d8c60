"""One process, no HTTP server: the app's answer POST against the ceiling's, through Flask's test client.

Run: python bench/answer_profile.py [--answers 2000] [--blocks 6] [--postgresql] [--profile N]
Both apps answer fresh ten-question attempts of the same guest on one database (SQLite file, or a
throw-away PostgreSQL database), in interleaved blocks (ceiling, app; again), so a machine whose load
drifts biases neither. Prints per block the CPU (process time) and wall time per answer of each, and
last `inprocess_app_vs_ceiling cpu=X wall=Y best_cpu=Z` (median over blocks of ceiling time / app time,
i.e. the app's share of the ceiling's answers per second; Z from each one's fastest block). With
--profile N, the app's next N answers run under cProfile afterwards and the top functions by
cumulative and by own time are printed. Figures only:
the servers' ratio (bench/load.py) is higher, since both also pay HTTP parsing and gunicorn there.
"""
import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from load import (ATTEMPT_LENGTH, CSRF_RE, PG_ADMIN_URL, SECRET_KEY, USER_AGENT, create_attempts,
                  prepare_database)
from throwaway_db import postgres_database

ROOT = Path(__file__).resolve().parent.parent


def configure_environment(database_url: str) -> None:
    """Production settings, as bench/load.py gives its servers (read by create_app and ceiling_app)."""
    os.environ.update({"DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY, "QUIZ_ENV": "production",
                       "TRUSTED_HOSTS": "localhost", "SESSION_COOKIE_SECURE": "0"})


def app_client():
    """The app and a test client signed in as a new guest; return the client and its CSRF token."""
    sys.path.insert(0, str(ROOT))
    from quiz import create_app

    client = create_app().test_client()
    client.environ_base["HTTP_USER_AGENT"] = USER_AGENT
    token = CSRF_RE.search(client.get("/").text).group(1)
    client.post("/auth/guest", data={"csrf_token": token, "nickname": "bench"})
    return client, CSRF_RE.search(client.get("/").text).group(1)


def ceiling_client(user_id: int):
    """The ceiling app signed in as the same user; return the client and its CSRF token."""
    import ceiling_app

    client = ceiling_app.app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = USER_AGENT
    return client, client.get(f"/setup/{user_id}").text


class Answers:
    """Hands out fresh attempts and answers them question by question, as students do."""

    def __init__(self, first: int, last: int):
        self.next, self.last = first, last

    def run(self, client, token: str, answers: int) -> tuple[float, float]:
        """Answer `answers` questions (whole attempts); return CPU and wall seconds per answer."""
        attempts = answers // ATTEMPT_LENGTH
        first = self.next
        self.next += attempts
        assert self.next <= self.last + 1, "out of attempts"
        cpu, wall = time.process_time(), time.perf_counter()
        for attempt in range(first, first + attempts):
            for position in range(ATTEMPT_LENGTH):
                response = client.post(f"/attempt/{attempt}/answer",
                                       data={"csrf_token": token, "position": position, "choice": 0})
                assert response.status_code == 302, (response.status_code, response.text[:300])
        done = attempts * ATTEMPT_LENGTH
        return (time.process_time() - cpu) / done, (time.perf_counter() - wall) / done


def measure(args: argparse.Namespace, database_url: str) -> None:
    """Set up the database and both clients, run the interleaved blocks, print the figures."""
    configure_environment(database_url)
    prepare_database(dict(os.environ))
    app, app_token = app_client()
    first, last, (user_id,) = create_attempts(database_url, (args.blocks * 2 + 2) * args.answers // ATTEMPT_LENGTH
                                              + args.profile // ATTEMPT_LENGTH + 1)
    ceiling, ceiling_token = ceiling_client(user_id)
    pool = Answers(first, last)
    pool.run(app, app_token, 10 * ATTEMPT_LENGTH)  # warm both (statement caches, imports)
    pool.run(ceiling, ceiling_token, 10 * ATTEMPT_LENGTH)
    cpu_shares, wall_shares, best = [], [], {"ceiling": 1.0, "app": 1.0}
    for block in range(args.blocks):
        c_cpu, c_wall = pool.run(ceiling, ceiling_token, args.answers)
        a_cpu, a_wall = pool.run(app, app_token, args.answers)
        best = {"ceiling": min(best["ceiling"], c_cpu), "app": min(best["app"], a_cpu)}
        cpu_shares.append(c_cpu / a_cpu)
        wall_shares.append(c_wall / a_wall)
        print(f"block {block}: ceiling {c_cpu * 1e3:.3f} ms cpu {c_wall * 1e3:.3f} ms wall;"
              f" app {a_cpu * 1e3:.3f} ms cpu {a_wall * 1e3:.3f} ms wall;"
              f" share cpu {cpu_shares[-1]:.3f} wall {wall_shares[-1]:.3f}", flush=True)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        pool.run(app, app_token, args.profile)
        profiler.disable()
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        if args.callees:
            stats.sort_stats("cumulative").print_callees(args.callees)
    # Other work on the machine only adds time: the fastest block of each is the steadiest figure.
    print(f"fastest block: ceiling {best['ceiling'] * 1e3:.3f} ms, app {best['app'] * 1e3:.3f} ms CPU per answer")
    print(f"inprocess_app_vs_ceiling cpu={median(cpu_shares):.3f} wall={median(wall_shares):.3f}"
          f" best_cpu={best['ceiling'] / best['app']:.3f}")


def main() -> None:
    """Parse the arguments and measure on the chosen database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000, help="answers per block (whole attempts)")
    parser.add_argument("--blocks", type=int, default=5, help="interleaved blocks of ceiling, app")
    parser.add_argument("--postgresql", action="store_true", help="a throw-away PostgreSQL database")
    parser.add_argument("--profile", type=int, default=0, help="then profile this many app answers")
    parser.add_argument("--top", type=int, default=40, help="functions to list in each profile table")
    parser.add_argument("--callees", help="then what functions matching this pattern call, with their times")
    args = parser.parse_args()
    if args.postgresql:
        with postgres_database(PG_ADMIN_URL, "quiz_profile") as url:
            measure(args, url)
    else:
        with tempfile.TemporaryDirectory(prefix="quiz-profile-") as tmp:
            measure(args, f"sqlite:///{tmp}/profile.sqlite3")


if __name__ == "__main__":
    main()
