"""Read a CSV file of questions: every row is checked by the same QuestionForm a teacher fills in,
so the rules (2–6 options, one right answer, 3–6 order items, accepted answers) live in one place."""
import csv
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from quiz.extensions import db
from quiz.models import Event, Timeline
from quiz.kinds import authored_kinds, is_authored, kind_for
from quiz.kinds.base import CSV_SEPARATOR
from quiz.services.authoring import Draft
from quiz.services.timelines import BUNDLED_SLUG
from quiz.teach.forms import QuestionForm

COLUMNS = ("kind", "prompt", "choices", "answer", "explanation", "event", "timeline")
REQUIRED = ("kind", "prompt")
MAX_ROWS = 1000


@dataclass
class Result:
    """The questions a file holds, or the rows at fault (row 1 is the header)."""

    drafts: list[Draft] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


class Catalog:
    """Timelines by slug and their events by written date, read once per file: checking a row
    then costs the same whatever the catalogue's size."""

    def __init__(self) -> None:
        self.timelines = {t.slug: t for t in db.session.scalars(select(Timeline).order_by(Timeline.id))}
        self.events: dict[int, set[int]] = {t.id: set() for t in self.timelines.values()}
        self.by_date: dict[tuple[int, str], set[int]] = defaultdict(set)
        for event in db.session.execute(select(Event.id, Event.timeline_id, Event.date_label, Event.date_text,
                                                 Event.date_iso)):
            self.events[event.timeline_id].add(event.id)
            for written in (event.date_label, event.date_text, event.date_iso):
                self.by_date[(event.timeline_id, written)].add(event.id)

    def timeline(self, slug: str) -> Timeline | None:
        """The named timeline, or the bundled one when the cell is empty."""
        return self.timelines.get(slug or BUNDLED_SLUG)

    def event_ids(self, timeline: Timeline, date: str) -> list[int]:
        """Events of the timeline written with this date (label, source text or ISO form)."""
        return sorted(self.by_date.get((timeline.id, date), ()))


def read_questions(text: str, progress: Callable[[int, int], None] | None = None) -> Result:
    """Check every row of the file; drafts are returned only when no row has an error.
    `progress(checked, rows)` is told how many rows are checked as the check goes on."""
    result, catalog = Result(), Catalog()
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    except csv.Error as error:
        return Result(errors=[(0, _("The file is not valid CSV: %(error)s", error=error))])
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    unknown = [name for name in header if name not in COLUMNS]
    if unknown or not all(name in header for name in REQUIRED):
        return Result(errors=[(1, _("The first row must name the columns: %(columns)s (unknown: %(unknown)s).",
                                    columns=", ".join(COLUMNS), unknown=", ".join(unknown) or "-"))])
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not body:
        return Result(errors=[(2, _("The file has no questions."))])
    if len(body) > MAX_ROWS:
        return Result(errors=[(MAX_ROWS + 2, _("At most %(n)s questions per file.", n=MAX_ROWS))])
    for checked, (number, row) in enumerate(body, start=1):
        if progress is not None:
            progress(checked - 1, len(body))
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        if len(row) > len(header):
            result.errors.append((number, _("This row has more cells than the header.")))
            continue
        draft, problems = check_row(cells, catalog)
        result.errors += [(number, p) for p in problems]
        if draft is not None:
            result.drafts.append(draft)
    if progress is not None:
        progress(len(body), len(body))
    if result.errors:
        result.drafts = []
    return result


def check_row(cells: dict[str, str], catalog: Catalog) -> tuple[Draft | None, list[str]]:
    """Turn one row into a draft through the question form, or say what is wrong with it."""
    kind = cells.get("kind", "")
    if not is_authored(kind):
        return None, [_("Unknown kind “%(kind)s”: use one of %(kinds)s.", kind=kind[:30],
                        kinds=", ".join(authored_kinds()))]
    timeline = catalog.timeline(cells.get("timeline", ""))
    if timeline is None:
        return None, [_("There is no timeline with the short name “%(slug)s”.",
                        slug=cells.get("timeline") or BUNDLED_SLUG)]
    data, problems = form_data(kind, cells, timeline, catalog)
    if problems:
        return None, problems
    form = QuestionForm(kind, catalog.events, formdata=data, meta={"csrf": False},
                        languages={timeline.id: timeline.language})
    # Only the row's own timeline and event are offered: listing every stored one made each row
    # cost as much as the catalogue (the form checks the event belongs to the timeline).
    form.timeline.choices = [SelectChoice(timeline.id, timeline.slug)]
    form.event.choices = [SelectChoice(0, ""), SelectChoice(int(data["event"]), "")]
    if not form.validate():
        return None, [f"{form[name].label.text}: {message}" for name, message in flat_errors(form.errors)]
    return form.to_draft(), []


def form_data(kind: str, cells: dict[str, str], timeline: Timeline, catalog: Catalog) -> tuple[MultiDict, list[str]]:
    """The form fields a teacher would have typed for this row; problems only the CSV can have."""
    options = [o.strip() for o in cells.get("choices", "").split(CSV_SEPARATOR)] if cells.get("choices") else []
    answer, problems = cells.get("answer", ""), []
    data = MultiDict({"prompt": cells.get("prompt", ""), "explanation": cells.get("explanation", ""),
                      "timeline": str(timeline.id), "event": "0"})
    if len(options) > 6:
        problems.append(_("At most 6 choices."))
    for i, option in enumerate(options[:6]):
        data[f"options-{i}"] = option
    fields, kind_problems = kind_for(kind).csv_data(answer, options)
    data.update(fields)
    problems += kind_problems
    if cells.get("event"):
        found = catalog.event_ids(timeline, cells["event"])
        if len(found) != 1:
            problems.append(_("No single event of this timeline has the date “%(date)s”.", date=cells["event"][:40]))
        else:
            data["event"] = str(found[0])
    return data, problems


def flat_errors(errors: dict) -> list[tuple[str, str]]:
    """(field name, message) pairs from WTForms' nested error lists."""
    pairs = []
    for name, messages in errors.items():
        stack = list(messages)
        while stack:
            message = stack.pop(0)
            if isinstance(message, (list, tuple)):
                stack[:0] = list(message)
            else:
                pairs.append((name, str(message)))
    return pairs
