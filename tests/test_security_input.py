"""Hostile input: oversized bodies, bodies that are not forms, script in text, security headers, error
pages and tampered answer forms (RELIABILITY rows 5, 8, 15, 16, 23 and 24)."""
import re
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from helpers import Actions, answer_form, csrf_from, attempt, fixed_quiz, item_at
from quiz import ROOT
from quiz.extensions import db
from quiz.models import Answer, Classroom, Question, Quiz, QuizQuestion
from quiz.services import invites, timelines
from security_support import extra_app, post_rules, route_path, row_counts
from teach_helpers import signed_in

MB = 1024 * 1024
PAYLOADS = ["<script>alert(1)</script>", '" onmouseover="alert(2)', "{{7*7}}"]


def test_ten_megabyte_body_to_every_post_route_is_413_and_stores_nothing(app, actions, client):
    actions.guest()
    values = {"attempt_id": actions.start(), "slug": "alipay-quick"}
    before = row_counts()
    rules = post_rules(app)
    assert {"auth.login", "auth.signup", "auth.guest", "play.answer", "play.start"} <= {r.endpoint for r in rules}
    # One valid token and one encoded body for every route: encoding 10 MB per route was most of the test's time.
    body = urlencode({"csrf_token": csrf_from(client), "nickname": "x" * (10 * MB), "username": "big",
                      "position": "0", "choice": "0"}).encode()
    for rule in rules:
        response = client.post(route_path(rule, values), data=body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 413, rule.rule
    assert row_counts() == before
    assert client.get("/").status_code == 200  # the worker survives


def test_two_thousand_field_multipart_form_is_413(actions, client):
    actions.guest()
    attempt_id = actions.start()
    fields = {f"field{i}": "v" for i in range(2000)}
    response = actions.post(f"/attempt/{attempt_id}/answer", {**fields, "position": "0", "choice": "0"},
                            content_type="multipart/form-data")
    assert response.status_code == 413
    assert row_counts()["answers"] == 0


def hostile_quiz() -> str:
    """Import a timeline whose events carry script, attribute and template payloads; quiz it."""
    lines = []
    for year, payload in zip((2001, 2002, 2003, 2004), PAYLOADS + PAYLOADS[:1]):
        lines += [f"## {year}年3月{year - 1990}日，测试公司发布{payload}产品。", f"说明文字 {payload} 结束。"]
    timeline = timelines.import_timeline("hostile", "恶意时间线", "\n".join(lines) + "\n")
    db.session.flush()
    quiz = Quiz(slug="hostile", title="测验 " + PAYLOADS[0] + PAYLOADS[2], shuffle=False)
    questions = db.session.scalars(select(Question).where(Question.timeline_id == timeline.id).order_by(Question.id))
    quiz.items = [QuizQuestion(question_id=q.id, position=i) for i, q in enumerate(questions)]
    db.session.add(quiz)
    db.session.commit()
    return quiz.slug


def played_pages(actions, client, slug: str) -> list[str]:
    """Play the whole quiz and return the HTML of every page seen on the way."""
    attempt_id = actions.start(slug)
    pages = [client.get("/").get_data(as_text=True), client.get(f"/quiz/{slug}").get_data(as_text=True),
             client.get("/auth/signup").get_data(as_text=True)]
    for position in range(attempt(attempt_id).total):
        pages.append(client.get(f"/attempt/{attempt_id}").get_data(as_text=True))
        actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, position), right=False))
        pages.append(client.get(f"/attempt/{attempt_id}/feedback/{position}").get_data(as_text=True))
    for path in (f"/attempt/{attempt_id}/result", "/attempts", "/progress"):
        pages.append(client.get(path).get_data(as_text=True))
    return pages


def test_script_in_nickname_and_timeline_text_is_rendered_escaped(actions, client):
    slug = hostile_quiz()
    actions.guest("".join(PAYLOADS)[:40])
    pages = played_pages(actions, client, slug)
    for html in pages:
        assert "<script>alert" not in html and 'onmouseover="alert' not in html
    joined = "".join(pages)
    assert joined.count("&lt;script&gt;alert(1)&lt;/script&gt;") > 10
    assert "&#34; onmouseover=&#34;alert(2)" in joined
    assert "{{7*7}}" in joined  # shown as text, never evaluated


