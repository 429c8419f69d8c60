"""End to end: a teacher imports the English corpus timeline in the English UI, and it plays in English."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser_support import violations
from quiz.generator.script import script_marks
from quiz.services import invites

pytestmark = pytest.mark.browser
PASSWORD = "a long enough passphrase"
CORPUS = Path(__file__).resolve().parent.parent / "generator" / "corpus"
CJK = re.compile(r"[\u3400-\u9fff]")


def english_page(browser, server) -> Page:
    """A fresh browser whose user reads English."""
    page = browser.new_context(base_url=server, locale="en-US").new_page()
    page.set_default_timeout(10_000)
    return page


def upload(page: Page, path: Path, slug: str) -> None:
    """Send a timeline file to the preview step."""
    page.goto("/teach/import/timeline")
    page.get_by_label("Timeline file (UTF-8 text)").set_input_files(str(path))
    page.get_by_label("Short name (used in addresses)").fill(slug)
    page.get_by_label("Title shown to players").fill("Communication")
    page.get_by_role("button", name="Preview").click()


def signed_up_teacher(browser, server) -> Page:
    """A teacher who signed up with an admin's invite, reading English."""
    admin = invites.create_admin("boss", PASSWORD)
    code = invites.create_invite(admin, 1, 7).code
    teacher = english_page(browser, server)
    teacher.goto("/auth/teacher-signup")
    teacher.get_by_label("Invite code").fill(code)
    teacher.get_by_label("Login name").fill("teacher")
    teacher.get_by_label("Nickname").fill("Ms Smith")
    teacher.get_by_label("Password", exact=True).fill(PASSWORD)
    teacher.get_by_label("Repeat password").fill(PASSWORD)
    teacher.get_by_role("button", name="Create teacher account").click()
    return teacher


def start_as_guest(browser, server, slug: str) -> Page:
    """A guest who opened a quiz and is on its first question."""
    student = english_page(browser, server)
    student.goto(f"/quiz/{slug}")
    student.get_by_label("Nickname").fill("Ada")
    student.get_by_role("button", name="Continue as guest").click()
    student.get_by_role("button", name="Start the quiz").click()
    expect(student.get_by_text(re.compile(r"Question 1 of \d+"))).to_be_visible()
    return student


def question_text(student: Page) -> str:
    """The text of the question form on screen: prompt and options."""
    return student.locator("form").filter(has=student.get_by_role("button", name="Submit answer")).inner_text()


def submit_first_option(student: Page) -> None:
    """Answer with the first option (an ordering as shown) and wait for the verdict."""
    submit = student.get_by_role("button", name="Submit answer")
    expect(submit).to_be_visible()  # the question page is here (counting radios does not wait for it)
    options = student.get_by_role("radio")
    if options.count():
        options.first.check()
    submit.click()
    # Imported quizzes are public: they reveal answers at the end of the attempt (README, "Ranking").
    expect(student.get_by_role("heading", name=re.compile(r"Right!|Not quite\.|Partly right\.|Answer saved\."))).to_be_visible()


def test_english_timeline_imports_and_plays_in_english(browser, server, tmp_path):
    teacher = signed_up_teacher(browser, server)

    bad = tmp_path / "bad.md"
    bad.write_text("# Dates\n## 1971 — email\n## 3/5/2019 — unclear\n", encoding="utf-8")
    upload(teacher, bad, "bad-dates")
    expect(teacher.get_by_text(re.compile(r"Line 3: “3/5/2019” is ambiguous"))).to_be_visible()
    expect(teacher.get_by_role("button", name="Save this timeline")).to_have_count(0)

    upload(teacher, CORPUS / "en_communication.md", "communication")
    expect(teacher.get_by_text("Language of its questions: English")).to_be_visible()
    expect(teacher.get_by_text(re.compile("A Short History of Communication"))).to_be_visible()
    title, preface = teacher.locator(".timeline-description").inner_text().split("\n", 1)  # not run together
    assert title == "A Short History of Communication" and preface.strip()
    expect(teacher.get_by_role("row", name=re.compile("October 29, 1969"))).to_be_visible()
    expect(teacher.get_by_role("row", name=re.compile("44 BC"))).to_be_visible()
    assert violations(teacher) == []
    teacher.get_by_role("button", name="Save this timeline").click()
    expect(teacher.get_by_text(re.compile(r"Imported 32 events"))).to_be_visible()

    student = start_as_guest(browser, server, "communication-all")
    text = question_text(student)
    assert student.locator(".prompt").first.inner_text() and not CJK.search(text), text
    submit_first_option(student)
    expect(student.get_by_text("Correct answer")).to_be_visible()
    student.context.close()
    teacher.context.close()


@pytest.mark.parametrize("name, language, about, other_script", [
    ("zh_hant_science", "Traditional Chinese", "科學與技術大事記", 0),
    ("zh_hans_history", "Simplified Chinese", "中国历史大事简表", 1),
])
def test_chinese_timelines_import_and_play_in_their_own_script(browser, server, name, language, about, other_script):
    teacher = signed_up_teacher(browser, server)
    upload(teacher, CORPUS / f"{name}.md", "corpus")
    expect(teacher.get_by_text(f"Language of its questions: {language}")).to_be_visible()
    expect(teacher.get_by_text(re.compile(about))).to_be_visible()
    teacher.get_by_role("button", name="Save this timeline").click()
    expect(teacher.get_by_text(re.compile(r"Imported \d+ events"))).to_be_visible()
    student = start_as_guest(browser, server, "corpus-all")
    text = question_text(student)
    assert CJK.search(text) and not script_marks(text)[other_script], text  # no character of the other script
    submit_first_option(student)
    student.context.close()
    teacher.context.close()
