"""Password change and reset in Chromium: a teacher hands a student a code, the student sets a new
password with it; every account page passes axe and fits 360 px and 1280 px."""
import re

import pytest
from playwright.sync_api import expect

from browser_support import problems, sign_in
from quiz.extensions import db
from quiz.services import accounts, classes
from teach_helpers import PASSWORD

pytestmark = pytest.mark.browser
NEW = "a brand new passphrase"


def class_with_student() -> int:
    """A teacher `laoshi` whose class holds the student `xuesheng`; return the class id."""
    teacher = accounts.sign_up("laoshi", "王老师", PASSWORD)
    teacher.role = "teacher"
    db.session.commit()
    classroom = classes.create_class(teacher, "三年二班")
    classes.join(classroom, accounts.sign_up("xuesheng", "学生甲", PASSWORD))
    return classroom.id


@pytest.mark.parametrize("width", [360, 1280])
def test_a_teacher_resets_a_students_password_and_the_student_sets_a_new_one(browser, server, width):
    class_id = class_with_student()
    found = {}
    teacher_context = browser.new_context(base_url=server, locale="zh-CN", viewport={"width": width, "height": 800})
    teacher = teacher_context.new_page()
    sign_in(teacher, "laoshi", PASSWORD)
    teacher.goto(f"/teach/classes/{class_id}")
    teacher.get_by_role("button", name=re.compile("重置密码")).first.click()
    expect(teacher.get_by_role("heading", name="密码重置码")).to_be_visible()
    found["reset code"] = problems(teacher)
    code = teacher.locator(".reset-code code").inner_text()
    teacher.goto("/auth/password")
    found["change password"] = problems(teacher)
    teacher_context.close()

    student_context = browser.new_context(base_url=server, locale="zh-CN", viewport={"width": width, "height": 800})
    student = student_context.new_page()
    student.goto("/auth/login")
    student.get_by_role("link", name="设置新密码").click()
    student.wait_for_load_state()
    found["reset form"] = problems(student)
    student.get_by_label("登录名").fill("xuesheng")
    student.get_by_label("重置码").fill(code)
    student.get_by_label("新密码", exact=True).fill(NEW)
    student.get_by_label("再次输入新密码").fill(NEW)
    student.get_by_role("button", name="设置新密码").click()
    expect(student.get_by_text("新密码已设置，你已登录。")).to_be_visible()
    student_context.close()
    assert found == {name: [] for name in found}
