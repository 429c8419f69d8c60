"""The classroom in a real browser, as a teacher and as a student, at 1280 and 360 px."""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from browser_support import WIDTHS, new_page, problems, sign_in_quickly
from browser_support import sign_in as sign_in_through_the_form
from leaderboard_support import finish
from quiz.base import now_utc
from quiz.extensions import db
from quiz.services import accounts, classes
from teach_helpers import PASSWORD, class_with, custom_question, teacher_quiz

pytestmark = pytest.mark.browser
# A deadline three days ago, wherever the deadline's wall clock is (DAILY_TIMEZONE is at most UTC+14).
DEADLINE = (now_utc() - timedelta(days=3)).replace(second=0, microsecond=0, tzinfo=None)


def sign_in(page: Page, login: str) -> None:
    """Sign in without the form (walked in test_teacher_signs_in_to_the_dashboard), landing where it leads."""
    sign_in_quickly(page, login, PASSWORD)


def teacher_with_a_busy_class() -> None:
    """A teacher whose class has one student who finished the assigned quiz."""
    teacher = accounts.sign_up("laoshi", "王老师", PASSWORD)
    teacher.role = "teacher"
    db.session.commit()
    quiz = teacher_quiz(teacher, [custom_question(teacher).id], title="成立之年")
    classroom = class_with(teacher, quiz)
    student = accounts.sign_up("xiaoming", "小明", PASSWORD)
    classes.join(classroom, student)
    finish(student, 1, 30, slug=quiz.slug, total=1)
    other = teacher_quiz(teacher, [custom_question(teacher, "第二题").id], title="第二次测验")
    classes.assign(classroom, other, None)
    late = teacher_quiz(teacher, [custom_question(teacher, "第三题").id], title="迟交作业")
    classes.assign(classroom, late, DEADLINE)


@pytest.mark.parametrize("width", WIDTHS)
def test_teacher_signs_in_to_the_dashboard(browser, server, width):
    teacher_with_a_busy_class()
    page = new_page(browser, server, width)
    sign_in_through_the_form(page, "laoshi", PASSWORD)
    expect(page.get_by_role("heading", name="教学", exact=True)).to_be_visible()
    assert page.url.endswith("/teach/")
    table = page.get_by_role("table", name="三年二班 的作业")
    expect(table.get_by_role("row", name="成立之年")).to_contain_text("100%")
    expect(table.get_by_role("row", name="迟交作业")).to_contain_text(f"{DEADLINE:%Y-%m-%d %H:%M} 逾期")
    expect(page.get_by_role("heading", name="最近成绩")).to_be_visible()
    assert problems(page) == []
    page.context.close()


def test_header_folds_into_one_line_menu_on_a_phone(browser, server):
    teacher_with_a_busy_class()
    page = new_page(browser, server, "phone")
    sign_in(page, "laoshi")
    expect(page.get_by_role("heading", name="教学", exact=True)).to_be_visible()
    toggle = page.get_by_role("button", name="菜单")
    expect(toggle).to_be_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 70  # one line: the brand and the menu button
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="教学", exact=True)).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="教学", exact=True).click()
    expect(page.get_by_role("heading", name="教学", exact=True)).to_be_visible()
    page.get_by_role("button", name="菜单").click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="菜单")).to_have_attribute("aria-expanded", "false")
    assert problems(page) == []
    page.context.close()


def test_desktop_header_shows_every_link_without_a_menu_button(browser, server):
    teacher_with_a_busy_class()
    page = new_page(browser, server, "desktop")
    sign_in(page, "laoshi")
    expect(page.get_by_role("button", name="菜单")).to_be_hidden()
    expect(page.get_by_role("link", name="教学", exact=True)).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_student_sees_each_assignment_with_status_and_score(browser, server, width):
    teacher_with_a_busy_class()
    page = new_page(browser, server, width)
    sign_in(page, "xiaoming")
    assignments = page.get_by_role("region", name="老师布置的测验")
    done = assignments.get_by_role("listitem").filter(has_text="成立之年")
    expect(done).to_contain_text("已完成")
    expect(done).to_contain_text("最好成绩：1 / 1")
    expect(assignments.get_by_role("listitem").filter(has_text="第二次测验")).to_contain_text("待完成")
    late = assignments.get_by_role("listitem").filter(has_text="迟交作业")
    expect(late).to_contain_text("已逾期")
    expect(late).to_contain_text(f"截止 {DEADLINE:%Y-%m-%d %H:%M}")
    assert problems(page) == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("action", ["correct", "hide"])
