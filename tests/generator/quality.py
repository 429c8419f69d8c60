"""The automatic quality check a teacher's reading starts from: rules every generated question obeys."""

from __future__ import annotations

import re

from quiz.generator import Event, Question
from quiz.generator.checks import DATE_RESIDUE_RE, is_alias
from quiz.generator.script import mixed_scripts
from quiz.generator.vetting import leans

EVENT_OPTIONS = ("event_at_date", "which_first", "order", "before_after")
NAME_CHARS = re.compile(r"[\w\u3400-\u9fff]")


def blank_on_boundaries(q: Question) -> None:
    """A cloze blank covers a whole word: the characters around it are not part of the same word or number."""
    if q.kind != "fact":
        return
    left, _, right = q.prompt.split("：", 1)[1].partition("____")
    a, b = left[-1:], right[:1]
    for outer, inner in ((a, q.answer[:1]), (q.answer[-1:], b)):
        assert not (outer.isascii() and inner.isascii() and outer.isalnum() and inner.isalnum()), q
        assert not (outer in "〇零一二三四五六七八九十百千万两" and inner in "〇零一二三四五六七八九十百千万两" and outer), q
    assert "·" not in (a, b), q


def options_distinct(q: Question) -> None:
    """No two options are the same, and no name option abbreviates or contains another."""
    stripped = [c.strip() for c in q.choices]
    assert len(set(stripped)) == len(stripped), q
    if q.kind in ("fact",):
        words = [c for c in stripped if not re.search(r"\d", c)]
        assert not any(is_alias(x, y) for i, x in enumerate(words) for y in words[i + 1 :]), q


def same_class(q: Question) -> None:
    """Options share the answer's class: the same unit for numbers, the same date shape, quotes with quotes."""
    if q.kind != "fact":
        return
    shape = re.sub(r"[\d.]+|[一二两三四五六七八九十百千]+", "9", q.answer)
    for c in q.choices:
        assert re.sub(r"[\d.]+|[一二两三四五六七八九十百千]+", "9", c) == shape or not re.search(r"\d|年|月", q.answer), q
        assert c.startswith("“") == q.answer.startswith("“"), q


def event_options_sound(q: Question) -> None:
    """which_first and before/after offer at least 3 options; no headline option starts with date residue."""
    if q.kind in ("which_first", "before_after", "event_at_date"):
        assert len(q.choices) >= 3, q
    if q.kind in EVENT_OPTIONS:
        assert not any(DATE_RESIDUE_RE.match(c) for c in q.choices), q


def one_script(q: Question) -> None:
    """Prompt and options are all Simplified or all Traditional."""
    assert not mixed_scripts([q.prompt, *q.choices]), q


def answer_not_in_prompt(q: Question) -> None:
    """The answer never stands in its own prompt."""
    if q.kind not in ("true_false", "order"):
        assert q.answer not in q.prompt, q


RULES = (blank_on_boundaries, options_distinct, same_class, event_options_sound, one_script, answer_not_in_prompt)


def check_quality(questions: list[Question], events: list[Event]) -> None:
    """Run every rule on every question, then the set-level ones: no repeats, every quotable event asked twice."""
    for q in questions:
        for rule in RULES:
            rule(q)
    prompts = [(q.kind, q.prompt, tuple(sorted(q.choices))) for q in questions]
    assert len(set(prompts)) == len(prompts)
    claims = [claim(q.prompt) for q in questions if q.kind == "true_false"]
    assert len(set(claims)) == len(claims), [c for c in claims if claims.count(c) > 1]
    asked = {e.index: 0 for e in events if not leans(e.headline)}  # a leaning headline is never quoted
    for q in questions:
        for e in {e.index for e in q.events} & asked.keys():
            asked[e] += 1
    assert min(asked.values()) >= 2, asked


def claim(prompt: str) -> str:
    """Reduce a true/false prompt to its claim: the same statement with another date is the same claim."""
    body = re.sub(r"^判断正误(（[^）]*）)?：", "", prompt)
    return re.sub(r"\d{4}(~\d{4})?年(\d{1,2}月(\d{1,2}日)?)?[，,]?|[。…]", "", body)
