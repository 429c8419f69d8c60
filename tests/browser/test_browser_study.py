"""Study modes in a real browser: the timeline to scale, flashcards by keyboard, the placement game by
mouse and keyboard, and axe on every page at desktop and phone widths."""
import re

import pytest
from playwright.sync_api import Page, expect

from browser_support import problems, sideways_scroll, violations

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def continue_as_guest(page: Page, path: str, nickname: str) -> None:
    """Open a study page as a visitor and go on as a guest from its offer."""
    page.goto(path)
    page.get_by_label("昵称").fill(nickname)
    page.get_by_role("button", name="以游客身份继续").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    page.wait_for_load_state()  # the page's script is in place before any key is pressed


def box(page: Page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_the_timeline_is_drawn_across_the_screen_to_scale_and_read_by_keyboard(page: Page):
    page.goto("/timeline/alipay")
    expect(page.locator("#timeline-track")).to_have_class(re.compile("scaled-h"))
    first, last = box(page, ".tl-event >> nth=0"), box(page, ".tl-event >> nth=-1")
    assert last["x"] - first["x"] > 1000  # fifteen years across a wide, scrollable axis
    page.locator(".tl-event summary").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    second = page.locator(".tl-event").nth(1)
    expect(second.locator("summary")).to_be_focused()
    expect(second.locator(".tl-body")).to_be_visible()
    page.keyboard.press("End")
    expect(page.locator(".tl-event summary").last).to_be_focused()


def test_a_feedback_link_opens_the_event_on_the_timeline(page: Page):
    page.goto("/timeline/alipay#event-7")
    event = page.locator("#event-7")
    expect(event.locator(".tl-body")).to_be_visible()
    expect(event.locator("summary")).to_be_focused()


def test_the_era_filter_keeps_only_that_eras_events(page: Page):
    page.goto("/timeline/alipay")
    everything = page.locator(".tl-event").count()
    page.get_by_role("navigation", name="时期").get_by_role("link").nth(1).click()
    expect(page.locator(".tl-event")).not_to_have_count(everything)
    assert 0 < page.locator(".tl-event").count() < everything


def test_on_a_phone_the_timeline_runs_down_the_page(browser, server):
    context = browser.new_context(base_url=server, locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    page.goto("/timeline/alipay")
    expect(page.locator("#timeline-track")).to_have_class(re.compile("scaled-v"))
    tops = [page.locator(".tl-event").nth(i).bounding_box()["y"] for i in range(5)]
    assert tops == sorted(tops)
    assert sideways_scroll(page) == 0
    context.close()


def test_flashcards_flip_and_grade_from_the_keyboard_and_the_mouse(page: Page):
    continue_as_guest(page, "/timeline/alipay/cards", "卡片迷")
    expect(page.get_by_text("第 1 张，共 20 张")).to_be_visible()
    expect(page.locator("#card-back")).to_have_count(0)
    page.keyboard.press(" ")
    expect(page.locator("#card-back")).to_be_visible()
    page.wait_for_load_state()
    page.keyboard.press("2")
    expect(page.get_by_text("第 2 张，共 20 张")).to_be_visible()
    page.wait_for_load_state()
    page.get_by_role("link", name=re.compile("显示答案")).click()
    page.get_by_role("button", name=re.compile("没记住")).click()
    expect(page.get_by_text("第 3 张，共 20 张")).to_be_visible()


def test_the_placement_game_by_mouse_then_keyboard_to_the_end(page: Page):
    continue_as_guest(page, "/timeline/alipay/place", "排位手")
    page.get_by_role("button", name="开始今天的游戏").click()
    status = page.locator("#game-status")
    expect(status).to_contain_text("第 1 张")
    page.locator("#drawn-card").drag_to(page.locator(".gap").first)
    expect(status).to_contain_text("第 2 张")
    page.wait_for_load_state()
    page.locator(".gap-button").first.focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".gap-button").nth(1)).to_be_focused()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("第 3 张")
    for _ in range(40):  # always the first gap: three misses end the game well before the deck does
        if page.get_by_role("heading", name=re.compile("游戏结束")).count():
            break
        with page.expect_navigation():  # look for the end on the page the move led to, not the one left
            page.locator(".gap-button").first.click()
    expect(page.get_by_role("heading", name=re.compile("游戏结束"))).to_be_visible()
    expect(page.locator("table.board")).to_contain_text("排位手")
    expect(page.get_by_text(re.compile("你的最好成绩"))).to_be_visible()


def visit_study_pages(page: Page):
    """Yield every study page state, for a visitor then a guest."""
    page.goto("/timeline/alipay")
    yield "timeline"
    page.goto("/timeline/alipay/cards")
    yield "cards, visitor"
    continue_as_guest(page, "/timeline/alipay/cards", "无障碍")
    yield "card front"
    with page.expect_navigation():  # yield the new page, not the one being left
        page.get_by_role("link", name=re.compile("显示答案")).click()
    yield "card back"
    page.goto("/timeline/alipay/place")
    yield "place, before a game"
    with page.expect_navigation():
        page.get_by_role("button", name="开始今天的游戏").click()
    with page.expect_navigation():
        page.locator(".gap-button").first.click()
    yield "place, in a game"


def pill_markers(page: Page) -> set[str]:
    """The list markers of the study-mode and era pills (each item's computed list-style-type)."""
    return set(page.evaluate(
        "[...document.querySelectorAll('ul.tabs > li')].map(li => getComputedStyle(li).listStyleType)"))


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280", "360"])
def test_study_pages_have_no_axe_violations_and_fit_the_screen(browser, server, viewport):
    """No axe violation, nothing wider than the screen, and no stray bullet beside the pills."""
    context = browser.new_context(base_url=server, locale="zh-CN", viewport=viewport)
    page = context.new_page()
    found = {name: (problems(page), pill_markers(page)) for name in visit_study_pages(page)}
    context.close()
    assert found == {name: ([], {"none"}) for name in found}


def test_the_timeline_in_english_has_no_axe_violations(browser, server):
    context = browser.new_context(base_url=server, locale="en-US")
    page = context.new_page()
    page.goto("/timeline/alipay")
    expect(page.get_by_role("navigation", name="Study modes")).to_be_visible()
    assert violations(page) == []
    context.close()
