"""No untranslated UI text: the main pages in Chinese show no English message of the catalogue, and
in English show no Chinese character outside what users and timelines wrote."""
import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po
from flask import render_template_string
from flask_babel import force_locale
from sqlalchemy import select

from helpers import answer_form, fixed_quiz, item_at
from leaderboard_support import finish, player
from quiz.extensions import db
from quiz.models import AttemptItem, Classroom, Event, Question, Quiz, Timeline, User
from quiz.services import classes
from quiz.services.practice import DAILY_PREFIX, PRACTICE_SLUG
from test_i18n_catalogue import PO
from teach_helpers import class_with, custom_question, signed_in, teacher_quiz, user

HAN = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sd]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text a person reads or hears in the page's language: text nodes and labelling attributes,
    without scripts, styles, or elements that declare their own language (the language switch)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping: list[str] = []  # tags opened since skipping began, to find where it ends

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            pass
        elif self.skipping or tag in ("script", "style") or ("lang" in dict(attrs) and tag != "html"):
            self.skipping.append(tag)
            return
        self.parts += [v for k, v in attrs if k in ("aria-label", "title", "alt", "placeholder") and v]

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible(html: str) -> str:
    """The page's visible text, whitespace collapsed."""
    parser = VisibleText()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def english_fragments() -> set[str]:
    """Pieces of catalogue messages long enough to be unmistakably English UI text."""
    with PO.open("rb") as f:
        ids = [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id]
    pieces = {p.strip() for i in ids for p in PLACEHOLDER.split(i)}
    return {p for p in pieces if len(p) >= 12 and " " in p and not HAN.search(p)}


def user_content() -> list[str]:
    """Everything users and timelines wrote, longest first (it may be Chinese in the English UI)."""
    texts: set[str] = set()
    for model, columns in ((Quiz, ("title", "description")), (Timeline, ("title",)),
                           (Event, ("headline", "date_label", "body")), (User, ("nickname",)),
                           (Classroom, ("name",)), (Question, ("prompt", "explanation", "choices", "answer")),
                           (AttemptItem, ("prompt", "explanation", "choices", "answer"))):
        query = select(*[getattr(model, c) for c in columns if hasattr(model, c)])
        if model is Quiz:  # practice and daily quizzes are named by the app, in the page's language
            query = query.where(Quiz.slug != PRACTICE_SLUG, Quiz.slug.not_like(DAILY_PREFIX + "%"))
        for row in db.session.execute(query):
            for value in row:
                values = value if isinstance(value, list) else [value]
                texts.update(str(v) for v in values if v)
    return sorted(texts, key=len, reverse=True)


@pytest.fixture
def pages(app):
    """A teacher (who also plays) with a class, a finished quiz and a report; the paths to read."""
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    quiz = teacher_quiz(owner, [custom_question(owner).id, custom_question(owner, "第二题").id])
    classroom = class_with(owner, quiz)
    student = player("小明")
    classes.join(classroom, student)
    finish(student, 1, 30, slug=quiz.slug, total=2)
    fixed_quiz("i18n-quiz", ["order", "which_first"])
    attempt_id = teacher.start("i18n-quiz")
    for position in range(2):
        teacher.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, position), right=position == 0),
                     token_from=f"/attempt/{attempt_id}")
    teacher.post("/practice/start", token_from="/practice/")  # a practice attempt, listed in /attempts
    paths = ["/", "/quiz/i18n-quiz", f"/attempt/{attempt_id}/feedback/0", f"/attempt/{attempt_id}/result",
             "/attempts", "/progress", "/practice/", "/leaderboard/", "/teach/", "/teach/questions",
             "/teach/quizzes", f"/teach/quizzes/{quiz.id}", f"/teach/quizzes/{quiz.id}/results",
             f"/teach/classes/{classroom.id}", "/teach/reports", "/teach/import/questions"]
    return teacher, paths


def test_chinese_pages_show_no_english_ui_text(pages):
    teacher, paths = pages
    english = english_fragments()
    found = {}
    for path in paths:
        response = teacher.client.get(path, headers={"Accept-Language": "zh-CN"})
        assert response.status_code == 200, path
        text = visible(response.get_data(as_text=True))
        found[path] = sorted(e for e in english if e in text)
    assert found == {path: [] for path in paths}


def test_english_pages_show_no_chinese_outside_user_content(pages):
    teacher, paths = pages
    written = user_content()
    found = {}
    for path in paths:
        teacher.client.get(path, headers={"Accept-Language": "en"})  # the first view pops flashed messages
        response = teacher.client.get(path, headers={"Accept-Language": "en"})
        assert response.status_code == 200, path
        text = visible(response.get_data(as_text=True))
        for piece in written:
            if piece in text:
                text = text.replace(piece, " ")
        found[path] = sorted(set(re.findall(r"\S*[\u3400-\u9fff]+\S*", text)))[:5]
    assert found == {path: [] for path in paths}


