"""Load the development corpus (tests/generator/corpus): each timeline with its hand-written key."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quiz.generator import Event, Question, bundled_timeline_path, generate_questions, read_file

CORPUS = Path(__file__).resolve().parent / "corpus"
NAMES = ("zh_hans_history", "zh_hant_science", "en_communication")
TIMELINES = ("bundled", *NAMES)


@dataclass(frozen=True)
class CorpusTimeline:
    """One corpus timeline: its path, its text and its answer key."""

    name: str
    path: Path
    text: str
    key: dict[str, Any]

    @property
    def events(self) -> list[dict[str, Any]]:
        """Return the key's events in file order."""
        return self.key["events"]


def load(name: str) -> CorpusTimeline:
    """Read one corpus timeline and its key."""
    path = CORPUS / f"{name}.md"
    key = json.loads((CORPUS / f"{name}.key.json").read_text(encoding="utf-8"))
    return CorpusTimeline(name, path, path.read_text(encoding="utf-8"), key)


def load_all() -> list[CorpusTimeline]:
    """Read every corpus timeline."""
    return [load(name) for name in NAMES]


def events_of(name: str) -> list[Event]:
    """Parse a timeline: the bundled one or a corpus one."""
    return read_file(bundled_timeline_path() if name == "bundled" else load(name).path).events


def questions_of(name: str, seed: int) -> list[Question]:
    """Generate a timeline's questions (the bundled one or a corpus one)."""
    return generate_questions(events_of(name), seed=seed)
