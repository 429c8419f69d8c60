"""At the end of a game, store each player's result as a finished attempt at the quiz.

Teachers then see the game in the quiz's results (per student, per question and per option) like any
other attempts. The attempts never reach a public leaderboard: standings are folded in only by
play.finish_if_complete / finish_if_expired, which a live game does not call; the game has its own board.
They use up none of the attempts the quiz allows, but a player who saw the keys live is no longer ranked on
a quiz that ranks first attempts (services.fairplay).
Each attempt holds the questions from the one the player joined at; unanswered ones score nothing.
The spaced-repetition cards were reviewed when each answer came (services.live.answers).
"""
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Answer, Attempt, AttemptItem, LiveAnswer, LiveGame, LivePlayer, LiveQuestion


def store_attempts(game: LiveGame) -> None:
    """One finished attempt per player still in the game, in the caller's transaction."""
    questions = list(db.session.scalars(select(LiveQuestion).where(LiveQuestion.game_id == game.id)
                                        .order_by(LiveQuestion.position)))
    stored = db.session.scalars(select(LiveAnswer).where(LiveAnswer.game_id == game.id))
    answers: dict[tuple[int, int], LiveAnswer] = {(a.player_id, a.position): a for a in stored}
    players = db.session.scalars(select(LivePlayer).where(LivePlayer.game_id == game.id,
                                                         LivePlayer.removed.is_(False)))
    for player in players:
        asked = [q for q in questions if player.first_position <= q.position <= game.position]
        if asked:
            store_attempt(game, player, asked, [answers.get((player.id, q.position)) for q in asked])


def store_attempt(game: LiveGame, player: LivePlayer, asked: list[LiveQuestion],
                  given: list[LiveAnswer | None]) -> None:
    """The player's attempt: the questions they were asked, with the answers they gave."""
    # No number: a game the teacher ran is not one of the attempts the quiz allows the player (models.Attempt).
    attempt = Attempt(user_id=player.user_id, quiz_id=game.quiz_id, number=None, started_at=player.joined_at,
                      finished_at=game.ended_at, total=len(asked),
                      answered=sum(1 for a in given if a is not None),
                      score=sum(a.fraction for a in given if a is not None))
    attempt.items = [AttemptItem(**AttemptItem.frozen(q, i)) for i, q in enumerate(asked)]
    db.session.add(attempt)
    db.session.flush()  # the answers need the attempt's id
    for item, answer in zip(attempt.items, given):
        if answer is not None:
            item.response = Answer(attempt_id=attempt.id, question_id=item.question_id, given=answer.given,
                                   correct=answer.fraction >= 1.0, points=answer.fraction,
                                   answered_at=answer.answered_at, seconds=answer.seconds)
