"""Charts drawn on the server as SVG geometry: a score distribution and per-question facility.

Only numbers here; templates/_macros/charts.html turns them into accessible SVG (title, desc)
next to a table with the same figures, so no script or CDN is needed.
"""
from dataclasses import dataclass

BINS = 10  # score distribution: 0–9 %, 10–19 %, … 90–100 %


@dataclass(frozen=True)
class Bar:
    """One bar: its label, the value shown, and its size as a share (0..1) of the longest."""

    label: str
    value: float
    size: float
    note: str = ""


def distribution(shares: list[float]) -> list[Bar]:
    """How many students' best share of the points falls in each tenth (100 % goes in the last)."""
    counts = [0] * BINS
    for share in shares:
        counts[min(BINS - 1, max(0, int(share * BINS)))] += 1
    top = max(counts) or 1
    labels = [f"{10 * i}–{10 * i + 9}%" if i < BINS - 1 else "90–100%" for i in range(BINS)]
    return [Bar(label, count, count / top) for label, count in zip(labels, counts)]


def facility(stats) -> list[Bar]:
    """Per question (in the order given, labelled with its own number), the share right and the number of answers."""
    return [Bar(f"Q{s.number}", s.share, s.share, str(s.answers)) for s in stats]
