"""Students report a problem with a question; its author fixes it from the queue."""
import io
import re

from sqlalchemy import func, select

from helpers import answer_form, item_at
from quiz import generator
from quiz.extensions import db
from quiz.models import Question, QuestionReport
from quiz.services import timelines
from teach_helpers import class_with, custom_question, signed_in, teacher_quiz, user


def answered_question(app, student_name: str = "xuesheng", quiz=None):
    """A student who answered the first question of the teacher's quiz; return (student, attempt id)."""
    student = signed_in(app, "student", student_name)
    attempt_id = student.start(quiz.slug)
    student.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 0), right=False),
                 token_from=f"/attempt/{attempt_id}")
    return student, attempt_id


def report(student, attempt_id: int, reason: str = "wrong_key", comment: str = "答案应该是2004年"):
    """Send the report form from its page (linked from the feedback page)."""
    page = f"/attempt/{attempt_id}/feedback/0/report"
    return student.post(page, {"reason": reason, "comment": comment}, token_from=page)


def teacher_with_quiz(app):
    """A teacher with a published quiz of one own question."""
    teacher = signed_in(app, "teacher", "laoshi")
    quiz = teacher_quiz(user("laoshi"), [custom_question(user("laoshi")).id])
    return teacher, quiz


def test_student_reports_from_feedback_and_teacher_sees_counts(app):
    teacher, quiz = teacher_with_quiz(app)
    for name, reason in (("student1", "wrong_key"), ("student2", "wrong_key"), ("student3", "typo")):
        student, attempt_id = answered_question(app, name, quiz)
        feedback = student.client.get(f"/attempt/{attempt_id}/feedback/0").get_data(as_text=True)
        assert f'href="/attempt/{attempt_id}/feedback/0/report">反馈这道题的问题</a>' in feedback
        assert 'name="reason"' not in feedback  # the form is on its own page, not in every feedback page
        form = student.client.get(f"/attempt/{attempt_id}/feedback/0/report")
        assert form.status_code == 200 and "标为正确的答案是错的" in form.get_data(as_text=True)
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
    assert stranger.client.get(f"/attempt/{attempt_id}/feedback/0/report").status_code == 404
    assert stranger.post(f"/attempt/{attempt_id}/feedback/0/report", {"reason": "typo"}, token_from="/").status_code == 404
    second = student.start(quiz.slug)  # a new attempt whose question is not answered yet
    page = f"/attempt/{second}/feedback/0/report"
    assert student.client.get(page).status_code == 404
    assert student.post(page, {"reason": "typo"}, token_from="/").status_code in (302, 404)
    assert db.session.scalar(select(func.count()).select_from(QuestionReport)) == 0


def open_reports() -> int:
    """Reports nobody has handled yet."""
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(QuestionReport).where(QuestionReport.resolved_at.is_(None)))


def correction(question_id: int, prompt: str, options: list[str], right: int, explanation: str = "") -> dict:
    """The queue's correction form of one question (its fields carry the question's prefix)."""
    data = {f"q{question_id}-prompt": prompt, f"q{question_id}-explanation": explanation,
            f"q{question_id}-correct": str(right)}
    data.update({f"q{question_id}-options-{i}": text for i, text in enumerate(options + [""] * (6 - len(options)))})
    return data


def test_teacher_fixes_a_wrong_key_in_place_and_past_scores_stay(app):
    teacher, quiz = teacher_with_quiz(app)
    student, attempt_id = answered_question(app, "student1", quiz)  # answered wrong, by the stored key
    report(student, attempt_id)
    item = item_at(attempt_id, 0)
    question_id, given = item.question_id, item.response.given
    queue = teacher.client.get("/teach/reports").get_data(as_text=True)
    assert f'name="q{question_id}-options-0" type="text" value="2003年"' in queue  # the options, to correct there
    assert "已有 1 人次作答" in queue and "学生反馈的题目 <span class=\"count\">(1)</span>" in queue
    assert "已更正" not in student.client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)
    fixed = correction(question_id, "支付宝在哪一年正式成立？", ["2003年", "2004年", "2005年"],
                       ["2003年", "2004年", "2005年"].index(given), "按学生的反馈改正。")
    response = teacher.post(f"/teach/reports/{question_id}/correct", fixed, token_from="/teach/reports")
    assert response.status_code == 302 and response.headers["Location"].endswith("/teach/reports")
    db.session.expire_all()
    question = db.session.get(Question, question_id)
    assert (question.prompt, question.answer, question.explanation) == ("支付宝在哪一年正式成立？", given, "按学生的反馈改正。")
    assert open_reports() == 0
    queue = teacher.client.get("/teach/reports").get_data(as_text=True)
    assert "没有待处理的反馈" in queue and 'class="count"' not in queue
    assert item_at(attempt_id, 0).response.points == 0  # the answer already given keeps its score
    result = student.client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)
    assert re.search(rf"本次作答后已更正为：\s*{given}\s*<span class=\"muted\">（得分保持不变）", result)
    feedback = student.client.get(f"/attempt/{attempt_id}/feedback/0").get_data(as_text=True)
    assert "本次作答后已更正为：" in feedback
    retry = student.start(quiz.slug)
    assert student.post(f"/attempt/{retry}/answer", {"position": "0", "choice": str(item_at(retry, 0).choices.index(given))},
                        token_from=f"/attempt/{retry}").status_code in (200, 302)
    assert item_at(retry, 0).response.points == 1  # a new attempt is graded by the corrected key


