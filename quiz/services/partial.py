"""Partial credit: typed dates graded by distance, orderings graded by pairs.

Dates: points = max(0, 1 - |Δ| / K) with Δ counted at the precision the key gives
(years, months or days) and K = 5 years, 12 months or 30 days; exact is 1.0.
Orders: points = share of the n·(n-1)/2 pairs put in the right relative order; a pair
of events whose true date ranges overlap counts as right either way round.
"""
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from quiz.generator.date_read import FULL_WIDTH
from quiz.generator.dates import DateValueError, EventDate, PartialDate
from quiz.generator.text import split_sentences, trim_end

FULL_MARKS_WITHIN = {"year": 5, "month": 12, "day": 30}
SEPARATORS_RE = re.compile(r"\s*(?:年|月|日|号|[-./])\s*")


def parse_date(text: str) -> PartialDate | None:
    """Read 2008, 2008-10, 2008-10-18 or 2008年10月18日 into a partial date; None if it is not one."""
    parts = [p for p in SEPARATORS_RE.split(text.translate(FULL_WIDTH).strip()) if p]
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() and len(p) <= 9 for p in parts):
        return None
    try:
        year, *rest = (int(p) for p in parts)
        return PartialDate(year, rest[0] if rest else None, rest[1] if len(rest) > 1 else None)
    except DateValueError:
        return None


def distance(given: PartialDate, key: PartialDate) -> int:
    """How far `given` is from `key`, counted in units of the key's precision."""
    if key.precision == "year":
        return abs(given.year - key.year)
    if key.precision == "month":
        return abs((given.year * 12 + (given.month or 1)) - (key.year * 12 + (key.month or 1)))
    return abs(given.start - key.start)


def label_language(key: str) -> str:
    """The language a date key is written in: Chinese keys carry 年, English ones are digits (1971)."""
    return "zh-Hans" if "年" in key else "en"


def date_label(typed: PartialDate, language: str = "zh-Hans") -> str:
    """Write a typed date the way the key is written (2008年10月, or 1971 for an English year)."""
    return EventDate(typed, typed).label(language)


def date_points(given: PartialDate, key: PartialDate) -> float:
    """Full marks for the exact date, shrinking linearly to 0 at K units away."""
    share = 1 - distance(given, key) / FULL_MARKS_WITHIN[key.precision]
    return round(max(0.0, share), 2)


@dataclass(frozen=True)
class DateGap:
    """How far off a typed date was: a count and its unit (year, month or day)."""

    amount: int
    unit: str


def date_gap(given: str, key: str) -> DateGap | None:
    """The gap between two date labels, or None when either is not a date."""
    given_date, key_date = parse_date(given), parse_date(key)
    if given_date is None or key_date is None:
        return None
    return DateGap(distance(given_date, key_date), key_date.precision)


def pairs_points(given: Sequence[str], key: Sequence[str], ties: Iterable[Iterable[str]] = ()) -> float:
    """Share of pairs in the right order; tied pairs (overlapping dates) are right either way."""
    rank = {item: i for i, item in enumerate(key)}
    tied = {frozenset(pair) for pair in ties}
    pairs = [(a, b) for i, a in enumerate(given) for b in given[i + 1:]]
    if not pairs:
        return 1.0
    right = sum(1 for a, b in pairs if frozenset((a, b)) in tied or rank[a] < rank[b])
    return round(right / len(pairs), 2)


def overlapping_pairs(spans: dict[str, tuple[int, int]]) -> list[list[str]]:
    """Pairs of items whose inclusive day-number ranges share a day."""
    items = sorted(spans)
    return [[a, b] for i, a in enumerate(items) for b in items[i + 1:]
            if spans[a][0] <= spans[b][1] and spans[b][0] <= spans[a][1]]


def event_title(headline: str) -> str:
    """An event's title as the generator writes it into order options: its first sentence."""
    sentences = split_sentences(headline)
    return trim_end(sentences[0]) if sentences else ""


def answer_key(item) -> Any:
    """The key a grader sees: an order item's key also names its tied pairs, from its events' dates."""
    if item.kind != "order" or item.question is None:
        return item.answer
    spans = {event_title(e.headline): (e.start_day, e.end_day) for e in item.question.events}
    spans = {title: span for title, span in spans.items() if title in item.answer}
    return {"order": item.answer, "ties": overlapping_pairs(spans)}
