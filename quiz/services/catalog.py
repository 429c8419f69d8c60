"""The quizzes every timeline gets: the whole history, one per era, a quick round."""
from sqlalchemy import select

from quiz.extensions import db
from quiz.generator.dates import EventDate, PartialDate
from quiz.generator.script import to_traditional
from quiz.models import Quiz, Timeline
from quiz.services.selection import planned_count

ERA_COUNT = 3
QUICK_COUNT = 10
# The standard quizzes' names are data in the timeline's language, not UI strings.
QUIZ_WORDS = {
    "zh-Hans": {
        "all": "{title}：全部事件", "all_about": "每个事件一道题，覆盖整条时间线。",
        "quick": "{title}：快速十题", "quick_about": "从整条时间线随机抽取十道题。",
        "era": "{title}：{span}", "era_about": "{span}间的事件，每个事件一道题。",
    },
    "en": {
        "all": "{title}: every event", "all_about": "One question per event, across the whole timeline.",
        "quick": "{title}: quick ten", "quick_about": "Ten questions drawn at random from the whole timeline.",
        "era": "{title}: {span}", "era_about": "Events of {span}, one question per event.",
    },
}
QUIZ_WORDS["zh-Hant"] = {key: to_traditional(text) for key, text in QUIZ_WORDS["zh-Hans"].items()}


def era_span(first: int, last: int, language: str) -> str:
    """Name a span of (astronomical) years: 2003–2008年, 221 BC – AD 618, 1995–2000."""
    if first >= 1 and language != "en":
        return f"{first}–{last}年" if first != last else f"{first}年"
    start, end = PartialDate(first), PartialDate(last)
    return EventDate(start, end).label(language)


def _year_slug(year: int) -> str:
    """Write a year for a URL: 2003, or 221bc."""
    return str(year) if year >= 1 else f"{1 - year}bc"


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
    """Describe the standard quizzes for a timeline (not yet stored). An era quiz asks about the events
    that start in the era, as `split_into_eras` cut them, whenever they end."""
    slug, title = timeline.slug, timeline.title
    words = QUIZ_WORDS.get(timeline.language, QUIZ_WORDS["zh-Hans"])
    quizzes = [
        Quiz(slug=f"{slug}-all", title=words["all"].format(title=title), rule={"per_event": 1},
             description=words["all_about"]),
        Quiz(slug=f"{slug}-quick", title=words["quick"].format(title=title), rule={"count": QUICK_COUNT},
             description=words["quick_about"]),
    ]
    for first, last in split_into_eras([e.start_year for e in timeline.events]):
        span = era_span(first, last, timeline.language)
        quizzes.append(Quiz(
            slug=f"{slug}-{_year_slug(first)}-{_year_slug(last)}", title=words["era"].format(title=title, span=span),
            rule={"per_event": 1, "year_from": first, "year_to": last, "by_start": True},
            description=words["era_about"].format(span=span),
        ))
    for position, quiz in enumerate(quizzes):
        quiz.position, quiz.timeline_id = position, timeline.id
    return quizzes


def ensure_default_quizzes(timeline: Timeline) -> int:
    """Store the standard quizzes that do not exist yet and would have questions (an empty one would be
    listed but refuse every Start); return how many were added."""
    existing = set(db.session.scalars(select(Quiz.slug)))
    added = [q for q in default_quizzes(timeline) if q.slug not in existing and planned_count(q) > 0]
    db.session.add_all(added)
    return len(added)
