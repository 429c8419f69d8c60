"""Issue 13 in a real browser, at 1280 and 360 px: an admin's invites, a class's results worth
looking at (flags from five answers, charts that fit, the gradebook), the class board, and a
student's view of the quiz's settings before Start."""
import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

from browser_support import WIDTHS, new_page, problems, sign_in_quickly
from helpers import Actions, answer_form, item_at
from leaderboard_support import finish
from quiz.extensions import db
from quiz.services import accounts, classes, invites
from teach_helpers import PASSWORD, class_with, custom_question, teacher_quiz

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", WIDTHS)
def test_admin_invites_a_teacher_then_revokes_the_code(browser, server, width):
    invites.create_admin("boss", PASSWORD)
    page = new_page(browser, server, width)
    sign_in_quickly(page, "boss", PASSWORD)
    if width == "phone":
        page.get_by_role("button", name="菜单").click()
    page.get_by_role("link", name="管理", exact=True).click()
    expect(page.get_by_role("heading", name="邀请码", exact=True)).to_be_visible()
    page.get_by_role("button", name="生成邀请码").click()
    code = page.locator("td code").first.inner_text()
    expect(page.get_by_text(f"新邀请码：{code}")).to_be_visible()
    assert problems(page) == []

    teacher = new_page(browser, server, width)
    teacher.goto("/auth/teacher-signup")
    teacher.get_by_label("邀请码").fill(code)
    teacher.get_by_label("登录名").fill("laoshi")
    teacher.get_by_label("昵称").fill("王老师")
    teacher.get_by_label("密码", exact=True).fill(PASSWORD)
    teacher.get_by_label("再次输入密码").fill(PASSWORD)
    teacher.get_by_role("button", name=re.compile("创建")).click()
    expect(teacher.get_by_role("heading", name="教学", exact=True)).to_be_visible()
    teacher.context.close()

    with page.expect_navigation():  # read the new list, not the one on screen (which starts with the old code)
        page.get_by_role("button", name="生成邀请码").click()
    fresh = page.locator("td code").first.inner_text()
    page.get_by_role("button", name=f"作废 {fresh}").click()
    expect(page.get_by_text(f"邀请码 {fresh} 已作废。")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(fresh))).to_contain_text("已失效")
    assert problems(page) == []
    page.context.close()


def class_of_five(app) -> int:
    """A class of six students: five chose the same wrong option on the teacher's quiz, one never played,
    and one had played a public quiz before joining. Return the quiz id."""
    teacher = accounts.sign_up("laoshi", "王老师", PASSWORD)
    teacher.role = "teacher"
    db.session.commit()
    quiz = teacher_quiz(teacher, [custom_question(teacher).id, custom_question(teacher, "第二题").id],
                        title="成立之年")
    classroom = class_with(teacher, quiz)
    for n in range(6):
        student = accounts.sign_up(f"xs{n}", f"学生{n}", PASSWORD)
        classes.join(classroom, student)
        if n == 0:
            finish(student, 10, 60)  # a public quiz: not the class's work
        if n < 5:
            play_wrong_first(app, student.username, quiz.slug)
    return quiz.id


def play_wrong_first(app, username: str, slug: str) -> None:
    """The student answers the first question wrongly (2003年) and the second rightly, through the pages."""
    actions = Actions(app.test_client())
    actions.login(username, PASSWORD)
    attempt_id = actions.start(slug)
    for position in range(2):
        item = item_at(attempt_id, position)
        form = answer_form(item, right=item.prompt == "第二题")
        if item.prompt != "第二题":
            form["choice"] = str(item.choices.index("2003年"))
        actions.post(f"/attempt/{attempt_id}/answer", form, token_from=f"/attempt/{attempt_id}")


