"""Synthetic leaderboard data for benchmarks: players, finished attempts, answers and standings in bulk."""
import math
import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy import case, func, insert, select, text

from quiz.extensions import db
from quiz.models import Answer, Attempt, AttemptItem, BoardTotal, Question, Quiz, Standing, User, now_utc
from quiz.services.standings import PERIOD_TABS, period_key

BATCH = 20_000


def next_id(model) -> int:
    """The first free primary key, so bulk rows carry their ids and need no RETURNING."""
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def chunks(rows: Iterator[dict], size: int = BATCH) -> Iterator[list[dict]]:
    """Cut a stream of rows into executemany batches."""
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk(model, rows: Iterator[dict]) -> None:
    """Insert rows through the core table in batches, many rows per statement.

    RETURNING makes SQLAlchemy send each batch as multi-row INSERTs ("insertmanyvalues") rather than
    one statement per row: on PostgreSQL the rank-count trigger runs once per statement, and one per
    row would update the same count rows thousands of times in one transaction (each update leaves a
    row version the next one walks).
    """
    table = model.__table__
    own_ids = False
    for batch in chunks(rows):
        db.session.execute(insert(table).returning(table.c.id), batch)
        own_ids = own_ids or "id" in batch[0]
    if own_ids:
        advance_id_sequence(model)


