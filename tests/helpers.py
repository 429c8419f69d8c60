"""Small helpers shared by the app tests: reading keys from the database like a grader."""
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Attempt, AttemptItem, Question, Quiz, QuizQuestion


def item_at(attempt_id: int, position: int) -> AttemptItem:
    """The frozen question at a position of an attempt."""
    db.session.expire_all()
    return db.session.scalar(select(AttemptItem).where(
        AttemptItem.attempt_id == attempt_id, AttemptItem.position == position))


def right_raw(item: AttemptItem) -> dict:
    """Form values that answer the item correctly."""
    if item.kind == "order":
        return {"order": [str(item.choices.index(c)) for c in item.answer]}
    return {"choice": str(item.choices.index(item.answer))}


def wrong_raw(item: AttemptItem) -> dict:
    """Form values that answer the item wrongly."""
    if item.kind == "order":
        return {"order": [str(item.choices.index(c)) for c in reversed(item.answer)]}
    return {"choice": str(next(i for i, c in enumerate(item.choices) if c != item.answer))}


def answer_form(item: AttemptItem, right: bool = True) -> dict:
    """The whole answer form for an item, without the CSRF token."""
    return {"position": str(item.position), **(right_raw(item) if right else wrong_raw(item))}


def fixed_quiz(slug: str, kinds: list[str], per_kind: int = 1) -> Quiz:
    """A published quiz of picked questions of the given kinds, in that order."""
    quiz = Quiz(slug=slug, title=f"Test {slug}", shuffle=False)
    position = 0
    for kind in kinds:
        for q in db.session.scalars(select(Question).where(Question.kind == kind).order_by(Question.id).limit(per_kind)):
            quiz.items.append(QuizQuestion(question_id=q.id, position=position))
            position += 1
    db.session.add(quiz)
    db.session.commit()
    return quiz


def attempt(attempt_id: int) -> Attempt:
    """Reload an attempt from the database."""
    db.session.expire_all()
    return db.session.get(Attempt, attempt_id)
