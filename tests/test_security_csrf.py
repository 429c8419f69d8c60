"""CSRF: every state-changing POST needs this site's token (RELIABILITY rows 1 and 2)."""
import pytest

from helpers import answer_form, csrf_from, attempt, item_at
from security_support import row_counts

BAD_TOKENS = [None, "", "forged-token", "ImFiYyI.Zz0.forged-signature"]


def with_token(data: dict, token: str | None) -> dict:
    """The form with the given token, or without any token for None."""
    return data if token is None else {**data, "csrf_token": token}


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_answer_without_valid_token_is_refused_and_not_stored(actions, client, token):
    actions.guest()
    attempt_id = actions.start()
    before = row_counts()
    response = client.post(f"/attempt/{attempt_id}/answer", data=with_token(answer_form(item_at(attempt_id, 0)), token))
    assert response.status_code == 400
    assert row_counts() == before
    assert attempt(attempt_id).score == 0 and attempt(attempt_id).answered == 0


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_start_without_valid_token_creates_no_attempt(actions, client, token):
    actions.guest()
    before = row_counts()
    assert client.post("/quiz/alipay-quick/start", data=with_token({}, token)).status_code == 400
    assert row_counts() == before


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_signup_and_guest_without_valid_token_create_no_user(client, token):
    form = {"username": "csrfvictim", "nickname": "受害者", "password": "long enough pass", "confirm": "long enough pass"}
    assert client.post("/auth/signup", data=with_token(form, token)).status_code == 400
    assert client.post("/auth/guest", data=with_token({"nickname": "x"}, token)).status_code == 400
    assert row_counts()["users"] == 0


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_login_without_valid_token_does_not_sign_in(actions, client, token):
    actions.signup()
    actions.logout()
    response = client.post("/auth/login", data=with_token({"username": "student1", "password": "correct horse battery"}, token))
    assert response.status_code == 400
    assert client.get("/attempts").status_code == 302  # still anonymous: sent to the sign-in page


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_logout_without_valid_token_keeps_the_user_signed_in(actions, client, token):
    actions.guest()
    assert client.post("/auth/logout", data=with_token({}, token)).status_code == 400
    assert client.get("/attempts").status_code == 200


def test_token_of_another_session_is_refused(app, actions, client):
    other = app.test_client()
    stolen = csrf_from(other)
    actions.guest()
    attempt_id = actions.start()
    response = client.post(f"/attempt/{attempt_id}/answer", data={**answer_form(item_at(attempt_id, 0)), "csrf_token": stolen})
    assert response.status_code == 400
    assert row_counts()["answers"] == 0


def test_cross_site_form_without_token_is_refused(actions, client):
    """A page on another site cannot read our token, so its forged form arrives without one."""
    actions.guest()
    attempt_id = actions.start()
    headers = {"Origin": "https://evil.example", "Referer": "https://evil.example/attack.html"}
    response = client.post(f"/attempt/{attempt_id}/answer", data=answer_form(item_at(attempt_id, 0)), headers=headers)
    assert response.status_code == 400
    assert row_counts()["answers"] == 0


def test_over_https_a_foreign_referer_fails_even_with_a_valid_token(actions, client):
    """Flask-WTF checks the Referer on HTTPS only (WTF_CSRF_SSL_STRICT): a foreign one is refused."""
    actions.guest()
    attempt_id = actions.start()
    token = csrf_from(client, f"/attempt/{attempt_id}")
    form = {**answer_form(item_at(attempt_id, 0)), "csrf_token": token}
    foreign = client.post(f"/attempt/{attempt_id}/answer", data=form, base_url="https://localhost",
                          headers={"Referer": "https://evil.example/x"})
    missing = client.post(f"/attempt/{attempt_id}/answer", data=form, base_url="https://localhost")
    assert (foreign.status_code, missing.status_code) == (400, 400)
    assert row_counts()["answers"] == 0
    same_site = client.post(f"/attempt/{attempt_id}/answer", data=form, base_url="https://localhost",
                            headers={"Referer": f"https://localhost/attempt/{attempt_id}"})
    assert same_site.status_code == 302 and row_counts()["answers"] == 1


def test_session_cookie_is_samesite_lax_so_cross_site_posts_carry_no_session(actions):
    """Browsers drop a SameSite=Lax cookie on a cross-site POST: the forged request is anonymous."""
    cookie = actions.guest().headers["Set-Cookie"]
    assert "SameSite=Lax" in cookie