def test_student_reports_a_question_and_the_teacher_fixes_it_in_place(browser, server, width, action):
    teacher_with_a_busy_class()
    student = new_page(browser, server, width)
    sign_in(student, "xiaoming")
    student.get_by_role("link", name="第二次测验").first.click()
    student.get_by_role("button", name="开始测验").click()
    student.get_by_label("2005年").check()
    student.get_by_role("button", name="提交答案").click()
    student.get_by_text("反馈这道题的问题").click()
    student.get_by_label("标为正确的答案是错的").check()
    student.get_by_label("说明（可选）").fill("应该是2005年")
    assert problems(student) == []
    student.get_by_role("button", name="提交反馈").click()
    expect(student.get_by_text("谢谢！老师会查看这道题。")).to_be_visible()
    student.context.close()

    teacher = new_page(browser, server, width)
    sign_in(teacher, "laoshi")
    teacher.goto("/teach/reports")
    menu_link = teacher.get_by_role("navigation", name="教学").get_by_role("link", name=re.compile("学生反馈的题目"))
    expect(menu_link).to_have_text("学生反馈的题目 (1)")
    card = teacher.get_by_role("region", name="第二题")
    expect(card).to_contain_text("答案有误 × 1")
    expect(card).to_contain_text("应该是2005年")
    expect(card).to_contain_text("已有 1 人次作答")
    if action == "correct":
        card.get_by_text("更正题目").click()
        expect(card.get_by_label("选项 2 是正确答案")).to_be_checked()  # the key as it stands: 2004年
        card.get_by_label("选项 3 是正确答案").check()
        card.get_by_label("答题后显示的解析").fill("按学生的反馈更正：2005年。")
        assert problems(teacher) == []
        card.get_by_role("button", name="保存更正").click()
        expect(teacher.get_by_text("题目已更正，相关反馈已关闭。")).to_be_visible()
    else:
        assert problems(teacher) == []
        card.get_by_role("button", name="隐藏这道题").click()
        expect(teacher.get_by_text("题目已隐藏：不会再被抽到。")).to_be_visible()
    expect(teacher.get_by_text("没有待处理的反馈。")).to_be_visible()
    expect(menu_link).to_have_text("学生反馈的题目")
    teacher.goto("/teach/questions?text=第二题&show=all")
    teacher.get_by_role("link", name=re.compile("预览")).first.click()
    expect(teacher.get_by_text("2005年" if action == "correct" else "已隐藏").first).to_be_visible()
    teacher.context.close()
    if action == "correct":  # the student's earlier attempt now names the corrected key; its score stays
        student = new_page(browser, server, width)
        sign_in(student, "xiaoming")
        student.goto("/attempts")
        student.get_by_role("link", name=re.compile("第二次测验")).first.click()
        expect(student.get_by_text("本次作答后已更正为：")).to_be_visible()
        expect(student.get_by_role("row", name=re.compile("第二题"))).to_contain_text("2005年")
        assert problems(student) == []
        student.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_teacher_duplicates_and_deletes_a_quiz_and_removes_a_student(browser, server, width):
    teacher_with_a_busy_class()
    page = new_page(browser, server, width)
    sign_in(page, "laoshi")
    page.get_by_role("navigation", name="教学").get_by_role("link", name="测验").click()
    page.get_by_role("link", name="成立之年").click()
    page.get_by_role("button", name="复制").click()
    expect(page.get_by_role("heading", name="成立之年（副本）")).to_be_visible()
    page.get_by_text("删除这个测验").click()
    assert problems(page) == []
    page.get_by_role("button", name="确认删除测验").click()
    expect(page.get_by_text("测验“成立之年（副本）”已删除")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="成立之年（副本）")).to_have_count(0)
    page.get_by_role("navigation", name="教学").get_by_role("link", name="班级").click()
    page.get_by_role("link", name="三年二班").click()
    page.get_by_role("button", name="移出班级 小明").click()
    expect(page.get_by_text("已将学生移出班级。")).to_be_visible()
    expect(page.get_by_text("还没有学生。")).to_be_visible()
    assert problems(page) == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_results_page_draws_the_score_chart_with_its_table(browser, server, width):
    teacher_with_a_busy_class()
    page = new_page(browser, server, width)
    sign_in(page, "laoshi")
    page.get_by_role("table", name="三年二班 的作业").get_by_role("link", name="成立之年").click()
    chart = page.get_by_role("img", name=re.compile("1 名学生的最好成绩分布"))
    expect(chart).to_be_visible()
    page.get_by_text("以表格显示数据").first.click()
    expect(page.get_by_role("row", name=re.compile("90–100%"))).to_contain_text("1")
    assert problems(page) == []
    page.context.close()


