"""Store a parsed timeline and the questions generated from it, idempotently."""
from collections.abc import Callable

from sqlalchemy import select

from quiz import generator
from quiz.extensions import db
from quiz.models import Event, Question, Timeline

BUNDLED_SLUG = "alipay"
BUNDLED_TITLE = "支付宝大事记（2003–2018）"
GENERATOR_SEED = 0


def event_row(event: generator.Event) -> Event:
    """Map a parsed event onto a database row."""
    date = event.date
    return Event(
        position=event.index,
        line=event.line,
        date_text=event.date_text,
        date_iso=date.iso(),
        date_label=event.label,
        precision=date.precision,
        start_day=date.start,
        end_day=date.end,
        headline=event.headline,
        body=event.body,
    )


def no_progress(step: str) -> None:
    """Hear a step of an import and show it nowhere (callers without a progress page)."""


def import_timeline(slug: str, title: str, text: str, progress: Callable[[str], None] = no_progress) -> Timeline:
    """Parse `text` and store it with its questions; raises generator.TimelineError.
    `progress` hears "generating" then "saving" (questions are generated before the first
    write, so SQLite's single writer lock is held only while rows are inserted)."""
    parsed = generator.read_timeline(text)
    progress("generating")
    generated = generator.generate_questions(parsed.events, seed=GENERATOR_SEED)
    progress("saving")
    timeline = Timeline(slug=slug, title=title, source_text=text, language=parsed.language,
                        description=description_of(parsed))
    timeline.events = [event_row(e) for e in parsed.events]
    db.session.add(timeline)
    db.session.flush()
    add_generated_questions(timeline, generated)
    return timeline


def description_of(parsed: generator.ParsedTimeline) -> str:
    """Return what the file says about itself before its first event: its title, then its preface."""
    return "\n".join(part for part in (parsed.title, parsed.description) if part)


def sync_generated_questions(timeline: Timeline, parsed: list[generator.Event]) -> int:
    """Add generated questions the timeline lacks; existing ones (and teachers' edits) stay."""
    return add_generated_questions(timeline, generator.generate_questions(parsed, seed=GENERATOR_SEED))


def add_generated_questions(timeline: Timeline, generated: list[generator.Question]) -> int:
    """Add the generated questions whose key the timeline lacks; return how many were added."""
    known = set(db.session.scalars(select(Question.gen_key).where(Question.timeline_id == timeline.id)))
    by_position = {e.position: e for e in timeline.events}
    added = 0
    for q in generated:
        if q.key in known:
            continue
        known.add(q.key)
        question = Question(
            timeline_id=timeline.id, kind=q.kind, prompt=q.prompt, choices=list(q.choices),
            answer=q.answer, explanation=q.explanation, origin="generated", gen_key=q.key,
        )
        question.events = [by_position[e.index] for e in q.events]
        db.session.add(question)
        added += 1
    return added


def ensure_bundled_timeline() -> Timeline:
    """Load the bundled Alipay timeline once; later calls only add missing questions."""
    timeline = db.session.scalar(select(Timeline).where(Timeline.slug == BUNDLED_SLUG))
    text = generator.bundled_timeline_path().read_text(encoding="utf-8")
    if timeline is None:
        return import_timeline(BUNDLED_SLUG, BUNDLED_TITLE, text)
    sync_generated_questions(timeline, generator.parse_timeline(timeline.source_text))
    return timeline
