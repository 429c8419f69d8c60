"""Questions that relate events: how many years lie between two, which one came before or after a pivot."""

from __future__ import annotations

import random

from .index import TimelineIndex
from .kinds_event import explain, quotable
from .dates import EventDate
from .model import Event, Question
from .text import options_alike
from .wording import wording

MIN_GAP = 2
MAX_GAP = 30
MAX_TITLE = 30
NEAREST = 4
EXACT_UNITS = ("day", "month", "year")  # a decade or century has no single year to subtract


def quoted(title: str) -> str:
    """Quote a headline, turning its own double quotes into single ones (“…‘…’…”)."""
    return "“" + title.replace("“", "‘").replace("”", "’") + "”"


def _plain(event: Event) -> bool:
    """Tell whether an event can stand in a years question: one quotable event, one exact day, month or year."""
    d = event.date
    exact = not d.is_range and not d.approximate and d.first.unit in EXACT_UNITS
    return exact and not event.compound and quotable(event)


def _short(title: str) -> bool:
    """Tell whether a headline is short enough to quote twice in one prompt (Latin letters read faster)."""
    return sum(0.4 if c.isascii() else 1 for c in title) <= MAX_TITLE


def year_gap(earlier: Event, later: Event) -> int:
    """Return how many calendar years separate the two events' years."""
    return later.date.first.year - earlier.date.first.year


def less_than_years_apart(earlier: EventDate, later: EventDate) -> bool:
    """Whether the time from one date to the other may be a year short of their years' difference:
    both name a month or a day, and the later one's may fall earlier in its year."""
    if earlier.precision not in ("month", "day") or later.precision not in ("month", "day"):
        return False
    return (later.first.month, later.first.day or 1) < (earlier.last.month, earlier.last.day or 31)


def years_between(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """Ask how many years separate this event and the next plain event at least MIN_GAP years later."""
    if not _plain(event):
        return []
    later = [
        e for e in ix.after(event)
        if _plain(e) and MIN_GAP <= year_gap(event, e) <= MAX_GAP and e.title != event.title and _short(e.title)
    ]
    if not later or not _short(event.title):
        return []
    partner = later[event.index * 7 % len(later)]  # varied across events, the same for every seed (stable key)
    key = f"years_between:{event.index}"
    rng = rng_for(key)
    n = year_gap(event, partner)
    # Never offer the count of whole years elapsed when it differs (May 1998 to March 2001: 3 between
    # the years, 2 whole years elapsed): it is the right answer to the question a student may read.
    elapsed = n - 1 if less_than_years_apart(event.date, partner.date) else n
    wrong = rng.sample([v for v in (n - 2, n - 1, n + 1, n + 2, n + 3) if v >= 1 and v not in (n, elapsed)], 3)
    w = wording(event.language)
    choices = [w.years(v) for v in [n, *wrong]]
    rng.shuffle(choices)
    first, second = (event, partner) if rng.random() < 0.5 else (partner, event)
    prompt = w("years_between", a=quoted(first.title), b=quoted(second.title))
    first_year, second_year = (w.label(EventDate.point(e.date.first.year)) for e in (event, partner))
    why = explain(event, partner) + w("gap_why", earlier=first_year, later=second_year, n=str(n))
    return [Question("years_between", prompt, choices, w.years(n), why, (event, partner), key)]


def before_after(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """Ask which event happened before (or after) this pivot; the other options are on the other side."""
    if event.compound:
        return []
    key = f"before_after:{event.index}"
    rng = rng_for(key)
    before = [e for e in ix.before(event) if _usable(e, event)][-NEAREST:]
    after = [e for e in ix.after(event) if _usable(e, event)][: NEAREST + 2]
    ask_before = event.index % 2 == 0
    right_side, wrong_side = (before, after) if ask_before else (after[:NEAREST], before[-NEAREST - 2 :])
    if not right_side:
        return []
    answer = rng.choice(right_side)
    wrong = _distinct(wrong_side, answer, event, rng)
    if len(wrong) < 3:
        return []
    choices = [answer.title, *(e.title for e in wrong)]
    rng.shuffle(choices)
    prompt = wording(event.language)("before" if ask_before else "after", pivot=quoted(event.title))
    group = sorted([event, answer, *wrong], key=lambda e: e.date.sort_key())
    return [Question("before_after", prompt, choices, answer.title, explain(*group), tuple(group), key)]


def _usable(candidate: Event, pivot: Event) -> bool:
    """Tell whether candidate can be an option around pivot."""
    return not candidate.compound and candidate.title != pivot.title and quotable(candidate)


def _distinct(pool: list[Event], answer: Event, pivot: Event, rng: random.Random) -> list[Event]:
    """Pick three events with distinct titles that look alike with the answer."""
    chosen: list[Event] = []
    for cand in rng.sample(pool, len(pool)):
        titles = [answer.title, *(c.title for c in chosen), cand.title]
        if len(chosen) < 3 and len(set(titles)) == len(titles) and options_alike(titles):
            chosen.append(cand)
    return chosen


RELATIVE_KINDS = (years_between, before_after)
