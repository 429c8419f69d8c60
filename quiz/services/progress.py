"""Per-user progress: each question's record, and how well each event is known."""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Event, Progress, Question, Timeline, question_events
from quiz.services.upsert import upsert


def count_answer(excluded) -> dict:
    """On a repeat sighting add one answer (and maybe one right) to the stored counts."""
    return {"seen": Progress.seen + 1, "right": Progress.right + excluded.right,
            "last_correct": excluded.last_correct, "last_seen_at": excluded.last_seen_at}


def record(user_id: int, question_id: int, correct: bool, when: datetime) -> None:
    """Count one answer in the user's progress row, created on first sight (an upsert)."""
    record_many(question_id, [(user_id, correct, when)])


def record_many(question_id: int, answers: Sequence[tuple[int, bool, datetime]]) -> None:
    """Count many users' answers to one question at once: (user, correct, when) each."""
    upsert(Progress, ("user_id", "question_id"),
           [{"user_id": user_id, "question_id": question_id, "seen": 1, "right": int(correct),
             "last_correct": correct, "last_seen_at": when} for user_id, correct, when in answers],
           changes=count_answer)


@dataclass(frozen=True)
class EventMastery:
    """How well a user knows one event: answers, right answers, last time seen."""

    event: Event
    answered: int
    right: int
    last_seen: datetime | None

    @property
    def share(self) -> float | None:
        """Share of right answers, or None before the first answer."""
        return self.right / self.answered if self.answered else None


def event_mastery(user_id: int, timeline: Timeline) -> list[EventMastery]:
    """Summarise the user's progress per event of the timeline, in timeline order."""
    rows = db.session.execute(
        select(question_events.c.event_id, func.sum(Progress.seen), func.sum(Progress.right),
               func.max(Progress.last_seen_at))
        .join(Progress, Progress.question_id == question_events.c.question_id)
        .join(Question, Question.id == question_events.c.question_id)
        .where(Progress.user_id == user_id, Question.timeline_id == timeline.id)
        .group_by(question_events.c.event_id)
    ).all()
    stats = {event_id: (int(seen), int(right), last) for event_id, seen, right, last in rows}
    return [EventMastery(e, *stats.get(e.id, (0, 0, None))) for e in timeline.events]
