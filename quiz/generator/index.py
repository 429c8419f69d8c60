"""A date-sorted view of the events so each question looks at a small window, not all events."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .model import Event

WINDOW = 12


class TimelineIndex:
    """Events sorted by date range, with neighbourhood look-ups in O(log n + k)."""

    def __init__(self, events: list[Event]) -> None:
        self.order = sorted(events, key=lambda e: (e.date.earliest, e.date.latest, e.index))
        self.pos = {e.index: i for i, e in enumerate(self.order)}
        self.starts = [e.date.earliest for e in self.order]

    def near(self, event: Event, k: int = WINDOW) -> list[Event]:
        """Return up to 2k events closest in date order, the event itself excluded."""
        i = self.pos[event.index]
        return [e for e in self.order[max(0, i - k) : i + k + 1] if e.index != event.index]

    def after(self, event: Event, k: int = WINDOW) -> list[Event]:
        """Return up to k events that certainly start after this one ends."""
        i = bisect_right(self.starts, event.date.latest)
        return self.order[i : i + k]

    def before(self, event: Event, k: int = WINDOW) -> list[Event]:
        """Return up to k events that certainly end before this one starts."""
        out: list[Event] = []
        i = bisect_left(self.starts, event.date.earliest) - 1
        while i >= 0 and len(out) < k and len(out) + 4 * k > self.pos[event.index] - i:
            if self.order[i].date.latest < event.date.earliest:
                out.append(self.order[i])
            i -= 1
        return out[::-1]

    def disjoint(self, event: Event, k: int = WINDOW) -> list[Event]:
        """Return nearby events whose dates do not overlap this one."""
        return self.before(event, k) + self.after(event, k)
