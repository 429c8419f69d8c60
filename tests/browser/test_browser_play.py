"""End-to-end: people clicking through quizzes in headless Chromium."""
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from browser_support import answer_current, play_as_guest, sign_up
from helpers import attempt, fixed_quiz, item_at
from quiz.extensions import db
from quiz.models import Attempt

pytestmark = pytest.mark.browser


def current_attempt() -> Attempt:
    """The only attempt in the database."""
    db.session.expire_all()
    return db.session.scalars(select(Attempt)).one()


def test_guest_plays_a_whole_quiz(page: Page):
    play_as_guest(page)
    for n in range(1, 11):
        expect(page.get_by_text(f"第 {n} 题，共 10 题")).to_be_visible()
        answer_current(page)
        if n < 10:  # keys and explanations wait for the end of the attempt
            expect(page.locator("#reveal-note")).to_be_visible()
            expect(page.locator(".explanation")).to_have_count(0)
        else:
            expect(page.locator(".explanation")).not_to_be_empty()
        page.get_by_role("link", name="查看成绩" if n == 10 else "下一题").click()
    done = current_attempt()
    score = f"{done.score:g}"
    expect(page.locator("#score")).to_have_text(f"你得了 {score} 分，满分 10 分。")
    expect(page.locator("table.review tbody tr")).to_have_count(10)


def test_student_signs_up_and_plays(page: Page):
    sign_up(page, "xiaoli", "小李", "a long enough passphrase")
    page.get_by_role("link", name=re.compile("快速十题")).click()
    page.get_by_role("button", name="开始测验").click()
    answer_current(page)
    assert current_attempt().user.username == "xiaoli"
    assert current_attempt().answered == 1


def test_signed_in_student_resumes_after_browser_restart(page: Page, browser, server):
    sign_up(page, "wangwu", "王五", "another long passphrase")
    page.goto("/quiz/alipay-quick")
    page.get_by_role("button", name="开始测验").click()
    for _ in range(3):
        answer_current(page)
        page.get_by_role("link", name="下一题").click()
    # A browser restart keeps only cookies with an expiry date.
    kept = [c for c in page.context.cookies() if c.get("expires", -1) > 0]
    page.context.close()
    restarted = browser.new_context(base_url=server, locale="zh-CN")
    restarted.add_cookies(kept)
    again = restarted.new_page()
    again.goto("/")
    again.get_by_role("link", name="继续（第 4 题，共 10 题）").click()
    expect(again.get_by_text("第 4 题，共 10 题")).to_be_visible()
    restarted.close()


def test_order_question_answered_by_keyboard(page: Page):
    fixed_quiz("order-keyboard", ["order"])
    play_as_guest(page, slug="order-keyboard")
    item = item_at(current_attempt().id, 0)
    for wanted_index, text in enumerate(item.answer):
        # Move each event up to its place, pressing the keyboard on its "move up" button.
        while True:
            texts = page.locator(".order-text").all_inner_texts()
            at = texts.index(text)
            if at == wanted_index:
                break
            button = page.locator(".order-item").nth(at).locator(".move-up")
            button.focus()
            page.keyboard.press("Enter")
            expect(page.locator(".order-item").nth(at - 1).locator(".move-up")).to_be_focused()
    page.keyboard.press("Tab")
    page.get_by_role("button", name="提交答案").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="✔ 回答正确！")).to_be_visible()
    assert attempt(current_attempt().id).score == 1


def test_order_question_answered_by_drag_and_drop(page: Page):
    fixed_quiz("order-drag", ["order"])
    play_as_guest(page, slug="order-drag")
    item = item_at(current_attempt().id, 0)
    for wanted_index, text in enumerate(item.answer):
        at = page.locator(".order-text").all_inner_texts().index(text)
        if at != wanted_index:
            page.locator(".order-item").nth(at).drag_to(page.locator(".order-item").nth(wanted_index),
                                                        target_position={"x": 10, "y": 2})
        expect(page.locator(".order-text").nth(wanted_index)).to_have_text(text)
    page.get_by_role("button", name="提交答案").click()
    expect(page.get_by_role("heading", name="✔ 回答正确！")).to_be_visible()


def test_language_switch_sticks(page: Page):
    page.goto("/")
    expect(page.get_by_role("heading", name="选择一个测验")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Choose a quiz")).to_be_visible()
    page.goto("/auth/login")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="中文").click()
    expect(page.get_by_role("heading", name="登录")).to_be_visible()


def test_english_browser_gets_english_by_default(browser, server):
    context = browser.new_context(base_url=server, locale="en-US")
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("heading", name="Choose a quiz")).to_be_visible()
    context.close()
