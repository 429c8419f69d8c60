"""Find askable facts in an event's sentences: names, numbers with units, quotes, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import backup
from .model import Event
from .nlp import SUFFIXES, Token, tag_sentences
from .text import split_sentences

UNITS = (
    "平方米|公里|小时|分钟|元|块|人|位|名|笔|家|天|年|个|次|号|倍|台|款|项|届|座|所|户|岁|周|秒|米|吨|件|张|%"
)
AR_RE = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<num>\d+(?:\.\d+)?)(?![A-Za-z0-9.])(?P<tail>(?:多|余)?[万亿千]?(?:多|余)?"
    rf"(?:(?:{UNITS})(?:/(?:秒|天|年|人|月))?)?)"
)
CN_RE = re.compile(
    rf"(?<!第)(?P<num>[一二两三四五六七八九十百千万]+)(?P<tail>(?:多|余)?(?:{UNITS}))(?!\1)"
)
DAYNIGHT_RE = re.compile(r"([一二两三四五六七八九十])天\1夜")
QUOTE_RE = re.compile(r"“([^“”\n]{1,24})”")
RANGE_RE = re.compile(r"(?<!\d)\d{4}\s*[~\-至到]\s*\d{4}年")
DATE_RE = re.compile(r"(?<![\d.])\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?![\d月])")
PERSON_BLOCK = set("这那该每一")


@dataclass(frozen=True)
class Fact:
    """One blankable span of a sentence of an event, with the class of thing it names."""

    event: Event
    sentence: str
    start: int
    end: int
    cls: str
    in_headline: bool

    @property
    def text(self) -> str:
        """Return the span as written."""
        return self.sentence[self.start : self.end]


def event_sentences(event: Event) -> list[tuple[str, bool]]:
    """Return the event's sentences, each flagged True when it comes from the headline."""
    head = [(s, True) for s in split_sentences(event.headline)]
    return head + [(s, False) for s in split_sentences(event.body)]


def find_facts(events: list[Event]) -> list[Fact]:
    """Return every fact of every event, skipping sentences that look broken."""
    rows = [(e, s, h) for e in events for s, h in event_sentences(e)]
    traditional = bool(events) and events[0].language == "zh-Hant"
    tagged = tag_sentences(tuple(s for _, s, _ in rows), traditional)
    counts = _quote_counts(rows)
    facts: list[Fact] = []
    for (event, sentence, head), tokens in zip(rows, tagged):
        if not looks_broken(tokens):
            facts.extend(_sentence_facts(event, sentence, head, tokens, counts))
    return facts


def _quote_counts(rows: list[tuple[Event, str, bool]]) -> dict[str, int]:
    """Count quoted terms; a term that recurs or stands in a headline is a name."""
    counts: dict[str, int] = {}
    for _, sentence, head in rows:
        for m in QUOTE_RE.finditer(sentence):
            counts[m.group(1)] = counts.get(m.group(1), 0) + (2 if head else 1)
    return counts


def looks_broken(tokens: list[Token]) -> bool:
    """Flag a sentence whose grammar suggests a typo or dropped word (see docs)."""
    flags = [t.flag for t in tokens]
    if flags and (flags[0] in ("q", "k", "y") or flags[0].startswith("u")):
        return True
    for a, b, c in zip([None, *tokens], tokens, [*tokens[1:], None]):
        if b.flag == "v" and len(b.word) == 1 and c and c.flag == "v" and len(c.word) > 1 and a and a.flag == "r":
            return True
        if b.flag == "m" and a and a.flag == "v" and c and c.flag == "p":
            return True
    return False


def _sentence_facts(
    event: Event, sentence: str, head: bool, tokens: list[Token], counts: dict[str, int]
) -> list[Fact]:
    """Collect the facts of one sentence whose span lines up with whole tokens."""
    cuts = {t.start for t in tokens} | {t.end for t in tokens}
    spans = _entity_spans(tokens) + _pattern_spans(sentence, counts)
    seen, out = set(), []
    for start, end, cls in spans:
        if start in cuts and end in cuts and (start, end) not in seen:
            seen.add((start, end))
            out.append(Fact(event, sentence, start, end, cls, head))
    return out