def template_files():
    """Every template and Python module that could mark text as safe HTML."""
    return [*(ROOT / "templates").rglob("*.html"), *(ROOT / "quiz").rglob("*.py")]


# Templates' translated strings are markup, as Jinja's own i18n makes them: the catalogue is ours, and
# their variables are escaped (tests/test_i18n_templates.py).
CATALOGUE_MARKUP = ROOT / "quiz" / "i18n.py"


def test_no_template_or_module_marks_text_as_safe():
    offenders = [str(p) for p in template_files() if p != CATALOGUE_MARKUP
                 and re.search(r"\|\s*safe\b|Markup\(|autoescape\s+false", p.read_text(encoding="utf-8"))]
    assert offenders == []
    assert CATALOGUE_MARKUP.read_text(encoding="utf-8").count("Markup(") == 1


def test_templates_hold_no_inline_script_or_event_handler():
    """The CSP forbids inline script, so a page that had some would break: none may exist."""
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert not re.search(r"\son[a-z]+\s*=", text), path
        assert "javascript:" not in text, path


def get_pages(app, values: dict) -> list[str]:
    """Every GET page of the app, with its arguments filled in."""
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods and r.endpoint != "static"]
    return [route_path(r, values) for r in rules] + ["/static/css/app.css", "/no-such-page"]


def assert_security_headers(response) -> None:
    """CSP without inline script or framing, no MIME sniffing, no framing."""
    csp = response.headers["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script and "*" not in script
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_every_page_sends_security_headers_and_no_hsts_over_plain_http(app, actions, client):
    actions.guest()
    attempt_id = actions.start()
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 0)))
    for path in get_pages(app, {"attempt_id": attempt_id, "slug": "alipay-quick", "position": 0}):
        response = client.get(path)
        assert response.status_code < 500, path
        assert_security_headers(response)
        assert "Strict-Transport-Security" not in response.headers
    assert_security_headers(actions.post("/auth/guest", {"nickname": ""}))


def test_hsts_is_sent_when_cookies_are_secure(app):
    with extra_app(app, SESSION_COOKIE_SECURE=True) as other:
        response = other.test_client().get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert_security_headers(response)


def test_a_header_a_view_sets_itself_is_kept_and_none_is_sent_twice(app):
    with extra_app(app) as other:
        @other.get("/framed-by-us")
        def framed_by_us():
            return "ok", 200, {"x-frame-options": "SAMEORIGIN"}
        response = other.test_client().get("/framed-by-us")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert [len(response.headers.getlist(name)) for name in ("Content-Security-Policy", "Referrer-Policy")] == [1, 1]


def test_a_nul_anywhere_in_the_query_is_refused_and_a_percent_sign_is_not(client):
    assert client.get("/?q=a%00b").status_code == 400
    assert client.get("/?a%00b=1").status_code == 400  # in a name, too
    assert client.get("/?q=%2500").status_code == 200  # the text "%00", typed


def test_production_errors_show_a_generic_page_without_traceback(app, monkeypatch):
    monkeypatch.setenv("QUIZ_ENV", "production")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with extra_app(app, TESTING=False) as other:
        other.add_url_rule("/boom", "boom", lambda: 1 / 0)
        response = other.test_client().get("/boom")
        assert other.debug is False and other.config["PROPAGATE_EXCEPTIONS"] is not True
    html = response.get_data(as_text=True)
    assert response.status_code == 500 and "<h1>" in html
    for leak in ("Traceback", "ZeroDivisionError", "division by zero", "werkzeug", "/quiz/"):
        assert leak not in html


def test_client_sent_score_and_correct_fields_are_ignored(actions):
    actions.guest()
    attempt_id = actions.start()
    item = item_at(attempt_id, 0)
    form = {**answer_form(item, right=False), "correct": "1", "score": "99", "points": "99", "answer": "0"}
    assert actions.post(f"/attempt/{attempt_id}/answer", form).status_code == 302
    stored = db.session.scalar(select(Answer))
    assert stored.correct is False and stored.points == 0
    assert attempt(attempt_id).score == 0


@pytest.mark.parametrize("position, status", [
    ("-1", 400), ("99999999999999999999999999", 400), ("abc", 400), ("", 400), ("1e3", 400), ("3", 409),
])
def test_tampered_position_is_refused_without_a_server_error(actions, position, status):
    actions.guest()
    attempt_id = actions.start()
    form = {**answer_form(item_at(attempt_id, 0)), "position": position}
    assert actions.post(f"/attempt/{attempt_id}/answer", form).status_code == status
    assert row_counts()["answers"] == 0


