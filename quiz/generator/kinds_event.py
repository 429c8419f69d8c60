"""Questions about whole events: when, what at a date, which first, order, true or false."""

from __future__ import annotations

import random

from .index import TimelineIndex
from .model import Event, Question
from .text import options_alike
from .variants import date_distractors

ASK = {"year": "哪一年", "month": "哪一年的哪个月", "day": "哪一天"}
TRUE, FALSE = "正确", "错误"


def explain(*events: Event) -> str:
    """Name the source events: their date in Chinese and their headline."""
    return "；".join(f"{e.label}，{e.headline.rstrip('。')}" for e in events) + "。"


def subjects(event: Event) -> list[tuple[str, str]]:
    """Return (key suffix, statement) pairs: one per event held in the headline."""
    if event.compound:
        return [(f"p{i}", part) for i, part in enumerate(event.parts)]
    return [("", event.title)]


def _forbidden(event: Event, ix: TimelineIndex) -> list:
    """Dates that must not appear as wrong options: same-titled events' dates."""
    return [e.date for e in ix.near(event) if e.title == event.title]


def _wrong_dates(event: Event, ix: TimelineIndex, rng_for, prefix: str):
    """Yield (key, statement, rng, wrong dates) for each event held in the headline."""
    for suffix, statement in subjects(event):
        key = f"{prefix}{':' + suffix if suffix else ''}"
        rng = rng_for(key)
        wrong = date_distractors(event.date, [e.date for e in ix.near(event)], _forbidden(event, ix), rng)
        if wrong and str(event.date.first.year) not in statement:
            yield key, statement, rng, wrong


def date_questions(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """Ask when the event happened, at the precision the timeline gives."""
    kind = "date_year" if event.date.is_range else f"date_{event.date.precision}"
    ask = "哪个时间段" if event.date.is_range else ASK[event.date.precision]
    out = []
    for key, statement, rng, wrong in _wrong_dates(event, ix, rng_for, f"{kind}:{event.index}"):
        choices = [event.label] + [d.label() for d in wrong]
        rng.shuffle(choices)
        prompt = f"{statement}——这件事发生在{ask}？"
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
        if cand.compound or cand.title in titles or not fits(cand, chosen) or not options_alike(names):
            continue
        chosen.append(cand)
        titles.add(cand.title)
    return chosen


def event_at_date(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """Ask which event happened at this event's date; wrong options never overlap it."""
    if event.compound:
        return []
    key = f"event_at_date:{event.index}"
    rng = rng_for(key)
    pool = [e for e in ix.disjoint(event) if event.label not in e.title]
    wrong = _pick_alike(pool, event, 3, rng, lambda c, chosen: True)
    if len(wrong) < 3:
        return []
    choices = [event.title] + [e.title for e in wrong]
    rng.shuffle(choices)
    prompt = f"{event.label}，发生了下列哪件事？"
    return [Question("event_at_date", prompt, choices, event.title, explain(event), (event,), key)]


def _ordered(cand: Event, chosen: list[Event]) -> bool:
    """Tell whether cand's order against every chosen event is certain."""
    return all(cand.before(c) or c.before(cand) for c in chosen)


def which_first(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """Ask which of 3-4 events came first (event is earliest) or last (event is latest)."""
    if event.compound:
        return []
    out = []
    for mode, pool, word in (("first", ix.after(event), "最早"), ("last", ix.before(event), "最晚")):
        key = f"which_first:{event.index}:{mode}"
        rng = rng_for(key)
        others = _pick_alike(pool, event, rng.choice((2, 3, 3)), rng, _ordered)
        if len(others) < 2:
            continue  # two options are a coin flip
        group = [event, *others]
        choices = [e.title for e in group]
        rng.shuffle(choices)
        prompt = f"下列事件中，{word}发生的是哪一件？"
        ordered = sorted(group, key=lambda e: e.date.start)
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
    group = sorted([event, *others], key=lambda e: e.date.start)
    choices = [e.title for e in group]
    rng.shuffle(choices)
    prompt = "请把下列事件按发生时间从早到晚排序。"
    answer = [e.title for e in group]
    return [Question("order", prompt, choices, answer, explain(*group), tuple(group), key)]


def true_false_date(event: Event, ix: TimelineIndex, rng_for) -> list[Question]:
    """State the event with its true date or a shifted one; ask true or false."""
    out = []
    for key, statement, rng, wrong in _wrong_dates(event, ix, rng_for, f"true_false:{event.index}:date"):
        if any(w in statement for w in (TRUE, FALSE)):
            continue
        truth = rng.random() < 0.5
        shown = event.label if truth else wrong[0].label()
        prompt = f"判断正误：{shown}，{statement}。"
        answer = TRUE if truth else FALSE
        out.append(Question("true_false", prompt, [TRUE, FALSE], answer, explain(event), (event,), key))
    return out


EVENT_KINDS = (date_questions, event_at_date, which_first, order_question, true_false_date)
