"""When a live question closes, its answers count like any other answer: each reviews the player's
spaced-repetition card and counts in their progress.

Done once per question, in the transaction that closes it (so exactly once: only one close can move
the game), rather than once per answer while the class is still answering: the answer path then
writes only the answer and the score, and the reviews cost a few batched statements.
"""
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import LiveAnswer, LivePlayer, LiveQuestion
from quiz.services import review
from quiz.services.progress import record_many


def settle_question(game_id: int, position: int) -> None:
    """Review the cards and count the progress of every answer to the game's question at `position`."""
    question_id = db.session.scalar(select(LiveQuestion.question_id).where(
        LiveQuestion.game_id == game_id, LiveQuestion.position == position))
    if question_id is None:
        return
    answers = db.session.execute(
        select(LivePlayer.user_id, LiveAnswer.fraction, LiveAnswer.answered_at)
        .join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
        .where(LiveAnswer.game_id == game_id, LiveAnswer.position == position)
        .order_by(LivePlayer.user_id)).all()
    if not answers:
        return
    record_many(question_id, [(a.user_id, a.fraction >= 1.0, a.answered_at) for a in answers])
    review.record_reviews(question_id, [(a.user_id, a.fraction, a.answered_at) for a in answers])
