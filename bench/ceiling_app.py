"""The ceiling for bench/load.py: the app's answer POST written as directly as the stack allows.

Plain Flask + SQLAlchemy Core on the app's own tables (quiz.models' Table objects, none of its
views, extensions or ORM), Flask's signed cookie session and Flask-WTF's CSRF check. It runs every
statement the app's answer must run: the user row (sign-out invalidation), the attempt and the
question at the position, the answer insert (UNIQUE(attempt, question)), the guarded score update,
the progress upsert, the FSRS card review and, on the last question, the finish with standings and
(for an attempt marked `overall`, as the app's rule says) totals updated by deltas (each upsert one
executemany, as the app sends it). It connects to SQLite as the app does (quiz.database's pragmas,
quiz.sqlite_turns' write queue). GET /setup/<user_id> signs the user in and returns a CSRF token.
"""
import os
from datetime import datetime, timedelta, timezone

from flask import Flask, abort, redirect, request, session
from flask_wtf.csrf import generate_csrf, validate_csrf
from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import bindparam as bp, create_engine, event, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from wtforms import ValidationError

from quiz.database import set_sqlite_pragmas  # the app's connection setup: WAL, busy timeout...
from quiz.sqlite_turns import TurnTakingConnection  # ...and writers queued, not left to SQLite's busy handler
from quiz.models import Answer, Attempt, AttemptItem, BoardTotal, Progress, Quiz, ReviewCard, Standing, User

users, attempts, items, answers = User.__table__, Attempt.__table__, AttemptItem.__table__, Answer.__table__
progress, cards, standings, totals = Progress.__table__, ReviewCard.__table__, Standing.__table__, BoardTotal.__table__
app = Flask(__name__)
app.config.update(SECRET_KEY=os.environ["SECRET_KEY"], SESSION_REFRESH_EACH_REQUEST=False)
url = os.environ["DATABASE_URL"]
engine = create_engine(url, **({"connect_args": {"factory": TurnTakingConnection}} if url.startswith("sqlite")
                               else {"pool_size": 5}))
if engine.dialect.name == "sqlite":
    event.listen(engine, "connect", set_sqlite_pragmas)
dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
SCHEDULER = Scheduler(learning_steps=(timedelta(minutes=10),), relearning_steps=(timedelta(minutes=10),))
SLOT = (select(attempts.c.user_id, attempts.c.started_at, attempts.c.finished_at, attempts.c.answered,
               attempts.c.total, Quiz.__table__.c.time_limit, items.c.id, items.c.question_id, items.c.choices,
               items.c.answer, select(func.max(answers.c.answered_at)).where(answers.c.attempt_id == attempts.c.id)
               .scalar_subquery())
        .join(Quiz.__table__, Quiz.__table__.c.id == attempts.c.quiz_id)
        .join(items, (items.c.attempt_id == attempts.c.id))
        .where(attempts.c.id == bp("attempt_id"), items.c.position == bp("position")))
# Every statement is built once with bound parameters: building one (above all ON CONFLICT) costs more
# than running it, so a ceiling that built them per request would flatter the app.
TOKEN = select(users.c.session_token).where(users.c.id == bp("user_id"))
STORE = answers.insert()
ADD_POINTS = (update(attempts).where(attempts.c.id == bp("attempt_id"), attempts.c.finished_at.is_(None))
              .values(score=attempts.c.score + bp("points"), answered=attempts.c.answered + 1))
_seen = dialect.insert(progress).values({c: bp(c) for c in ("user_id", "question_id", "seen", "right", "last_correct",
                                                               "last_seen_at")})
SEEN = _seen.on_conflict_do_update(index_elements=["user_id", "question_id"], set_={
    "seen": progress.c.seen + 1, "right": progress.c.right + _seen.excluded.right,
    "last_correct": _seen.excluded.last_correct, "last_seen_at": _seen.excluded.last_seen_at})
CARD = select(cards).where(cards.c.user_id == bp("user_id"), cards.c.question_id == bp("question_id")).with_for_update()
NEW_CARD = dialect.insert(cards).values({c: bp(c) for c in ("user_id", "question_id", "state", "step", "due", "reps",
                                                              "lapses")}).on_conflict_do_nothing()
REVIEWED = update(cards).where(cards.c.id == bp("card_id")).values(
    reps=cards.c.reps + 1, lapses=cards.c.lapses + bp("lapsed"),
    **{c: bp(c) for c in ("state", "step", "stability", "difficulty", "due", "last_review")})
FINISH = (update(attempts).where(attempts.c.id == bp("attempt_id"), attempts.c.answered >= attempts.c.total,
                                 attempts.c.finished_at.is_(None)).values(finished_at=bp("now"))
          .returning(attempts.c.user_id, attempts.c.quiz_id, attempts.c.score, attempts.c.total, attempts.c.started_at,
                     attempts.c.ranked, attempts.c.overall))
PLAYER = (select(users.c.hidden_from_boards, users.c.role == "guest").where(users.c.id == bp("user_id"))
          .with_for_update(key_share=True))
OLD = select(standings).where(standings.c.user_id == bp("user_id"), standings.c.quiz_id == bp("quiz_id"),
                              standings.c.period.in_(bp("periods", expanding=True)))
RANKED = ("score", "total", "accuracy", "seconds", "finished_at", "hidden", "guest")
_put = dialect.insert(standings).values({c: bp(c) for c in ("user_id", "quiz_id", "period", "attempt_id", *RANKED)})
PUT = _put.on_conflict_do_update(index_elements=["user_id", "quiz_id", "period"],
                                 set_={c: _put.excluded[c] for c in ("attempt_id", *RANKED)})
