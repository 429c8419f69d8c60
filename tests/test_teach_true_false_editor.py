"""The true/false editor: the page a teacher sees offers True and False, and the key is what they ticked.

Every form here is read from the page as served (its fields, their values, which radio is ticked), then
filled in the way a teacher would and sent back: posting hand-made fields hid that the page showed the
multiple-choice boxes and that a missing choice was stored as True.
"""
import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from helpers import item_at
from quiz.extensions import db
from quiz.models import Question, QuestionReport
from quiz.services import authoring
from quiz.services.authoring import Draft
from teach_helpers import signed_in, teacher_quiz, user

NEW = "/teach/questions/new/true_false"


class PageForms(HTMLParser):
    """The POST forms of a page: each one's action, its fields as a browser would send them untouched, and
    its radio groups ({name: [(value, checked)]})."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action"), "fields": {}, "radios": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        fields, name = self._form["fields"], a.get("name")
        if tag == "option" and self._select and (self._select not in fields or "selected" in a):
            fields[self._select] = a.get("value") or ""
        elif not name:
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind == "radio":
                self._form["radios"].setdefault(name, []).append((a.get("value"), "checked" in a))
                if "checked" in a:
                    fields[name] = a.get("value")
            elif kind == "checkbox":
                if "checked" in a:
                    fields[name] = a.get("value", "y")
            elif kind not in ("file", "submit", "button"):
                fields[name] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            fields[name] = ""
        elif tag == "select":
            self._select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._form is not None and self._textarea:  # a browser drops the newline right after <textarea>
            fields = self._form["fields"]
            fields[self._textarea] = (fields[self._textarea] + data).removeprefix("\r\n").removeprefix("\n")

    def form(self, action: str | None = None) -> dict:
        """The form posting to `action` (None: the page's only form without one)."""
        found = [f for f in self.forms if f["action"] == action]
        assert len(found) == 1, [f["action"] for f in self.forms]
        return found[0]


def page_form(client, path: str, action: str | None = None, **headers) -> tuple[str, dict]:
    """A page's HTML and one of its POST forms."""
    html = client.get(path, headers=headers).get_data(as_text=True)
    return html, PageForms(html).form(action)


def truth_radios(form: dict, prefix: str = "") -> list[tuple[str, bool]]:
    """The statement's True/False radios on a form: (value, ticked)."""
    return form["radios"].get(f"{prefix}truth", [])


def stored(question_id: int) -> Question:
    db.session.expire_all()
    return db.session.get(Question, question_id)


def answer(app, question_id: int, word: str, name: str = "student1"):
    """A student answers the question (in a quiz of its own) by the word shown; return (student, attempt id)."""
    student = signed_in(app, "student", name)
    quiz = teacher_quiz(user("laoshi"), [question_id], title=f"判断 {name}")
    attempt_id = student.start(quiz.slug)
    item = item_at(attempt_id, 0)
    response = student.post(f"/attempt/{attempt_id}/answer", {"position": "0", "choice": str(item.choices.index(word))},
                            token_from=f"/attempt/{attempt_id}")
    assert response.status_code in (200, 302)
    return student, attempt_id


def answered(app, question_id: int, word: str, name: str = "student1") -> float:
    """The points a student gets for answering the question by the word shown."""
    _student, attempt_id = answer(app, question_id, word, name)
    return item_at(attempt_id, 0).response.points


def true_false_question(author, truth: str = "正确") -> Question:
    """A true/false statement written by the author on the bundled (Chinese) timeline."""
    draft = Draft(kind="true_false", prompt="支付宝于2004年成立。", choices=["正确", "错误"], answer=truth,
                  explanation="", timeline_id=1)
    return authoring.save_question(None, draft, author)


@pytest.fixture
def teacher(app):
    return signed_in(app, "teacher", "laoshi")


def test_the_new_question_page_offers_true_and_false_and_stores_false(app, teacher):
    html, form = page_form(teacher.client, NEW)
    assert truth_radios(form) == [("true", False), ("false", False)]  # nothing ticked for the teacher
    assert "correct" not in form["radios"] and not any(name.startswith("options-") for name in form["fields"])
    assert re.search(r"<legend>这个说法</legend>", html)
    assert re.search(r'<input id="truth-0" name="truth" type="radio" value="true">\s*<span>正确</span>', html)
    assert re.search(r'<input id="truth-1" name="truth" type="radio" value="false">\s*<span>错误</span>', html)
    data = dict(form["fields"], prompt="支付宝于2003年成立。", truth="false")  # the teacher ticks 错误
    response = teacher.client.post(NEW, data=data)
    assert response.status_code == 302
    question = db.session.scalar(select(Question).where(Question.origin == "custom"))
    assert (question.kind, question.choices, question.answer) == ("true_false", ["正确", "错误"], "错误")
    preview = teacher.client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'<p class="key">\s*错误\s*</p>', preview)
    assert answered(app, question.id, "错误") == 1
    assert answered(app, question.id, "正确", "student2") == 0


