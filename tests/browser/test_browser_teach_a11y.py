"""Teacher pages in a real browser at 1280 and 360 px: no axe violations, no sideways scrolling."""
import pytest
from playwright.sync_api import Page, expect

from browser_support import WIDTHS, new_page, preview_timeline, problems
from quiz.extensions import db
from quiz.services import accounts, reports
from teach_helpers import PASSWORD, class_with, custom_question, teacher_quiz

pytestmark = pytest.mark.browser
TIMELINE = "## 2001年3月，甲公司成立。\n甲公司在杭州成立。\n## 2005年，乙产品上线，这是一条很长很长很长很长很长很长很长很长很长的标题。\n乙产品上线了。\n"


def teacher_with_a_class():
    """A teacher with a question, a quiz and a class; return the quiz and class ids."""
    teacher = accounts.sign_up("laoshi", "王老师", PASSWORD)
    teacher.role = "teacher"
    db.session.commit()
    question = custom_question(teacher)
    quiz = teacher_quiz(teacher, [question.id])
    student = accounts.sign_up("xiaoming", "小明", PASSWORD)
    reports.report(student, question.id, "wrong_key", "答案应该是2003年")
    return quiz.id, class_with(teacher, quiz).id


def visit_teacher_pages(page: Page, quiz_id: int, class_id: int, tmp_path):
    """Sign in as the teacher and yield the name of each main teacher page once it has loaded."""
    page.goto("/auth/login")
    page.get_by_label("登录名").fill("laoshi")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/")
    page.goto("/teach/")
    expect(page.get_by_role("heading", name="教学")).to_be_visible()
    yield "home"
    for name, path in [("questions", "/teach/questions"), ("question form", "/teach/questions/new/choice"),
                       ("quiz form", "/teach/quizzes/new"), ("quiz", f"/teach/quizzes/{quiz_id}"),
                       ("class", f"/teach/classes/{class_id}"), ("class board", f"/leaderboard/class/{class_id}"),
                       ("results", f"/teach/quizzes/{quiz_id}/results?class={class_id}"),
                       ("csv import", "/teach/import/questions"), ("reports", "/teach/reports")]:
        page.goto(path)
        page.wait_for_load_state("load")
        yield name
    page.get_by_text("更正题目").click()  # the queue's correction form, open
    yield "report correction"
    (tmp_path / "line.md").write_text(TIMELINE, encoding="utf-8")
    preview_timeline(page, tmp_path / "line.md", "a11y-line", "无障碍时间线")
    yield "import preview"
    page.get_by_role("button", name="保存这条时间线").click()
    expect(page.get_by_text("已导入 2 个事件")).to_be_visible()
    yield "import result"
    page.goto("/teach/imports")
    yield "imports"


@pytest.mark.parametrize("width", WIDTHS)
def test_teacher_pages_pass_axe_and_fit_the_screen(browser, server, tmp_path, width):
    ids = teacher_with_a_class()
    page = new_page(browser, server, width)
    found = {name: problems(page) for name in visit_teacher_pages(page, *ids, tmp_path)}
    page.context.close()
    assert found == {name: [] for name in found}
