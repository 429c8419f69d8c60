"""Joining a class with its code, and a teacher assigning quizzes on the class page: through the pages."""
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Assignment, ClassMember
from teach_helpers import class_with, custom_question, signed_in, teacher_quiz, user


def members(classroom_id: int) -> int:
    """How many students the class has."""
    return db.session.scalar(select(func.count()).select_from(ClassMember)
                             .where(ClassMember.classroom_id == classroom_id))


def test_a_student_joins_with_the_code_in_any_case_once_and_a_wrong_code_is_a_form_error(app):
    signed_in(app, "teacher", "laoshi")
    classroom = class_with(user("laoshi"))
    student = signed_in(app, "student", "xuesheng")
    wrong = student.post("/classes/join", {"code": "NOSUCH"}, token_from="/classes/join")
    assert wrong.status_code == 400 and "没有使用此班级码的班级。" in wrong.get_data(as_text=True)
    assert members(classroom.id) == 0
    joined = student.post("/classes/join", {"code": f" {classroom.join_code.lower()} "}, token_from="/classes/join")
    assert joined.status_code == 302
    assert "你已加入三年二班。" in student.client.get("/").get_data(as_text=True)
    again = student.post(f"/classes/join/{classroom.join_code}", {"code": classroom.join_code},
                         token_from=f"/classes/join/{classroom.join_code}")
    assert again.status_code == 302
    assert "你已经在三年二班中。" in student.client.get("/").get_data(as_text=True)
    assert members(classroom.id) == 1


def test_a_guest_following_a_class_link_is_sent_to_sign_up_first_and_comes_back(app):
    signed_in(app, "teacher", "laoshi")
    classroom = class_with(user("laoshi"))
    guest = signed_in(app, "guest")
    response = guest.client.get(f"/classes/join/{classroom.join_code}")
    assert response.status_code == 302 and "/auth/signup" in response.headers["Location"]
    assert f"/classes/join/{classroom.join_code}" in response.headers["Location"]
    assert members(classroom.id) == 0


def test_a_teacher_assigns_only_their_own_quiz_and_only_once(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    quiz = teacher_quiz(owner, [custom_question(owner).id])
    signed_in(app, "teacher", "bieren")
    other = user("bieren")
    foreign = teacher_quiz(other, [custom_question(other, "别人的题").id], title="别人的测验")
    classroom = class_with(owner)
    page = f"/teach/classes/{classroom.id}"
    refused = teacher.post(page, {"quiz": str(foreign.id), "due_at": ""}, token_from=page)
    assert refused.status_code == 400
    assigned = teacher.post(page, {"quiz": str(quiz.id), "due_at": ""}, token_from=page)
    assert assigned.status_code == 302
    assert "测验已布置。" in teacher.client.get(page).get_data(as_text=True)
    twice = teacher.post(page, {"quiz": str(quiz.id), "due_at": ""}, token_from=page)
    assert twice.status_code == 409 and "这个测验已经布置给该班级了。" in twice.get_data(as_text=True)
    assert db.session.scalars(select(Assignment.quiz_id).where(Assignment.classroom_id == classroom.id)).all() \
        == [quiz.id]
