"""Access rules: nobody touches another user's attempt, and every teacher/admin route is refused
to students and guests (RELIABILITY rows 6 and 7)."""
from sqlalchemy import select

from helpers import Actions, answer_form, attempt, item_at
from quiz.extensions import db
from quiz.models import Answer, User
from security_support import route_path, row_counts

STAFF_PREFIXES = ("teach.", "admin.")
# What the blueprints' access rule answers (quiz/access.py), in the default language. A page past the
# rule may still refuse one row with its own 403 (a shared question only admins may change).
RULE_REFUSALS = ("只有教师可以使用这些页面。", "只有管理员可以使用这些页面。")  # teaching pages, admin pages


def refused_by_rule(response) -> bool:
    """Whether the blueprints' access rule refused the request (not a page's own 403)."""
    return response.status_code == 403 and any(text in response.get_data(as_text=True) for text in RULE_REFUSALS)


def test_another_users_attempt_is_not_found_and_unchanged(app, actions, client):
    actions.guest("甲")
    attempt_id = actions.start()
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 0)))
    mallory = Actions(app.test_client())
    mallory.guest("乙")
    for path in (f"/attempt/{attempt_id}", f"/attempt/{attempt_id}/feedback/0", f"/attempt/{attempt_id}/result"):
        assert mallory.client.get(path).status_code == 404, path
    before = row_counts()
    response = mallory.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 1)))
    assert response.status_code == 404
    assert row_counts() == before and attempt(attempt_id).answered == 1
    assert client.get(f"/attempt/{attempt_id}").status_code == 200  # the owner still plays


def test_anonymous_visitor_is_sent_to_sign_in_for_attempt_pages(actions, app):
    actions.guest()
    attempt_id = actions.start()
    anonymous = app.test_client()
    for path in (f"/attempt/{attempt_id}", f"/attempt/{attempt_id}/result", "/attempts", "/progress"):
        response = anonymous.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], path


def staff_requests(app) -> list[tuple[str, str, str]]:
    """Every (method, path, endpoint) under a teacher or admin blueprint in the URL map."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(STAFF_PREFIXES):
            for method in sorted(rule.methods & {"GET", "POST"}):
                found.append((method, route_path(rule, {}), rule.endpoint))
    return found


def as_role(app, role: str | None) -> Actions:
    """A client signed in with the given role (None: anonymous)."""
    actions = Actions(app.test_client())
    if role == "guest":
        actions.guest()
    elif role is not None:
        actions.signup(f"{role}-user", "a long enough password")
        user = db.session.scalar(select(User).where(User.username == f"{role}-user"))
        user.role = role
        db.session.commit()
    return actions


def send(actions: Actions, method: str, path: str):
    """Send a request with a valid CSRF token, so only the access rule can refuse it."""
    return actions.client.get(path) if method == "GET" else actions.post(path, {})


def allowed(role: str | None, endpoint: str) -> bool:
    """Teachers and admins use /teach; only admins use /admin."""
    return role in (("teacher", "admin") if endpoint.startswith("teach.") else ("admin",))


def test_every_teacher_and_admin_route_is_refused_to_students_and_guests(app):
    """Enumerates the URL map, so a new /teach or /admin route cannot be forgotten.

    Anonymous visitors are sent to sign in, guests and students get the rule's 403, staff of the area
    get past the rule (whatever the page then answers). Before any such route existed this test had
    nothing to check; every route added to those blueprints joins the enumeration by itself.
    """
    requests = staff_requests(app)
    for role in (None, "guest", "student", "teacher", "admin"):
        actions = as_role(app, role)
        for method, path, endpoint in requests:
            response = send(actions, method, path)
            location = response.headers.get("Location", "")
            if role is None:
                assert response.status_code == 302 and "/auth/login" in location, (method, path)
            elif allowed(role, endpoint):
                assert not refused_by_rule(response) and "/auth/login" not in location, (role, method, path)
            else:
                assert refused_by_rule(response), (role, method, path)
    assert db.session.scalar(select(Answer)) is None