def test_sign_in_prompt_is_translated(app):
    anonymous = app.test_client()
    anonymous.get("/attempts", headers={"Accept-Language": "zh-CN"})
    page = anonymous.get("/auth/login", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "请先登录再查看这个页面。" in page and "Please log in" not in page


@pytest.mark.parametrize("language, message", [("zh-CN", "该字段是必填字段。"), ("en", "This field is required.")])
def test_built_in_form_messages_follow_the_page_language(actions, language, message):
    # WTForms' own messages are looked up only when a form has one to show (quiz/forms.py).
    actions.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    page = actions.post("/auth/signup", {"username": "", "nickname": "学生", "password": "correct horse battery",
                                         "confirm": "correct horse battery"}).get_data(as_text=True)
    assert message in page


def test_partly_right_answer_reads_partly_right_on_the_result(app, actions):
    fixed_quiz("partial-order", ["order"])
    actions.guest()
    attempt_id = actions.start("partial-order")
    item = item_at(attempt_id, 0)
    order = [str(item.choices.index(c)) for c in item.answer]
    order[0], order[1] = order[1], order[0]  # one pair out of place: partial credit
    actions.post(f"/attempt/{attempt_id}/answer", {"position": "0", "order": order}, token_from=f"/attempt/{attempt_id}")
    row = visible(actions.client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True))
    assert "◐ 部分正确" in row and "✘" not in row


@pytest.mark.parametrize("language, words, codes", [
    ("zh-CN", ("自动生成", "教师编写"), ("generated", "custom", "which_first", "choice")),
    ("en", ("Generated", "Written by teachers"), ("generated", "custom", "which_first"))])
def test_question_cards_name_kind_and_origin_in_words(app, language, words, codes):
    teacher = signed_in(app, "teacher", "laoshi")
    mine = custom_question(user("laoshi"))
    shared = db.session.scalar(select(Question).where(Question.kind == "which_first").order_by(Question.id))
    headers = {"Accept-Language": language}
    bank = visible(teacher.client.get("/teach/questions?show=all&kind=which_first", headers=headers).get_data(as_text=True))
    bank += visible(teacher.client.get("/teach/questions?origin=custom", headers=headers).get_data(as_text=True))
    previews = "".join(visible(teacher.client.get(f"/teach/questions/{q.id}/preview", headers=headers)
                               .get_data(as_text=True)) for q in (mine, shared))
    for text in (bank, previews):
        assert all(word in text for word in words)
        assert not [code for code in codes if re.search(rf"\b{code}\b", text)]


KIND_BOX = re.compile(r'<input[^>]*name="kinds"[^>]*value="(\w+)"[^>]*>\s*<label for="[^"]+">([^<]*)</label>')


@pytest.mark.parametrize("language, words", [
    ("zh-CN", {"which_first": "哪个在先", "years_between": "两件事相隔几年", "choice": "单项选择"}),
    ("en", {"which_first": "Which came first", "years_between": "Years between two events",
            "choice": "Multiple choice"})])
def test_the_rule_forms_kinds_are_named_in_words_like_the_banks(app, language, words):
    teacher = signed_in(app, "teacher", "laoshi")
    custom_question(user("laoshi"))   # a kind teachers write, beside the generated ones
    page = teacher.client.get("/teach/quizzes/new?timeline=1", headers={"Accept-Language": language})
    boxes = dict(KIND_BOX.findall(page.get_data(as_text=True)))
    assert set(words) <= set(boxes) and all(boxes[kind] == said for kind, said in words.items())
    assert not [kind for kind, label in boxes.items() if label == kind or re.search(r"\b[a-z]+_[a-z_]+\b", label)]


@pytest.mark.parametrize("seconds, english, chinese", [(60, "1 minute", "1 分钟"), (600, "10 minutes", "10 分钟"),
                                                       (90, "1.5 minutes", "1.5 分钟")])
def test_time_limit_reads_in_whole_or_part_minutes(app, seconds, english, chinese):
    teacher = signed_in(app, "teacher", "laoshi")
    quiz = teacher_quiz(user("laoshi"), [custom_question(user("laoshi")).id], time_limit=seconds)
    for language, said in (("en", english), ("zh-CN", chinese)):
        page = teacher.client.get(f"/quiz/{quiz.slug}", headers={"Accept-Language": language}).get_data(as_text=True)
        assert re.search(rf"<dd>\s*{re.escape(said)}\s*</dd>", page), (language, said)


def test_template_strings_follow_the_locale_even_when_it_changes_within_a_request(app):
    """Templates find their translations once per request and locale: a force_locale block (as the jobs
    use) still renders its own language, and the request's language comes back after it."""
    template = '{{ _("Quizzes") }} · {{ ngettext("%(num)d minute", "%(num)d minutes", 3) }}'
    with app.test_request_context("/", headers={"Accept-Language": "zh-CN"}):
        assert render_template_string(template) == "测验 · 3 分钟"
        with force_locale("en"):
            assert render_template_string(template) == "Quizzes · 3 minutes"
        assert render_template_string(template) == "测验 · 3 分钟"
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert render_template_string(template) == "Quizzes · 3 minutes"
