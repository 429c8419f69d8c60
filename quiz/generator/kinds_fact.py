"""Cloze and true/false questions on one fact of an event's text."""

from __future__ import annotations

import random
from bisect import bisect_left
from collections import defaultdict

from . import backup
from .dates import split_date
from .facts import Fact
from .kinds_event import FALSE, TRUE, explain
from .model import Question
from .text import BLANK, clause_bounds, options_alike
from .variants import date_distractors, number_distractors, range_distractors

NUMERIC = ("num:", "cn:", "bare:", "code:")
BACKUP = {
    "person": backup.PERSONS,
    "country": backup.COUNTRIES,
    "province": backup.PROVINCES,
    "city": backup.CITIES,
    "school": backup.UNIVERSITIES,
}
MAX_SENTENCE = 70


class NamePools:
    """Distinct names of each class, sorted by length, for same-class distractors."""

    def __init__(self, facts: list[Fact]) -> None:
        names: dict[str, set[str]] = defaultdict(set)
        for f in facts:
            if not f.cls.startswith(NUMERIC) and f.cls not in ("date", "range"):
                names[f.cls].add(f.text)
        for cls, extra in BACKUP.items():
            if len(names[cls]) < 4:
                names[cls].update(extra)
        self.pools = {cls: sorted(v, key=lambda t: (len(t), t)) for cls, v in names.items()}

    def pick(self, fact: Fact, rng: random.Random, avoid: str, n: int = 3) -> list[str]:
        """Pick up to n names of the fact's class with a similar length, absent from avoid."""
        pool = self.pools.get(fact.cls, [])
        i = bisect_left(pool, (len(fact.text), fact.text), key=lambda t: (len(t), t))
        near = [
            t for t in pool[max(0, i - 8) : i + 9]
            if t != fact.text and t not in avoid and options_alike([fact.text, t])
        ]
        return rng.sample(near, min(n, len(near)))


def distractors(fact: Fact, pools: NamePools, rng: random.Random) -> list[str]:
    """Return wrong options of the same class and unit as the fact."""
    avoid = fact.event.headline + fact.event.body
    if fact.cls.startswith(NUMERIC) or fact.cls == "num:天夜":
        return number_distractors(fact.text, rng, avoid=avoid, code=fact.cls.startswith("code:"))
    if fact.cls in ("date", "range"):
        found = split_date(fact.text)
        if found is None:
            return []
        wrong = range_distractors(found[0], rng) if fact.cls == "range" else date_distractors(found[0], [], [], rng)
        return [d.label() for d in wrong if d.label() not in avoid]
    return pools.pick(fact, rng, avoid)


def cloze(fact: Fact, filler: str) -> str:
    """Return the fact's sentence (or the clauses around it) with the span replaced."""
    s, lo, hi = fact.sentence, 0, len(fact.sentence)
    if len(s) > MAX_SENTENCE:
        bounds = clause_bounds(s)
        k = next(i for i, (a, b) in enumerate(bounds) if a <= fact.start <= b)
        lo, hi = bounds[max(0, k - 1)][0], bounds[min(len(bounds) - 1, k + 1)][1]
        tail = "……" if hi < len(s) else ""
        return s[lo : fact.start] + filler + s[fact.end : hi] + tail
    return s[lo : fact.start] + filler + s[fact.end : hi]


def context(fact: Fact) -> str:
    """Return the date (and, for body facts, the headline) that situates the sentence."""
    e = fact.event
    if fact.in_headline or fact.text in e.title or e.compound:
        return f"（{e.label}）"
    return f"（{e.label}，{e.title}）"


def fact_questions(fact: Fact, pools: NamePools, seed_rng) -> list[Question]:
    """Build the cloze question and the true/false question on one fact."""
    out = []
    key = f"fact:{fact.event.index}:{fact.cls}:{fact.text}"
    rng = seed_rng(key)
    wrong = distractors(fact, pools, rng)
    if len(wrong) >= 2:
        choices = [fact.text, *wrong]
        rng.shuffle(choices)
        prompt = f"根据时间线填空{context(fact)}：{cloze(fact, BLANK)}"
        why = explain(fact.event) + f"原文：{fact.sentence}"
        out.append(Question("fact", prompt, choices, fact.text, why, (fact.event,), key))
        out += _true_false(fact, wrong[0], seed_rng)
    return out


def _true_false(fact: Fact, wrong: str, seed_rng) -> list[Question]:
    """State the sentence with the fact kept or swapped for a wrong one."""
    key = f"true_false:{fact.event.index}:fact:{fact.cls}:{fact.text}"
    rng = seed_rng(key)
    truth = rng.random() < 0.5
    statement = cloze(fact, fact.text if truth else wrong)
    if TRUE in statement or FALSE in statement:
        return []
    prompt = f"判断正误{context(fact)}：{statement}"
    why = explain(fact.event) + f"原文：{fact.sentence}"
    answer = TRUE if truth else FALSE
    return [Question("true_false", prompt, [TRUE, FALSE], answer, why, (fact.event,), key)]
