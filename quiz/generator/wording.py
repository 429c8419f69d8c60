"""Every fixed word the generator puts into a question, per timeline language.

Question kinds take their prompts, true/false words, explanations and fallback names from here,
so a timeline's questions come in its own language and script. Traditional Chinese is derived from
the Simplified table with OpenCC (s2t), so the Chinese wording is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import backup
from .dates import EventDate
from .script import to_traditional

ZH_HANS: dict[str, Any] = {
    "ask": {"year": "哪一年", "month": "哪一年的哪个月", "day": "哪一天", "decade": "哪个年代", "century": "哪个世纪",
            "range": "哪个时间段", "approximate": "大约什么时候"},
    "ask_when": "{statement}——这件事发生在{ask}？",
    "what_at": "{at}，发生了下列哪件事？",
    "which_first": "下列事件中，最早发生的是哪一件？",
    "which_last": "下列事件中，最晚发生的是哪一件？",
    "order": "请把下列事件按发生时间从早到晚排序。",
    "true_false_date": "判断正误：{at}，{statement}。",
    "true": "正确",
    "false": "错误",
    "explain_item": "{date}，{headline}",
    "explain_join": "；",
    "explain_end": "。",
    "fill_blank": "根据时间线填空{context}：{text}",
    "true_false_fact": "判断正误{context}：{statement}",
    "context_date": "（{date}）",
    "context_date_title": "（{date}，{title}）",
    "source": "原文：{sentence}",
    "sentence_end": "。！？；",
    "years_between": "{a}与{b}，这两件事发生的年份相差几年？",
    "years": "{n}年",
    "one_year": "1年",
    "gap_why": "{earlier}到{later}相隔{n}年。",
    "before": "下列哪件事发生在{pivot}之前？",
    "after": "下列哪件事发生在{pivot}之后？",
}
EN: dict[str, Any] = {
    "ask": {"year": "in which year", "month": "in which month", "day": "on which day", "decade": "in which decade",
            "century": "in which century", "range": "over which period", "approximate": "around when"},
    "ask_when": "“{statement}” — {ask} did this happen?",
    "what_at": "Which of these happened {at}?",
    "which_first": "Which of these happened first?",
    "which_last": "Which of these happened last?",
    "order": "Put these events in order, earliest first.",
    "true_false_date": "True or false: “{statement}” happened {at}.",
    "true": "True",
    "false": "False",
    "explain_item": "{date}: {headline}",
    "explain_join": "; ",
    "explain_end": ".",
    "fill_blank": "Fill in the blank {context}: {text}",
    "true_false_fact": "True or false {context}: {statement}",
    "context_date": "({date})",
    "context_date_title": "({date}, {title})",
    "source": "Source: {sentence}",
    "sentence_end": ".!?;",
    # "apart" alone invites counting whole years elapsed; the question counts between the years, like the Chinese.
    "years_between": "How many years are there between the year of {a} and the year of {b}?",
    "years": "{n} years",
    "one_year": "1 year",
    "gap_why": " From {earlier} to {later} is {n} years.",
    "before": "Which of these happened before {pivot}?",
    "after": "Which of these happened after {pivot}?",
}
# English prepositions before a date, by precision: on May 24, 1844; in the 1840s.
EN_AT = {"day": "on {}", "month": "in {}", "year": "in {}", "decade": "in the {}", "century": "in the {}",
         "range": "in {}", "approximate": "around {}"}
ZH_FALLBACK = {"province": backup.PROVINCES, "city": backup.CITIES, "school": backup.UNIVERSITIES}


@dataclass(frozen=True)
class Wording:
    """The fixed words of one language, with helpers for dates in prompts."""

    language: str
    words: dict[str, Any]

    def __call__(self, key: str, **values: str) -> str:
        """Fill the template `key` with values."""
        return str(self.words[key]).format(**values)

    @property
    def true(self) -> str:
        """Return the word for a true statement."""
        return str(self.words["true"])

    @property
    def false(self) -> str:
        """Return the word for a false statement."""
        return str(self.words["false"])

    def years(self, n: int) -> str:
        """Write a count of years: 3年, 1 year, 3 years."""
        return self("one_year") if n == 1 else self("years", n=str(n))

    def label(self, d: EventDate) -> str:
        """Return a date written in this language."""
        return d.label(self.language)

    def ask(self, d: EventDate) -> str:
        """Return the question word for a date at its precision (哪一年, in which decade)."""
        return str(self.words["ask"][d.precision])

    def at(self, d: EventDate) -> str:
        """Return a date as it stands in a sentence: 2008年10月; on May 24, 1844; around 1450."""
        text = self.label(d)
        if self.language != "en":
            return text
        return EN_AT[d.precision].format(text.removeprefix("c. "))

    def trim(self, headline: str) -> str:
        """Drop the sentence-final punctuation of a headline."""
        return headline.rstrip(str(self.words["sentence_end"]))

    def fallback_names(self) -> dict[str, tuple[str, ...]]:
        """Return generic same-class names for thin timelines: real places, in the timeline's script."""
        if self.language == "zh-Hans":
            return ZH_FALLBACK
        if self.language == "zh-Hant":
            return {cls: tuple(map(to_traditional, names)) for cls, names in ZH_FALLBACK.items()}
        return {}


@lru_cache(maxsize=4)
def wording(language: str) -> Wording:
    """Return the wording of a timeline language (zh-Hans, zh-Hant, en); unknown ones get zh-Hans."""
    if language == "en":
        return Wording("en", EN)
    if language == "zh-Hant":
        return Wording("zh-Hant", _convert(ZH_HANS, to_traditional))
    return Wording("zh-Hans", ZH_HANS)


def _convert(words: dict[str, Any], convert: Callable[[str], str]) -> dict[str, Any]:
    """Convert every string of a (nested) table."""
    return {k: _convert(v, convert) if isinstance(v, dict) else convert(v) for k, v in words.items()}
