"""Students report a problem with a question; its author fixes it from the queue."""
from sqlalchemy import func, select

from helpers import answer_form, item_at
from quiz.extensions import db
from quiz.models import Question, QuestionReport
from teach_helpers import class_with, custom_question, signed_in, teacher_quiz, user


def answered_question(app, student_name: str = "xuesheng", quiz=None):
    """A student who answered the first question of the teacher's quiz; return (student, attempt id)."""
    student = signed_in(app, "student", student_name)
    attempt_id = student.start(quiz.slug)
    student.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 0), right=False),
                 token_from=f"/attempt/{attempt_id}")
    return student, attempt_id


def report(student, attempt_id: int, reason: str = "wrong_key", comment: str = "答案应该是2004年"):
    """Send the report form from the feedback page."""
    page = f"/attempt/{attempt_id}/feedback/0"
    return student.post(page + "/report", {"reason": reason, "comment": comment}, token_from=page)


def teacher_with_quiz(app):
    """A teacher with a published quiz of one own question."""
    teacher = signed_in(app, "teacher", "laoshi")
    quiz = teacher_quiz(user("laoshi"), [custom_question(user("laoshi")).id])
    return teacher, quiz


def test_student_reports_from_feedback_and_teacher_sees_counts(app):
    teacher, quiz = teacher_with_quiz(app)
    for name, reason in (("student1", "wrong_key"), ("student2", "wrong_key"), ("student3", "typo")):
        student, attempt_id = answered_question(app, name, quiz)
        assert "反馈这道题的问题" in student.client.get(f"/attempt/{attempt_id}/feedback/0").get_data(as_text=True)
        response = report(student, attempt_id, reason)
        assert response.status_code == 302 and response.headers["Location"].endswith(f"/attempt/{attempt_id}/feedback/0")
    report(student, attempt_id, "unclear", "再说一次")  # a second report from student3 replaces the first
    assert db.session.scalar(select(func.count()).select_from(QuestionReport)) == 3
    queue = teacher.client.get("/teach/reports").get_data(as_text=True)
    assert "3 条反馈" in queue and "答案有误 × 2" in queue and "表述不清 × 1" in queue and "再说一次" in queue
    assert "1 条反馈" not in queue and "错别字" not in queue
    assert "学生反馈的题目" in teacher.client.get("/teach/").get_data(as_text=True)


def test_report_needs_an_answered_own_question_and_a_reason(app):
    _teacher, quiz = teacher_with_quiz(app)
    student, attempt_id = answered_question(app, "student1", quiz)
    refused = report(student, attempt_id, "nonsense")
    assert refused.status_code == 400
    assert report(student, attempt_id, "typo", "长" * 501).status_code == 400
    stranger = signed_in(app, "student", "stranger")
    assert report(stranger, attempt_id).status_code == 404
    second = student.start(quiz.slug)  # a new attempt whose question is not answered yet
    page = f"/attempt/{second}/feedback/0"
    assert student.post(page + "/report", {"reason": "typo"}, token_from="/").status_code in (302, 404)
    assert db.session.scalar(select(func.count()).select_from(QuestionReport)) == 0


def test_teacher_corrects_or_hides_in_place_and_reports_close(app):
    teacher, quiz = teacher_with_quiz(app)
    student, attempt_id = answered_question(app, "student1", quiz)
    report(student, attempt_id)
    question_id = item_at(attempt_id, 0).question_id
    response = teacher.post(f"/teach/reports/{question_id}/correct",
                            {f"q{question_id}-prompt": "支付宝在哪一年正式成立？", f"q{question_id}-explanation": "2004年。"},
                            token_from="/teach/reports")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, question_id).prompt == "支付宝在哪一年正式成立？"
    assert "没有待处理的反馈" in teacher.client.get("/teach/reports").get_data(as_text=True)
    report(student, attempt_id, "unclear")
    assert teacher.post(f"/teach/reports/{question_id}/correct", {f"q{question_id}-prompt": ""},
                        token_from="/teach/reports").status_code == 400
    assert teacher.post(f"/teach/reports/{question_id}/hide", token_from="/teach/reports").status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, question_id).hidden
    assert db.session.scalar(select(func.count()).select_from(QuestionReport)
                             .where(QuestionReport.resolved_at.is_(None))) == 0


def test_only_the_author_or_an_admin_fixes_a_reported_question(app):
    _teacher, quiz = teacher_with_quiz(app)
    student, attempt_id = answered_question(app, "student1", quiz)
    report(student, attempt_id)
    question_id = item_at(attempt_id, 0).question_id
    other = signed_in(app, "teacher", "other")
    assert "没有待处理的反馈" in other.client.get("/teach/reports").get_data(as_text=True)
    assert other.post(f"/teach/reports/{question_id}/hide", token_from="/teach/reports").status_code == 404
    admin = signed_in(app, "admin", "boss")
    assert "答案有误 × 1" in admin.client.get("/teach/reports").get_data(as_text=True)
    assert admin.post(f"/teach/reports/{question_id}/dismiss", token_from="/teach/reports").status_code == 302
    db.session.expire_all()
    assert not db.session.get(Question, question_id).hidden
