"""The ceiling for bench/load.py: the app's answer POST written as directly as the stack allows.

Plain Flask + SQLAlchemy Core on the app's own tables (quiz.models' Table objects, none of its
views, extensions or ORM), Flask's signed cookie session and Flask-WTF's CSRF check. It runs every
statement the app's answer must run: the user row (sign-out invalidation), the attempt and the
question at the position, the answer insert (UNIQUE(attempt, question)), the guarded score update,
the progress upsert, the FSRS card review and, on the last question, the finish with standings and
totals updated by deltas. GET /setup/<user_id> signs the user in and returns a CSRF token.
"""
import os
from datetime import datetime, timedelta, timezone

from flask import Flask, abort, redirect, request, session
from flask_wtf.csrf import generate_csrf, validate_csrf
from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import create_engine, event, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from wtforms import ValidationError

from quiz.database import set_sqlite_pragmas  # the app's connection setup: WAL, busy timeout
from quiz.models import Answer, Attempt, AttemptItem, BoardTotal, Progress, Quiz, ReviewCard, Standing, User

users, attempts, items, answers = User.__table__, Attempt.__table__, AttemptItem.__table__, Answer.__table__
progress, cards, standings, totals = Progress.__table__, ReviewCard.__table__, Standing.__table__, BoardTotal.__table__
app = Flask(__name__)
app.config.update(SECRET_KEY=os.environ["SECRET_KEY"], SESSION_REFRESH_EACH_REQUEST=False)
url = os.environ["DATABASE_URL"]
engine = create_engine(url, **({} if url.startswith("sqlite") else {"pool_size": 5}))
if engine.dialect.name == "sqlite":
    event.listen(engine, "connect", set_sqlite_pragmas)
dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
SCHEDULER = Scheduler(learning_steps=(timedelta(minutes=10),), relearning_steps=(timedelta(minutes=10),))
SLOT = (select(attempts.c.user_id, attempts.c.started_at, attempts.c.finished_at, attempts.c.answered,
               attempts.c.total, Quiz.__table__.c.time_limit, items.c.id, items.c.question_id, items.c.choices,
               items.c.answer, select(func.max(answers.c.answered_at)).where(answers.c.attempt_id == attempts.c.id)
               .scalar_subquery())
        .join(Quiz.__table__, Quiz.__table__.c.id == attempts.c.quiz_id)
        .join(items, (items.c.attempt_id == attempts.c.id)))


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
        if conn.scalar(select(users.c.session_token).where(users.c.id == int(user_id or 0))) != token:
            abort(401)  # signed out elsewhere (or never signed in)
        row = conn.execute(SLOT.where(attempts.c.id == attempt_id, items.c.position == position)).one_or_none()
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
            conn.execute(answers.insert().values(
                attempt_id=attempt_id, question_id=question_id, item_id=item_id, given=given, correct=points >= 1,
                points=points, answered_at=now, seconds=(now - max(last or started, started)).total_seconds()))
        except IntegrityError:
            abort(409)
        if not conn.execute(update(attempts).where(attempts.c.id == attempt_id, attempts.c.finished_at.is_(None))
                            .values(score=attempts.c.score + points, answered=attempts.c.answered + 1)).rowcount:
            abort(409)
        seen = dialect.insert(progress).values(user_id=owner, question_id=question_id, seen=1, right=int(points >= 1),
                                               last_correct=points >= 1, last_seen_at=now)
        conn.execute(seen.on_conflict_do_update(index_elements=["user_id", "question_id"], set_={
            "seen": progress.c.seen + 1, "right": progress.c.right + seen.excluded.right,
            "last_correct": seen.excluded.last_correct, "last_seen_at": now}))
        review(conn, owner, question_id, points, now)
        if position + 1 >= total:
            finish(conn, attempt_id, now)
    return redirect(f"/attempt/{attempt_id}/feedback/{position}")


def review(conn, user_id: int, question_id: int, points: float, now: datetime) -> None:
    """The FSRS card: read it locked (created on first sight), review it, write it back."""
    of = select(cards).where(cards.c.user_id == user_id, cards.c.question_id == question_id).with_for_update()
    row = conn.execute(of).one_or_none()
    if row is None:
        conn.execute(dialect.insert(cards).values(user_id=user_id, question_id=question_id, state=1, step=0, due=now,
                                                  reps=0, lapses=0).on_conflict_do_nothing())
        row = conn.execute(of).one()
    aware = lambda t: t.replace(tzinfo=timezone.utc) if t else None  # noqa: E731
    rating = Rating.Good if points >= 1 else Rating.Hard if points > 0 else Rating.Again
    card, _log = SCHEDULER.review_card(Card(card_id=row.id, state=State(row.state), step=row.step,
                                            stability=row.stability, difficulty=row.difficulty, due=aware(row.due),
                                            last_review=aware(row.last_review)), rating, review_datetime=aware(now))
    conn.execute(update(cards).where(cards.c.id == row.id).values(
        reps=cards.c.reps + 1, lapses=cards.c.lapses + int(row.state == 2 and rating == Rating.Again),
        state=int(card.state), step=card.step, stability=card.stability, difficulty=card.difficulty,
        due=card.due.replace(tzinfo=None), last_review=now))


def finish(conn, attempt_id: int, now: datetime) -> None:
    """Stamp the finish; fold the attempt into standings (best per period) and totals by deltas."""
    done = conn.execute(update(attempts).where(attempts.c.id == attempt_id, attempts.c.answered >= attempts.c.total,
                                               attempts.c.finished_at.is_(None)).values(finished_at=now)
                        .returning(attempts.c.user_id, attempts.c.quiz_id, attempts.c.score, attempts.c.total,
                                   attempts.c.started_at)).one_or_none()
    if done is None:
        return
    user_id, quiz_id, score, total, started = done
    hidden = conn.scalar(select(users.c.hidden_from_boards).where(users.c.id == user_id).with_for_update(key_share=True))
    seconds = int((now - started).total_seconds())
    periods = [f"w{now.isocalendar()[0]}-{now.isocalendar()[1]:02d}", f"m{now:%Y-%m}", "all"]
    old = {row.period: row for row in conn.execute(select(standings).where(
        standings.c.user_id == user_id, standings.c.quiz_id == quiz_id, standings.c.period.in_(periods)))}
    for period in periods:
        before = old.get(period)
        if before is not None and (score, -seconds) <= (before.score, -before.seconds):
            continue  # not better than the standing it would replace
        values = dict(user_id=user_id, quiz_id=quiz_id, period=period, attempt_id=attempt_id, score=score, total=total,
                      accuracy=score / total, seconds=seconds, finished_at=now, hidden=hidden)
        put = dialect.insert(standings).values(values)
        conn.execute(put.on_conflict_do_update(index_elements=["user_id", "quiz_id", "period"], set_=values))
        d_score, d_total = score - (before.score if before else 0), total - (before.total if before else 0)
        d_seconds, d_quizzes = seconds - (before.seconds if before else 0), 0 if before else 1
        add = dialect.insert(totals).values(user_id=user_id, period=period, quizzes=1, score=score, total=total,
                                            accuracy=score / total, seconds=seconds, finished_at=now, hidden=hidden)
        conn.execute(add.on_conflict_do_update(index_elements=["user_id", "period"], set_={
            "quizzes": totals.c.quizzes + d_quizzes, "score": totals.c.score + d_score,
            "total": totals.c.total + d_total, "seconds": totals.c.seconds + d_seconds, "finished_at": now,
            "accuracy": (totals.c.score + d_score) / func.nullif(totals.c.total + d_total, 0)}))
