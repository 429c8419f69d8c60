"""The shared bank: which questions a player may meet outside a quiz they open (practice, daily).

A question is reachable when a published quiz can show it: picked into a published quiz, or a
generated question of a timeline that has a published quiz. A teacher's own questions reach the
bank only by being picked into a published quiz; anything only in unpublished quizzes never does.
"""
from sqlalchemy import Select, and_, exists, or_, select

from quiz.models import Question, Quiz, QuizQuestion


def reachable_question_ids() -> Select:
    """The ids of every visible question a published quiz can show, as a subquery to filter by."""
    picked = (select(QuizQuestion.question_id).join(Quiz, Quiz.id == QuizQuestion.quiz_id)
              .where(Quiz.published.is_(True)))
    public_timeline = exists().where(Quiz.timeline_id == Question.timeline_id, Quiz.published.is_(True))
    return select(Question.id).where(
        Question.hidden.is_(False),
        or_(Question.id.in_(picked), and_(Question.origin == "generated", public_timeline)))


def in_bank(query: Select) -> Select:
    """Limit a query on questions to the reachable ones."""
    return query.where(Question.id.in_(reachable_question_ids()))
