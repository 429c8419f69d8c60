"""Timed quizzes: the server's clock decides; late answers are refused and the attempt is finished."""
import re
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import func, select

from helpers import answer_form, attempt, fixed_quiz, item_at
from quiz.extensions import db
from quiz.models import Answer, Standing
from quiz.services import answering, play

LIMIT = 60  # seconds


@pytest.fixture
def clock():
    """Move every clock of the process (time-machine) to a number of seconds after the test began."""
    began = datetime.now(timezone.utc)
    travels: list[time_machine.travel] = []

    def move(seconds: float) -> None:
        if travels:
            travels.pop().stop()
        travels.append(time_machine.travel(began + timedelta(seconds=seconds), tick=True))
        travels[-1].start()

    yield move
    for travel in travels:
        travel.stop()


@pytest.fixture
def timed(app, actions):
    """A signed-in guest with a started attempt at a two-question quiz limited to one minute."""
    quiz = fixed_quiz("timed", ["fact"], per_kind=2)
    quiz.time_limit = LIMIT
    db.session.commit()
    actions.guest("计时")
    return actions.start("timed")


def post_answer(actions, attempt_id: int, position: int):
    """Answer the question at `position` correctly."""
    return actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, position)),
                        token_from="/")


def test_question_page_shows_the_time_left_from_the_server(client, timed, clock):
    clock(20)
    html = client.get(f"/attempt/{timed}").get_data(as_text=True)
    left = int(re.search(r'id="time-left" data-seconds="(\d+)"', html).group(1))
    assert 38 <= left <= 40 and "js/timer.js" in html


def test_answer_within_the_grace_counts(actions, timed, clock):
    clock(LIMIT + play.GRACE_SECONDS - 2)
    assert post_answer(actions, timed, 0).status_code == 302
    assert attempt(timed).score == 1 and not attempt(timed).is_finished


def test_late_answer_is_refused_and_the_attempt_finished_at_the_limit(actions, timed, clock):
    assert post_answer(actions, timed, 0).status_code == 302
    clock(LIMIT + play.GRACE_SECONDS + 1)
    response = post_answer(actions, timed, 1)
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "时间到" in page
    assert f'href="/attempt/{timed}/result"' in page  # the result is one click away
    done = attempt(timed)
    assert done.is_finished and done.seconds == LIMIT and (done.score, done.answered, done.total) == (1, 1, 2)
    assert db.session.scalar(select(func.count()).select_from(Answer).where(Answer.attempt_id == timed)) == 1
    board = db.session.scalar(select(Standing).where(Standing.attempt_id == timed, Standing.period == "all"))
    assert (board.score, board.seconds) == (1, LIMIT)


def test_opening_an_expired_attempt_finishes_it_and_shows_the_result(client, timed, clock):
    clock(LIMIT * 3)
    response = client.get(f"/attempt/{timed}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/attempt/{timed}/result")
    assert attempt(timed).is_finished and attempt(timed).score == 0
    assert 'id="time-up"' in client.get(f"/attempt/{timed}/result").get_data(as_text=True)


def test_a_timed_out_attempt_sends_its_feedback_and_question_pages_to_the_result(actions, client, timed, clock):
    assert post_answer(actions, timed, 0).status_code == 302
    clock(LIMIT * 3)
    client.get(f"/attempt/{timed}")  # finishes it, one question unanswered
    feedback = client.get(f"/attempt/{timed}/feedback/0").get_data(as_text=True)
    assert f'href="/attempt/{timed}/result"' in feedback and f'href="/attempt/{timed}"' not in feedback
    again = client.get(f"/attempt/{timed}")
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/attempt/{timed}/result")


def test_an_answer_read_just_before_another_request_timed_the_attempt_out_does_not_count(client, timed, clock):
    slot = answering.read_slot(timed, 0).slot  # the answer request has checked the attempt: open, in time
    clock(LIMIT * 3)
    client.get(f"/attempt/{timed}")  # meanwhile another request times it out and records the standing
    clock(0)
    with pytest.raises(play.AttemptClosed):
        answering.submit(slot, [answer_form(item_at(timed, 0))["choice"]])
    done = attempt(timed)
    assert done.is_finished and (done.score, done.answered) == (0, 0)
    assert db.session.scalar(select(func.count()).select_from(Answer).where(Answer.attempt_id == timed)) == 0
    board = db.session.scalar(select(Standing).where(Standing.attempt_id == timed, Standing.period == "all"))
    assert board.score == 0


def test_time_up_request_before_the_deadline_changes_nothing(actions, timed, clock):
    clock(LIMIT - 5)
    response = actions.post(f"/attempt/{timed}/time-up", token_from=f"/attempt/{timed}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/attempt/{timed}")
    assert not attempt(timed).is_finished


def test_time_up_request_at_zero_finishes_the_attempt_and_opens_the_result(actions, client, timed, clock):
    html = client.get(f"/attempt/{timed}").get_data(as_text=True)
    assert 'id="time-up-form"' in html and f'action="/attempt/{timed}/time-up"' in html
    assert post_answer(actions, timed, 0).status_code == 302
    clock(LIMIT - 0.5)  # the page shows 0:00 for the last second
    feedback = client.get(f"/attempt/{timed}/feedback/0").get_data(as_text=True)
    assert f'action="/attempt/{timed}/time-up"' in feedback and f'href="/attempt/{timed}"' not in feedback
    response = actions.post(f"/attempt/{timed}/time-up", token_from=f"/attempt/{timed}/feedback/0")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/attempt/{timed}/result")
    done = attempt(timed)
    assert done.is_finished and (done.score, done.answered, done.total) == (1, 1, 2) and done.seconds == LIMIT


def test_time_up_needs_the_form_token_and_the_own_attempt(app, client, actions, timed, clock):
    clock(LIMIT + 1)
    assert client.post(f"/attempt/{timed}/time-up").status_code == 400
    stranger = type(actions)(app.test_client())
    stranger.guest("路人")
    assert stranger.post(f"/attempt/{timed}/time-up").status_code == 404
    assert not attempt(timed).is_finished
