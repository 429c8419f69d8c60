"""No 500 from input: ids beyond the database's integer range, huge numbers, control characters in
`next`, and a race of sign-ups under one name (issue 12, item 7)."""
import threading

import pytest
from sqlalchemy import func, select
from werkzeug.routing.converters import NumberConverter

from helpers import Actions, item_at
from quiz.extensions import db
from quiz.models import Answer, User
from quiz.services import invites
from test_learning_practice import make_due
from security_support import HttpUser, extra_app, route_path, row_counts, served

HUGE = [str(2**31), str(2**63), "9" * 30, "9" * 5000]
NOT_AN_ID = ["-1", "1.5", "abc", "0x10", ""]


def as_admin(app) -> Actions:
    """An admin's client: every /teach and /admin access rule lets it through."""
    invites.create_admin("root-user", "correct horse battery", "Boss")
    actions = Actions(app.test_client())
    assert actions.login("root-user", "correct horse battery").status_code == 302
    return actions


def numeric_rules(app):
    """Every rule with a numeric argument, once per method it accepts."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        numeric = [name for name, converter in rule._converters.items() if isinstance(converter, NumberConverter)]
        if numeric:
            yield from ((method, rule, numeric) for method in sorted(rule.methods - {"HEAD", "OPTIONS"}))


def test_every_numeric_route_argument_is_bounded_by_one_converter(app):
    rules = list(numeric_rules(app))
    assert len(rules) > 15
    assert {type(rule._converters[name]).__name__ for _m, rule, names in rules for name in names} == {"IdConverter"}


@pytest.mark.parametrize("value", HUGE + ["-1", "٣"])
def test_ids_beyond_the_integer_range_are_404_on_every_route(app, value):
    actions = as_admin(app)
    for method, rule, names in numeric_rules(app):
        path = route_path(rule, {name: value for name in names} | {"slug": "alipay-quick"})
        response = actions.client.get(path) if method == "GET" else actions.post(path, {})
        assert response.status_code == 404, (method, rule.rule, response.status_code)


@pytest.mark.parametrize("query", [{"page": v} for v in HUGE + [0, "-1", "x"]]
                         + [{name: v} for name in ("after", "timeline", "class") for v in HUGE + ["-1", "x"]])
def test_huge_or_malformed_numbers_in_the_query_string_are_refused_not_a_server_error(app, query):
    actions = as_admin(app)
    paths = [route_path(r, {"slug": "alipay-quick", "quiz_id": 1, "class_id": 1}) for r in app.url_map.iter_rules()
             if "GET" in r.methods and r.endpoint != "static"]
    codes = {path: actions.client.get(path, query_string=query).status_code for path in paths}
    assert all(code < 500 for code in codes.values()), {p: c for p, c in codes.items() if c >= 500}
    for path in ("/attempts", "/teach/questions", "/leaderboard/", "/teach/quizzes/new"):
        assert codes[path] in (200, 400, 404), (path, codes[path])
    refused = {"page": ["/attempts", "/teach/questions"], "after": ["/leaderboard/"],
               "timeline": ["/teach/quizzes/new"]}
    for name, value in query.items():
        for path in refused.get(name, []):
            assert codes[path] == 400, (path, query)


def test_a_five_thousand_digit_date_is_a_400_with_the_form_message(actions):
    actions.guest("长数字")
    make_due(db.session.scalar(select(User.id)), "date_day", 10)
    response = actions.post("/practice/start", token_from="/practice/")
    attempt_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    item = item_at(attempt_id, 0)
    assert item.kind == "date_entry"
    for typed in ("9" * 5000, "2008-" + "1" * 5000, "1" * 5000 + "年"):
        response = actions.post(f"/attempt/{attempt_id}/answer", {"position": "0", "when": typed})
        assert response.status_code == 400
        assert "请先按上面的格式填写一个有效的日期" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


CONTROL_NEXT = ["/\r\nSet-Cookie: stolen=1", "/progress\n", "/\t/evil.com", "/\x7f", "/a\rb", "/\x85x"]


@pytest.mark.parametrize("target", CONTROL_NEXT)
def test_next_with_control_characters_is_ignored_on_every_redirecting_form(actions, target):
    responses = [actions.post("/lang", {"lang": "en", "next": target}),
                 actions.post("/auth/guest", {"nickname": "回车"}, query_string={"next": target})]
    actions.logout()
    actions.signup("crlf-user")
    actions.logout()
    responses.append(actions.post("/auth/login", {"username": "crlf-user", "password": "correct horse battery"},
                                  query_string={"next": target}))
    for response in responses:
        assert response.status_code == 302 and response.headers["Location"] == "/"
        assert "stolen" not in str(response.headers)


def test_ten_parallel_sign_ups_with_one_name_give_one_account_and_the_form_error(app):
    with extra_app(app) as other, served(other) as base:
        users = [HttpUser(base) for _ in range(10)]
        tokens = [user.token("/auth/signup") for user in users]
        results = [None] * 10
        barrier = threading.Barrier(10)

        def sign_up(i):
            barrier.wait()
            results[i] = users[i].post("/auth/signup", {"username": "same-name", "nickname": f"同名{i}",
                                                        "password": "correct horse battery",
                                                        "confirm": "correct horse battery"}, tokens[i])

        threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    codes = sorted(status for status, _location, _body in results)
    assert codes == [302] + [400] * 9, codes
    assert all("该登录名已被使用" in body for status, _location, body in results if status == 400)
    assert db.session.scalar(select(func.count()).select_from(User)) == 1
    assert row_counts()["users"] == 1
