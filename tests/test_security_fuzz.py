"""Generated input to every form and every path parameter: never a server error."""
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import csrf_from
from security_support import post_rules, route_path, row_counts

FIELDS = ["nickname", "username", "password", "confirm", "remember", "position", "choice", "order",
          "text", "lang", "next", "title", "prompt", "answer", "score", "correct"]
SPECIAL = ["", "\x00", "a\x00b", "-1", "0", "1e309", "9" * 40, "’＜script＞", "\u202e", " " * 3, "%00", "../.."]
texts = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=60))
numbers = st.one_of(st.integers(min_value=0, max_value=2**70), st.sampled_from([0, 2**31 - 1, 2**31, 2**63]))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def path_value(value) -> str:
    """A path segment as a browser would send it."""
    return quote(str(value), safe="")


@FUZZ
@given(form=st.dictionaries(st.sampled_from(FIELDS), st.one_of(texts, st.lists(texts, max_size=4)), max_size=8),
       arg=st.one_of(numbers, texts), rule_index=st.integers(min_value=0))
def test_no_form_post_is_ever_a_server_error(app, actions, client, form, arg, rule_index):
    if not client.get_cookie("session"):
        actions.guest()
        actions.start()
    rules = post_rules(app)
    rule = rules[rule_index % len(rules)]
    path = route_path(rule, {name: path_value(arg) for name in rule.arguments})
    response = client.post(path, data={**form, "csrf_token": csrf_from(client)})
    assert response.status_code < 500, (rule.rule, form, response.status_code)


@FUZZ
@given(arg=st.one_of(numbers, texts), query=texts, rule_index=st.integers(min_value=0))
def test_no_page_address_is_ever_a_server_error(app, actions, client, arg, query, rule_index):
    if not client.get_cookie("session"):
        actions.guest()
        actions.start()
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods and r.arguments and r.endpoint != "static"]
    rule = rules[rule_index % len(rules)]
    path = route_path(rule, {name: path_value(arg) for name in rule.arguments})
    response = client.get(path, query_string={"next": query, "page": query})
    assert response.status_code < 500, (path, response.status_code)


def test_nul_characters_anywhere_are_refused_not_a_server_error(app, actions, client):
    """PostgreSQL text cannot hold NUL: a form, query or path with one is refused, nothing stored."""
    actions.guest()
    values = {"attempt_id": actions.start(), "slug": "a\x00b"}
    before = row_counts()
    for rule in post_rules(app):
        form = {name: "a\x00b" for name in FIELDS} | {"csrf_token": csrf_from(client)}
        status = client.post(route_path(rule, values), data=form).status_code
        staff_only = rule.endpoint.startswith(("teach.", "admin."))  # the access rule may refuse first
        assert status == 400 or (staff_only and status == 403), rule.rule
    assert client.get("/auth/login", query_string={"next": "/\x00"}).status_code == 400
    assert client.get("/quiz/a%00b").status_code == 400
    assert row_counts() == before
