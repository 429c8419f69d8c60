"""Parallel and replayed answers against a real threaded server: stored and scored once
(RELIABILITY rows 3, 4 and 19)."""
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from helpers import answer_form, attempt, item_at
from quiz.extensions import db
from quiz.models import Answer
from security_support import HttpUser, row_counts, served


def parallel(calls: list, workers: int) -> list:
    """Run the calls at the same moment from `workers` threads; return their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, calls))


def test_twenty_parallel_submissions_of_one_answer_are_stored_and_scored_once(app):
    with served(app) as base:
        user = HttpUser(base)
        attempt_id = user.guest_attempt()
        token = user.token(f"/attempt/{attempt_id}")
        form = {"csrf_token": token, **answer_form(item_at(attempt_id, 0), right=True)}
        results = parallel([lambda: user.request(f"/attempt/{attempt_id}/answer", form)] * 20, workers=20)
    statuses = [status for status, _location, _body in results]
    assert set(statuses) <= {302, 409}, statuses
    assert all(location.endswith(f"/attempt/{attempt_id}/feedback/0") for status, location, _ in results if status == 302)
    assert row_counts()["answers"] == 1 and row_counts()["progress"] == 1
    done = attempt(attempt_id)
    assert (done.score, done.answered) == (1, 1)


def play_through(base: str, nickname: str, answers: int) -> list[int]:
    """One student answering question after question; return the status codes."""
    user = HttpUser(base)
    attempt_id = user.guest_attempt(nickname)
    return [user.request(f"/attempt/{attempt_id}/answer", user.any_answer(attempt_id))[0] for _ in range(answers)]


def test_sixteen_students_answering_at_once_get_no_errors(app):
    """Concurrent writers (SQLite: WAL and busy_timeout) never see 'database is locked'."""
    with served(app) as base:
        calls = [lambda n=n: play_through(base, f"学生{n}", 5) for n in range(16)]
        results = parallel(calls, workers=16)
    assert all(statuses == [302] * 5 for statuses in results), results
    assert row_counts()["answers"] == 16 * 5


def answered_first_two(actions) -> tuple[int, dict]:
    """Answer questions 1 (right) and 2; return the attempt and the stale form of question 1."""
    actions.guest()
    attempt_id = actions.start()
    first = answer_form(item_at(attempt_id, 0), right=True)
    token_page = f"/attempt/{attempt_id}"
    assert actions.post(f"/attempt/{attempt_id}/answer", first, token_from=token_page).status_code == 302
    assert actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 1))).status_code == 302
    return attempt_id, first


def stored_answers(attempt_id: int) -> list[tuple]:
    """The stored answers of an attempt, as the database holds them."""
    db.session.expire_all()
    rows = db.session.scalars(select(Answer).where(Answer.attempt_id == attempt_id).order_by(Answer.id))
    return [(r.question_id, r.given, r.correct, r.points) for r in rows]


def test_stale_tab_changing_an_earlier_answer_is_refused(actions):
    attempt_id, first = answered_first_two(actions)
    before, score = stored_answers(attempt_id), attempt(attempt_id).score
    changed = answer_form(item_at(attempt_id, 0), right=False)
    assert actions.post(f"/attempt/{attempt_id}/answer", changed).status_code == 409
    assert actions.post(f"/attempt/{attempt_id}/answer", first).status_code == 302  # same answer: idempotent
    assert stored_answers(attempt_id) == before and attempt(attempt_id).score == score


def test_form_for_a_later_question_is_out_of_sequence(actions):
    actions.guest()
    attempt_id = actions.start()
    response = actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 3)))
    assert response.status_code == 409
    assert row_counts()["answers"] == 0


def test_replay_after_the_attempt_is_finished_is_refused(actions):
    actions.guest()
    attempt_id = actions.start()
    forms = [answer_form(item_at(attempt_id, p), right=True) for p in range(attempt(attempt_id).total)]
    for form in forms:
        assert actions.post(f"/attempt/{attempt_id}/answer", form).status_code == 302
    before = stored_answers(attempt_id)
    assert attempt(attempt_id).is_finished
    for form in (forms[0], forms[-1], answer_form(item_at(attempt_id, 0), right=False)):
        assert actions.post(f"/attempt/{attempt_id}/answer", form).status_code == 409
    assert stored_answers(attempt_id) == before and attempt(attempt_id).score == len(forms)
