"""A whole live game in real Chromium: a host and three players, each in their own browser context,
with axe run on the host, join/lobby and player pages at 1280 and 360 px."""
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from browser_support import problems, sign_in_quickly
from helpers import fixed_quiz
from live_support import KINDS
from quiz.extensions import db
from quiz.models import LiveGame, LiveQuestion
from quiz.services import accounts
from teach_helpers import PASSWORD

pytestmark = pytest.mark.browser
WIDTHS = (1280, 360)


def axe_problems(page: Page) -> list[str]:
    """Axe violations and sideways scrolling at each width, named by width."""
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        found += [f"{width}: {problem}" for problem in problems(page)]
    return found


def new_page(browser, server, width: int = 1280) -> Page:
    """A page in its own browser context (its own cookies), as another device would be."""
    context = browser.new_context(base_url=server, locale="zh-CN", viewport={"width": width, "height": 800})
    context.set_default_timeout(15_000)
    return context.new_page()


def host_signs_in_and_starts(page: Page) -> str:
    """The teacher signs in, opens the quiz and hosts it; return the PIN on the projector."""
    sign_in_quickly(page, "laoshi", PASSWORD)
    page.goto("/quiz/live-quiz")
    page.get_by_role("button", name="主持现场游戏").click()
    expect(page.get_by_role("heading", name=re.compile("玩家"))).to_be_visible()
    return page.locator(".live-pin").inner_text().strip()


def player_joins(page: Page, pin: str, nickname: str) -> None:
    """A phone opens the join link, types a nickname and lands in the lobby."""
    page.goto(f"/live/join?pin={pin}")
    page.get_by_label("昵称").fill(nickname)
    page.get_by_role("button", name="加入", exact=True).click()
    expect(page.get_by_text("你已加入！请等待主持人开始。")).to_be_visible()


def answer(page: Page, question: LiveQuestion, right: bool) -> None:
    """Tap the right (or a wrong) option; an ordering is tapped item by item."""
    if question.kind == "order":
        items = question.answer if right else list(reversed(question.answer))
        for item in items:
            page.get_by_role("button", name=item, exact=False).click()
    else:
        choice = question.answer if right else next(c for c in question.choices if c != question.answer)
        page.get_by_role("button", name=choice).click()
    # Locked in; the last player's answer closes the question, so the result may already show.
    expect(page.get_by_text(re.compile("答案已锁定，请等待其他人…|回答正确！|部分正确|这次没答对"))).to_be_visible()


def test_a_host_and_three_players_play_a_whole_game(browser, server):
    teacher = accounts.sign_up("laoshi", "王老师", PASSWORD)
    teacher.role = "teacher"
    db.session.commit()
    fixed_quiz("live-quiz", KINDS)
    host = new_page(browser, server)
    pin = host_signs_in_and_starts(host)
    problems = {"host lobby": axe_problems(host)}
    host.set_viewport_size({"width": 1280, "height": 800})

    phones = {name: new_page(browser, server, 360) for name in ("小明", "小红", "小刚")}
    phones["小明"].goto(f"/live/join?pin={pin}")
    problems["join"] = axe_problems(phones["小明"])
    for name, phone in phones.items():
        player_joins(phone, pin, name)
    problems["player lobby"] = axe_problems(phones["小明"])
    for name in phones:
        expect(host.locator("#live-players")).to_contain_text(name)

    game = db.session.scalar(select(LiveGame).where(LiveGame.pin == pin))
    host.get_by_role("button", name="开始游戏").click()
    for position in range(game.total):
        db.session.expire_all()
        question = db.session.scalar(select(LiveQuestion).where(LiveQuestion.game_id == game.id,
                                                                LiveQuestion.position == position))
        expect(host.get_by_role("heading", name=question.prompt)).to_be_visible()
        if position == 0:
            problems["host question"] = axe_problems(host)
            problems["player question"] = axe_problems(phones["小明"])
            phones["小明"].set_viewport_size({"width": 360, "height": 800})
        answer(phones["小明"], question, right=True)
        answer(phones["小红"], question, right=position != 1)
        answer(phones["小刚"], question, right=False)
        # Everyone answered: the projector shows the answer without waiting for the countdown.
        expect(host.get_by_role("heading", name="前五名")).to_be_visible()
        expect(phones["小明"].get_by_text(re.compile(r"第 1 名"))).to_be_visible()
        expect(phones["小刚"].get_by_text(re.compile("这次没答对|部分正确"))).to_be_visible()
        if position == 0:
            problems["host reveal"] = axe_problems(host)
            problems["player result"] = axe_problems(phones["小明"])
        if position + 1 < game.total:
            host.get_by_role("button", name="下一题").click()
    host.get_by_role("button", name="结束游戏").click()
    expect(host.get_by_role("heading", name="颁奖台")).to_be_visible()
    expect(host.locator(".live-podium li").first).to_contain_text("小明")
    expect(phones["小明"].get_by_text(re.compile(r"游戏结束。你以 \d+ 分获得第 1 名。"))).to_be_visible()
    problems["podium"] = axe_problems(host)
    assert {page: found for page, found in problems.items() if found} == {}