def test_the_editor_speaks_english_too(teacher):
    html, form = page_form(teacher.client, NEW, **{"Accept-Language": "en"})
    assert truth_radios(form) == [("true", False), ("false", False)]
    assert "<legend>The statement is</legend>" in html
    assert re.search(r'value="true">\s*<span>True</span>', html)
    assert re.search(r'value="false">\s*<span>False</span>', html)


def test_a_statement_without_true_or_false_ticked_is_refused(teacher):
    _html, form = page_form(teacher.client, NEW)
    response = teacher.client.post(NEW, data=dict(form["fields"], prompt="支付宝于2004年成立。"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert '<ul class="errors" id="truth-errors">' in page and "请选择这个说法是正确还是错误。" in page
    assert db.session.scalar(select(Question).where(Question.origin == "custom")) is None


def test_editing_shows_the_stored_truth_and_stores_the_new_one(app, teacher):
    question = true_false_question(user("laoshi"), "正确")
    path = f"/teach/questions/{question.id}/edit"
    _html, form = page_form(teacher.client, path)
    assert truth_radios(form) == [("true", True), ("false", False)]
    assert teacher.client.post(path, data=dict(form["fields"], truth="false")).status_code == 302
    assert stored(question.id).answer == "错误"
    assert answered(app, question.id, "错误") == 1
    _html, form = page_form(teacher.client, path)
    assert truth_radios(form) == [("true", False), ("false", True)]
    assert teacher.client.post(path, data=form["fields"]).status_code == 302  # saved untouched: still 错误
    assert stored(question.id).answer == "错误"


@pytest.fixture
def generated_true_false(app):
    """The first generated true/false statement of the bundled timeline, put back after the test."""
    question = db.session.scalar(select(Question).where(Question.origin == "generated", Question.kind == "true_false")
                                 .order_by(Question.id))
    saved = (question.prompt, list(question.choices), question.answer, question.explanation)
    yield question
    question = stored(question.id)
    question.prompt, question.choices, question.answer, question.explanation = saved
    question.edited_at = None
    db.session.commit()


def test_an_admin_corrects_a_generated_statement_s_truth(app, generated_true_false):
    admin = signed_in(app, "admin", "boss")
    question = generated_true_false
    was_true = question.answer == "正确"
    path = f"/teach/questions/{question.id}/edit"
    _html, form = page_form(admin.client, path)
    assert truth_radios(form) == [("true", was_true), ("false", not was_true)]
    flipped = "false" if was_true else "true"
    assert admin.client.post(path, data=dict(form["fields"], truth=flipped)).status_code == 302
    assert stored(question.id).answer == ("错误" if was_true else "正确")


def test_the_report_queue_corrects_a_statement_s_truth(app, teacher):
    question = true_false_question(user("laoshi"), "正确")
    student, attempt_id = answer(app, question.id, "错误")
    assert item_at(attempt_id, 0).response.points == 0  # marked wrong by the mistaken key
    page = f"/attempt/{attempt_id}/feedback/0/report"
    assert student.post(page, {"reason": "wrong_key", "comment": "应该是错误"}, token_from=page).status_code == 302
    action = f"/teach/reports/{question.id}/correct"
    _html, form = page_form(teacher.client, "/teach/reports", action)
    prefix = f"q{question.id}-"
    assert truth_radios(form, prefix) == [("true", True), ("false", False)]  # the current truth, to change there
    response = teacher.client.post(action, data=dict(form["fields"], **{f"{prefix}truth": "false"}))
    assert response.status_code == 302
    assert stored(question.id).answer == "错误"
    assert db.session.scalar(select(func.count()).select_from(QuestionReport)
                             .where(QuestionReport.resolved_at.is_(None))) == 0
    assert answered(app, question.id, "错误", "student2") == 1

