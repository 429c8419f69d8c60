"""Change your own password: the current one is required, and every other session ends."""
from helpers import Actions

PASSWORD, NEW = "correct horse battery", "a brand new passphrase"


def change(actions: Actions, current: str, new: str, confirm: str | None = None):
    """Send the change-password form."""
    return actions.post("/auth/password", {"current": current, "password": new, "confirm": confirm or new},
                        token_from="/auth/password")


def test_changing_the_password_keeps_this_browser_and_signs_out_the_others(app, actions):
    actions.signup("changer", PASSWORD)
    other_device = Actions(app.test_client())
    assert other_device.login("changer", PASSWORD).status_code == 302
    assert change(actions, PASSWORD, NEW).status_code == 302
    assert actions.client.get("/attempts").status_code == 200                 # still signed in here
    assert other_device.client.get("/attempts").status_code == 302            # signed out there
    fresh = Actions(app.test_client())
    assert fresh.login("changer", PASSWORD).status_code == 400
    assert fresh.login("changer", NEW).status_code == 302


def test_a_wrong_current_password_changes_nothing(app, actions):
    actions.signup("changer", PASSWORD)
    response = change(actions, "not my password", NEW)
    assert response.status_code == 400 and "当前密码不正确" in response.get_data(as_text=True)
    assert Actions(app.test_client()).login("changer", PASSWORD).status_code == 302


def test_the_new_password_follows_the_policy(app, actions):
    actions.signup("changer", PASSWORD)
    for weak, reason in [(" " * 12, "只重复了一个字符"), ("q1w2e3r4t5y6", "最常见的密码之一"), ("short", "12 到 128")]:
        response = change(actions, PASSWORD, weak)
        assert response.status_code == 400 and reason in response.get_data(as_text=True)
    assert change(actions, PASSWORD, NEW, "something else entirely").status_code == 400
    assert Actions(app.test_client()).login("changer", PASSWORD).status_code == 302


def test_guests_are_offered_sign_up_and_visitors_sign_in(client, actions):
    assert "/auth/login" in client.get("/auth/password").headers["Location"]
    actions.guest()
    assert client.get("/auth/password").headers["Location"].endswith("/auth/signup")
