"""What each screen is shown: the projector's view of the game and each phone's, read from the database.

Phones get only what they need to answer (the options, never the prompt or the key while the
question is open); the projector gets the question, the tally and, after it, the answer and boards.
"""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import LiveAnswer, LiveGame, LivePlayer, LiveQuestion, now_utc
from quiz.services.live.answers import answered_count
from quiz.services.live.game import active_players, current_question, expected_answers, question_at

TOP = 5
FINAL = 30  # the game's own final board (public leaderboards never see live games)


@dataclass(frozen=True)
class Standing:
    """One player's place on the game's board."""

    player_id: int
    nickname: str
    score: int
    streak: int
    rank: int


def standings(game: LiveGame) -> list[Standing]:
    """Every active player ranked: most points, then who reached their score first, then who joined first."""
    reached = (select(LiveAnswer.player_id, func.max(LiveAnswer.answered_at).label("at"))
               .where(LiveAnswer.game_id == game.id, LiveAnswer.points > 0)
               .group_by(LiveAnswer.player_id).subquery())
    rows = list(db.session.execute(
        select(LivePlayer.id, LivePlayer.nickname, LivePlayer.score, LivePlayer.streak, reached.c.at)
        .outerjoin(reached, reached.c.player_id == LivePlayer.id)
        .where(LivePlayer.game_id == game.id, LivePlayer.removed.is_(False))))
    rows.sort(key=lambda r: (-r.score, r.at or datetime.max, r.id))
    return [Standing(r.id, r.nickname, r.score, r.streak, rank) for rank, r in enumerate(rows, start=1)]


def remaining_ms(game: LiveGame, now: datetime | None = None) -> int:
    """Milliseconds left on the current question's countdown, by the server's clock (never negative)."""
    if game.phase != "question" or game.question_started_at is None:
        return 0
    elapsed = ((now or now_utc()) - game.question_started_at).total_seconds()
    return max(0, int((game.seconds - elapsed) * 1000))


@dataclass
class Reveal:
    """How a question went: the key, the explanation and its source events, the counts per option."""

    question: LiveQuestion
    bars: list[tuple[str, int, bool]]  # (label, how many, is the answer)
    sources: list[str] = field(default_factory=list)

    @property
    def most(self) -> int:
        """The longest bar (at least 1, so an empty chart draws no bars rather than dividing by zero)."""
        return max([count for _label, count, _right in self.bars] + [1])


def answer_text(question: LiveQuestion) -> str:
    """The key as one line (orderings joined with arrows)."""
    answer = question.answer
    return " → ".join(answer) if isinstance(answer, list) else str(answer)


def reveal(game: LiveGame) -> Reveal:
    """The current question's outcome for the projector."""
    question = current_question(game)
    answers = db.session.execute(select(LiveAnswer.option, LiveAnswer.fraction).where(
        LiveAnswer.game_id == game.id, LiveAnswer.position == game.position)).all()
    if question.kind == "order":
        bars = [("right", sum(1 for a in answers if a.fraction >= 1), True),
                ("partly", sum(1 for a in answers if 0 < a.fraction < 1), False),
                ("wrong", sum(1 for a in answers if a.fraction == 0), False)]
    else:
        bars = [(choice, sum(1 for a in answers if a.option == i), choice == question.answer)
                for i, choice in enumerate(question.choices)]
    sources = [f"{e.date_label} {e.headline}" for e in question.question.events]
    return Reveal(question, bars, sources)


def host_view(game: LiveGame) -> dict[str, Any]:
    """Everything the projector shows now (a reload renders the same)."""
    view: dict[str, Any] = {"game": game, "players": active_players(game)}
    if game.phase in ("question", "reveal"):
        view.update(question=question_at(game), answered=answered_count(game), expected=expected_answers(game),
                    remaining_ms=remaining_ms(game))
    if game.phase == "reveal":
        view.update(reveal=reveal(game), top=standings(game)[:TOP])
    if game.phase == "ended":
        final = standings(game)
        view.update(podium=final[:3], final=final[:FINAL])
    return view


def phone_question(game: LiveGame) -> dict[str, Any]:
    """The open question as a phone sees it: its kind and options, never the prompt or the key."""
    question = current_question(game)
    return {"position": game.position, "total": game.total, "kind": question.kind,
            "choices": list(question.choices), "remaining_ms": remaining_ms(game), "seconds": game.seconds}


def phone_boards(game: LiveGame) -> dict[int, dict[str, Any]]:
    """Every player's own line after a question (rank, score, streak, this question's points), by player id."""
    answers = {row.player_id: row for row in db.session.execute(
        select(LiveAnswer.player_id, LiveAnswer.points, LiveAnswer.fraction).where(
            LiveAnswer.game_id == game.id, LiveAnswer.position == game.position))}
    return {s.player_id: {"rank": s.rank, "score": s.score, "streak": s.streak,
                               "points": answers[s.player_id].points if s.player_id in answers else 0,
                               "fraction": answers[s.player_id].fraction if s.player_id in answers else None}
            for s in standings(game)}


def phone_view(game: LiveGame, player: LivePlayer) -> dict[str, Any]:
    """What a (re)connecting phone shows: the lobby, the open question, its result, or the final place."""
    view: dict[str, Any] = {"phase": game.phase, "player_id": player.id, "nickname": player.nickname,
                            "score": player.score, "first_position": player.first_position,
                            "position": game.position, "total": game.total}
    if game.phase == "question":
        answered = db.session.scalar(select(LiveAnswer.id).where(
            LiveAnswer.player_id == player.id, LiveAnswer.position == game.position)) is not None
        view["answered"] = answered
        view["waiting"] = player.first_position > game.position  # late joiner: in from the next question
        if not answered and not view["waiting"]:
            view["question"] = phone_question(game)
    if game.phase in ("reveal", "ended"):
        view["me"] = phone_boards(game).get(player.id)
    return view
