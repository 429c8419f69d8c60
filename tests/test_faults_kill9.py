"""kill -9 of a real gunicorn (master and workers) in the middle of a quiz under load: after a
restart every answer that got a success response is stored and the student resumes
(RELIABILITY row 17)."""
import subprocess
import threading
import time

import pytest
from sqlalchemy import func, select, text

from quiz.extensions import db
from quiz.models import Answer, Attempt, AttemptItem
from security_support import QUESTION_RE, HttpUser
from server_support import CONNECTION_ERRORS, free_port, kill_all, running, server_env, start_gunicorn, wait_until_up

STUDENTS, PAUSE = 4, 0.05


def answer_until_killed(user: HttpUser, attempt_id: int, log: list) -> None:
    """Answer question after question, logging each success, until the server dies."""
    try:
        for _ in range(10):
            form = user.any_answer(attempt_id)
            status, location, _body = user.request(f"/attempt/{attempt_id}/answer", form, timeout=10)
            if status == 302 and "/feedback/" in location:
                log.append((attempt_id, int(form["position"])))
            time.sleep(PAUSE)
    except CONNECTION_ERRORS:
        return


def load_then_kill(server: subprocess.Popen, base: str) -> tuple[list, list[tuple[HttpUser, int]]]:
    """Students answer in parallel; kill -9 the server part-way; return the success log and students."""
    students = [HttpUser(base) for _ in range(STUDENTS)]
    attempts = [(user, user.guest_attempt(f"崩溃{n}")) for n, user in enumerate(students)]
    log: list = []
    threads = [threading.Thread(target=answer_until_killed, args=(u, a, log)) for u, a in attempts]
    for thread in threads:
        thread.start()
    while len(log) < STUDENTS * 4 and any(t.is_alive() for t in threads):
        time.sleep(0.01)
    kill_all(server)
    for thread in threads:
        thread.join(timeout=30)
    return log, attempts


def stored_positions(attempt_id: int) -> set[int]:
    """Positions of the attempt's questions that have an answer row."""
    rows = db.session.scalars(select(AttemptItem.position).join(Answer, Answer.item_id == AttemptItem.id)
                              .where(AttemptItem.attempt_id == attempt_id))
    return set(rows)


def assert_consistent(attempt_id: int) -> int:
    """No partial rows: the attempt's counters match its answer rows. Return the answered count."""
    record = db.session.get(Attempt, attempt_id)
    rows = db.session.scalar(select(func.count()).select_from(Answer).where(Answer.attempt_id == attempt_id))
    points = db.session.scalar(select(func.coalesce(func.sum(Answer.points), 0)).where(Answer.attempt_id == attempt_id))
    assert record.answered == rows and record.score == points
    assert stored_positions(attempt_id) == set(range(rows))  # answered in order, no gaps
    return rows


@pytest.mark.slow
def test_kill_9_mid_quiz_loses_no_acknowledged_answer(app, database_url):
    # The `seeded` fixture ran what `flask setup` runs (setup_database) on this database: migrated, the bundled
    # quizzes loaded. The first server has 2 workers, so answers are written from two processes when it dies.
    env = server_env(database_url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running(start_gunicorn(env, port, workers=2)) as server:
        wait_until_up(server, base)
        log, attempts = load_then_kill(server, base)
    assert log, "no answer was acknowledged before the kill"
    # Restart at once; what the crash left in the database is checked while the new server boots.
    with running(start_gunicorn(env, port, workers=1)) as restarted:
        db.session.expire_all()
        for attempt_id, position in log:
            assert position in stored_positions(attempt_id), (attempt_id, position)
        if database_url.startswith("sqlite"):
            assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        answered = {attempt_id: assert_consistent(attempt_id) for _user, attempt_id in attempts}
        assert any(count < 10 for count in answered.values()), "the kill came after every student had finished"
        wait_until_up(restarted, base)
        for user, attempt_id in attempts:
            if answered[attempt_id] < 10:
                page = user.request(f"/attempt/{attempt_id}")[2]
                assert QUESTION_RE.search(page).group(1) == str(answered[attempt_id] + 1)
