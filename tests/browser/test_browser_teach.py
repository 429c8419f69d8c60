"""End to end: a teacher with an invite writes a question, builds a quiz and a class; a student
joins and plays it; the teacher reads the result and the per-question statistics."""
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from browser_support import sign_in_quickly
from quiz.extensions import db
from quiz.models import Answer, Classroom, Question, User
from quiz.services import accounts, invites

pytestmark = pytest.mark.browser
PASSWORD = "a long enough passphrase"


def sign_up(page: Page, path: str, username: str, nickname: str, code: str | None = None) -> None:
    """Fill in a sign-up form."""
    page.goto(path)
    if code:
        page.get_by_label("邀请码").fill(code)
    page.get_by_label("登录名").fill(username)
    page.get_by_label("昵称").fill(nickname)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_label("再次输入密码").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("创建")).click()


def test_teacher_to_student_to_results(page: Page, browser, server):
    admin = invites.create_admin("boss", PASSWORD)
    code = invites.create_invite(admin, 1, 7).code
    sign_up(page, "/auth/teacher-signup", "laoshi", "王老师", code)
    expect(page.get_by_role("heading", name="教学")).to_be_visible()

    page.get_by_role("link", name="单项选择").click()
    page.get_by_label("题目").fill("支付宝哪一年正式成立？")
    for n, text in enumerate(["2003年", "2004年", "2005年"], start=1):
        page.get_by_label(f"选项 {n}", exact=True).fill(text)
    page.get_by_role("radio", name="选项 2 是正确答案").check()
    page.get_by_label("答题后显示的解析").fill("2004年12月，支付宝正式成立。")
    page.get_by_role("button", name="保存题目").click()
    expect(page.get_by_role("heading", name="以学生视角预览")).to_be_visible()
    expect(page.get_by_role("radio")).to_have_count(3)

    page.get_by_role("navigation", name="教学").get_by_role("link", name="测验").click()
    page.get_by_role("link", name=re.compile("基于")).first.click()
    page.get_by_label("标题").fill("成立之年")
    page.locator("summary", has_text="显示题目").click()
    page.get_by_label("支付宝哪一年正式成立？").check()
    page.get_by_role("button", name="保存测验").click()
    expect(page.get_by_role("heading", name="成立之年")).to_be_visible()

    page.get_by_role("navigation", name="教学").get_by_role("link", name="班级").click()
    page.get_by_label("班级名称").fill("三年二班")
    page.get_by_role("button", name="创建班级").click()
    page.get_by_role("button", name="布置", exact=True).click()
    expect(page.get_by_text("测验已布置。")).to_be_visible()
    db.session.expire_all()
    join_code = db.session.scalar(select(Classroom.join_code))

    student = browser.new_context(base_url=server, locale="zh-CN").new_page()
    student.set_default_timeout(10_000)
    sign_up(student, "/auth/signup", "xiaoming", "小明")
    student.goto(f"/classes/join/{join_code}")
    student.get_by_role("button", name="加入").click()
    expect(student.get_by_text("你已加入三年二班。")).to_be_visible()
    student.get_by_role("link", name="成立之年").first.click()
    student.get_by_role("button", name="开始测验").click()
    student.get_by_label("2005年").check()
    student.get_by_role("button", name="提交答案").click()
    expect(student.get_by_role("heading", name="回答错误")).to_be_visible()
    student.context.close()
    assert db.session.scalar(select(Answer.correct)) is False

    page.reload()
    page.get_by_role("link", name="成立之年", exact=True).click()
    expect(page.get_by_role("row", name=re.compile("小明"))).to_contain_text("0 / 1")
    expect(page.get_by_text("2005年：被选 1 次")).to_be_visible()
    expect(page.get_by_text("某个错误答案比正确答案更受选择")).to_have_count(0)  # one answer is no pattern
    assert db.session.scalar(select(User.role).where(User.username == "laoshi")) == "teacher"


def test_teacher_writes_a_false_statement_by_clicking_false(page: Page):
    accounts.sign_up("laoshi", "王老师", PASSWORD).role = "teacher"
    db.session.commit()
    sign_in_quickly(page, "laoshi", PASSWORD)
    page.goto("/teach/")
    page.get_by_role("link", name="判断题").click()
    expect(page.get_by_role("heading", name="新建题目: 判断题")).to_be_visible()
    expect(page.get_by_label("选项 1", exact=True)).to_have_count(0)  # not the multiple-choice boxes
    truth = page.get_by_role("group", name="这个说法")
    expect(truth.get_by_role("radio")).to_have_count(2)
    expect(truth.get_by_role("radio", name="正确")).not_to_be_checked()
    expect(truth.get_by_role("radio", name="错误")).not_to_be_checked()
    page.get_by_label("题目").fill("支付宝于2003年正式成立。")
    page.get_by_role("button", name="保存题目").click()  # nothing ticked: refused, never stored as 正确
    expect(page.get_by_text("请选择这个说法是正确还是错误。")).to_be_visible()
    truth.get_by_role("radio", name="错误").check()
    page.get_by_role("button", name="保存题目").click()
    expect(page.get_by_role("heading", name="以学生视角预览")).to_be_visible()
    expect(page.locator("p.key")).to_have_text("错误")
    assert db.session.scalar(select(Question.answer).where(Question.origin == "custom")) == "错误"
    page.get_by_role("link", name="编辑", exact=True).click()
    expect(page.get_by_role("group", name="这个说法").get_by_role("radio", name="错误")).to_be_checked()
