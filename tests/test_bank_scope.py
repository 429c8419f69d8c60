"""An unpublished question never reaches a student: not by practice, daily, quiz play, review, results or boards."""
from datetime import datetime, timedelta

from sqlalchemy import select

from helpers import answer_form, item_at
from quiz.extensions import db
from quiz.models import AttemptItem, Event, Quiz, ReviewCard
from quiz.services import bank, practice, selection
from teach_helpers import custom_question, signed_in, teacher_quiz, user

SECRET = "只在未发布测验里的秘密题"


def secret_question(app):
    """A teacher's question on the bundled timeline (with an event), picked only into an unpublished quiz."""
    signed_in(app, "teacher", "teacher1")
    owner = user("teacher1")
    question = custom_question(owner, prompt=SECRET)
    question.events = [db.session.scalar(select(Event).order_by(Event.id))]
    quiz = teacher_quiz(owner, [question.id], title="草稿测验")
    quiz.published = False
    db.session.commit()
    return question, quiz


def student_had_it_due(student_id: int, question_id: int) -> None:
    """A card due yesterday, as if the student had met the question while it was public."""
    yesterday = datetime.utcnow() - timedelta(days=1)
    db.session.add(ReviewCard(user_id=student_id, question_id=question_id, state=2, stability=3.0, difficulty=5.0,
                              due=yesterday, last_review=yesterday - timedelta(days=3)))
    db.session.commit()


def finish(actions, attempt_id: int) -> str:
    """Answer every question of the attempt; return the result page."""
    position = 0
    while (item := item_at(attempt_id, position)) is not None:
        if item.kind == "date_entry":
            data = {"position": str(position), "when": item.answer}
        else:
            data = answer_form(item)
        actions.post(f"/attempt/{attempt_id}/answer", data)
        position += 1
    return actions.client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)


def test_an_unpublished_question_never_reaches_a_student(app):
    question, draft = secret_question(app)
    student = signed_in(app, "student", "student1")
    student_had_it_due(user("student1").id, question.id)
    # The shared bank (practice's new questions and the daily pool) does not hold it.
    reachable = set(db.session.scalars(bank.reachable_question_ids()))
    assert question.id not in reachable and reachable
    # Practice: a due card of it is not served; the session and its result never show it.
    response = student.post("/practice/start", token_from="/practice/")
    practice_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert SECRET not in finish(student, practice_id)
    assert question.id not in practice.due_questions(user("student1").id, datetime.utcnow(), 100)
    # Daily: drawn from the bank only.
    daily = student.post("/practice/daily", token_from="/practice/")
    daily_id = int(daily.headers["Location"].rstrip("/").split("/")[-1])
    assert SECRET not in finish(student, daily_id)
    # Every published quiz: rule quizzes of its timeline never draw another teacher's question.
    for quiz in db.session.scalars(select(Quiz).where(Quiz.published.is_(True))).all():
        assert question.id not in {q.id for q in selection.candidate_questions(quiz)}, quiz.slug
        attempt_id = student.start(quiz.slug)
        assert SECRET not in finish(student, attempt_id)
        assert SECRET not in student.client.get(f"/leaderboard/quiz/{quiz.slug}").get_data(as_text=True)
    assert db.session.scalar(select(AttemptItem.id).where(AttemptItem.question_id == question.id)) is None
    # The unpublished quiz itself is not there; attempts list, progress and boards do not show it.
    assert student.client.get(f"/quiz/{draft.slug}").status_code == 404
    assert student.post(f"/quiz/{draft.slug}/start").status_code == 404
    for path in ("/", "/attempts", "/progress", "/leaderboard/", "/practice/"):
        assert SECRET not in student.client.get(path).get_data(as_text=True), path


def test_a_question_picked_into_a_published_quiz_is_in_the_bank_and_leaves_it_when_unpublished(app):
    question, draft = secret_question(app)
    draft.published = True
    db.session.commit()
    assert question.id in set(db.session.scalars(bank.reachable_question_ids()))
    draft.published = False
    db.session.commit()
    assert question.id not in set(db.session.scalars(bank.reachable_question_ids()))
