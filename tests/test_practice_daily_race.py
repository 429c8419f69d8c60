"""The daily challenge is one attempt per player and day, even when starts race (issue 12, item 9)."""
import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db
from quiz.models import Attempt, Quiz
from quiz.services import practice
from security_support import HttpUser, extra_app, served

STARTS = 20


def race(user: HttpUser, path: str, token: str) -> list[tuple[int, str, str]]:
    """POST the same form from STARTS threads released at once; return every response."""
    results: list = [None] * STARTS
    barrier = threading.Barrier(STARTS)

    def post(i: int) -> None:
        barrier.wait()
        results[i] = user.post(path, {}, token)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(STARTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def daily_attempts() -> list[Attempt]:
    """Every attempt at a daily challenge, as the database holds them."""
    db.session.expire_all()
    return list(db.session.scalars(select(Attempt).join(Quiz).where(Quiz.slug.startswith(practice.DAILY_PREFIX, autoescape=True))))


def test_twenty_parallel_starts_of_the_daily_challenge_create_one_attempt(app):
    with extra_app(app) as other, served(other) as base:
        user = HttpUser(base)
        assert user.post("/auth/guest", {"nickname": "抢跑"})[0] == 302
        token = user.token("/practice/")
        results = race(user, "/practice/daily", token)
        attempts = daily_attempts()
        assert len(attempts) == 1 and attempts[0].daily_on is not None
        assert {status for status, _location, _body in results} == {302}
        assert {location.rsplit("/", 1)[-1] for _status, location, _body in results} == {str(attempts[0].id)}
        # Racing again once it exists: every start resumes it.
        assert len(race(user, "/practice/daily", token)) == STARTS and len(daily_attempts()) == 1


def test_the_database_refuses_a_second_attempt_for_the_same_player_and_day(app, actions):
    actions.guest("两次")
    assert actions.post("/practice/daily", token_from="/practice/").status_code == 302
    first = daily_attempts()[0]
    # A second number, so only the (player, day) constraint can refuse it.
    db.session.add(Attempt(user_id=first.user_id, quiz_id=first.quiz_id, total=1, daily_on=first.daily_on, number=2))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 1
