"""Choose the questions of a new attempt from a quiz's fixed list or its rule."""
import random
from collections import defaultdict

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import selectinload

from quiz.extensions import db
from quiz.models import Question, Quiz


def own_or_generated(quiz: Quiz) -> ColumnElement[bool]:
    """A rule draws the timeline's generated questions and, for a teacher's quiz, that teacher's own
    questions: never another teacher's private ones."""
    if quiz.owner_id is None:
        return Question.origin == "generated"
    return or_(Question.origin == "generated", Question.author_id == quiz.owner_id)


def candidate_questions(quiz: Quiz) -> list[Question]:
    """Visible questions of the quiz's timeline that match its rule's kinds and years."""
    rule = quiz.rule or {}
    query = (
        select(Question)
        .where(Question.timeline_id == quiz.timeline_id, Question.hidden.is_(False), own_or_generated(quiz))
        .options(selectinload(Question.events))
        .order_by(Question.id)
    )
    if rule.get("kinds"):
        query = query.where(Question.kind.in_(rule["kinds"]))
    questions = list(db.session.scalars(query))
    if rule.get("events"):
        wanted = set(rule["events"])
        questions = [q for q in questions if any(e.id in wanted for e in q.events)]
    year_from, year_to = rule.get("year_from"), rule.get("year_to")
    if year_from is None and year_to is None:
        return questions
    by_start = bool(rule.get("by_start"))
    return [q for q in questions if q.events and within_years(q, year_from, year_to, by_start)]


def within_years(question: Question, year_from: int | None, year_to: int | None, by_start: bool = False) -> bool:
    """Tell whether every source event of the question lies inside the year span; `by_start`: starts in it
    (how the catalogue cuts eras, so an event running past its era's last year still belongs to it)."""
    low = year_from if year_from is not None else -10**6
    high = year_to if year_to is not None else 10**6
    return all(low <= e.start_year and (e.start_year if by_start else e.end_year) <= high for e in question.events)


def one_per_event(questions: list[Question], rng: random.Random) -> list[Question]:
    """Pick one question per event (by its first source event), in timeline order."""
    by_event: dict[int, list[Question]] = defaultdict(list)
    for q in questions:
        if q.events:
            by_event[q.events[0].position].append(q)
    return [rng.choice(by_event[pos]) for pos in sorted(by_event)]


def draw_questions(quiz: Quiz, rng: random.Random) -> list[Question]:
    """Return the ordered questions for a new attempt at `quiz`."""
    if quiz.items:
        chosen = [item.question for item in quiz.items if not item.question.hidden]
    else:
        rule = quiz.rule or {}
        pool = candidate_questions(quiz)
        if rule.get("per_event"):
            chosen = one_per_event(pool, rng)
        else:
            chosen = rng.sample(pool, min(int(rule.get("count", len(pool))), len(pool)))
    if quiz.shuffle:
        rng.shuffle(chosen)
    return chosen


def planned_count(quiz: Quiz) -> int:
    """How many questions an attempt at the quiz will have (shown before Start)."""
    if quiz.items:
        return sum(1 for item in quiz.items if not item.question.hidden)
    rule, pool = quiz.rule or {}, candidate_questions(quiz)
    if rule.get("per_event"):
        return len({q.events[0].position for q in pool if q.events})
    return min(int(rule.get("count", len(pool))), len(pool))
