"""Build every question a timeline allows, deterministically for a given seed, through the quality gate."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from .checks import Drop, Gate
from .facts import Fact, find_facts
from .index import TimelineIndex
from .kinds_event import EVENT_KINDS, quotable
from .kinds_fact import NamePools, distractors, excerpt_too_long, fact_question, true_false_fact
from .kinds_relative import RELATIVE_KINDS
from .model import Event, Question
from .vetting import fact_doubt

SUBJECT_SHARE = 3


@dataclass(frozen=True)
class Generated:
    """The questions that passed the gate and the ones it dropped, with reasons."""

    questions: list[Question]
    drops: list[Drop]


def generate(events: list[Event], seed: int = 0) -> list[Question]:
    """Return the questions that pass the gate: event kinds first, then facts, in timeline order."""
    return generate_with_report(events, seed).questions


def generate_with_report(events: list[Event], seed: int = 0) -> Generated:
    """Return the admitted questions and every drop, for `--report`."""
    ix = TimelineIndex(events)

    def rng_for(key: str) -> random.Random:
        return random.Random(f"{seed}|{key}")

    gate = Gate()
    questions: list[Question] = []
    for event in events:
        if not quotable(event):
            gate.refuse("event", f"event:{event.index}", event.headline, "the headline leans on what it does not say")
            continue
        for kind in (*EVENT_KINDS, *RELATIVE_KINDS):
            questions += [q for q in kind(event, ix, rng_for) if gate.admit(q)]
    facts = usable_facts(find_facts(events), len(events))
    pools = NamePools(facts, events[0].language if events else "zh-Hans")
    told: set[tuple[int, str]] = set()
    for fact in facts:
        for q in _fact_questions(fact, pools, rng_for, gate, told):
            if gate.admit(q):
                questions.append(q)
    return Generated(questions, gate.drops)


def _fact_questions(fact: Fact, pools: NamePools, rng_for, gate: Gate, told: set[tuple[int, str]]) -> list[Question]:
    """Build the cloze on a fact that passes vetting, and one true/false per body sentence."""
    key = f"fact:{fact.event.index}:{fact.cls}:{fact.text}"
    reason = fact_doubt(fact) or ("the excerpt is too long to read as a question" if excerpt_too_long(fact) else None)
    if reason:
        gate.refuse("fact", key, f"{fact.sentence} [{fact.text}]", reason)
        return []
    rng = rng_for(key)
    wrong = distractors(fact, pools, rng)
    if len(wrong) < 2:
        gate.refuse("fact", key, f"{fact.sentence} [{fact.text}]", "fewer than two distractors of its fine class")
        return []
    out = [fact_question(fact, wrong, rng, key)]
    if (fact.event.index, fact.sentence) not in told and (tf := true_false_fact(fact, wrong[0], rng_for)):
        told.add((fact.event.index, fact.sentence))
        out.append(tf)
    return out


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