_add = dialect.insert(totals).values({c: bp(c) for c in ("user_id", "period", "quizzes", *RANKED)})
ADD = _add.on_conflict_do_update(index_elements=["user_id", "period"], set_={
    "quizzes": totals.c.quizzes + bp("d_quizzes"), "score": totals.c.score + bp("d_score"),
    "total": totals.c.total + bp("d_total"), "seconds": totals.c.seconds + bp("d_seconds"),
    "finished_at": _add.excluded.finished_at,
    "accuracy": (totals.c.score + bp("d_score")) / func.nullif(totals.c.total + bp("d_total"), 0)})


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@app.get("/setup/<int:user_id>")
def setup(user_id: int):
    with engine.connect() as conn:
        token = conn.scalar(select(users.c.session_token).where(users.c.id == user_id))
    session.permanent = True
    session["sid"] = f"{user_id}:{token}"
    return generate_csrf()


@app.post("/attempt/<int:attempt_id>/answer")
def answer(attempt_id: int):
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        abort(400)
    user_id, _sep, token = session.get("sid", "").partition(":")
    position, choice = int(request.form["position"]), request.form["choice"]
    now = utcnow()
    with engine.begin() as conn:
        if conn.scalar(TOKEN, {"user_id": int(user_id or 0)}) != token:
            abort(401)  # signed out elsewhere (or never signed in)
        row = conn.execute(SLOT, {"attempt_id": attempt_id, "position": position}).one_or_none()
        if row is None or row.user_id != int(user_id):
            abort(404)
        (owner, started, finished, answered, total, limit, item_id, question_id, choices, key, last) = row
        if finished is not None or position != answered:
            abort(409)
        if limit and now > started + timedelta(seconds=limit + 5):
            abort(409)
        given = choices[int(choice)]
        points = 1.0 if given == key else 0.0
        try:
            conn.execute(STORE, {"attempt_id": attempt_id, "question_id": question_id, "item_id": item_id,
                                 "given": given, "correct": points >= 1, "points": points, "answered_at": now,
                                 "seconds": (now - max(last or started, started)).total_seconds()})
        except IntegrityError:
            abort(409)
        if not conn.execute(ADD_POINTS, {"attempt_id": attempt_id, "points": points}).rowcount:
            abort(409)
        conn.execute(SEEN, {"user_id": owner, "question_id": question_id, "seen": 1, "right": int(points >= 1),
                            "last_correct": points >= 1, "last_seen_at": now})
        review(conn, owner, question_id, points, now)
        if position + 1 >= total:
            finish(conn, attempt_id, now)
    return redirect(f"/attempt/{attempt_id}/feedback/{position}")


def review(conn, user_id: int, question_id: int, points: float, now: datetime) -> None:
    """The FSRS card: read it locked (created on first sight), review it, write it back."""
    keys = {"user_id": user_id, "question_id": question_id}
    row = conn.execute(CARD, keys).one_or_none()
    if row is None:
        conn.execute(NEW_CARD, {**keys, "state": 1, "step": 0, "due": now, "reps": 0, "lapses": 0})
        row = conn.execute(CARD, keys).one()
    aware = lambda t: t.replace(tzinfo=timezone.utc) if t else None  # noqa: E731
    rating = Rating.Good if points >= 1 else Rating.Hard if points > 0 else Rating.Again
    card, _log = SCHEDULER.review_card(Card(card_id=row.id, state=State(row.state), step=row.step,
                                            stability=row.stability, difficulty=row.difficulty, due=aware(row.due),
                                            last_review=aware(row.last_review)), rating, review_datetime=aware(now))
    conn.execute(REVIEWED, {"card_id": row.id, "lapsed": int(row.state == 2 and rating == Rating.Again),
                            "state": int(card.state), "step": card.step, "stability": card.stability,
                            "difficulty": card.difficulty, "due": card.due.replace(tzinfo=None), "last_review": now})


def finish(conn, attempt_id: int, now: datetime) -> None:
    """Stamp the finish; fold the attempt into standings (best per period) and totals by deltas."""
    done = conn.execute(FINISH, {"attempt_id": attempt_id, "now": now}).one_or_none()
    if done is None or not done.ranked:  # only ranked attempts count on boards
        return
    user_id, quiz_id, score, total, started, _ranked, overall = done
    hidden, guest = conn.execute(PLAYER, {"user_id": user_id}).one()
    seconds = round((now - started).total_seconds())
    periods = [f"w{now.isocalendar()[0]}-{now.isocalendar()[1]:02d}", f"m{now:%Y-%m}", "all"]
    old = {row.period: row for row in conn.execute(OLD, {"user_id": user_id, "quiz_id": quiz_id, "periods": periods})}
    ranked = {"score": score, "total": total, "accuracy": score / total, "seconds": seconds, "finished_at": now,
              "hidden": hidden, "guest": guest}
    put, add = [], []
    for period in periods:
        before = old.get(period)
        if before is not None and (score, -seconds) <= (before.score, -before.seconds):
            continue  # not better than the standing it would replace
        put.append({"user_id": user_id, "quiz_id": quiz_id, "period": period, "attempt_id": attempt_id, **ranked})
        add.append({"user_id": user_id, "period": period, "quizzes": 1, **ranked,
                    "d_quizzes": 0 if before else 1, "d_score": score - (before.score if before else 0),
                    "d_total": total - (before.total if before else 0),
                    "d_seconds": seconds - (before.seconds if before else 0)})
    if put:  # each as one executemany (pipelined on PostgreSQL), as the app sends them
        conn.execute(PUT, put)
        if overall:  # totals add up only attempts marked at their start (a quiz ranking the first attempt)
            conn.execute(ADD, add)
