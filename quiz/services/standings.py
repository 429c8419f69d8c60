"""Leaderboard write path: fold each finished attempt into standings, in the finishing transaction.

Standings keep each player's best attempt per quiz and period; totals are the sums of those bests over
the quizzes that rank the first attempt (a best-attempt quiz keeps its own board only: services.fairplay.
counts_overall), kept by deltas: a finish that improves a standing adds the difference to the total, so
no finish ever re-reads the player's other standings.
"""
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, bindparam, case, select, update

from quiz import unit_of_work
from quiz.extensions import db
from quiz.models import Attempt, BoardTotal, Quiz, Standing, User
from quiz.models.standing import ALL_TIME
from quiz.services.upsert import upsert

PERIOD_TABS = ("week", "month", "all")
AnyRow = Row[*tuple[Any, ...]]
_attempts, _standings, _totals = Attempt.__table__, Standing.__table__, BoardTotal.__table__

# What folding a finish needs, as the finishing UPDATE ... RETURNING gives it (no second read).
FINISHED = (_attempts.c.id, _attempts.c.user_id, _attempts.c.quiz_id, _attempts.c.score, _attempts.c.total,
            _attempts.c.started_at, _attempts.c.finished_at, _attempts.c.ranked, _attempts.c.overall,
            select(Quiz.__table__.c.published).where(Quiz.__table__.c.id == _attempts.c.quiz_id)
            .scalar_subquery().label("published"))
FINISHED_ROW = select(*FINISHED).where(_attempts.c.id == bindparam("attempt_id"),
                                       _attempts.c.finished_at.is_not(None))
BEST_SO_FAR = select(_standings.c.period, _standings.c.score, _standings.c.total, _standings.c.seconds).where(
    _standings.c.user_id == bindparam("user_id"), _standings.c.quiz_id == bindparam("quiz_id"),
    _standings.c.period.in_([bindparam(tab) for tab in PERIOD_TABS]))
_users = User.__table__
PLAYER_FLAGS = (select(_users.c.hidden_from_boards, _users.c.role == "guest").where(_users.c.id == bindparam("user_id"))
                .with_for_update(key_share=True))


def period_key(tab: str, when: datetime) -> str:
    """Name the period a moment falls in: "all", ISO week "w2026-48" or month "m2026-11" (UTC)."""
    if tab == "week":
        year, week, _day = when.isocalendar()
        return f"w{year}-{week:02d}"
    if tab == "month":
        return f"m{when:%Y-%m}"
    return ALL_TIME


def record_finish(attempt_id: int) -> None:
    """Fold a finished attempt, read by its id, into its player's standings and totals."""
    row = unit_of_work.connection().execute(FINISHED_ROW, {"attempt_id": attempt_id}).one_or_none()
    if row is not None:
        fold_finish(row)


def fold_finish(row: AnyRow) -> None:
    """Fold a just-finished attempt (a row of FINISHED) into its player's standings and totals.

    Called inside the transaction that stamps the finish, so a board never lags behind or sees half.
    Only ranked attempts count (services.fairplay): by default a player's first attempt at a
    published quiz; later ones are practice. Practice sessions and daily challenges (unpublished
    quizzes built per player or per day) are not quizzes people chose to compete on: never ranked.
    The totals take only attempts marked `overall` at their start (a quiz that ranks the first attempt):
    a best attempt, replayed with known keys, improves its quiz's standing but never the overall board.
    """
    if not (row.ranked and row.published):
        return
    hidden, guest = lock_player(row.user_id)
    values = {"user_id": row.user_id, "quiz_id": row.quiz_id, "attempt_id": row.id, "score": row.score,
              "total": row.total, "accuracy": row.score / row.total if row.total else 0.0,
              # Rounded as every page writes a duration (filters.duration), not cut: 1.7 s is 2 s everywhere.
              "seconds": max(0, round((row.finished_at - row.started_at).total_seconds())),
              "finished_at": row.finished_at, "hidden": hidden, "guest": guest}
    periods = {tab: period_key(tab, row.finished_at) for tab in PERIOD_TABS}
    before = {old.period: old for old in unit_of_work.connection().execute(
        BEST_SO_FAR, {"user_id": row.user_id, "quiz_id": row.quiz_id, **periods})}
    better = [p for p in periods.values() if p not in before or beats(values, before[p])]
    if not better:
        return
    upsert(Standing, ("user_id", "quiz_id", "period"), [{**values, "period": p} for p in better])
    if row.overall:
        upsert(BoardTotal, ("user_id", "period"), [delta(values, p, before.get(p)) for p in better],
               changes=add_delta)


def lock_player(user_id: int) -> tuple[bool, bool]:
    """Lock the player's row until commit (PostgreSQL); return their privacy switch and whether they are a guest.

    Two attempts of one player finishing at once then update standings and totals one after the
    other, never losing either (the standings read above are their latest). FOR NO KEY UPDATE, so
    the foreign-key checks of their own inserts (KEY SHARE on the same row) cannot deadlock with it.
    SQLite already runs one writer at a time.
    """
    hidden, guest = unit_of_work.connection().execute(PLAYER_FLAGS, {"user_id": user_id}).one()
    return bool(hidden), bool(guest)


def beats(new: dict[str, Any], old: AnyRow) -> bool:
    """A standing is replaced only by a better attempt: more points, or as many in less time."""
    return new["score"] > old.score or (new["score"] == old.score and new["seconds"] < old.seconds)


def delta(new: dict[str, Any], period: str, old: AnyRow | None) -> dict[str, Any]:
    """What the new standing adds to the player's total of the period (all of it when it is the first)."""
    score, total = new["score"] - (old.score if old else 0), new["total"] - (old.total if old else 0)
    return {"user_id": new["user_id"], "period": period, "quizzes": 0 if old else 1, "score": score,
            "total": total, "accuracy": score / total if total else 0.0,
            "seconds": new["seconds"] - (old.seconds if old else 0), "finished_at": new["finished_at"],
            "hidden": new["hidden"], "guest": new["guest"]}


def add_delta(excluded) -> dict[str, ColumnElement[Any]]:
    """On an existing total add the delta; a new total is the delta itself (the player's first standing)."""
    score, total = _totals.c.score + excluded.score, _totals.c.total + excluded.total
    return {"quizzes": _totals.c.quizzes + excluded.quizzes, "score": score, "total": total,
            "accuracy": case((total > 0, score / total), else_=0.0),
            "seconds": _totals.c.seconds + excluded.seconds, "hidden": excluded.hidden, "guest": excluded.guest,
            "finished_at": case((_totals.c.finished_at > excluded.finished_at, _totals.c.finished_at),
                                else_=excluded.finished_at)}


def set_hidden(user_id: int, hidden: bool) -> None:
    """Switch a player's privacy: hidden players leave every public board but still see themselves.

    The rank counts follow by trigger; on PostgreSQL the trigger applies a statement's changes in key
    order, so a finish racing the switch waits for it (or it for the finish) instead of a deadlock.
    """
    db.session.execute(update(User).where(User.id == user_id).values(hidden_from_boards=hidden))
    for model in (Standing, BoardTotal):
        db.session.execute(update(model).where(model.user_id == user_id).values(hidden=hidden))
