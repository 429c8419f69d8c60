"""Questions about whole events: when, what at a date, which first, order, true or false."""

from __future__ import annotations

import random

from .dates import EventDate
from .index import TimelineIndex
from .model import Event, Question
from .text import options_alike
from .variants import date_distractors
from .vetting import leans, ongoing
from .wording import wording

NEAREST_IN_TIME = 6  # wrong options for "what happened at this date" come from the closest events
# ...and none further than this from the asked date: options from other ages give the answer away
# (in the sparse ancient stretch of a timeline the closest events are centuries off).
NEAR_ENOUGH_DAYS = 50 * 365


def explain(*events: Event) -> str:
    """Name the source events: their date and headline, in the timeline's language."""
    w = wording(events[0].language)
    items = [w("explain_item", date=e.label, headline=w.trim(e.headline)) for e in events]
    return str(w.words["explain_join"]).join(items) + str(w.words["explain_end"])


def quotable(event: Event) -> bool:
    """Tell whether a question may quote the event's headline: one that leans on a sentence it does not have
    (仅全球移动支付交易笔数就达到1.97亿笔: whose payments, on what occasion?) reads as a claim it does not make."""
    return not leans(event.headline)


def subjects(event: Event) -> list[tuple[str, str]]:
    """Return (key suffix, statement) pairs: one per event held in the headline."""
    if event.compound:
        return [(f"p{i}", part) for i, part in enumerate(event.parts)]
    return [("", event.title)]


def _forbidden(event: Event, ix: TimelineIndex) -> list:
    """Dates that must not appear as wrong options: same-titled events' dates."""
    return [e.date for e in ix.near(event) if e.title == event.title]


def _wrong_dates(event: Event, ix: TimelineIndex, rng_for, prefix: str):
    """Yield (key, statement, rng, wrong dates) for each event held in the headline; a process's wrong dates
    are all earlier, so its false statements are too."""
    for suffix, statement in subjects(event):
        key = f"{prefix}{':' + suffix if suffix else ''}"
        rng = rng_for(key)
        process = ongoing(statement, event.language)  # a later date is also true: options only earlier
        wrong = date_distractors(event.date, [e.date for e in ix.near(event)], _forbidden(event, ix), rng,
                                 ongoing=process)
        if wrong and str(abs(event.date.first.year)) not in statement:
            yield key, statement, rng, wrong


