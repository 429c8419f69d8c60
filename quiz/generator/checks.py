"""The quality gate: every question passes it before it exists; doubtful ones are dropped with a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .model import Question
from .script import mixed_scripts
from .text import options_alike

DATE_SHAPES = tuple(
    re.compile(shape)
    for shape in (r"\d{4}年", r"\d{4}年\d{1,2}月", r"\d{4}年\d{1,2}月\d{1,2}日", r"\d{4}~\d{4}年")
)
EVENT_OPTION_KINDS = ("event_at_date", "which_first", "order", "before_after")
# What a date leaves behind when a parser cuts it short: 代，… / 至24日，… / 世纪…
DATE_RESIDUE_RE = re.compile(r"^(?:[\d〇零一二三四五六七八九十]*(?:年代|年|月|日|号|代|世纪)|[至~\-–—到]\s*\d)")
ORDINAL_RE = re.compile(r"第[一二三四五六七八九十\d]+([^\s，、“”（）]?)|([一二三四五六七八九十两\d]+)([号代期])|(\d+\.\d)版")  # noqa: E501
FIRST_EVER_RE = re.compile(r"第一[笔筆次个個家版期颗顆张張款]|首[次笔筆家个個]")
NEAR_DUPLICATE = 0.9


@dataclass(frozen=True)
class Drop:
    """A question the gate refused, and why (shown by `--report`)."""

    kind: str
    key: str
    prompt: str
    reason: str


@dataclass
class Gate:
    """Admit questions one by one; remember what was admitted to refuse repeats."""

    drops: list[Drop] = field(default_factory=list)
    _statements: dict[int, list[str]] = field(default_factory=dict)
    _groups: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    _keys: set[str] = field(default_factory=set)

    def refuse(self, kind: str, key: str, prompt: str, reason: str) -> None:
        """Record a question (or a would-be question) that will not exist."""
        self.drops.append(Drop(kind, key, prompt, reason))

    def admit(self, q: Question) -> bool:
        """Tell whether q passes every check; record the reason when it does not."""
        reason = doubt(q) or self._repeat(q)
        if reason:
            self.refuse(q.kind, q.key, q.prompt, reason)
            return False
        self._remember(q)
        return True

    def _repeat(self, q: Question) -> str | None:
        """Return a reason when q repeats an admitted question."""
        if q.key in self._keys:
            return "same key as an admitted question"
        if q.kind in ("order", "which_first", "before_after") and _group(q) in self._groups:
            return "same events as an admitted question"
        if q.kind == "true_false":
            said = statement(q.prompt)
            for other in self._statements.get(q.events[0].index, []):
                if SequenceMatcher(None, said, other).ratio() >= NEAR_DUPLICATE:
                    return "near-duplicate of an admitted true/false statement"
        return None

    def _remember(self, q: Question) -> None:
        """Note what an admitted question covers."""
        self._keys.add(q.key)
        if q.kind in ("order", "which_first", "before_after"):
            self._groups.add(_group(q))
        if q.kind == "true_false":
            self._statements.setdefault(q.events[0].index, []).append(statement(q.prompt))


def _group(q: Question) -> tuple[str, frozenset[str]]:
    """Return what makes two event-group questions the same: kind, wording and option set."""
    return q.kind + re.sub(r"“[^”]*”", "", q.prompt), frozenset(q.choices)


def statement(prompt: str) -> str:
    """Reduce a true/false prompt to its claim: no lead-in, date, context or punctuation."""
    text = prompt.split("：", 1)[-1]
    text = re.sub(r"\d{4}(?:~\d{4})?年(?:\d{1,2}月(?:\d{1,2}日)?)?", "", text)
    return re.sub(r"[\s，。、；：,.;:（）()“”……]", "", text)


def doubt(q: Question) -> str | None:
    """Return why q is not fit to hand out, or None when it passes every check."""
    for check in CHECKS:
        reason = check(q)
        if reason:
            return reason
    return None


def _options_sound(q: Question) -> str | None:
    stripped = [c.strip() for c in q.choices]
    if len(stripped) < 2 or not all(stripped):
        return "fewer than two options, or an empty one"
    if len(set(stripped)) != len(stripped):
        return "two options are the same"
    if q.kind == "order":
        return None if sorted(q.answer) == sorted(q.choices) else "order key is not a permutation of the options"
    if not isinstance(q.answer, str) or q.choices.count(q.answer) != 1:
        return "the key is not exactly one of the options"
    return None


def _answer_hidden(q: Question) -> str | None:
    if q.kind not in ("true_false", "order") and isinstance(q.answer, str) and q.answer.strip() in q.prompt:
        return "the answer is in its own prompt"
    return None


def _options_look_alike(q: Question) -> str | None:
    answer = q.answer if isinstance(q.answer, str) else None
    if not options_alike(q.choices, answer):
        return "options differ in length or visible cues (quotes, titles, commas)"
    shape = next((s for s in DATE_SHAPES if s.fullmatch(answer)), None) if answer and answer[:1].isdigit() else None
    if shape is not None and not all(shape.fullmatch(c) for c in q.choices):
        return "date options do not share the answer's precision"
    return None


def _enough_options(q: Question) -> str | None:
    if q.kind in ("which_first", "before_after", "event_at_date") and len(q.choices) < 3:
        return f"{q.kind} with fewer than three options"
    return None


def _no_aliases(q: Question) -> str | None:
    if q.kind == "true_false":
        return None
    words = [c for c in q.choices if not re.search(r"\d", c)]
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if is_alias(a, b):
                return f"near-duplicate options: {a} / {b}"
    return None


def is_alias(a: str, b: str) -> bool:
    """Tell whether one name contains the other or abbreviates it (联合国环境署 / 联合国环境规划署)."""
    short, long = sorted((a.strip("“”《》"), b.strip("“”《》")), key=len)
    if len(short) < 2 or short == long:
        return short == long
    if short in long:
        return True
    it = iter(long)
    subsequence = all(ch in it for ch in short)
    return subsequence and short[:2] == long[:2] and short[-1] == long[-1]


def _no_serial_giveaway(q: Question) -> str | None:
    if q.kind not in ("which_first", "order", "before_after"):
        return None
    counters = [m.group(1) or m.group(3) or "版" for c in q.choices for m in ORDINAL_RE.finditer(c)]
    if len(counters) != len(set(counters)):
        return "serial numbers in the options give the order away"
    asks_earliest = ((q.kind == "which_first" and "最早" in q.prompt)
                     or (q.kind == "before_after" and "之前" in q.prompt))
    firsts = [c for c in q.choices if FIRST_EVER_RE.search(c)]
    if len(firsts) != 1:
        return None  # no option, or several, claims a first: that tells nothing about the order
    earliest = q.answer[0] if q.kind == "order" else (q.answer if asks_earliest else None)
    if earliest == firsts[0]:
        return "the earliest option is the only one that says it was the first"
    if q.kind == "which_first" and "最晚" in q.prompt:
        return "an option says it was the first, which rules it out as the latest"
    return None


def _no_date_residue(q: Question) -> str | None:
    texts = list(q.choices) if q.kind in EVENT_OPTION_KINDS else []
    if q.kind.startswith("date_"):
        texts.append(q.prompt)
    for text in texts:
        if DATE_RESIDUE_RE.match(text.strip()):
            return f"date residue at the start of a headline: {text[:12]}"
    return None


def _one_script(q: Question) -> str | None:
    texts = [q.prompt, *q.choices]
    return "Simplified and Traditional characters mixed in one question" if mixed_scripts(texts) else None


CHECKS = (
    _options_sound,
    _no_date_residue,
    _one_script,
    _answer_hidden,
    _enough_options,
    _no_aliases,
    _no_serial_giveaway,
    _options_look_alike,
)