def test_a_refused_correction_keeps_the_reports_and_says_why(app):
    teacher, quiz = teacher_with_quiz(app)
    student, attempt_id = answered_question(app, "student1", quiz)
    report(student, attempt_id)
    question_id = item_at(attempt_id, 0).question_id
    for refused in (correction(question_id, "", ["2003年", "2004年"], 0),
                    correction(question_id, "支付宝哪一年成立？", ["2004年"], 0),
                    correction(question_id, "支付宝哪一年成立？", ["2003年", "2004年"], 4)):
        response = teacher.post(f"/teach/reports/{question_id}/correct", refused, token_from="/teach/reports")
        assert response.status_code == 400
        assert "<details open>" in response.get_data(as_text=True)
    assert open_reports() == 1
    assert db.session.get(Question, question_id).answer == "2004年"


def test_teacher_hides_a_reported_question_in_place(app):
    teacher, quiz = teacher_with_quiz(app)
    student, attempt_id = answered_question(app, "student1", quiz)
    report(student, attempt_id, "unclear")
    question_id = item_at(attempt_id, 0).question_id
    assert teacher.post(f"/teach/reports/{question_id}/hide", token_from="/teach/reports").status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, question_id).hidden
    assert open_reports() == 0


def test_the_importer_corrects_a_generated_question_of_their_timeline(app):
    teacher = signed_in(app, "teacher", "laoshi")
    text = generator.bundled_timeline_path().read_text(encoding="utf-8")
    timeline = timelines.import_timeline("mine", "我的时间线", text[:1500])
    timeline.owner_id = user("laoshi").id
    db.session.commit()
    question = db.session.scalar(select(Question).where(Question.timeline_id == timeline.id,
                                                        Question.kind == "which_first"))
    quiz = teacher_quiz(user("laoshi"), [question.id])
    student, attempt_id = answered_question(app, "student1", quiz)
    report(student, attempt_id)
    assert "没有待处理的反馈" in signed_in(app, "teacher", "other").client.get("/teach/reports").get_data(as_text=True)
    options = list(question.choices)
    other = next(i for i, o in enumerate(options) if o != question.answer)
    assert teacher.post(f"/teach/reports/{question.id}/correct", correction(question.id, question.prompt, options, other),
                        token_from="/teach/reports").status_code == 302
    db.session.expire_all()
    corrected = db.session.get(Question, question.id)
    assert (corrected.kind, corrected.answer, corrected.origin) == ("which_first", options[other], "generated")
    assert open_reports() == 0
    assert timelines.sync_generated_questions(corrected.timeline, generator.parse_timeline(text[:1500])) == 0
    db.session.commit()
    assert db.session.get(Question, question.id).answer == options[other]  # regenerating keeps the correction


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


def test_the_queue_shows_a_reported_question_s_image_and_a_correction_keeps_it(app):
    from image_helpers import picture

    teacher = signed_in(app, "teacher", "laoshi")
    form = {"prompt": "图中是哪座城市？", "explanation": "", "timeline": "1", "event": "0", "correct": "0",
            "image_alt": "一张地图，杭州用红点标出", "options-0": "杭州", "options-1": "上海",
            **{f"options-{i}": "" for i in range(2, 6)}, "image": (io.BytesIO(picture()), "map.png")}
    assert teacher.post("/teach/questions/new/choice", form, token_from="/teach/questions/new/choice",
                        content_type="multipart/form-data").status_code == 302
    question = db.session.scalar(select(Question).where(Question.origin == "custom"))
    image_id = question.image_id
    student, attempt_id = answered_question(app, "student1", teacher_quiz(user("laoshi"), [question.id]))
    report(student, attempt_id, "unclear", "图太小")
    queue = teacher.client.get("/teach/reports").get_data(as_text=True)
    assert 'alt="一张地图，杭州用红点标出"' in queue and "/teach/questions/%d/edit" % question.id in queue
    fixed = correction(question.id, "地图上红点标出的是哪座城市？", ["杭州", "上海"], 0)
    assert teacher.post(f"/teach/reports/{question.id}/correct", fixed, token_from="/teach/reports").status_code == 302
    db.session.expire_all()
    corrected = db.session.get(Question, question.id)
    assert (corrected.prompt, corrected.image_id, corrected.image_alt) == (
        "地图上红点标出的是哪座城市？", image_id, "一张地图，杭州用红点标出")
