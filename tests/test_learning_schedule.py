"""The FSRS schedule: right answers push a question further out, wrong ones bring it back soon."""
from datetime import datetime, timedelta

from sqlalchemy import select

from helpers import answer_form, attempt, fixed_quiz, item_at
from quiz.extensions import db
from quiz.models import Answer, Question, ReviewCard, User
from quiz.services import review

T0 = datetime(2026, 3, 1, 9, 0)


def a_user_and_question() -> tuple[int, int]:
    """A fresh student and a seeded question."""
    user = User(nickname="记忆", role="student")
    db.session.add(user)
    db.session.commit()
    return user.id, db.session.scalar(select(Question.id).order_by(Question.id))


def card(user_id: int, question_id: int) -> ReviewCard:
    """The stored card, as another connection sees it."""
    db.session.expire_all()
    return db.session.scalar(select(ReviewCard).where(
        ReviewCard.user_id == user_id, ReviewCard.question_id == question_id))


def test_points_map_to_ratings():
    assert [review.rating_for(p).name for p in (0.0, 0.3, 0.99, 1.0)] == ["Again", "Hard", "Hard", "Good"]


def test_right_answers_advance_the_schedule(app):
    user_id, question_id = a_user_and_question()
    review.record_review(user_id, question_id, 1.0, T0)
    db.session.commit()
    first = card(user_id, question_id)
    assert first.state == 2 and first.reps == 1 and first.last_review == T0
    first_gap, first_stability = first.due - T0, first.stability
    assert first_gap >= timedelta(days=1)
    review.record_review(user_id, question_id, 1.0, first.due)
    db.session.commit()
    second = card(user_id, question_id)
    assert second.reps == 2 and second.stability > first_stability
    assert second.due - second.last_review > first_gap


def test_a_wrong_answer_makes_the_schedule_fall_back(app):
    user_id, question_id = a_user_and_question()
    review.record_review(user_id, question_id, 1.0, T0)
    review.record_review(user_id, question_id, 1.0, T0 + timedelta(days=3))
    db.session.commit()
    known = card(user_id, question_id)
    stability, when = known.stability, known.due
    recall_before = review.recall_chance(known, when)
    review.record_review(user_id, question_id, 0.0, when)
    db.session.commit()
    lapsed = card(user_id, question_id)
    assert lapsed.state == 3 and lapsed.lapses == 1  # relearning
    assert lapsed.due == when + timedelta(minutes=10)
    assert lapsed.stability < stability
    assert review.recall_chance(lapsed, when) < recall_before


def test_new_questions_wrong_soon_and_partial_a_little_later(app):
    user_id, question_id = a_user_and_question()
    other = db.session.scalar(select(Question.id).where(Question.id != question_id).order_by(Question.id))
    review.record_review(user_id, question_id, 0.0, T0)
    review.record_review(user_id, other, 0.5, T0)
    db.session.commit()
    assert card(user_id, question_id).due == T0 + timedelta(minutes=10)
    assert card(user_id, other).due == T0 + timedelta(minutes=15)  # Hard: between Again and Good


def test_every_graded_answer_reviews_the_card_in_the_same_transaction(actions, client):
    fixed_quiz("sr-two", ["which_first", "fact"])
    actions.guest("复习")
    attempt_id = actions.start("sr-two")
    first, second = item_at(attempt_id, 0), item_at(attempt_id, 1)
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(first, right=True))
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(second, right=False))
    user_id = attempt(attempt_id).user_id
    right, wrong = card(user_id, first.question_id), card(user_id, second.question_id)
    answers = {a.question_id: a for a in db.session.scalars(select(Answer))}
    assert right.last_review == answers[first.question_id].answered_at and right.state == 2
    assert wrong.last_review == answers[second.question_id].answered_at and wrong.state == 1
    assert wrong.due < right.due


def test_a_refused_answer_reviews_nothing(actions, client):
    fixed_quiz("sr-one", ["which_first"])
    actions.guest("复习")
    attempt_id = actions.start("sr-one")
    response = actions.post(f"/attempt/{attempt_id}/answer", {"position": "0", "choice": "99"})
    assert response.status_code == 400
    assert db.session.scalars(select(ReviewCard)).all() == []
