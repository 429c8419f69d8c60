"""Read a timeline file: `## ` lines start events, every other line is body text.

Text before the first event is the timeline's own: a `# ` title and a preface paragraph,
kept as its description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .date_read import split_date
from .dates import DateValueError
from .errors import TimelineError
from .language import detect_language
from .model import Event
from .text import join_wrapped

HEADING_RE = re.compile(r"^##(?!#)\s*(.*)$")
TITLE_RE = re.compile(r"^#(?!#)\s*(.*)$")
LEAD_SEP = "，,、：:　 \t—–-"


@dataclass(frozen=True)
class ParsedTimeline:
    """A whole timeline: its title and description (the preface), language and events."""

    title: str
    description: str
    language: str
    events: list[Event]


def bundled_timeline_path() -> Path:
    """Return the path of the timeline shipped with the app."""
    return Path(__file__).resolve().parent.parent / "data" / "alipay_timeline.md"


def read_file(path: str | Path) -> ParsedTimeline:
    """Read a timeline file (UTF-8, with or without BOM) and parse it."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TimelineError(0, "unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    return read_timeline(decode(raw))


def parse_file(path: str | Path) -> list[Event]:
    """Read a timeline file and return its events."""
    return read_file(path).events


def decode(raw: bytes) -> str:
    """Decode UTF-8 text with or without a BOM (a file or an upload), refusing binary data and other
    encodings with the line where the trouble starts."""
    if b"\x00" in raw:
        raise TimelineError(raw.count(b"\n", 0, raw.index(b"\x00")) + 1, "binary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TimelineError(raw.count(b"\n", 0, exc.start) + 1, "not_utf8") from exc


def parse_timeline(text: str) -> list[Event]:
    """Parse timeline text into events; raise TimelineError naming the bad line."""
    return read_timeline(text).events


def read_timeline(text: str) -> ParsedTimeline:
    """Parse timeline text into its title, description, language and events."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise TimelineError(1, "empty")
    heads: list[tuple[int, str]] = []
    bodies: list[list[str]] = []
    title = ""
    preface: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        _check_chars(line, number)
        if m := HEADING_RE.match(line):
            heads.append((number, m.group(1).strip()))
            bodies.append([])
        elif line and bodies:
            bodies[-1].append(line)
        elif (m := TITLE_RE.match(line)) and not title and not preface:
            title = m.group(1).strip()
        elif line:
            preface.append(line)
    if not heads:
        raise TimelineError(1, "no_events")
    language = detect_language([title, *preface, *(h for _, h in heads), *(line for b in bodies for line in b)])
    events = [_event(i, n, h, b, language) for i, ((n, h), b) in enumerate(zip(heads, bodies))]
    return ParsedTimeline(title, join_wrapped(preface), language, events)


def _check_chars(line: str, number: int) -> None:
    """Refuse control characters, which only appear in binary or broken files."""
    if any(ord(c) < 32 and c != "\t" for c in line):
        raise TimelineError(number, "control_chars")


def _event(index: int, number: int, heading: str, body: list[str], language: str) -> Event:
    """Build one event from its heading and body lines."""
    try:
        found = split_date(heading)
    except DateValueError as exc:
        raise TimelineError(number, exc.code, **exc.params) from exc
    if found is None:
        raise TimelineError(number, "no_date", heading=heading[:20])
    date, date_text, rest = found
    if rest[:1].isdigit():
        raise TimelineError(number, "bad_date_text", text=f"{date_text}{rest[:3]}")
    headline = rest.lstrip(LEAD_SEP).strip()
    if not headline:
        raise TimelineError(number, "no_headline")
    return Event(index, number, date_text, headline, join_wrapped(body), date, language=language)
