"""The quizzes every timeline gets: the whole history, one per era, a quick round."""
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Quiz, Timeline

ERA_COUNT = 3
QUICK_COUNT = 10


def split_into_eras(years: list[int], parts: int = ERA_COUNT) -> list[tuple[int, int]]:
    """Cut the sorted event years into `parts` spans with about as many events each."""
    years = sorted(years)
    if not years:
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for part in range(1, parts + 1):
        end = min(len(years), round(len(years) * part / parts))
        # Never split a year across two eras.
        while end < len(years) and end > 0 and years[end] == years[end - 1]:
            end += 1
        if end > start:
            spans.append((years[start], years[end - 1]))
            start = end
    return spans


def default_quizzes(timeline: Timeline) -> list[Quiz]:
    """Describe the standard quizzes for a timeline (not yet stored)."""
    slug, title = timeline.slug, timeline.title
    quizzes = [
        Quiz(slug=f"{slug}-all", title=f"{title}：全部事件", rule={"per_event": 1},
             description="每个事件一道题，覆盖整条时间线。"),
        Quiz(slug=f"{slug}-quick", title=f"{title}：快速十题", rule={"count": QUICK_COUNT},
             description="从整条时间线随机抽取十道题。"),
    ]
    for first, last in split_into_eras([e.start_on.year for e in timeline.events]):
        quizzes.append(Quiz(
            slug=f"{slug}-{first}-{last}", title=f"{title}：{first}–{last}年",
            rule={"per_event": 1, "year_from": first, "year_to": last},
            description=f"{first}年至{last}年间的事件，每个事件一道题。",
        ))
    for position, quiz in enumerate(quizzes):
        quiz.position, quiz.timeline_id = position, timeline.id
    return quizzes


def ensure_default_quizzes(timeline: Timeline) -> int:
    """Store the standard quizzes that do not exist yet; return how many were added."""
    existing = set(db.session.scalars(select(Quiz.slug)))
    added = [q for q in default_quizzes(timeline) if q.slug not in existing]
    db.session.add_all(added)
    return len(added)
