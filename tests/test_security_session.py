"""Sessions and passwords: cookie flags, fresh session at login, real logout, hashing, policy and
safe redirects (RELIABILITY rows 9 to 14; throttling is in test_security_throttling.py)."""
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from helpers import Actions, csrf_from
from quiz.extensions import db
from quiz.models import User
from security_support import extra_app

PASSWORD = "correct horse battery"


def login_remembered(actions: Actions, username: str = "student1"):
    """Sign in with "keep me signed in" ticked, as the form offers by default."""
    return actions.post("/auth/login", {"username": username, "password": PASSWORD, "remember": "y"})


def set_cookies(response) -> dict[str, str]:
    """Map each cookie name set by a response to its whole Set-Cookie header."""
    return {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}


def test_login_cookies_are_httponly_samesite_lax_and_not_secure_in_development(actions):
    actions.signup()
    actions.logout()
    cookies = set_cookies(login_remembered(actions))
    assert {"session", "remember_token"} <= cookies.keys()
    for header in cookies.values():
        assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" not in header


def test_production_cookies_are_secure(app, monkeypatch):
    monkeypatch.setenv("QUIZ_ENV", "production")
    with extra_app(app) as other:
        assert other.config["SESSION_COOKIE_SECURE"] and not other.debug
        actions = Actions(other.test_client())
        cookies = set_cookies(actions.signup("secureone"))
        actions.logout()
        cookies.update(set_cookies(login_remembered(actions, "secureone")))
    for name in ("session", "remember_token"):
        assert "Secure" in cookies[name] and "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name]


def test_session_cookie_secure_can_be_set_alone(app):
    with extra_app(app, SESSION_COOKIE_SECURE=True) as other:
        assert "Secure" in Actions(other.test_client()).guest().headers["Set-Cookie"]


def test_login_starts_a_fresh_session(app, actions, client):
    actions.signup()
    actions.logout()
    old_token = csrf_from(client)
    old_cookie = client.get_cookie("session").value
    actions.login()
    assert client.get_cookie("session").value != old_cookie
    # The form token of the pre-login session no longer works: the session was cleared.
    refused = client.post("/quiz/alipay-quick/start", data={"csrf_token": old_token})
    assert refused.status_code == 400
    fixated = app.test_client()
    fixated.set_cookie("session", old_cookie)
    assert fixated.get("/attempts").status_code == 302  # the pre-login cookie carries no sign-in


def replay(app, cookies: dict[str, str]):
    """A fresh browser that presents the given cookies."""
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other


def test_logout_ends_the_session_even_for_a_replayed_cookie(app, actions, client):
    actions.signup()
    actions.logout()
    login_remembered(actions)
    stolen = {name: client.get_cookie(name).value for name in ("session", "remember_token")}
    assert replay(app, stolen).get("/attempts").status_code == 200  # the copy works while signed in
    actions.logout()
    assert replay(app, stolen).get("/attempts").status_code == 302
    assert replay(app, {"remember_token": stolen["remember_token"]}).get("/attempts").status_code == 302


def test_guest_logout_also_invalidates_the_old_cookie(app, actions, client):
    actions.guest()
    stolen = {"session": client.get_cookie("session").value}
    actions.logout()
    assert replay(app, stolen).get("/attempts").status_code == 302


def test_passwords_are_stored_as_salted_scrypt_hashes(app, actions):
    del app.config["PASSWORD_HASH_METHOD"]  # what production does; the other tests hash cheaply
    actions.signup("alice", PASSWORD)
    actions.logout()
    actions.signup("bob", PASSWORD)
    hashes = db.session.scalars(select(User.password_hash).order_by(User.username)).all()
    assert all(h.startswith("scrypt:32768:8:1$") for h in hashes)
    assert PASSWORD not in "".join(hashes)
    salts = {h.split("$")[1] for h in hashes}
    assert len(salts) == 2 and len(set(hashes)) == 2