def test_phone_result_rows_are_labelled_and_progress_shows_the_strip_first(browser, server):
    from browser_support import answer_current, play_as_guest

    page = new_page(browser, server, "phone")
    play_as_guest(page, "手机", slug="alipay-quick")
    for _ in range(10):
        answer_current(page)
        page.locator("#next").click()
    expect(page).to_have_url(re.compile(r"/result$"))
    page.wait_for_load_state()  # the URL changes before the stylesheet that draws the labels has loaded
    labels = page.evaluate("""[...document.querySelectorAll('table.review tbody tr:first-child td')]
        .map(td => getComputedStyle(td, '::before').content)""")
    assert labels == ['"#"', '"题目"', '"你的答案"', '"正确答案"']
    assert problems(page) == []
    page.goto("/progress")
    strip = page.locator(".strip").first.bounding_box()
    table = page.get_by_text("每个事件的作答情况").first.bounding_box()
    assert strip["y"] < table["y"] and strip["y"] < 740  # the strip is on the first screen
    page.get_by_text("每个事件的作答情况").first.click()
    expect(page.locator("table.progress-table").first).to_be_visible()
    assert problems(page) == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_quiz_picker_filters_questions_by_words(browser, server, width):
    teacher_with_a_busy_class()
    page = new_page(browser, server, width)
    sign_in(page, "laoshi")
    page.goto("/teach/quizzes/new")
    page.get_by_text("显示题目").click()
    total = page.locator("#picked .checkbox-list li").count()
    page.get_by_label("题目中的词语").fill("第二题")
    expect(page.locator("#picked .checkbox-list li:visible")).to_have_count(1)
    expect(page.get_by_text(f"显示 1 / {total} 道题")).to_be_visible()
    page.get_by_label("第二题").check()
    page.get_by_label("题目中的词语").fill("余额宝")
    expect(page.get_by_label("第二题")).to_be_visible()  # a checked question stays in view
    assert problems(page) == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_bank_searches_filters_hides_and_restores_ticked_questions(browser, server, width):
    teacher_with_a_busy_class()
    page = new_page(browser, server, width)
    sign_in(page, "laoshi")
    page.goto("/teach/questions")
    page.get_by_label("题目中的词语").fill("第二题")
    page.get_by_role("button", name="筛选").click()
    page.get_by_label("第二题").check()
    assert problems(page) == []
    page.get_by_role("button", name="隐藏", exact=True).click()
    expect(page.get_by_text("已隐藏 1 道题。")).to_be_visible()
    page.get_by_label("来源").select_option(label="教师编写")
    page.get_by_label("显示", exact=True).select_option(label="已隐藏或已归档")
    page.get_by_role("button", name="筛选").click()
    card = page.get_by_role("listitem").filter(has_text="第二题")
    expect(card).to_contain_text("单项选择 · 教师编写")  # kind and origin in words
    expect(card).to_contain_text("已隐藏")
    page.get_by_label("第二题").check()
    page.get_by_role("button", name="恢复", exact=True).click()
    expect(page.get_by_text("已恢复 1 道题。")).to_be_visible()
    expect(page.get_by_text("没有符合条件的题目。")).to_be_visible()
    assert problems(page) == []
    page.context.close()
