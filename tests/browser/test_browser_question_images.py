"""A teacher writes a question with an image and ticks its right option; a student plays it and sees the
image with its alt text. At desktop and phone width, with axe on the editor, question and feedback pages."""
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from browser_support import play_as_guest, problems, sign_in_quickly
from image_helpers import picture
from quiz.extensions import db
from quiz.models import Question, User
from quiz.services import accounts
from teach_helpers import PASSWORD, teacher_quiz

pytestmark = pytest.mark.browser
ALT = "一张地图，杭州用红点标出"


def expect_image_shown(page: Page) -> None:
    """The question's image is on the page, named by its alt text, and its bytes arrived."""
    image = page.get_by_role("img", name=ALT)
    expect(image).to_be_visible()
    # Its bytes arrived: wait for the image's own load (visible does not mean loaded), or its error.
    loaded = ("img => img.complete ? img.naturalWidth : new Promise(done => {"
              " img.addEventListener('load', () => done(img.naturalWidth));"
              " img.addEventListener('error', () => done(0)); })")
    assert image.evaluate(loaded) == 80


@pytest.mark.parametrize("width", [1280, 360])
def test_a_question_with_an_image_from_editor_to_feedback(browser, server, tmp_path, width):
    teacher = accounts.sign_up("laoshi", "王老师", PASSWORD)
    teacher.role = "teacher"
    db.session.commit()
    (tmp_path / "map.png").write_bytes(picture("PNG", (80, 60)))
    viewport = {"width": width, "height": 800}
    page = browser.new_context(base_url=server, locale="zh-CN", viewport=viewport).new_page()
    page.set_default_timeout(10_000)
    sign_in_quickly(page, "laoshi", PASSWORD)
    page.goto("/teach/questions/new/choice")
    page.wait_for_load_state()
    found = {"editor": problems(page)}
    page.get_by_label("题目").fill("图中红点标出的是哪座城市？")
    for n, city in enumerate(["上海", "杭州", "南京"], start=1):
        page.get_by_label(f"选项 {n}", exact=True).fill(city)
    page.get_by_role("radio", name="选项 2 是正确答案").check()
    page.get_by_label("图片文件").set_input_files(tmp_path / "map.png")
    page.get_by_role("button", name="保存题目").click()
    expect(page.get_by_text("有图片就必须填写替代文字")).to_be_visible()  # the alt text is required
    found["editor, refused"] = problems(page)
    expect(page.get_by_role("radio", name="选项 2 是正确答案")).to_be_checked()
    page.get_by_label("图片文件").set_input_files(tmp_path / "map.png")
    page.get_by_label("图片内容说明").fill(ALT)
    page.get_by_role("button", name="保存题目").click()
    expect(page.get_by_role("heading", name="以学生视角预览")).to_be_visible()
    expect_image_shown(page)
    page.context.close()

    db.session.expire_all()
    question = db.session.scalar(select(Question).where(Question.origin == "custom"))
    assert question.answer == "杭州" and question.image_alt == ALT
    quiz = teacher_quiz(db.session.get(User, question.author_id), [question.id], title="看图识城")

    student = browser.new_context(base_url=server, locale="zh-CN", viewport=viewport).new_page()
    student.set_default_timeout(10_000)
    play_as_guest(student, "小红", quiz.slug)
    expect_image_shown(student)
    found["question"] = problems(student)
    student.get_by_label("杭州").check()
    student.get_by_role("button", name="提交答案").click()
    expect(student.get_by_role("heading", name="回答正确")).to_be_visible()
    expect_image_shown(student)
    found["feedback"] = problems(student)
    student.context.close()
    assert found == {name: [] for name in found}
