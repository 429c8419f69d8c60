"""kill -9 of a real job consumer (`flask jobs-worker`) while it generates a timeline's questions:
nothing of the import is stored, and the next consumer runs the job again to the end."""
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from quiz import ROOT, generator, jobqueue
from quiz.extensions import db
from quiz.models import ImportJob, Question, Timeline
from quiz.services import import_jobs
from security_support import extra_app
from teach_helpers import signed_in, user

pytestmark = pytest.mark.slow
FLASK = Path(sys.executable).parent / "flask"


def long_timeline() -> str:
    """A two-event timeline with about 150 KB of prose: generating its questions takes seconds."""
    prose = "\n".join(line for line in generator.bundled_timeline_path().read_text(encoding="utf-8").splitlines()
                      if line and not line.startswith("#"))
    return "## 2004年12月8日，支付宝成立。\n" + (prose + "\n") * 6 + "## 2005年，乙产品上线。\n乙产品上线了。\n"


def start_worker(database_url: str, queue_url: str) -> subprocess.Popen:
    """Start `flask --app quiz jobs-worker` on the test database, logging to a pipe, in its own group."""
    env = {**os.environ, "DATABASE_URL": database_url, "JOB_QUEUE_URL": queue_url, "SECRET_KEY": "k" * 32}
    return subprocess.Popen([str(FLASK), "--app", "quiz", "jobs-worker", "--workers", "1"], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for_line(worker: subprocess.Popen, *needles: str, timeout: float = 180) -> str:
    """Read the worker's log until a line contains every needle (fails after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(worker.stderr, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if selector.select(timeout=deadline - time.monotonic()):
                line = worker.stderr.readline()
                if all(needle in line for needle in needles):
                    return line
                assert line, f"the worker exited before logging {needles}"
    raise AssertionError(f"the worker did not log {needles} in {timeout} s")


def stop(worker: subprocess.Popen, sig: int) -> None:
    """Send a signal to the worker's process group and reap it."""
    os.killpg(worker.pid, sig)
    worker.wait(timeout=30)
    worker.stderr.close()


def test_a_worker_killed_midway_stores_nothing_and_the_next_one_finishes_the_job(app, database_url, tmp_path):
    queue_url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    signed_in(app, "teacher", "teacher1")
    job = import_jobs.create(user("teacher1"), "timeline", "en", long_timeline(), slug="killed-line", title="Killed")
    with extra_app(app, JOB_IMMEDIATE=False, JOB_QUEUE_URL=queue_url) as queuing, queuing.app_context():
        jobqueue.enqueue(job.id)
    questions_before = db.session.scalar(select(db.func.count(Question.id)))

    worker = start_worker(database_url, queue_url)
    try:
        wait_for_line(worker, f"import job {job.id}: generating")
    finally:
        stop(worker, signal.SIGKILL)
    db.session.expire_all()
    killed = db.session.get(ImportJob, job.id)
    assert (killed.state, killed.step, killed.attempts) == ("running", "generating", 1)
    assert db.session.scalar(select(Timeline).where(Timeline.slug == "killed-line")) is None
    assert db.session.scalar(select(db.func.count(Question.id))) == questions_before

    worker = start_worker(database_url, queue_url)
    try:
        wait_for_line(worker, "1 interrupted jobs queued again")
        wait_for_line(worker, "run_import", "executed in")
    finally:
        stop(worker, signal.SIGTERM)
    db.session.expire_all()
    finished = db.session.get(ImportJob, job.id)
    assert (finished.state, finished.attempts) == ("done", 2)
    timeline = db.session.scalar(select(Timeline).where(Timeline.slug == "killed-line"))
    assert len(timeline.events) == 2 and finished.result["questions"] > 0
