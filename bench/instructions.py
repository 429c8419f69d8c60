"""Instructions per answer, the app's answer POST against the ceiling's: a figure load on the machine cannot move.

Run: python bench/instructions.py [--answers 200] [--postgresql] [--pages]
Each side runs in its own Python process under valgrind (cachegrind, no cache simulation), twice:
set up and warm (200 answers), then the same plus N more. The difference over N is the instructions
one answer costs in that process, through Flask's test client (no HTTP server). The database work
that happens inside SQLite counts; PostgreSQL's server process does not. Prints both and last
`answer_vs_ceiling_by_instructions X` (ceiling / app: the app's share of the ceiling's answers per
CPU second, were instructions all that mattered). Needs valgrind (Debian package); ~2 minutes.
With --pages, the app's other two requests of a question are counted the same way instead (N views
of the question page of an unanswered attempt, and of the feedback page of an answered question),
what one question of a student costs in all (question page + answer + feedback page), and a view
of the bundled quick quiz's leaderboard page (a full page of 25 ranks: load.seed_boards) by its player.
Timings on this shared machine vary by tens of percent between runs (bench/load.py prints them
over interleaved rounds); these counts vary by about 1% (three runs of 300 answers: 4.76-4.88 M),
since FSRS takes other branches as the (slowed) clock moves: a change worth less than 2% needs several runs.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import answer_profile
from load import ATTEMPT_LENGTH, PG_ADMIN_URL, create_attempts, prepare_database, seed_boards
from throwaway_db import postgres_database

HERE = Path(__file__).resolve().parent
WARM = 200  # answers before the measured ones: caches filled, every FSRS card created


# What a side can be asked to do N times: answer (either side), or view one of the app's pages.
SIDES = ("app", "ceiling", "question-page", "feedback-page", "leaderboard-page")


def counted(database_url: str, side: str, answers: int, out: Path) -> int:
    """Instructions of one process that answers WARM questions on `side`, then does its work `answers` times."""
    env = dict(os.environ, PYTHONHASHSEED="0")  # the same dict layouts in every run
    subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}",
                    sys.executable, __file__, "--run", side, "--answers", str(answers), "--url", database_url],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    summary = next(line for line in out.read_text().splitlines() if line.startswith("summary:"))
    return int(summary.split()[1])


def answer(side: str, answers: int, database_url: str) -> None:
    """Inside valgrind: sign in on one side, answer WARM questions, then answer or view a page `answers` times."""
    answer_profile.configure_environment(database_url)
    app, token = answer_profile.app_client()  # also makes the guest whose attempts both sides answer
    first, last, (user_id,) = create_attempts(database_url, (WARM + answers) // ATTEMPT_LENGTH + 2)
    client, token = (answer_profile.ceiling_client(user_id) if side == "ceiling" else (app, token))
    pool = answer_profile.Answers(first, last)
    pool.run(client, token, WARM)
    if side.endswith("-page"):
        view_pages(client, token, pool.next, side, answers)
    elif answers:
        pool.run(client, token, answers)


def view_pages(client, token: str, attempt: int, side: str, views: int) -> None:
    """View the question page of an unanswered attempt, the feedback page of its answered first question,
    or a leaderboard page."""
    url = "/leaderboard/quiz/alipay-quick" if side == "leaderboard-page" else f"/attempt/{attempt}"
    if side == "feedback-page":
        answered = client.post(f"/attempt/{attempt}/answer", data={"csrf_token": token, "position": 0, "choice": 0})
        url = answered.headers["Location"]
    for _view in range(views):
        response = client.get(url)
        assert response.status_code == 200, (response.status_code, response.text[:300])


@contextmanager
def fresh_database(postgresql: bool, tmp: Path, name: str) -> Iterator[str]:
    """A migrated database holding the bundled timeline: a copy of one SQLite file, or a new PostgreSQL database."""
    if postgresql:
        with postgres_database(PG_ADMIN_URL, "quiz_instructions") as url:
            migrate(url)
            yield url
    else:
        pristine = tmp / "pristine.sqlite3"
        if not pristine.exists():
            migrate(f"sqlite:///{pristine}")
        shutil.copy(pristine, tmp / f"{name}.sqlite3")
        yield f"sqlite:///{tmp}/{name}.sqlite3"


def migrate(database_url: str) -> None:
    """Run the app's setup (migrations and the bundled timeline) on a database, and fill its boards."""
    answer_profile.configure_environment(database_url)
    prepare_database(dict(os.environ))
    seed_boards(database_url)


def per_request(postgresql: bool, side: str, answers: int, tmp: Path) -> float:
    """Instructions per request on one side: the run with `answers` more minus the run without (fresh databases)."""
    def run(n: int) -> int:
        with fresh_database(postgresql, tmp, f"{side}-{n}") as url:
            return counted(url, side, n, tmp / f"{side}-{n}.out")
    with ThreadPoolExecutor(max_workers=2) as pool:  # the machine's two cores
        base, full = pool.map(run, (0, answers))
    return (full - base) / answers


def measure(postgresql: bool, answers: int, tmp: Path, pages: bool) -> None:
    """Count both sides (or the app's pages), print the figures."""
    if not postgresql:
        migrate(f"sqlite:///{tmp}/pristine.sqlite3")  # once, before two runs could both start it
    if pages:
        question, answer, feedback, board = (per_request(postgresql, side, answers, tmp) for side in
                                             ("question-page", "app", "feedback-page", "leaderboard-page"))
        print(f"question page   {question / 1e6:7.3f} M instructions")
        print(f"answer          {answer / 1e6:7.3f} M instructions")
        print(f"feedback page   {feedback / 1e6:7.3f} M instructions")
        print(f"one question    {(question + answer + feedback) / 1e6:7.3f} M instructions")
        print(f"leaderboard page {board / 1e6:6.3f} M instructions")
        return
    ceiling = per_request(postgresql, "ceiling", answers, tmp)
    app = per_request(postgresql, "app", answers, tmp)
    print(f"ceiling answer  {ceiling / 1e6:7.3f} M instructions")
    print(f"app answer      {app / 1e6:7.3f} M instructions")
    print(f"answer_vs_ceiling_by_instructions {ceiling / app:.3f}")


def main() -> None:
    """Parse the arguments; count on a fresh SQLite file or a throw-away PostgreSQL database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=200, help="measured answers per side (whole attempts)")
    parser.add_argument("--postgresql", action="store_true", help="a throw-away PostgreSQL database")
    parser.add_argument("--pages", action="store_true", help="count the question page, the answer, the feedback page and a leaderboard page instead")
    parser.add_argument("--run", choices=SIDES, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        answer(args.run, args.answers, args.url)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("needs valgrind: apt-get install valgrind")
    with tempfile.TemporaryDirectory(prefix="quiz-instructions-") as tmp:
        measure(args.postgresql, args.answers, Path(tmp), args.pages)


if __name__ == "__main__":
    main()
