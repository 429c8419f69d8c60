"""Accessibility and phone-width checks on the pages people use, in a real browser."""
import re

import pytest
from playwright.sync_api import Page, expect

from browser_support import WIDTHS, answer_current, new_page, play_as_guest, problems, violations
from helpers import fixed_quiz

pytestmark = pytest.mark.browser


def visit_play_pages(page: Page):
    """Yield the main pages of a guest's quiz, one after another."""
    page.goto("/")
    yield "home"
    page.get_by_role("link", name=re.compile("快速十题")).click()
    expect(page).to_have_url(re.compile(r"/quiz/alipay-quick$"))
    yield "quiz"
    play_as_guest(page, "无障碍")
    yield "question"
    answer_current(page)
    yield "feedback"
    page.goto("/progress")
    yield "progress"
    page.goto("/attempts")
    yield "attempts"
    page.goto("/auth/signup")
    yield "signup"


@pytest.mark.parametrize("width", WIDTHS)
def test_play_pages_pass_axe_and_fit_the_screen(browser, server, width):
    page = new_page(browser, server, width)
    found = {name: problems(page) for name in visit_play_pages(page)}
    page.context.close()
    assert found == {name: [] for name in found}


def test_order_question_page_has_no_axe_violations(page: Page):
    fixed_quiz("order-a11y", ["order"])
    play_as_guest(page, "排序", slug="order-a11y")
    expect(page.locator("#order-list")).to_be_visible()
    assert violations(page) == []