NOT_AN_OPTION = ["4", "99", "-1", "abc", "", "0 ", "٣", "1"]
MESSAGES = {"which_first": "请先选择一个选项再提交。", "order": "请把每一项都排好顺序，每项一次，再提交。"}


@pytest.mark.parametrize("kind", sorted(MESSAGES))
@pytest.mark.parametrize("value", NOT_AN_OPTION)
def test_answer_that_is_not_one_of_the_choices_is_400_with_a_message(actions, kind, value):
    fixed_quiz(f"only-{kind}", [kind])
    actions.guest()
    attempt_id = actions.start(f"only-{kind}")
    n = len(item_at(attempt_id, 0).choices)
    form = {"position": "0", "order": [value] + [str(i) for i in range(1, n)]} if kind == "order" else \
        {"position": "0", "choice": value if value != "1" else str(n)}
    response = actions.post(f"/attempt/{attempt_id}/answer", form)
    assert response.status_code == 400
    assert MESSAGES[kind] in response.get_data(as_text=True)
    assert row_counts()["answers"] == 0


# Flask-WTF's forms read a JSON body as their data when the form token comes in the X-CSRFToken header,
# so a number, list or NUL reached views written for a browser's strings. Every POST route takes a form.
NOT_A_FORM = "这里只接受本站页面提交的表单。"


def table_counts() -> dict[str, int]:
    """Rows in every table, as the database sees them."""
    db.session.expire_all()
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def test_json_nickname_for_a_guest_is_a_clear_400_not_a_server_error(client):
    token = csrf_from(client)
    before = table_counts()
    for value in (5, ["甲", "乙"], {"x": 1}, None, "小明"):
        response = client.post("/auth/guest", json={"nickname": value}, headers={"X-CSRFToken": token})
        assert response.status_code == 400, value
        assert NOT_A_FORM in response.get_data(as_text=True)
    english = client.post("/auth/guest", json={"nickname": 5}, headers={"X-CSRFToken": token, "Accept-Language": "en"})
    assert "Only a form from this site&#39;s pages can be sent here." in english.get_data(as_text=True)
    assert table_counts() == before
    assert client.get("/attempts").status_code == 302  # still nobody: sent to sign in


def test_json_with_a_nul_to_a_teacher_form_is_refused_and_stores_nothing(app):
    teacher = signed_in(app, "teacher", "laoshi")
    token = csrf_from(teacher.client, "/teach/classes")
    for name in ("三班\x00X", "三班"):
        response = teacher.client.post("/teach/classes", json={"name": name}, headers={"X-CSRFToken": token})
        assert response.status_code == 400, repr(name)
    assert db.session.scalars(select(Classroom.name)).all() == []
    assert teacher.post("/teach/classes", {"name": "三班"}, token_from="/teach/classes").status_code == 302  # a form


JSON_FIELDS = ["nickname", "username", "password", "confirm", "position", "choice", "order", "name", "title",
               "prompt", "answer", "pin", "code", "lang", "next", "slug", "card", "gap", "picked", "text"]
BODIES = [dict.fromkeys(JSON_FIELDS, value) for value in (5, ["a", "b"], "a\x00b")]


def test_a_body_that_is_not_a_form_is_refused_on_every_post_route_and_stores_nothing(app):
    invites.create_admin("root-user", "correct horse battery", "Boss")
    admin = Actions(app.test_client())
    admin.login("root-user", "correct horse battery")
    guest = Actions(app.test_client())
    guest.guest("甲")
    values = {"attempt_id": guest.start()}
    before = table_counts()
    sent = []
    for who in (admin, guest):
        token = csrf_from(who.client)
        for rule in post_rules(app):
            path = route_path(rule, values)
            for body in BODIES:
                response = who.client.post(path, json=body, headers={"X-CSRFToken": token})
                sent.append((rule.rule, repr(body["name"]), response.status_code))
            response = who.client.post(path, data="nickname=x", content_type="text/plain",
                                       headers={"X-CSRFToken": token})
            sent.append((rule.rule, "text/plain", response.status_code))
    assert [request for request in sent if request[2] != 400] == []
    assert table_counts() == before
    assert admin.client.get("/admin/teachers").status_code == 200  # still signed in: not even sign-out took JSON