def advance_id_sequence(model) -> None:
    """On PostgreSQL, move the table's id sequence past the ids bulk rows carried: rows given their
    own ids leave it where it was, and the next row the app adds (a sign-up, a new attempt) would take
    an id already used and fail. SQLite takes the next id from the largest one, so has nothing to move."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    table = model.__table__.name
    db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}), true)"))


def seed_leaderboard(players: int, answers: int, per_attempt: int = 10, seed: int = 1,
                     with_answers: bool = True) -> dict[str, int]:
    """Add `players` synthetic players and finished attempts holding `answers` answers, with standings.

    Attempt i belongs to player i mod players, at quiz (i div players) mod quizzes, finished within
    the last 60 days; 2% of players are hidden and a fifth are guests. Returns the row counts added.
    Boards never read answers: `with_answers=False` leaves them (and the frozen questions) out.
    """
    rng, now = random.Random(seed), now_utc()
    # Quizzes that rank the first attempt, as the bundled ones do: each seeded first attempt is then ranked
    # and adds up on the overall board, as a played one would (services.fairplay.counts_overall).
    quiz_ids = list(db.session.scalars(select(Quiz.id).where(Quiz.published.is_(True), Quiz.ranked_attempt == "first")
                                       .order_by(Quiz.id)))
    question_ids = list(db.session.scalars(select(Question.id).order_by(Question.id).limit(per_attempt)))
    if not quiz_ids or len(question_ids) < per_attempt or players < 1:
        raise ValueError("seeding needs at least one player, a published quiz and enough questions")
    first_user = next_id(User)
    bulk(User, ({"id": first_user + n, "username": None if n % 5 == 0 else f"seed{first_user + n}",
                 "nickname": f"玩家{first_user + n}", "role": "guest" if n % 5 == 0 else "student",
                 "session_token": f"{first_user + n:032x}", "hidden_from_boards": n % 50 == 7,
                 "created_at": now} for n in range(players)))
    attempts = [synthetic_attempt(rng, now, first_user + i % players, quiz_ids[(i // players) % len(quiz_ids)],
                                  min(per_attempt, answers - i * per_attempt), i // (players * len(quiz_ids)) + 1)
                for i in range(math.ceil(answers / per_attempt))]
    first_attempt = next_id(Attempt)
    for offset, a in enumerate(attempts):
        a["id"] = first_attempt + offset
    bulk(Attempt, iter(attempts))
    if with_answers:
        first_item = next_id(AttemptItem)
        bulk(AttemptItem, item_rows(attempts, question_ids, first_item))
        bulk(Answer, answer_rows(attempts, question_ids, next_id(Answer), first_item))
    hidden = {first_user + n for n in range(players) if n % 50 == 7}
    guests = {first_user + n for n in range(players) if n % 5 == 0}
    best = best_standings(attempts, hidden, guests)
    bulk(Standing, iter(best.values()))
    add_totals(first_user)
    db.session.commit()
    return {"players": players, "attempts": len(attempts), "answers": answers if with_answers else 0,
            "standings": len(best)}


def synthetic_attempt(rng: random.Random, now: datetime, user_id: int, quiz_id: int, total: int,
                      number: int) -> dict:
    """The player's `number`-th finished attempt at the quiz (the first is ranked), with a plausible score
    and duration."""
    finished = now - timedelta(seconds=rng.randint(0, 60 * 86400))
    score = sum(rng.random() < 0.65 for _ in range(total))
    return {"user_id": user_id, "quiz_id": quiz_id, "started_at": finished - timedelta(seconds=rng.randint(20, 900)),
            "finished_at": finished, "score": float(score), "total": total, "answered": total,
            "number": number, "ranked": number == 1, "overall": number == 1}


def item_rows(attempts: list[dict], question_ids: list[int], first_id: int) -> Iterator[dict]:
    """The frozen questions of each synthetic attempt (answers point at them)."""
    next_item = first_id
    for a in attempts:
        for position in range(a["total"]):
            yield {"id": next_item, "attempt_id": a["id"], "position": position, "question_id": question_ids[position],
                   "kind": "fact", "prompt": "seed", "choices": ["a", "b"], "answer": "a", "explanation": ""}
            next_item += 1


def answer_rows(attempts: list[dict], question_ids: list[int], first_id: int, first_item: int) -> Iterator[dict]:
    """One answer per frozen question; the first `score` of them are right."""
    n = 0
    for a in attempts:
        step = (a["finished_at"] - a["started_at"]) / max(1, a["total"])
        for position in range(a["total"]):
            right = position < a["score"]
            yield {"id": first_id + n, "attempt_id": a["id"], "question_id": question_ids[position],
                   "item_id": first_item + n, "given": "a" if right else "b", "correct": right,
                   "points": 1.0 if right else 0.0, "answered_at": a["started_at"] + step * (position + 1),
                   "seconds": step.total_seconds()}
            n += 1


def best_standings(attempts: list[dict], hidden: set[int], guests: set[int]) -> dict[tuple, dict]:
    """Each player's best ranked attempt per quiz and period, by the same rule as the live write path."""
    best: dict[tuple, dict] = {}
    for a in filter(lambda a: a["ranked"], attempts):
        seconds = int((a["finished_at"] - a["started_at"]).total_seconds())
        for tab in PERIOD_TABS:
            key = (a["user_id"], a["quiz_id"], period_key(tab, a["finished_at"]))
            old = best.get(key)
            if old is None or (a["score"], -seconds) > (old["score"], -old["seconds"]):
                best[key] = {"user_id": a["user_id"], "quiz_id": a["quiz_id"], "period": key[2],
                             "attempt_id": a["id"], "score": a["score"], "total": a["total"],
                             "accuracy": a["score"] / a["total"], "seconds": seconds,
                             "finished_at": a["finished_at"], "hidden": a["user_id"] in hidden,
                             "guest": a["user_id"] in guests}
    return best


def add_totals(first_user: int) -> None:
    """Sum the new players' standings into their overall totals with one INSERT ... SELECT."""
    s = Standing
    totals = (select(s.user_id, s.period, func.count(), func.sum(s.score), func.sum(s.total),
                     func.sum(s.score) / func.sum(s.total), func.sum(s.seconds), func.max(s.finished_at),
                     func.max(case((s.hidden, 1), else_=0)) == 1, func.max(case((s.guest, 1), else_=0)) == 1)
              .where(s.user_id >= first_user).group_by(s.user_id, s.period))
    columns = ["user_id", "period", "quizzes", "score", "total", "accuracy", "seconds", "finished_at", "hidden",
               "guest"]
    db.session.execute(insert(BoardTotal.__table__).from_select(columns, totals))
