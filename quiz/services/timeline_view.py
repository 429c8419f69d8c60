"""The timeline drawn to scale: each event's place on the axis, lanes that keep labels apart, eras.

Positions are shares (0–100) of the axis. Long empty stretches are shortened so a timeline of
2,000 years with a cluster of recent events stays readable; the axis shows a break there.
"""
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from quiz.generator.dates import day_number, from_day_number
from quiz.models import Event, Timeline
from quiz.services.catalog import split_into_eras
from quiz.services.mastery import Cell, recall_by_event
import itertools

# A gap longer than this share of the whole span is drawn shortened, with a break on the axis.
BREAK_SHARE = 0.15
# Width of a label on a wide screen; events closer than this on the axis go to another lane.
LABEL_REM = 10.0
# Rem of axis per event: the desktop track grows with the number of events, so labels fit.
REM_PER_EVENT, MIN_LENGTH_REM = 5.5, 60.0
# Phone layout: space between consecutive events grows with the years between them, up to a cap.
GAP_REM_PER_YEAR, MAX_GAP_REM = 1.2, 6.0
TICK_STEPS, MAX_TICKS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000), 12


@dataclass(frozen=True)
class Placed:
    """An event with its mastery, its place on the axis and its lane."""

    cell: Cell
    position: float  # 0–100 along the axis
    lane: int
    gap_before: float  # rem of space before it in the vertical (phone) layout
    broken_before: bool  # the gap before it was shortened
    era: int

    @property
    def event(self) -> Event:
        """The event itself."""
        return self.cell.event


@dataclass(frozen=True)
class Tick:
    """A labelled year on the axis."""

    position: float
    label: str


@dataclass(frozen=True)
class EraBand:
    """An era's span of the axis, and its years."""

    index: int
    first: int
    last: int
    start: float
    end: float


@dataclass(frozen=True)
class TimelineLayout:
    """Everything the timeline page draws."""

    events: list[Placed]
    eras: list[EraBand]
    ticks: list[Tick]
    lanes: int
    length_rem: float


def year_value(day: int) -> float:
    """A day number (quiz.generator.dates) as a fractional astronomical year, so spans compare on one scale."""
    year = from_day_number(day)[0]
    start = day_number(year, 1, 1)
    days = day_number(year + 1, 1, 1) - start if year < 9999 else 365
    return year + (day - start) / days


def compressed_scale(values: Sequence[float]) -> tuple[dict[float, float], set[float]]:
    """Map each sorted value to an axis coordinate, shortening gaps longer than BREAK_SHARE of the span.

    Returns the coordinates and the values whose gap before them was shortened.
    """
    points = sorted(set(values))
    span = (points[-1] - points[0]) or 1.0
    cap = span * BREAK_SHARE
    coordinate, broken, at = {points[0]: 0.0}, set(), 0.0
    for previous, value in itertools.pairwise(points):
        gap = value - previous
        if gap > cap:
            broken.add(value)
            gap = cap
        at += gap
        coordinate[value] = at
    return coordinate, broken


def assign_lanes(positions: Sequence[float], label_share: float) -> list[int]:
    """Put each label in the first lane whose last label ends before it (positions sorted, 0–100)."""
    lane_ends: list[float] = []
    lanes = []
    for position in positions:
        lane = next((i for i, end in enumerate(lane_ends) if end <= position), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(0.0)
        lane_ends[lane] = position + label_share
        lanes.append(lane)
    return lanes


def year_ticks(first: int, last: int, share: Callable[[float], float]) -> list[Tick]:
    """About a dozen labelled years on round numbers, placed by `share` (0–100)."""
    span = max(last - first, 1)
    step = next((s for s in TICK_STEPS if span / s <= MAX_TICKS), TICK_STEPS[-1])
    first_tick = -(-first // step) * step  # the first round year not before the first event
    return [Tick(share(float(year)), tick_label(year)) for year in range(first_tick, last + 1, step)]


def tick_label(year: int) -> str:
    """Write an axis year: 2004, or 221 BC (astronomical years below 1)."""
    return str(year) if year >= 1 else f"{1 - year} BC"


def era_spans(timeline: Timeline) -> list[tuple[int, int]]:
    """The timeline's eras (first and last year), as the era quizzes cut them."""
    return split_into_eras([e.start_year for e in timeline.events])


def layout(timeline: Timeline, user_ids: Sequence[int], now: datetime, era: int | None = None) -> TimelineLayout:
    """Place the events (of one era, or all) on a compressed time axis, coloured by the users' mastery."""
    spans = era_spans(timeline)
    era_of = {e.id: next(i for i, (a, b) in enumerate(spans) if a <= e.start_year <= b) for e in timeline.events}
    events = [e for e in timeline.events if era is None or era_of[e.id] == era]
    if not events:
        return TimelineLayout([], [], [], 0, 0.0)
    chances = recall_by_event(user_ids, timeline, now) if user_ids else {}
    starts = [year_value(e.start_day) for e in events]
    coordinate, broken = compressed_scale(starts)
    points = sorted(coordinate)
    top = coordinate[points[-1]] or 1.0

    def share(value: float) -> float:
        """Where any moment falls on the axis, 0–100 (linear between neighbouring events)."""
        for a, b in itertools.pairwise(points):
            if a <= value <= b:
                return 100 * (coordinate[a] + (coordinate[b] - coordinate[a]) * (value - a) / ((b - a) or 1)) / top
        return 0.0 if value < points[0] else 100.0

    order = sorted(range(len(events)), key=lambda i: (starts[i], events[i].position))
    positions = [100 * coordinate[starts[i]] / top for i in order]
    length = max(MIN_LENGTH_REM, len(events) * REM_PER_EVENT)
    lanes = assign_lanes(positions, 100 * LABEL_REM / length)
    placed, previous = [], None
    for rank, i in enumerate(order):
        event, c = events[i], chances.get(events[i].id)
        gap = 0.0 if previous is None else coordinate[starts[i]] - coordinate[previous]
        placed.append(Placed(Cell(event, sum(c) / len(c) if c else None, len(c or ())), positions[rank],
                             lanes[rank], round(min(gap * GAP_REM_PER_YEAR, MAX_GAP_REM), 2),
                             rank > 0 and starts[i] in broken, era_of[event.id]))
        previous = starts[i]
    bands = [EraBand(n, a, b, share(float(a)), share(float(b + 1)))
             for n, (a, b) in enumerate(spans) if era is None or n == era]
    ticks = [] if broken else year_ticks(int(points[0]), int(points[-1]), share)
    return TimelineLayout(placed, bands, ticks, max(lanes) + 1, length)
