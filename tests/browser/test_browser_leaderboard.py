"""End-to-end: finish a quiz in Chromium and find yourself, with your rank, on its leaderboard."""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from browser_support import sideways_scroll, violations
from helpers import fixed_quiz
from leaderboard_support import finish, player

pytestmark = pytest.mark.browser


def test_player_finishes_a_quiz_and_sees_their_rank(page: Page):
    fixed_quiz("board-two", ["fact", "date_year"])
    finish(player("领先者"), 3, 5, slug="board-two", total=3, ago=timedelta(hours=1))  # more than 2 can score
    page.goto("/quiz/board-two")
    page.get_by_label("昵称").fill("小冠军")
    page.get_by_role("button", name="以游客身份继续").click()
    page.get_by_role("button", name="开始测验").click()
    for n in range(2):
        page.get_by_role("radio").first.check()
        page.get_by_role("button", name="提交答案").click()
        page.get_by_role("link", name="查看成绩" if n == 1 else "下一题").click()
    page.get_by_role("link", name="查看排行榜").click()
    expect(page.get_by_role("heading", name=re.compile("排行榜"))).to_be_visible()
    mine = page.locator("table.board tr.me")
    expect(mine).to_contain_text("小冠军")
    expect(mine.locator("td.rank")).to_have_text("2")
    expect(page.locator("table.board tbody tr").first).to_contain_text("领先者")
    expect(page.get_by_text("得分和用时都相同者名次并列")).to_be_visible()
    assert violations(page) == []
    page.get_by_role("link", name="排行榜", exact=True).click()
    expect(page.locator("table.board tr.me")).to_contain_text("小冠军")
    page.set_viewport_size({"width": 360, "height": 740})
    assert sideways_scroll(page) == 0
    page.goto("/leaderboard/privacy")
    page.get_by_label("在公开排行榜上隐藏我").check()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("你已在公开排行榜上隐藏。")).to_be_visible()
    assert violations(page) == []
