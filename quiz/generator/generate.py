"""Build every question a timeline allows, deterministically for a given seed."""

from __future__ import annotations

import random
from collections import defaultdict

from .checks import is_valid
from .facts import Fact, find_facts
from .index import TimelineIndex
from .kinds_event import EVENT_KINDS
from .kinds_fact import NamePools, fact_questions
from .model import Event, Question

SUBJECT_SHARE = 3


def generate(events: list[Event], seed: int = 0) -> list[Question]:
    """Return valid questions: event kinds first, then facts, in timeline order."""
    ix = TimelineIndex(events)

    def rng_for(key: str) -> random.Random:
        return random.Random(f"{seed}|{key}")

    questions: list[Question] = []
    for event in events:
        for kind in EVENT_KINDS:
            questions += kind(event, ix, rng_for)
    facts = usable_facts(find_facts(events), len(events))
    pools = NamePools(facts)
    for fact in facts:
        questions += fact_questions(fact, pools, rng_for)
    return _unique([q for q in questions if is_valid(q)])


def usable_facts(facts: list[Fact], n_events: int) -> list[Fact]:
    """Keep one fact per event and name; drop names that run through the whole timeline."""
    spread: dict[str, set[int]] = defaultdict(set)
    for f in facts:
        spread[f.text].add(f.event.index)
    seen: set[tuple[int, str]] = set()
    starts: set[tuple[int, str, int]] = set()
    out = []
    for f in facts:
        mark, at = (f.event.index, f.text), (f.event.index, f.sentence, f.start)
        if mark in seen or at in starts or len(spread[f.text]) * SUBJECT_SHARE > max(n_events, 6):
            continue
        seen.add(mark)
        starts.add(at)
        out.append(f)
    return out


def _unique(questions: list[Question]) -> list[Question]:
    """Drop repeated keys, keeping the first."""
    seen: set[str] = set()
    out = []
    for q in questions:
        if q.key not in seen:
            seen.add(q.key)
            out.append(q)
    return out