def chart_labels_overflow(page: Page) -> list[str]:
    """Value labels of the server-drawn charts that run past their SVG box (they would be cut off)."""
    return page.evaluate("""[...document.querySelectorAll('figure.chart svg')].flatMap(svg => {
        const width = svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox(); return b.x + b.width > width; })
            .map(t => t.textContent); })""")


@pytest.mark.parametrize("width", WIDTHS)
def test_class_results_flag_at_five_chart_and_gradebook_then_the_class_board(app, browser, server, width):
    class_of_five(app)
    page = new_page(browser, server, width)
    sign_in_quickly(page, "laoshi", PASSWORD)
    page.get_by_role("table", name="三年二班 的作业").get_by_role("link", name="成立之年").click()
    expect(page.get_by_role("heading", name="成绩：成立之年")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("5 名学生的最好成绩分布"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("每道题的答对率"))).to_be_visible()
    assert chart_labels_overflow(page) == []
    lines = page.evaluate("""[...document.querySelectorAll('table.results tbody tr')].map(row =>
        [...row.cells].map(cell => { const r = document.createRange(); r.selectNodeContents(cell);
                                     return r.getClientRects().length; }))""")
    assert lines and all(n == 1 for row in lines for n in row)  # 学生0 and 1 / 2 each on one line
    first = page.locator(".question-stats li").filter(has_text="支付宝哪一年成立？")
    expect(first).to_contain_text("5 次作答中答对 0 次")
    expect(first).to_contain_text("几乎全部答错")
    expect(first).to_contain_text("2003年：被选 5 次")
    expect(page.get_by_role("list").filter(has_text="学生5").first).to_be_visible()  # not done yet
    assert problems(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="成绩册 CSV（每道题一列）").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    assert rows[0] == ["昵称", "登录名", "最高分", "满分", "Q1 支付宝哪一年成立？", "Q2 第二题"]
    assert sorted(r[1:] for r in rows[1:]) == [[f"xs{n}", "1", "2", "0", "1"] for n in range(5)] + [["xs5", "", "", "", ""]]
    page.context.close()

    page = new_page(browser, server, width)  # a student of the class
    sign_in_quickly(page, "xs0", PASSWORD)
    page.get_by_role("region", name="老师布置的测验").get_by_role("link", name="三年二班 排行榜").click()
    expect(page.get_by_role("heading", name="三年二班：成立之年")).to_be_visible()
    assert problems(page) == []
    page.get_by_role("link", name="班级排行榜：三年二班").click()
    expect(page.get_by_role("heading", name="班级排行榜：三年二班")).to_be_visible()
    expect(page.get_by_text("只计入布置给本班的测验。")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("学生0"))).to_contain_text("1 / 2")  # not the public quiz's 10
    assert problems(page) == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_student_sees_the_quiz_settings_before_start(browser, server, width):
    teacher = accounts.sign_up("laoshi", "王老师", PASSWORD)
    teacher.role = "teacher"
    db.session.commit()
    quiz = teacher_quiz(teacher, [custom_question(teacher).id, custom_question(teacher, "第二题").id],
                        title="限时测验", time_limit=90, attempts_allowed=2, reveal="after_each")
    class_with(teacher, quiz)
    accounts.sign_up("xiaoming", "小明", PASSWORD)
    page = new_page(browser, server, width)
    sign_in_quickly(page, "xiaoming", PASSWORD)
    page.goto(f"/quiz/{quiz.slug}")
    settings = page.locator("#quiz-settings")
    for term, said in (("题目", "2"), ("时间限制", "1.5 分钟"), ("作答次数", "允许 2 次，剩余 2 次"), ("公布答案", "每题答完后")):
        expect(settings.locator("dt", has_text=term).locator("xpath=following-sibling::dd[1]")).to_have_text(said)
    assert problems(page) == []
    page.get_by_role("button", name="开始测验").click()
    expect(page.get_by_role("timer")).to_be_visible()
    expect(page.get_by_text("第 1 题，共 2 题")).to_be_visible()
    assert problems(page) == []
    page.context.close()
