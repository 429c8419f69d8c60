"""Flashcards from a timeline's events, graded into the same FSRS schedule as quiz answers.

A card asks one direction of an event: "when did this happen?" (event → date) or "what happened
then?" (date → event). Each direction reviews the event's generated question of the same meaning
(a date question, or the event-at-date question), so "knew it" on a card counts like a right answer
to that question, and a card whose question does not exist (hidden, or never generated because the
date is shared) is not dealt.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Event, Question, ReviewCard, Timeline, question_events
from quiz.services import review

DECK_SIZE = 20
TO_DATE, TO_EVENT = "date", "event"
DIRECTIONS = (TO_DATE, TO_EVENT)


@dataclass(frozen=True)
class Card:
    """One side of an event to recall, and the question whose schedule it shares."""

    event: Event
    direction: str
    question_id: int

    @property
    def key(self) -> list:
        """The card as the deck stores it in the session: [event id, direction]."""
        return [self.event.id, self.direction]


def direction_of(kind: str) -> str | None:
    """Which card a generated question kind stands for, if any."""
    if kind.startswith("date_"):
        return TO_DATE
    return TO_EVENT if kind == "event_at_date" else None


def cards_of(timeline: Timeline) -> dict[tuple[int, str], Card]:
    """Every card the timeline can deal, by (event id, direction): one question per card."""
    events = {e.id: e for e in timeline.events}
    rows = db.session.execute(
        select(question_events.c.event_id, Question.id, Question.kind)
        .join(Question, Question.id == question_events.c.question_id)
        .where(Question.timeline_id == timeline.id, Question.hidden.is_(False), Question.origin == "generated")
        .order_by(Question.id)
    ).all()
    cards: dict[tuple[int, str], Card] = {}
    for event_id, question_id, kind in rows:
        direction = direction_of(kind)
        if direction and event_id in events and (event_id, direction) not in cards:
            cards[(event_id, direction)] = Card(events[event_id], direction, question_id)
    return cards


def deal(timeline: Timeline, user_id: int, now: datetime) -> list[Card]:
    """A deck: the user's due cards first (most overdue first), then new ones in timeline order, then the rest."""
    cards = cards_of(timeline)
    due_at = dict(db.session.execute(
        select(ReviewCard.question_id, ReviewCard.due).where(
            ReviewCard.user_id == user_id, ReviewCard.question_id.in_([c.question_id for c in cards.values()]))
    ).all())

    def urgency(card: Card) -> tuple:
        due = due_at.get(card.question_id)
        if due is None:
            return (1, card.event.position, card.direction)
        return (0 if due <= now + review.LEARN_AHEAD else 2, due, card.event.position, card.direction)

    return sorted(cards.values(), key=urgency)[:DECK_SIZE]


def card_for(timeline: Timeline, event_id: int, direction: str) -> Card | None:
    """The card for one event and direction, if the timeline deals it."""
    return cards_of(timeline).get((event_id, direction))


def grade(user_id: int, card: Card, knew: bool, now: datetime) -> None:
    """Review the card's question: knowing it counts as a right answer, not knowing as a wrong one."""
    review.record_review(user_id, card.question_id, 1.0 if knew else 0.0, now)
    db.session.commit()
