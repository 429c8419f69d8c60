"""Cloze and true/false questions on one fact of an event's text."""

from __future__ import annotations

import random
from bisect import bisect_left
from collections import defaultdict

from . import backup
from .date_read import split_date
from .facts import Fact
from .kinds_event import explain
from .model import Question
from .nlp import SUFFIXES
from .script import to_simplified
from .text import BLANK, clause_bounds
from .variants import date_distractors, number_distractors, range_distractors
from .vetting import ongoing
from .wording import wording

NUMERIC = ("num:", "cn:", "bare:", "code:")
FOREIGN_CITIES = set(backup.FOREIGN_CITIES)
# Words that give a person a role; people are offered for each other only when their roles meet.
ROLES = (
    "CEO", "总裁", "董事长", "主席", "总经理", "创始人", "首席", "总统", "总理", "首相", "皇帝", "国王", "王朝",
    "将军", "元帅", "部长", "市长", "省长", "书记", "校长", "教授", "科学家", "作家", "诗人", "画家", "导演",
    "演员", "运动员", "航天员", "宇航员", "买家", "卖家", "用户", "留学",
)
ERA_YEARS = 15
MAX_EXCERPT = 70
HEAD_ONLY = ("date", "range")


class NamePools:
    """Names of each fine class (with the year each is first named), for same-class distractors."""

    def __init__(self, facts: list[Fact], language: str = "zh-Hans") -> None:
        first: dict[str, int] = {}
        roles: dict[str, set[str]] = defaultdict(set)
        names: dict[str, set[str]] = defaultdict(set)
        for f in facts:
            if f.cls.startswith(NUMERIC) or f.cls in HEAD_ONLY or (f.cls == "slogan" and not f.in_headline):
                continue  # a proverb quoted in a body is not a slogan the subject launched
            if f.cls == "city" and to_simplified(f.text) not in backup.CITIES:
                continue  # jieba's ns also tags dynasties and regions (西汉, 西域): no use as a city
            names[fine_class(f.cls, f.text)].add(f.text)
            first[f.text] = min(first.get(f.text, f.event.date.first.year), f.event.date.first.year)
            if f.cls == "person":
                roles[f.text].update(r for r in ROLES if r in f.sentence)
        for cls, extra in wording(language).fallback_names().items():
            for name in extra:
                names[fine_class(cls, name)].add(name)
        self.first, self.roles = first, roles
        self.pools = {cls: sorted(v, key=lambda t: (len(t), t)) for cls, v in names.items()}

    def pick(self, fact: Fact, rng: random.Random, avoid: str, n: int = 3) -> list[str]:
        """Pick up to n names of the fact's fine class, era and role, near its length, absent from avoid."""
        pool = self.pools.get(fine_class(fact.cls, fact.text), [])
        i = bisect_left(pool, (len(fact.text), fact.text), key=lambda t: (len(t), t))
        near = [
            t for t in pool[max(0, i - 8) : i + 9]
            if t != fact.text and t not in avoid and abs(len(t) - len(fact.text)) <= max(1, len(fact.text) // 4)
            and self._fits(fact, t)
        ]
        return rng.sample(near, min(n, len(near)))

    def _fits(self, fact: Fact, name: str) -> bool:
        """Tell whether name could stand in the fact's sentence: same era, same role for people, no modern city
        in an older event."""
        year, seen = fact.event.date.first.year, self.first.get(name)
        if fact.cls == "person":
            return seen is not None and abs(seen - year) <= ERA_YEARS and self.roles[name] == self.roles[fact.text]
        if fact.cls in ("product", "org", "term") and seen is not None:
            return seen <= year  # a thing first named later is an anachronism, not a distractor
        if fact.cls == "city":
            return year >= backup.CITY_SINCE.get(to_simplified(name), year)  # no 深圳 for the Sui canal
        return True


def fine_class(cls: str, name: str) -> str:
    """Return the class distractors must share: banks with banks, home cities with home cities."""
    if cls in SUFFIXES:
        return cls + ":" + next(s for s in SUFFIXES[cls] if name.endswith(s)) if name.endswith(SUFFIXES[cls]) else cls
    if cls == "city":
        return "city:abroad" if to_simplified(name) in FOREIGN_CITIES else "city:home"
    if cls == "term":
        return "term:" + name.strip("“”")[-1:]
    return cls


def distractors(fact: Fact, pools: NamePools, rng: random.Random) -> list[str]:
    """Return wrong options of the same class and unit as the fact."""
    avoid = fact.event.headline + fact.event.body
    if fact.cls.startswith(NUMERIC) or fact.cls == "num:天夜":
        return number_distractors(fact.text, rng, avoid=avoid, code=fact.cls.startswith("code:"))
    if fact.cls in HEAD_ONLY:
        found = split_date(fact.text)
        if found is None:
            return []
        if fact.cls == "range":
            wrong = range_distractors(found[0], rng)
        else:  # a process's later date is also true: only earlier ones
            wrong = date_distractors(found[0], [], [], rng, ongoing=ongoing(fact.sentence, fact.event.language))
        labels = [wording(fact.event.language).label(d) for d in wrong]
        return [label for label in labels if label not in avoid]
    return pools.pick(fact, rng, avoid)


def cloze(fact: Fact, filler: str) -> str:
    """Return the fact's sentence from its start (it holds the subject), cut after the blank's clause."""
    s = fact.sentence
    if len(s) <= MAX_EXCERPT:
        return s[: fact.start] + filler + s[fact.end :]
    bounds = clause_bounds(s)
    k = next(i for i, (a, b) in enumerate(bounds) if a <= fact.start <= b)
    hi = bounds[k][1]
    return s[: fact.start] + filler + s[fact.end : hi] + ("……" if hi < len(s) else "")


def excerpt_too_long(fact: Fact) -> bool:
    """Tell whether the excerpt up to the blank's clause is too long to read as a question."""
    return len(cloze(fact, BLANK)) > 2 * MAX_EXCERPT


def context(fact: Fact) -> str:
    """Return the date (and, for body facts, the headline) that situates the sentence."""
    e, w = fact.event, wording(fact.event.language)
    if fact.cls in HEAD_ONLY:
        return ""  # the event's own date would give a date blank away
    if fact.in_headline or fact.text in e.title or e.compound:
        return w("context_date", date=e.label)
    return w("context_date_title", date=e.label, title=e.title)


def fact_question(fact: Fact, wrong: list[str], rng: random.Random, key: str) -> Question:
    """Build the cloze question on one fact."""
    w = wording(fact.event.language)
    choices = [fact.text, *wrong]
    rng.shuffle(choices)
    prompt = w("fill_blank", context=context(fact), text=cloze(fact, BLANK))
    why = explain(fact.event) + w("source", sentence=fact.sentence)
    return Question("fact", prompt, choices, fact.text, why, (fact.event,), key)


def true_false_fact(fact: Fact, wrong: str, seed_rng) -> Question | None:
    """State a body sentence with the fact kept or swapped for a same-class one; None for headlines."""
    if fact.in_headline:
        return None  # the date true/false already states the headline
    key = f"true_false:{fact.event.index}:fact:{fact.cls}:{fact.text}"
    rng = seed_rng(key)
    truth = rng.random() < 0.5
    statement = cloze(fact, fact.text if truth else wrong)
    w = wording(fact.event.language)
    if w.true in statement or w.false in statement:
        return None
    prompt = w("true_false_fact", context=context(fact), statement=statement)
    why = explain(fact.event) + w("source", sentence=fact.sentence)
    answer = w.true if truth else w.false
    return Question("true_false", prompt, [w.true, w.false], answer, why, (fact.event,), key)
