"""Mastery per event from the FSRS cards: the timeline as a strip of events, grouped by era."""
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Event, Question, ReviewCard, Timeline, question_events
from quiz.services import review
from quiz.services.catalog import era_span, split_into_eras

# Chance of recall a week ahead, in whole percent, at or above which an event counts as learning / mastered.
LEARNING_FROM, MASTERED_FROM = 70, 90


@dataclass(frozen=True)
class Cell:
    """One event on the strip and the mean chance its questions are recalled a week from now."""

    event: Event
    recall: float | None
    cards: int

    @property
    def level(self) -> str:
        """new, weak, learning or mastered: the cell's colour, from the percentage the page shows."""
        percent = self.percent
        if percent is None:
            return "new"
        if percent >= MASTERED_FROM:
            return "mastered"
        return "learning" if percent >= LEARNING_FROM else "weak"

    @property
    def percent(self) -> int | None:
        """The recall chance as a whole percentage, rounded down: the level is read from this same figure,
        so 69.6% shows as 69% and is weak (below 70%). The epsilon only undoes float error (0.29 * 100)."""
        return None if self.recall is None else math.floor(self.recall * 100 + 1e-9)


@dataclass(frozen=True)
class Era:
    """A span of years and its events' cells, in timeline order."""

    first: int
    last: int
    cells: list[Cell]
    label: str = ""  # the span written in the timeline's language


def recall_by_event(user_ids: Sequence[int], timeline: Timeline, now: datetime) -> dict[int, list[float]]:
    """Every card's recall chance, per event of the timeline, for the given users."""
    rows = db.session.execute(
        select(question_events.c.event_id, ReviewCard)
        .join(ReviewCard, ReviewCard.question_id == question_events.c.question_id)
        .join(Question, Question.id == question_events.c.question_id)
        .where(ReviewCard.user_id.in_(list(user_ids)), Question.timeline_id == timeline.id)
    ).all()
    chances: dict[int, list[float]] = defaultdict(list)
    for event_id, card in rows:
        chances[event_id].append(review.recall_chance(card, now))
    return chances


def timeline_strip(user_ids: Sequence[int], timeline: Timeline, now: datetime) -> list[Era]:
    """The timeline's events coloured by mastery, cut into the catalogue's eras."""
    chances = recall_by_event(user_ids, timeline, now)
    cells = [Cell(e, sum(c) / len(c) if (c := chances.get(e.id)) else None, len(c or ())) for e in timeline.events]
    eras = []
    for first, last in split_into_eras([e.start_year for e in timeline.events]):
        in_era = [c for c in cells if first <= c.event.start_year <= last]
        eras.append(Era(first, last, in_era, era_span(first, last, timeline.language)))
    return eras
