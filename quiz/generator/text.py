"""Small text helpers for Chinese prose: sentences, clauses, quotes and option likeness."""

from __future__ import annotations

import re

SENTENCE_END = "。！？；"
PARA_END = SENTENCE_END + "”）」』!?;."
OPENERS, CLOSERS = "“《（「『(", "”》）」』)"
COMMAS = "，,、"
BLANK = "____"
CJK_RE = re.compile(r"[\u3400-\u9fff]")


def _depths(text: str) -> list[int]:
    """Return, for each character, how deep it sits inside quotes or brackets."""
    depth, out = 0, []
    for ch in text:
        if ch in CLOSERS:
            depth = max(0, depth - 1)
        out.append(depth)
        if ch in OPENERS:
            depth += 1
    return out


def split_sentences(text: str) -> list[str]:
    """Split prose after 。！？； that stand outside quotes and brackets."""
    out, start = [], 0
    for i, (ch, depth) in enumerate(zip(text, _depths(text))):
        if ch in SENTENCE_END and depth == 0:
            out.append(text[start : i + 1].strip())
            start = i + 1
    out.append(text[start:].strip())
    return [s for s in out if s]


def clause_bounds(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of the comma-separated clauses outside quotes."""
    bounds, start = [], 0
    for i, (ch, depth) in enumerate(zip(text, _depths(text))):
        if ch in "，," and depth == 0:
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(text)))
    return bounds


def trim_end(text: str) -> str:
    """Drop closing sentence punctuation and spaces."""
    return text.strip().rstrip(SENTENCE_END + "，,、 ").strip()


def unlean(headline: str) -> str:
    """Make a "仅…就…" headline (only…already…) a plain statement: 仅X就达到Y → X达到Y."""
    if headline.startswith("仅") and "就" in headline[2:]:
        head, _, tail = headline[1:].partition("就")
        return head + tail
    return headline


def split_parts(headline: str) -> tuple[str, ...]:
    """Split a headline that holds several events joined by spaces (outside quotes)."""
    parts, start = [], 0
    for i, (ch, depth) in enumerate(zip(headline, _depths(headline))):
        if ch.isspace() and depth == 0 and _cjk_near(headline, i):
            parts.append(headline[start:i])
            start = i + 1
    parts.append(headline[start:])
    parts = [trim_end(p) for p in parts if p.strip()]
    return tuple(parts) if len(parts) > 1 and min(map(len, parts)) >= 2 else (trim_end(headline),)


def _cjk_near(text: str, i: int) -> bool:
    """Tell whether the space at i touches Chinese text on either side."""
    left, right = text[:i].rstrip()[-1:], text[i:].lstrip()[:1]
    return bool(CJK_RE.match(left) or CJK_RE.match(right))


def join_wrapped(lines: list[str]) -> str:
    """Join hard-wrapped body lines: no space inside Chinese, a newline after a full stop."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text[-1] in PARA_END:
            text += "\n" + line
        elif text[-1].isascii() and text[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            text += " " + line
        else:
            text += line
    return text


def surface(option: str) -> tuple[bool, bool, bool]:
    """Return the visible cues of an option: (has quotes, has a title mark, has a comma)."""
    return any(c in option for c in "“”\""), "《" in option, any(c in option for c in COMMAS)


def options_alike(choices: list[str], answer: str | None = None) -> bool:
    """Tell whether options look alike: bounded length spread, answer's cues shared."""
    sizes = [len(c) for c in choices]
    if max(sizes) > 2 * min(sizes) + 4:
        return False
    if answer is None or len(choices) < 2:
        return True
    cues = surface(answer)
    others = [surface(c) for c in choices if c != answer]
    return all(any(o[k] == cues[k] for o in others) for k in range(len(cues)))