def date_questions(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """Ask when the event happened, at the precision the timeline gives."""
    kind = f"date_{event.date.unit}"
    w = wording(event.language)
    out = []
    for key, statement, rng, wrong in _wrong_dates(event, ix, rng_for, f"{kind}:{event.index}"):
        choices = [event.label] + [w.label(d) for d in wrong]
        rng.shuffle(choices)
        prompt = w("ask_when", statement=statement, ask=w.ask(event.date))
        out.append(Question(kind, prompt, choices, event.label, explain(event), (event,), key))
    return out


def _pick_alike(pool: list[Event], anchor: Event, n: int, rng: random.Random, fits) -> list[Event]:
    """Pick up to n events from pool that fit the group and whose titles look alike."""
    chosen: list[Event] = []
    titles = {anchor.title}
    for cand in rng.sample(pool, len(pool)):
        if len(chosen) == n:
            break
        names = [anchor.title, *(c.title for c in chosen), cand.title]
        if cand.compound or cand.title in titles or not quotable(cand):
            continue
        if not fits(cand, chosen) or not options_alike(names):
            continue
        chosen.append(cand)
        titles.add(cand.title)
    return chosen


def gap_days(a: Event, b: Event) -> int:
    """Days between two events' date ranges (0 when they overlap)."""
    return max(a.date.earliest - b.date.latest, b.date.earliest - a.date.latest, 0)


def nearest(event: Event, pool: list[Event], n: int) -> list[Event]:
    """Return up to n events of pool closest in time, none further than NEAR_ENOUGH_DAYS."""
    close = [e for e in pool if gap_days(e, event) <= NEAR_ENOUGH_DAYS]
    return sorted(close, key=lambda e: (gap_days(e, event), e.index))[:n]


def date_shared(event: Event, ix: TimelineIndex) -> bool:
    """Tell whether another event bears the same date as written (two in 2013年6月): asking what happened
    then would put one stem to the class with two keys."""
    return any(e.label == event.label for e in ix.near(event))


def event_at_date(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """Ask which event happened at this event's date, when it is the only one there; wrong options never
    overlap it."""
    if event.compound or date_shared(event, ix):
        return []
    key = f"event_at_date:{event.index}"
    rng = rng_for(key)
    pool = nearest(event, [e for e in ix.disjoint(event) if event.label not in e.title], NEAREST_IN_TIME)
    wrong = _pick_alike(pool, event, 3, rng, lambda c, chosen: True)
    if len(wrong) < 3:
        return []
    choices = [event.title] + [e.title for e in wrong]
    rng.shuffle(choices)
    prompt = wording(event.language)("what_at", at=wording(event.language).at(event.date))
    return [Question("event_at_date", prompt, choices, event.title, explain(event), (event,), key)]


def _ordered(cand: Event, chosen: list[Event]) -> bool:
    """Tell whether cand's order against every chosen event is certain."""
    return all(cand.before(c) or c.before(cand) for c in chosen)


def which_first(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """Ask which of 3-4 events came first (event is earliest) or last (event is latest)."""
    if event.compound:
        return []
    out = []
    for mode, pool in (("first", ix.after(event)), ("last", ix.before(event))):
        key = f"which_first:{event.index}:{mode}"
        rng = rng_for(key)
        others = _pick_alike(pool, event, rng.choice((2, 3, 3)), rng, _ordered)
        if len(others) < 2:
            continue  # two options are a coin flip
        group = [event, *others]
        choices = [e.title for e in group]
        rng.shuffle(choices)
        prompt = wording(event.language)(f"which_{mode}")
        ordered = sorted(group, key=lambda e: e.date.sort_key())
        out.append(Question("which_first", prompt, choices, event.title, explain(*ordered), tuple(ordered), key))
    return out


def order_question(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """Ask to put four events, pairwise certainly ordered, from earliest to latest."""
    if event.compound:
        return []
    key = f"order:{event.index}"
    rng = rng_for(key)
    others = _pick_alike(ix.disjoint(event), event, 3, rng, lambda c, ch: _ordered(c, [event, *ch]))
    if len(others) < 3:
        return []
    group = sorted([event, *others], key=lambda e: e.date.sort_key())
    choices = [e.title for e in group]
    rng.shuffle(choices)
    prompt = wording(event.language)("order")
    answer = [e.title for e in group]
    return [Question("order", prompt, choices, answer, explain(*group), tuple(group), key)]


def false_date(true: EventDate, wrong: list[EventDate]) -> EventDate | None:
    """The date a false statement gives, or None when there is none to give. A decade or a century is a
    span that a process (telegraph lines spreading) may outlast, so a later one can be defended as true:
    only an earlier one will do."""
    if true.unit not in ("decade", "century"):
        return wrong[0]
    earlier = [d for d in wrong if d.before(true)]
    return max(earlier, key=EventDate.sort_key) if earlier else None  # the nearest: still plausible


def true_false_date(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """State the event with its true date or a shifted one; ask true or false."""
    w = wording(event.language)
    out = []
    for key, statement, rng, wrong in _wrong_dates(event, ix, rng_for, f"true_false:{event.index}:date"):
        if w.true in statement or w.false in statement:
            continue
        false = false_date(event.date, wrong)
        stated = event.date if rng.random() < 0.5 or false is None else false
        prompt = w("true_false_date", at=w.at(stated), statement=statement)
        answer = w.true if stated is event.date else w.false
        out.append(Question("true_false", prompt, [w.true, w.false], answer, explain(event), (event,), key))
    return out


EVENT_KINDS = (date_questions, event_at_date, which_first, order_question, true_false_date)
