"""Spaced repetition with FSRS: every graded answer reviews the user's card for that question.

Points map to FSRS ratings: 0 (wrong) is Again, partial credit is Hard, full marks is Good.
Easy is never given: a quiz answer says whether the student knew, not how easily.
"""
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db
from quiz.models import ReviewCard

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
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def naive(moment: datetime) -> datetime:
    """Back to the naive UTC the database stores."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def to_card(row: ReviewCard) -> Card:
    """Rebuild the package's Card from the stored columns."""
    return Card(card_id=row.id or 0, state=State(row.state), step=row.step, stability=row.stability,
                difficulty=row.difficulty, due=aware(row.due),
                last_review=aware(row.last_review) if row.last_review else None)


def store_card(row: ReviewCard, card: Card) -> None:
    """Copy the scheduler's new state into the row."""
    row.state, row.step = int(card.state), card.step
    row.stability, row.difficulty = card.stability, card.difficulty
    row.due, row.last_review = naive(card.due), naive(card.last_review) if card.last_review else None


def card_row(user_id: int, question_id: int, when: datetime) -> ReviewCard:
    """The user's card for the question, created (as a new card) on first sight."""
    query = select(ReviewCard).where(ReviewCard.user_id == user_id, ReviewCard.question_id == question_id)
    row = db.session.scalar(query.with_for_update())
    if row is not None:
        return row
    row = ReviewCard(user_id=user_id, question_id=question_id, state=int(State.Learning), step=0, due=when)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # another request created it first
        row = db.session.scalar(query.with_for_update())
    return row


def record_review(user_id: int, question_id: int, points: float, when: datetime) -> ReviewCard:
    """Review the user's card with the answer's rating, in the caller's transaction."""
    row = card_row(user_id, question_id, when)
    rating = rating_for(points)
    lapsed = row.state == int(State.Review) and rating == Rating.Again
    card, _log = SCHEDULER.review_card(to_card(row), rating, review_datetime=aware(when))
    store_card(row, card)
    row.reps += 1
    row.lapses += 1 if lapsed else 0
    return row


def recall_chance(row: ReviewCard, now: datetime, ahead: timedelta = HORIZON) -> float:
    """Chance (0..1) the user still recalls the question `ahead` of now, by FSRS."""
    return float(SCHEDULER.get_card_retrievability(to_card(row), aware(now + ahead)))


def is_due(row: ReviewCard, now: datetime) -> bool:
    """Due now, or a (re)learning card due within the learn-ahead window."""
    learning = row.state != int(State.Review)
    return row.due <= now or (learning and row.due <= now + LEARN_AHEAD)
