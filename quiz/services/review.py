"""Spaced repetition with FSRS: every graded answer reviews the user's card for that question.

Points map to FSRS ratings: 0 (wrong) is Again, partial credit is Hard, full marks is Good.
Easy is never given: a quiz answer says whether the student knew, not how easily.
"""
from collections.abc import Sequence
from datetime import datetime, timedelta, UTC

from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import bindparam, select, update

from quiz import unit_of_work
from quiz.models import ReviewCard
from quiz.services.upsert import insert_missing

# One short step: a wrong answer comes back in ten minutes, a right one graduates to days.
SCHEDULER = Scheduler(learning_steps=(timedelta(minutes=10),), relearning_steps=(timedelta(minutes=10),))
# Like Anki's learn-ahead limit: cards in (re)learning due this soon count as due now.
LEARN_AHEAD = timedelta(minutes=20)
# Mastery looks a week ahead: the chance the student still recalls the question then.
HORIZON = timedelta(days=7)


def rating_for(points: float) -> Rating:
    """Turn an answer's points (0..1) into an FSRS rating."""
    if points >= 1.0:
        return Rating.Good
    return Rating.Hard if points > 0 else Rating.Again


def aware(moment: datetime) -> datetime:
    """FSRS wants aware UTC datetimes; the database keeps naive UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def naive(moment: datetime) -> datetime:
    """Back to the naive UTC the database stores."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def to_card(row) -> Card:
    """Rebuild the package's Card from the stored columns (a ReviewCard or a row of CARD_COLUMNS)."""
    return Card(card_id=row.id or 0, state=State(row.state), step=row.step, stability=row.stability,
                difficulty=row.difficulty, due=aware(row.due),
                last_review=aware(row.last_review) if row.last_review else None)


def card_values(card: Card) -> dict:
    """The scheduler's new state as column values."""
    return {"state": int(card.state), "step": card.step, "stability": card.stability, "difficulty": card.difficulty,
            "due": naive(card.due), "last_review": naive(card.last_review) if card.last_review else None}


CARD_COLUMNS = (ReviewCard.id, ReviewCard.state, ReviewCard.step, ReviewCard.stability, ReviewCard.difficulty,
                ReviewCard.due, ReviewCard.last_review)
CARD_OF = (select(*CARD_COLUMNS)
           .where(ReviewCard.user_id == bindparam("user_id"), ReviewCard.question_id == bindparam("question_id"))
           .with_for_update())
cards = ReviewCard.__table__
CARD_UPDATE = (update(cards).where(cards.c.id == bindparam("card_id"))
               .values(reps=cards.c.reps + 1, lapses=cards.c.lapses + bindparam("lapsed"),
                       **{name: bindparam(name) for name in ("state", "step", "stability", "difficulty", "due",
                                                             "last_review")}))


def locked_card(user_id: int, question_id: int, when: datetime):
    """The user's card for the question, locked until commit, created (as a new card) on first sight."""
    connection = unit_of_work.connection()
    keys = {"user_id": user_id, "question_id": question_id}
    row = connection.execute(CARD_OF, keys).one_or_none()
    if row is None:  # first sight; another request may create it at the same moment, hence "if missing"
        insert_missing(ReviewCard, ("user_id", "question_id"),
                       {**keys, "state": int(State.Learning), "step": 0, "due": when, "reps": 0, "lapses": 0})
        row = connection.execute(CARD_OF, keys).one()
    return row


def record_review(user_id: int, question_id: int, points: float, when: datetime) -> None:
    """Review the user's card with the answer's rating, in the caller's transaction."""
    row = locked_card(user_id, question_id, when)
    unit_of_work.connection().execute(CARD_UPDATE, reviewed(row, points, when))


def reviewed(row, points: float, when: datetime) -> dict:
    """CARD_UPDATE's parameters for the stored card `row` after an answer worth `points`."""
    rating = rating_for(points)
    lapsed = row.state == int(State.Review) and rating == Rating.Again
    card, _log = SCHEDULER.review_card(to_card(row), rating, review_datetime=aware(when))
    return {"card_id": row.id, "lapsed": int(lapsed), **card_values(card)}


CARDS_OF = (select(ReviewCard.user_id, *CARD_COLUMNS)
            .where(ReviewCard.question_id == bindparam("question_id"),
                   ReviewCard.user_id.in_(bindparam("user_ids", expanding=True)))
            .order_by(ReviewCard.user_id).with_for_update())


def record_reviews(question_id: int, given: Sequence[tuple[int, float, datetime]]) -> None:
    """Review many users' cards for one question at once: (user, points, when) each, in the caller's
    transaction. A live question's answers are reviewed this way when it closes: four statements, not 4 × N."""
    if not given:
        return
    insert_missing(ReviewCard, ("user_id", "question_id"),
                   [{"user_id": user_id, "question_id": question_id, "state": int(State.Learning), "step": 0,
                     "due": when, "reps": 0, "lapses": 0} for user_id, _points, when in given])
    connection = unit_of_work.connection()
    rows = {row.user_id: row for row in connection.execute(
        CARDS_OF, {"question_id": question_id, "user_ids": [user_id for user_id, _points, _when in given]})}
    connection.execute(CARD_UPDATE, [reviewed(rows[user_id], points, when) for user_id, points, when in given])


def recall_chance(row: ReviewCard, now: datetime, ahead: timedelta = HORIZON) -> float:
    """Chance (0..1) the user still recalls the question `ahead` of now, by FSRS."""
    return float(SCHEDULER.get_card_retrievability(to_card(row), aware(now + ahead)))


def is_due(row: ReviewCard, now: datetime) -> bool:
    """Due now, or a (re)learning card due within the learn-ahead window."""
    learning = row.state != int(State.Review)
    return row.due <= now or (learning and row.due <= now + LEARN_AHEAD)
