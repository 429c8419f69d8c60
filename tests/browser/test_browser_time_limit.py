"""Timed quizzes in a real browser: at 0:00 the page sends what is chosen, or finishes the attempt."""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from browser_support import WIDTHS, play_as_guest, problems
from helpers import fixed_quiz
from quiz.base import now_utc
from quiz.models import Answer
from quiz.extensions import db
from quiz.services import answering, play

pytestmark = pytest.mark.browser
LIMIT = 60


@pytest.fixture
def timed_quiz(app, monkeypatch):
    """A two-question quiz limited to a minute, and a function moving the server's and the page's clocks."""
    quiz = fixed_quiz("timed", ["fact"], per_kind=2)
    quiz.time_limit = LIMIT
    db.session.commit()

    def move(page: Page, seconds: int, page_too: bool = True) -> None:
        for module in (play, answering):
            monkeypatch.setattr(module, "now_utc", lambda: now_utc() + timedelta(seconds=seconds))
        if page_too:  # else the page's timer has not run out (a tab that slept, say)
            page.clock.fast_forward(seconds * 1000)
    return move


def start_timed(page: Page, width: str) -> None:
    """Install the page's fake clock, then start the timed quiz as a guest on a phone's or a desktop's screen."""
    page.set_viewport_size(WIDTHS[width])
    page.clock.install()
    play_as_guest(page, "计时", slug="timed")
    page.wait_for_load_state()  # timer.js (deferred) fixes its deadline when it runs: before the clock moves
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"[01]:\d\d"))


@pytest.mark.parametrize("width", WIDTHS)
def test_at_zero_with_nothing_chosen_the_attempt_finishes_and_shows_the_result(page: Page, timed_quiz, width):
    start_timed(page, width)
    timed_quiz(page, LIMIT)
    expect(page).to_have_url(re.compile(r"/attempt/\d+/result$"))
    expect(page.locator("#time-up")).to_be_visible()
    assert problems(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_at_zero_the_chosen_answer_is_sent_and_the_result_is_one_click_away(page: Page, timed_quiz, width):
    start_timed(page, width)
    page.get_by_role("radio").first.check()
    timed_quiz(page, LIMIT)
    expect(page.get_by_role("heading", name=re.compile("回答正确|回答错误|答案已保存"))).to_be_visible()
    page.get_by_role("button", name="查看成绩").click()
    expect(page).to_have_url(re.compile(r"/attempt/\d+/result$"))
    expect(page.locator("#time-up")).to_be_visible()
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 1  # the chosen answer counted


@pytest.mark.parametrize("width", WIDTHS)
def test_an_answer_sent_after_the_time_gets_a_409_page_one_click_from_the_result(page: Page, timed_quiz, width):
    start_timed(page, width)
    page.get_by_role("radio").first.check()
    timed_quiz(page, LIMIT + 10, page_too=False)
    with page.expect_response(re.compile(r"/answer$")) as sent:
        page.get_by_role("button", name="提交答案").click()
    assert sent.value.status == 409
    expect(page.get_by_role("heading", name="时间到")).to_be_visible()
    assert problems(page) == []
    page.get_by_role("link", name="查看成绩").click()
    expect(page).to_have_url(re.compile(r"/attempt/\d+/result$"))
    expect(page.locator("#time-up")).to_be_visible()
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0  # the late answer did not count
