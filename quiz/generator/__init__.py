"""Timeline engine: parse a timeline (Chinese or English) and generate quiz questions from it."""

from .errors import TimelineError
from .model import Event, Question
from .parser import (ParsedTimeline, bundled_timeline_path, decode, parse_file, parse_timeline, read_file,
                     read_timeline)

__all__ = [
    "Event",
    "ParsedTimeline",
    "Question",
    "TimelineError",
    "bundled_timeline_path",
    "decode",
    "generate_questions",
    "parse_file",
    "parse_timeline",
    "read_file",
    "read_timeline",
]


def generate_questions(events: list[Event], seed: int = 0) -> list[Question]:
    """Build every question the events allow; the seed picks distractors and order."""
    from .generate import generate

    return generate(events, seed)
