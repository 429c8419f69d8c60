"""Admins from the CLI, invite codes, and teachers signing up with them."""
from datetime import timedelta

from sqlalchemy import select

from helpers import Actions
from quiz.extensions import db
from quiz.models import Invite, User, now_utc
from teach_helpers import PASSWORD, teacher_signup, user


def test_create_admin_command_makes_an_admin_who_can_sign_in(app, client, actions):
    result = app.test_cli_runner().invoke(args=["create-admin", "Boss", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert user("boss").role == "admin"
    actions.login("boss", PASSWORD)
    assert client.get("/admin/invites").status_code == 200
    short = app.test_cli_runner().invoke(args=["create-admin", "boss2", "--password", "short"])
    assert short.exit_code != 0 and user("boss2") is None


def test_invite_code_makes_one_teacher_then_is_used_up(app, client, actions):
    app.test_cli_runner().invoke(args=["create-admin", "boss", "--password", PASSWORD])
    actions.login("boss", PASSWORD)
    response = actions.post("/admin/invites", {"max_uses": "1", "days": "7"}, token_from="/admin/invites")
    assert response.status_code == 302
    code = db.session.scalar(select(Invite.code))
    assert code in client.get("/admin/invites").get_data(as_text=True)
    newcomer = Actions(app.test_client())
    response = teacher_signup(newcomer, code.lower(), "laoshi")
    assert response.status_code == 302 and response.headers["Location"].endswith("/teach/")
    assert user("laoshi").role == "teacher"
    assert newcomer.client.get("/teach/").status_code == 200
    again = teacher_signup(Actions(app.test_client()), code, "laoshi2")
    assert again.status_code == 400 and "已用完" in again.get_data(as_text=True)
    assert user("laoshi2") is None
    db.session.expire_all()
    assert db.session.scalar(select(Invite.uses)) == 1


def test_expired_or_unknown_code_is_refused_and_stores_nothing(app, actions):
    app.test_cli_runner().invoke(args=["create-admin", "boss", "--password", PASSWORD])
    admin = user("boss")
    db.session.add(Invite(code="OLDCODE123", created_by_id=admin.id, max_uses=5,
                          expires_at=now_utc() - timedelta(minutes=1)))
    db.session.commit()
    for code in ("OLDCODE123", "NOSUCHCODE"):
        assert teacher_signup(actions, code, "late").status_code == 400
    assert db.session.scalar(select(User).where(User.username == "late")) is None


def test_bad_invite_form_is_a_400_not_a_code(app, actions):
    app.test_cli_runner().invoke(args=["create-admin", "boss", "--password", PASSWORD])
    actions.login("boss", PASSWORD)
    response = actions.post("/admin/invites", {"max_uses": "0", "days": "999"}, token_from="/admin/invites")
    assert response.status_code == 400
    assert db.session.scalar(select(Invite)) is None
