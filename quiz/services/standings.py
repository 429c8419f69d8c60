"""Leaderboard write path: fold each finished attempt into standings, in the finishing transaction."""
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, update

from quiz.extensions import db
from quiz.models import Attempt, BoardTotal, Quiz, Standing, User
from quiz.models.standing import ALL_TIME
from quiz.services.upsert import upsert

PERIOD_TABS = ("week", "month", "all")


def period_key(tab: str, when: datetime) -> str:
    """Name the period a moment falls in: "all", ISO week "w2026-48" or month "m2026-11" (UTC)."""
    if tab == "week":
        year, week, _day = when.isocalendar()
        return f"w{year}-{week:02d}"
    if tab == "month":
        return f"m{when:%Y-%m}"
    return ALL_TIME


def record_finish(attempt_id: int) -> None:
    """Fold a just-finished attempt into its player's standings and totals for every period.

    Called inside the transaction that stamps the finish, so a board never lags behind or sees half.
    Only ranked attempts count (services.fairplay): by default a player's first attempt at a
    published quiz; later ones are practice. Practice sessions and daily challenges (unpublished
    quizzes built per player or per day) are not quizzes people chose to compete on: never ranked.
    """
    row = db.session.execute(
        select(Attempt.user_id, Attempt.quiz_id, Attempt.score, Attempt.total, Attempt.started_at,
               Attempt.finished_at).join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Attempt.id == attempt_id, Attempt.finished_at.is_not(None), Attempt.ranked.is_(True),
               Quiz.published.is_(True))
    ).one_or_none()
    if row is None:
        return
    hidden = lock_player(row.user_id)
    values = {"user_id": row.user_id, "quiz_id": row.quiz_id, "attempt_id": attempt_id, "score": row.score,
              "total": row.total, "accuracy": row.score / row.total if row.total else 0.0,
              "seconds": max(0, int((row.finished_at - row.started_at).total_seconds())),
              "finished_at": row.finished_at, "hidden": hidden}
    periods = [period_key(tab, row.finished_at) for tab in PERIOD_TABS]
    upsert(Standing, ("user_id", "quiz_id", "period"), [{**values, "period": p} for p in periods], only_if=keeps_best)
    refresh_totals(row.user_id, periods, hidden)


def lock_player(user_id: int) -> bool:
    """Lock the player's row until commit (PostgreSQL) and return their privacy switch.

    Two attempts of one player finishing at once then update standings and totals one after the
    other, never losing either. FOR NO KEY UPDATE, so the foreign-key checks of their own inserts
    (KEY SHARE on the same row) cannot deadlock with it. SQLite already runs one writer at a time.
    """
    return bool(db.session.scalar(
        select(User.hidden_from_boards).where(User.id == user_id).with_for_update(key_share=True)))


def keeps_best(excluded) -> ColumnElement[bool]:
    """Replace a standing only by a better attempt: more points, or as many in less time."""
    return or_(excluded.score > Standing.score,
               and_(excluded.score == Standing.score, excluded.seconds < Standing.seconds))


def refresh_totals(user_id: int, periods: list[str], hidden: bool) -> None:
    """Recount the player's overall totals for the periods from their best standing per quiz."""
    sums = db.session.execute(
        select(Standing.period, func.count(), func.sum(Standing.score), func.sum(Standing.total),
               func.sum(Standing.seconds), func.max(Standing.finished_at))
        .where(Standing.user_id == user_id, Standing.period.in_(periods)).group_by(Standing.period)
    ).all()
    upsert(BoardTotal, ("user_id", "period"), [
        {"user_id": user_id, "period": period, "quizzes": count, "score": score, "total": total,
         "accuracy": score / total if total else 0.0, "seconds": seconds, "finished_at": reached, "hidden": hidden}
        for period, count, score, total, seconds, reached in sums])


def set_hidden(user_id: int, hidden: bool) -> None:
    """Switch a player's privacy: hidden players leave every public board but still see themselves."""
    db.session.execute(update(User).where(User.id == user_id).values(hidden_from_boards=hidden))
    for model in (Standing, BoardTotal):
        db.session.execute(update(model).where(model.user_id == user_id).values(hidden=hidden))
