"""The two value types the rest of the app sees: Event and Question."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .dates import EventDate
from .text import split_parts, split_sentences, trim_end, unlean


@dataclass(frozen=True)
class Event:
    """One `## ` entry of a timeline, with its date, headline and joined body."""

    index: int
    line: int
    date_text: str
    headline: str
    body: str
    date: EventDate
    parts: tuple[str, ...] = field(default=(), compare=False)
    language: str = field(default="zh-Hans", compare=False)

    def __post_init__(self) -> None:
        if not self.parts:
            object.__setattr__(self, "parts", split_parts(self.headline))

    @property
    def compound(self) -> bool:
        """Tell whether the headline holds several events (never one clear answer)."""
        return len(self.parts) > 1

    @cached_property
    def title(self) -> str:
        """Return the headline's first sentence without closing punctuation."""
        sentences = split_sentences(self.headline)
        return unlean(trim_end(sentences[0])) if sentences else ""

    @property
    def label(self) -> str:
        """Return the date in the timeline's language (2008年10月, October 2008)."""
        return self.date.label(self.language)

    def overlaps(self, other: Event) -> bool:
        """Tell whether the two events' date ranges share a day."""
        return self.date.overlaps(other.date)

    def before(self, other: Event) -> bool:
        """Tell whether this event certainly happened before the other."""
        return self.date.before(other.date)

    def to_dict(self) -> dict[str, str]:
        """Return the contract form {"date": iso, "headline": ...}."""
        return {"date": self.date.iso(), "headline": self.headline}


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with its key, explanation and source events."""

    kind: str
    prompt: str
    choices: list[str]
    answer: str | list[str]
    explanation: str
    events: tuple[Event, ...]
    key: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract item."""
        return {
            "kind": self.kind,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "answer": list(self.answer) if isinstance(self.answer, list) else self.answer,
            "explanation": self.explanation,
            "events": [e.to_dict() for e in self.events],
            "key": self.key,
        }