@pytest.mark.parametrize("password, accepted", [
    ("a" * 11, False),
    ("ab" * 6, True),
    ("xy" * 32, True),
    ("xy" * 64, True),
    ("x" * 129, False),
    ("four words with spaces", True),
    ("长城长城长城长城长城长城", True),
    ("pässwörd 🔑 émoji ok", True),
])
def test_password_length_policy(actions, password, accepted):
    response = actions.signup("policy", password)
    assert response.status_code == (302 if accepted else 400)
    assert (db.session.scalar(select(User).where(User.username == "policy")) is not None) == accepted


def test_long_passwords_are_not_truncated(actions, client):
    password = "p" * 63 + "A"
    actions.signup("longpass", password)
    actions.logout()
    assert actions.login("longpass", "p" * 63 + "B").status_code == 400
    assert actions.login("longpass", "p" * 63).status_code == 400
    assert actions.login("longpass", password).status_code == 302


def test_wrong_password_and_unknown_user_get_the_same_message(actions):
    actions.signup()
    actions.logout()
    wrong = actions.login("student1", "not the password")
    unknown = actions.login("nobody-here", "not the password")
    assert wrong.status_code == unknown.status_code == 400
    message = "登录名或密码错误"
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


OFF_SITE = ["//evil.com", "https://evil.com", "http://evil.com/x", "/\\evil.com", "\\\\evil.com",
            "javascript:alert(1)", "/\t/evil.com", " //evil.com", "https:evil.com", "///evil.com"]


def assert_stays_here(response) -> None:
    """The redirect stays on this site."""
    assert response.status_code == 302
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert parts.netloc in ("", "localhost") and not parts.scheme.startswith("javascript")
    assert location.startswith("/") and not location.startswith("//") and "\\" not in location


@pytest.mark.parametrize("target", OFF_SITE)
def test_next_after_login_cannot_leave_the_site(actions, target):
    actions.signup()
    actions.logout()
    response = actions.post("/auth/login", {"username": "student1", "password": PASSWORD},
                            query_string={"next": target})
    assert_stays_here(response)


@pytest.mark.parametrize("target", OFF_SITE)
def test_language_switch_cannot_leave_the_site(actions, target):
    assert_stays_here(actions.post("/lang", {"lang": "en", "next": target}))


def test_local_next_is_followed(actions):
    actions.signup()
    actions.logout()
    response = actions.post("/auth/login", {"username": "student1", "password": PASSWORD},
                            query_string={"next": "/progress"})
    assert response.headers["Location"] == "/progress"


def test_a_signed_in_session_cookie_is_sent_again_once_a_day_not_on_every_response(actions, client, monkeypatch):
    from quiz import sessions
    actions.signup()
    client.get("/")  # the first request of the day marks the session (and sends its cookie)
    again = client.get("/")
    assert "session" not in set_cookies(again) and "session" not in set_cookies(client.get("/static/css/app.css"))
    monkeypatch.setattr(sessions, "today", lambda: "2999-01-01")
    next_day = set_cookies(client.get("/"))
    assert "session" in next_day and "Expires=" in next_day["session"]
    assert client.get("/attempts").status_code == 200  # still signed in with the re-sent cookie


def test_a_new_process_whose_first_request_is_signed_in_serves_it(app, actions, tmp_path):
    # A restarted worker's first request may come with a session cookie: loading its user is then
    # the process's first use of the models (quiz/auth/loader.py builds the User itself).
    actions.guest()
    attempt_id = actions.start()
    script = tmp_path / "first_request.py"
    script.write_text(
        "import sys\n"
        "from quiz import create_app\n"
        "app = create_app({'SQLALCHEMY_DATABASE_URI': sys.argv[1], 'SECRET_KEY': sys.argv[2], 'TESTING': True})\n"
        "client = app.test_client()\n"
        "client.set_cookie('session', sys.argv[3])\n"
        "print(client.get(sys.argv[4]).status_code)\n")
    found = subprocess.run(
        [sys.executable, str(script), app.config["SQLALCHEMY_DATABASE_URI"], app.config["SECRET_KEY"],
         actions.client.get_cookie("session").value, f"/attempt/{attempt_id}"],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert found.stdout.strip().splitlines()[-1:] == ["200"], found.stderr[-2000:]
