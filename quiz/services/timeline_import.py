"""Check a timeline a teacher uploads before it is stored: every event and every parse error by line."""
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quiz import generator
from quiz.extensions import db
from quiz.generator.parser import HEADING_RE
from quiz.models import Question, Timeline
from quiz.services import catalog, timelines


class SlugTaken(Exception):
    """Another timeline already uses this slug."""


@dataclass
class Preview:
    """What an uploaded timeline would become: its events, or the lines at fault."""

    events: list[generator.Event] = field(default_factory=list)
    errors: list[generator.TimelineError] = field(default_factory=list)
    language: str = ""
    description: str = ""

    @property
    def ok(self) -> bool:
        """True when the file parsed cleanly and can be stored."""
        return not self.errors and bool(self.events)


def normalise(text: str) -> str:
    """Drop a BOM and use one kind of line break (browsers post CRLF)."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def preview(text: str) -> Preview:
    """Parse the text; if it fails, parse each event on its own to report every bad line."""
    text = normalise(text)
    try:
        parsed = generator.read_timeline(text)
        return Preview(parsed.events, language=parsed.language, description=timelines.description_of(parsed))
    except generator.TimelineError as whole:
        blocks = split_blocks(text)
        if len(blocks) < 2:
            return Preview(errors=[whole])
    found = Preview()
    for start, lines, lead in blocks:
        try:
            events = generator.parse_timeline("\n".join(lines))
        except generator.TimelineError as error:
            found.errors.append(generator.TimelineError(start + max(error.line, 1) - 1, error.code, **error.params))
        else:
            found.events += [] if lead else [replace(e, line=start + e.line - 1) for e in events]
    return found


PLACEHOLDER = "## 2000年，占位"


def split_blocks(text: str) -> list[tuple[int, list[str], bool]]:
    """Cut the text into (first line number, lines, is the lead) per event. The lead (the lines
    before the first event) is checked behind a placeholder heading so only its own errors show."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if HEADING_RE.match(line.strip())]
    if not starts:
        return []
    blocks = []
    if any(line.strip() for line in lines[:starts[0]]):
        blocks.append((1, lines[:starts[0]] + [PLACEHOLDER], True))
    for first, end in zip(starts, starts[1:] + [len(lines)]):
        blocks.append((first + 1, lines[first:end], False))
    return blocks


def slug_taken(slug: str) -> bool:
    """Tell whether a timeline already uses the slug."""
    return db.session.scalar(select(Timeline.id).where(Timeline.slug == slug)) is not None


def store(slug: str, title: str, text: str, progress: Callable[[str], None] = timelines.no_progress,
          before_commit: Callable[[Timeline], None] | None = None) -> Timeline:
    """Store a clean timeline with its generated questions and standard quizzes, in one commit.
    `progress` hears each step; `before_commit` adds what must commit with the timeline."""
    if slug_taken(slug):
        raise SlugTaken(slug)
    try:
        timeline = timelines.import_timeline(slug, title, normalise(text), progress)
        catalog.ensure_default_quizzes(timeline)
        if before_commit is not None:
            before_commit(timeline)
        db.session.commit()
    except IntegrityError as clash:  # another teacher took the slug meanwhile
        db.session.rollback()
        raise SlugTaken(slug) from clash
    return timeline


def question_count(timeline: Timeline) -> int:
    """How many questions a timeline has."""
    return db.session.scalar(select(func.count(Question.id)).where(Question.timeline_id == timeline.id)) or 0