def classify_name(word: str, flag: str) -> str | None:
    """Return the class of a tagged name, or None when it is not a usable name."""
    for cls, suffixes in SUFFIXES.items():
        if word.endswith(suffixes) and len(word) > max(map(len, suffixes)):
            return cls
    if flag == "ns" and len(word) >= 2:
        if word in backup.COUNTRIES:
            return "country"
        return "province" if word in backup.PROVINCES else "city"
    if flag == "nz" and re.fullmatch(r"[\u4e00-\u9fff]{1,3}宝", word):
        return "product"
    if flag == "nt" and len(word) >= 5:
        return "org"
    return None


def _entity_spans(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Return spans of people, places, organisations and products."""
    out = []
    for prev, tok in zip([None, *tokens], tokens):
        if tok.flag == "nr":
            if _is_person(tok.word) and not (prev and prev.word[-1] in PERSON_BLOCK):
                out.append((tok.start, tok.end, "person"))
        elif cls := classify_name(tok.word, tok.flag):
            out.append((tok.start, tok.end, cls))
    return out


def _is_person(word: str) -> bool:
    """Tell whether a jieba `nr` token looks like a Chinese personal name."""
    return 2 <= len(word) <= 3 and word[0] in backup.SURNAMES and all("\u4e00" <= c <= "\u9fff" for c in word)


def _pattern_spans(sentence: str, counts: dict[str, int]) -> list[tuple[int, int, str]]:
    """Return spans found by regex: quotes, ranges, dates and numbers with units."""
    out: list[tuple[int, int, str]] = []
    for m in QUOTE_RE.finditer(sentence):
        cls = _quote_class(m.group(1), counts)
        if cls:
            out.append((m.start(), m.end(), cls))
    out += [(m.start(), m.end(), "range") for m in RANGE_RE.finditer(sentence)]
    for m in DATE_RE.finditer(sentence):
        if not any(s <= m.start() < e for s, e, _ in out):
            out.append((m.start(), m.end(), "date"))
    taken = [(s, e) for s, e, _ in out]
    for span, cls in number_spans(sentence):
        if not any(s < span[1] and span[0] < e for s, e in taken):
            out.append((*span, cls))
    return out


def _quote_class(inner: str, counts: dict[str, int]) -> str | None:
    """Return "slogan" for quoted sayings, "term" for recurring quoted names."""
    if any(c in inner for c in "，,"):
        return "slogan"
    if inner.endswith(sum(SUFFIXES.values(), ())):
        return None
    return "term" if counts.get(inner, 0) >= 2 and not re.search(r"\d", inner) else None


def number_spans(sentence: str) -> list[tuple[tuple[int, int], str]]:
    """Return numbers with their unit: Arabic (750元, 3.8万笔/秒) and Chinese (四天, 二百多家)."""
    out = [((m.start(), m.end()), "num:天夜") for m in DAYNIGHT_RE.finditer(sentence)]
    for m in AR_RE.finditer(sentence):
        unit = re.sub(r"[多余]", "", m.group("tail"))
        whole = m.group("num")
        if _is_date_part(sentence, m) or (not unit and len(whole) < 3):
            continue
        if not unit and "." in whole:
            continue
        out.append(((m.start(), m.end()), f"num:{unit}" if unit else f"code:{len(whole)}"))
        if unit:
            out.append(((m.start(), m.start("tail")), f"bare:{unit}"))
    for m in CN_RE.finditer(sentence):
        if any(s <= m.start() < e for (s, e), _ in out) or m.group("num") in "一":
            continue
        out.append(((m.start(), m.end()), "cn:" + re.sub(r"[多余]", "", m.group("tail"))))
    return out


def _is_date_part(sentence: str, m: re.Match[str]) -> bool:
    """Tell whether an Arabic number is part of a date (2008年, 10月, 18日)."""
    nxt = sentence[m.end("num") : m.end("num") + 1]
    return nxt in ("月", "日") or (nxt == "年" and len(m.group("num")) == 4)
