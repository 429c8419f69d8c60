"""End-to-end: a guest practises, gets a question wrong, sees it come back and the mastery strip change."""
import re

from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from browser_support import problems
from quiz.extensions import db
from quiz.models import Attempt, AttemptItem, Question, ReviewCard, User, question_events
from quiz.services import partial

pytestmark = pytest.mark.browser


def open_items() -> list[AttemptItem]:
    """The items of the open practice session, in order."""
    db.session.expire_all()
    open_attempt = db.session.scalars(select(Attempt).where(Attempt.finished_at.is_(None))).one()
    return list(open_attempt.items)


def answer(page: Page, item: AttemptItem, right: bool) -> None:
    """Answer the item on screen: pick or type the key (or a wrong value); orders go as shown."""
    if item.kind == "date_entry":
        key = partial.parse_date(item.answer)
        typed = key if right else type(key)(key.year - 10, key.month, key.day)
        page.locator("#when").fill(typed.iso())
    elif item.kind != "order":
        choice = item.answer if right else next(c for c in item.choices if c != item.answer)
        page.get_by_role("radio", name=choice, exact=True).check()
    page.get_by_role("button", name="提交答案").click()
    expect(page.locator("#verdict")).to_be_visible()


def cell_level(page: Page, event_id: int) -> str:
    """The colour level of an event on the progress page's strip."""
    page.goto("/progress")
    return page.locator(f"#cell-{event_id}").get_attribute("data-level")


def test_a_wrong_answer_comes_back_and_the_strip_changes(page: Page):
    page.goto("/auth/guest?next=/practice/")
    page.get_by_label("昵称").fill("小练")
    page.get_by_role("button", name="以游客身份继续").click()
    expect(page.get_by_role("heading", name="练习", exact=True)).to_be_visible()
    page.get_by_role("button", name="开始练习").click()
    items = open_items()
    missed = next(i for i in items if i.kind not in ("order",))
    event_id = db.session.scalar(select(question_events.c.event_id).where(
        question_events.c.question_id == missed.question_id))
    assert cell_level(page, event_id) == "new"
    page.goto(f"/attempt/{items[0].attempt_id}")
    for n, item in enumerate(items):
        expect(page.get_by_text(f"第 {n + 1} 题，共 10 题")).to_be_visible()
        answer(page, item, right=item is not missed)
        if item is missed:
            expect(page.locator("#verdict")).to_have_text(re.compile("回答错误"))
        page.get_by_role("link", name="查看成绩" if n == 9 else "下一题").click()
    assert cell_level(page, event_id) in ("weak", "learning")
    page.goto("/practice/")
    expect(page.locator("#due-count")).not_to_have_text("待复习的题目：0 道")
    page.get_by_role("button", name="开始练习").click()
    again = open_items()
    assert missed.question_id in [i.question_id for i in again]
    for n, item in enumerate(again):
        if item.question_id == missed.question_id:
            expect(page.locator("legend.prompt")).to_have_text(missed.prompt)
            answer(page, item, right=True)
            expect(page.locator("#verdict")).to_have_text(re.compile("回答正确"))
            break
        answer(page, item, right=True)
        page.get_by_role("link", name="下一题").click()
    assert cell_level(page, event_id) != "new"


def make_dates_due() -> None:
    """Make month-precision date questions due for the only user, so the session opens with them."""
    user_id = db.session.scalar(select(User.id))
    ids = db.session.scalars(select(Question.id).where(Question.kind == "date_month").order_by(Question.id).limit(10))
    past = datetime.utcnow() - timedelta(days=1)
    db.session.add_all(ReviewCard(user_id=user_id, question_id=q, state=2, stability=3.0, difficulty=5.0,
                                  due=past, last_review=past - timedelta(days=3)) for q in ids)
    db.session.commit()


def visit_practice_pages(page: Page):
    """Yield the practice pages: home, a date to type, partial-credit feedback, result, progress strip."""
    page.goto("/auth/guest?next=/practice/")
    page.get_by_label("昵称").fill("无障碍")
    page.get_by_role("button", name="以游客身份继续").click()
    # Landed on the practice page before reloading it (a reload during the navigation finds no page).
    expect(page.get_by_role("heading", name="练习", exact=True)).to_be_visible()
    make_dates_due()
    page.reload()
    yield "practice"
    page.get_by_role("button", name="开始练习").click()
    expect(page.locator("#when")).to_be_visible()
    yield "date question"
    items = open_items()
    key = partial.parse_date(items[0].answer)
    page.get_by_label(re.compile("年月")).fill(f"{key.year + 1}-{key.month:02d}")
    page.get_by_role("button", name="提交答案").click()
    expect(page.locator("#date-gap")).to_have_text("差 12 个月")
    yield "date feedback"
    for item in items[1:]:
        page.get_by_role("link", name="下一题").click()
        answer(page, item, right=True)
    page.get_by_role("link", name="查看成绩").click()
    expect(page.locator("#back-to-practice")).to_be_visible()
    yield "result"
    page.goto("/progress")
    yield "progress"


def test_practice_pages_pass_axe_and_fit_a_phone(browser, server):
    context = browser.new_context(base_url=server, locale="zh-CN", viewport={"width": 360, "height": 740})
    context.set_default_timeout(10_000)
    page = context.new_page()
    found = {}
    for name in visit_practice_pages(page):
        found[name] = problems(page)
    context.close()
    assert found == {name: [] for name in found}
