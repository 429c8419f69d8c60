"""Password reset by one-time code: teachers for the students of their classes, admins for teachers.
The code is shown once, stored hashed, works once and expires."""
import re
from datetime import datetime, timedelta, timezone

import time_machine
from sqlalchemy import select

from helpers import Actions
from quiz.extensions import db
from quiz.models import PasswordReset
from quiz.services import classes, invites
from teach_helpers import PASSWORD, signed_in, user

NEW = "a brand new passphrase"
CODE_RE = re.compile(r"<code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</code>")


def reset_code(actions: Actions, path: str, token_from: str) -> str:
    """Press a reset button and read the code from the page it shows."""
    response = actions.post(path, token_from=token_from)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    return CODE_RE.search(response.get_data(as_text=True)).group(1)


def use_code(actions: Actions, username: str, code: str, password: str = NEW):
    """Send the set-a-new-password form."""
    return actions.post("/auth/reset", {"username": username, "code": code, "password": password,
                                        "confirm": password}, token_from="/auth/reset")


def setup_class(app):
    """A teacher with a class holding student `pupil`; another student outside it."""
    teacher = signed_in(app, "teacher", "teacher1")
    pupil_client = signed_in(app, "student", "pupil")
    signed_in(app, "student", "outsider")
    classroom = classes.create_class(user("teacher1"), "三年二班")
    classes.join(classroom, user("pupil"))
    return teacher, pupil_client, classroom.id


def test_a_teacher_resets_a_student_of_their_class_once(app):
    teacher, pupil_device, class_id = setup_class(app)
    page = f"/teach/classes/{class_id}"
    code = reset_code(teacher, f"{page}/students/{user('pupil').id}/reset-password", page)
    assert code.replace("-", "") not in str([r.code_hash for r in db.session.scalars(select(PasswordReset))])
    student = Actions(app.test_client())
    assert use_code(student, "pupil", code.lower().replace("-", " ")).status_code == 302   # typed loosely
    assert student.client.get("/attempts").status_code == 200                           # signed in
    assert pupil_device.client.get("/attempts").status_code == 302                      # old session ended
    assert Actions(app.test_client()).login("pupil", PASSWORD).status_code == 400
    again = use_code(Actions(app.test_client()), "pupil", code, "yet another passphrase")
    assert again.status_code == 400 and "重置码错误、已使用或已过期" in again.get_data(as_text=True)
    assert Actions(app.test_client()).login("pupil", NEW).status_code == 302


def test_a_code_expires_after_a_day_and_a_new_code_cancels_the_old(app):
    teacher, _device, class_id = setup_class(app)
    page = f"/teach/classes/{class_id}"
    button = f"{page}/students/{user('pupil').id}/reset-password"
    with time_machine.travel(datetime.now(timezone.utc), tick=False) as clock:
        first = reset_code(teacher, button, page)
        second = reset_code(teacher, button, page)
        assert use_code(Actions(app.test_client()), "pupil", first).status_code == 400
        clock.shift(timedelta(hours=24, minutes=1))
        assert use_code(Actions(app.test_client()), "pupil", second).status_code == 400
    assert Actions(app.test_client()).login("pupil", PASSWORD).status_code == 302


def test_teachers_reset_only_students_of_their_own_classes(app):
    teacher, _device, class_id = setup_class(app)
    page = f"/teach/classes/{class_id}"
    outsider = user("outsider").id
    assert teacher.post(f"{page}/students/{outsider}/reset-password", token_from=page).status_code == 404
    other_teacher = signed_in(app, "teacher", "teacher2")
    response = other_teacher.post(f"{page}/students/{user('pupil').id}/reset-password", token_from="/teach/")
    assert response.status_code == 403
    assert teacher.post(f"/admin/users/{outsider}/reset-password", token_from=page).status_code == 403
    assert db.session.scalar(select(PasswordReset)) is None


def test_an_admin_resets_a_teacher_the_same_way(app):
    invites.create_admin("boss", PASSWORD)
    admin = Actions(app.test_client())
    admin.login("boss", PASSWORD)
    signed_in(app, "teacher", "teacher1")
    listing = admin.client.get("/admin/teachers").get_data(as_text=True)
    assert "teacher1" in listing
    code = reset_code(admin, f"/admin/users/{user('teacher1').id}/reset-password", "/admin/teachers")
    teacher = Actions(app.test_client())
    assert use_code(teacher, "teacher1", code).status_code == 302
    assert teacher.client.get("/teach/").status_code == 200
    assert admin.post(f"/admin/users/{user('boss').id}/reset-password", token_from="/admin/teachers").status_code == 404


def test_a_wrong_code_or_name_is_refused_alike_and_the_policy_applies(app):
    teacher, _device, class_id = setup_class(app)
    page = f"/teach/classes/{class_id}"
    code = reset_code(teacher, f"{page}/students/{user('pupil').id}/reset-password", page)
    for name, typed in (("pupil", "AAAA-BBBB-CCCC"), ("nobody", code)):
        response = use_code(Actions(app.test_client()), name, typed)
        assert response.status_code == 400 and "重置码错误、已使用或已过期" in response.get_data(as_text=True)
    weak = use_code(Actions(app.test_client()), "pupil", code, "q1w2e3r4t5y6")
    assert weak.status_code == 400 and "最常见的密码之一" in weak.get_data(as_text=True)
    assert use_code(Actions(app.test_client()), "pupil", code).status_code == 302
