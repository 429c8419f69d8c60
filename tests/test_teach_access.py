"""Every teacher and admin route refuses anonymous visitors, guests and students (enumerated)."""
import pytest
from flask import url_for
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Classroom, Question, Quiz
from quiz.services import import_jobs
from teach_helpers import class_with, custom_question, signed_in, teacher_quiz, user

STAFF = ("teach.", "admin.")


def staff_rules(app) -> list:
    """Every rule of the teaching and admin blueprints, from the live URL map."""
    return sorted((r for r in app.url_map.iter_rules() if r.endpoint.startswith(STAFF)), key=lambda r: r.rule)


def path_for(rule, ids: dict) -> str:
    """Build a real path for a rule from the ids of rows the teacher owns."""
    action = {"teach.hide_question": "hide", "teach.publish_quiz": "publish",
              "teach.settle_reported": "dismiss", "teach.hide_questions": "hide"}.get(rule.endpoint)
    values = {**ids, "kind": "choice", "action": action}
    return url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})


@pytest.fixture
def teacher_rows(app, inspector_app):
    """A teacher (with a question, a quiz, a class and an assignment) and the ids to visit."""
    signed_in(app, "teacher", "teacher1")
    teacher = user("teacher1")
    question = custom_question(teacher)
    quiz = teacher_quiz(teacher, [question.id])
    classroom = class_with(teacher, quiz)
    job = import_jobs.create(teacher, "questions", "en", "kind,prompt\r\n")
    return {"question_id": question.id, "quiz_id": quiz.id, "class_id": classroom.id,
            "assignment_id": classroom.assignments[0].id, "user_id": teacher.id, "invite_id": 1, "job_id": job.id}


def test_the_map_has_teacher_and_admin_routes(app):
    endpoints = {r.endpoint for r in staff_rules(app)}
    assert {"teach.home", "teach.new_question", "teach.quiz_results", "admin.invite_codes"} <= endpoints


@pytest.mark.parametrize("role", [None, "guest", "student"])
def test_every_staff_route_refuses_non_teachers(app, teacher_rows, role):
    actions = signed_in(app, role)
    before = [db.session.scalar(select(func.count()).select_from(m)) for m in (Question, Quiz, Classroom)]
    for rule in staff_rules(app):
        path = path_for(rule, teacher_rows)
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = actions.client.get(path) if method == "GET" else actions.post(path, {"name": "x"})
            if role is None:
                assert response.status_code == 302, (method, path)
                assert "/auth/login" in response.headers["Location"]
            else:
                assert response.status_code == 403, (role, method, path)
    db.session.expire_all()
    assert before == [db.session.scalar(select(func.count()).select_from(m)) for m in (Question, Quiz, Classroom)]


def test_teacher_opens_every_teacher_page_and_admin_every_page(app, teacher_rows):
    teacher = signed_in(app, None)
    teacher.login("teacher1")
    admin = signed_in(app, "admin", "admin1")
    for rule in staff_rules(app):
        if "GET" not in rule.methods:
            continue
        path = path_for(rule, teacher_rows)
        expected_teacher = 200 if rule.endpoint.startswith("teach.") else 403
        response = teacher.client.get(path)
        assert response.status_code == expected_teacher, path
        if expected_teacher == 403:  # the page says who may open it: not "only teachers", to a teacher
            assert "只有管理员可以使用这些页面" in response.get_data(as_text=True), path
        assert admin.client.get(path).status_code == 200, path


def test_another_teacher_cannot_open_my_quiz_class_or_question(app, teacher_rows):
    other = signed_in(app, "teacher", "teacher2")
    for path in (f"/teach/quizzes/{teacher_rows['quiz_id']}", f"/teach/classes/{teacher_rows['class_id']}",
                 f"/teach/questions/{teacher_rows['question_id']}/edit",
                 f"/teach/quizzes/{teacher_rows['quiz_id']}/results"):
        assert other.client.get(path).status_code == 403, path
