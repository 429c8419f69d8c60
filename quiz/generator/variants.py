"""Wrong-but-plausible values of the same kind: shifted dates, numbers in the text's script."""

from __future__ import annotations

import random
import re
from functools import lru_cache

from .dates import APPROX_MARGIN, YEAR_DAYS, DateValueError, EventDate, PartialDate, days_in_month

CN_NUM_RE = re.compile(r"[一二两三四五六七八九十百千万]+")
AR_NUM_RE = re.compile(r"\d+(?:\.\d+)?")


def shift(d: EventDate, years: int = 0, months: int = 0, days: int = 0) -> EventDate | None:
    """Move a date (both ends of a range) keeping its precision; None if impossible."""
    try:
        return EventDate(_shift(d.first, years, months, days), _shift(d.last, years, months, days), d.approximate)
    except (DateValueError, ValueError):
        return None


def _shift(p: PartialDate, years: int, months: int, days: int) -> PartialDate:
    """Move one partial date; month and day moves need that precision."""
    if p.month is None:
        return PartialDate(p.year + years, unit=p.unit)
    total = p.year * 12 + p.month - 1 + months + years * 12
    year, month = divmod(total, 12)
    if p.day is None:
        return PartialDate(year, month + 1)
    day = p.day + days
    if not 1 <= day <= days_in_month(year, month + 1):
        raise DateValueError("invalid_day")
    return PartialDate(year, month + 1, day)


# Small moves of the answer at its own precision, as (years, months, days). Decades and centuries
# move mostly earlier: see `_plausible_span`.
STEPS = {
    "year": [(1, 0, 0), (-1, 0, 0), (2, 0, 0), (-2, 0, 0), (3, 0, 0)],
    "month": [(0, 1, 0), (0, -1, 0), (0, 2, 0), (0, -3, 0), (1, 0, 0), (-1, 0, 0)],
    "day": [(0, 0, 1), (0, 1, 0), (0, -1, 0), (1, 0, 0), (0, 0, -7), (0, 0, 10)],
    "decade": [(-10, 0, 0), (10, 0, 0), (-20, 0, 0), (-30, 0, 0), (-40, 0, 0)],
    "century": [(-100, 0, 0), (100, 0, 0), (-200, 0, 0), (-300, 0, 0)],
}
# Approximate months and days move past the margin in which 约/circa could still be right; approximate
# years, decades and centuries move by whole multiples of `approx_gap_years`.
APPROX_STEPS = {
    "month": [(1, 0, 0), (-1, 0, 0), (2, 0, 0), (-2, 0, 0)],
    "day": [(0, 3, 0), (0, -3, 0), (1, 0, 0), (-1, 0, 0)],
}
APPROX_MULTIPLES = {"year": (1, -1, 2, -2, -3), "decade": (-1, -2, -3, -4), "century": (-1, -2, -3, -4)}
# Sources disagree by a year or two on many ancient years (孔子 born 551 or 552 BC, 张骞 set out in 138
# or 139 BC): before this year a wrong exact year keeps this far from the key.
ANCIENT_BEFORE, ANCIENT_GAP_YEARS = 1000, 3
ANCIENT_STEPS = [(3, 0, 0), (-3, 0, 0), (5, 0, 0), (-5, 0, 0), (10, 0, 0)]
MIN_WINDOW_YEARS = 3
SPAN_YEARS = {"decade": 10, "century": 100}


def _steps(d: EventDate, ongoing: bool = False) -> list[tuple[int, int, int]]:
    """Return the moves that fit a date's unit and approximation (only earlier ones for a process)."""
    steps = _all_steps(d)
    if not ongoing:
        return steps
    earlier = [(-y, -m, -dd) if (y, m, dd) > (0, 0, 0) else (y, m, dd) for y, m, dd in steps]
    if d.unit in ("decade", "century") and not d.approximate:  # the span next to it is skipped: add one
        earlier.append((min(y for y, _, _ in earlier) - SPAN_YEARS[d.unit], 0, 0))
    return list(dict.fromkeys(earlier))


def _all_steps(d: EventDate) -> list[tuple[int, int, int]]:
    """Return the moves that fit a date's unit and approximation; ranges of years move past themselves."""
    if d.is_range and d.first.month is None:
        span = d.last.last_year - d.first.year + 1
        return [(span, 0, 0), (-span, 0, 0), (span + 2, 0, 0), (-span - 2, 0, 0), (2 * span, 0, 0)]
    if d.approximate:
        if d.unit in APPROX_MULTIPLES:
            return [(k * approx_gap_years(d), 0, 0) for k in APPROX_MULTIPLES[d.unit]]
        return APPROX_STEPS[d.unit]
    if d.unit == "year" and d.first.year < ANCIENT_BEFORE:
        return ANCIENT_STEPS
    return STEPS[d.unit]


def approx_gap_years(d: EventDate) -> int:
    """Return how many years apart the options of an approximate year, decade or century must be.

    A 约/c. year is a round figure whose sources differ by decades (Gutenberg: 1440 to 1455; the Xia
    by a century), far beyond the 5-year ordering margin: options 50 years apart (100 before AD 1)
    cannot both be "around" right. Decades and centuries keep their spans plus both margins apart.
    """
    if d.unit == "year":
        return 100 if d.first.year < 1 else 50
    return round((d.first.end - d.first.start + 1 + 2 * APPROX_MARGIN[d.unit]) / YEAR_DAYS)


def _plausible_span(c: EventDate, answer: EventDate) -> bool:
    """Tell whether a decade or century option is plausible next to the key.

    At most one unit after it: later ones reach the reader's own time and are absurd more often than
    earlier ones (the 21st century for steam presses, the 2020s for a 1990s event). And no century's
    first decade unless the key is one: it is written like a century (the 1900s, 1000年代) or in
    another form than its neighbours (2000年代 beside 20世纪90年代).
    """
    if answer.unit == "century":
        return c.first.year <= answer.first.year + 100
    if answer.unit == "decade":
        first_decade = c.first.year % 100 == 0 and answer.first.year % 100 != 0
        return c.first.year <= answer.first.year + 10 and not first_decade
    return True


def _apart(c: EventDate, answer: EventDate, picked: list[EventDate]) -> bool:
    """Tell whether an option keeps its distance: ancient exact years from the key, approximate
    dates from the key and every other option (no two may overlap in their uncertainty)."""
    if answer.is_range:
        return True
    if answer.approximate and answer.unit in APPROX_MULTIPLES:
        gap = approx_gap_years(answer)
        return all(abs(c.first.year - o.first.year) >= gap for o in [answer, *picked])
    if answer.unit == "year" and answer.first.year < ANCIENT_BEFORE:
        return abs(c.first.year - answer.first.year) >= ANCIENT_GAP_YEARS
    return True


def _before_process(c: EventDate, answer: EventDate) -> bool:
    """Tell whether an option is safely wrong for a process (伽利略…观测天空 in 1609, telegraph lines spread in
    the 1840s): a process begun at the key was still going on later, so only an earlier date is false;
    and one dated to a decade or century may have begun in the span before (the first lines 1838–39,
    Slater's mill 1790 for the industrial revolution reaching America), so that span is skipped too.

    The trade-off: the key of a process is always its latest option, a pattern a reader could learn.
    It is accepted because a later option would be a second right answer, and only the few headlines
    `vetting.ongoing` reads as processes pay it; every other event keeps options on both sides."""
    if answer.unit in SPAN_YEARS and not answer.approximate:
        return c.last.last_year < answer.first.year - SPAN_YEARS[answer.unit]
    return c.before(answer)


def date_shifts(d: EventDate, ongoing: bool = False) -> list[EventDate]:
    """Return the answer moved by small steps at its own precision (only earlier for a process)."""
    return [s for y, m, dd in _steps(d, ongoing) if (s := shift(d, y, m, dd)) is not None]


def date_distractors(
    answer: EventDate,
    nearby: list[EventDate],
    forbidden: list[EventDate],
    rng: random.Random,
    n: int = 3,
    ongoing: bool = False,
) -> list[EventDate]:
    """Pick n wrong dates: real dates of nearby events first, then small shifts; for a process (ongoing),
    only dates before it began (`_before_process`)."""
    window = max(MIN_WINDOW_YEARS, *(abs(y) for y, _, _ in _steps(answer, ongoing)))

    def ok(c: EventDate) -> bool:
        return (
            c.unit == answer.unit
            and c.is_range == answer.is_range
            and c.approximate == answer.approximate
            and abs(c.first.year - answer.first.year) <= window
            and not any(c.overlaps(f) for f in [answer, *forbidden])
            and _plausible_span(c, answer)
            and (not ongoing or _before_process(c, answer))
        )

    real = sorted({c for c in nearby if ok(c)}, key=EventDate.sort_key)
    picked: list[EventDate] = []
    for c in rng.sample(real, min(len(real), rng.choice((1, 2)))):
        if _apart(c, answer, picked):
            picked.append(c)
    shifts = date_shifts(answer, ongoing)
    for c in rng.sample(shifts, len(shifts)):
        if len(picked) < n and ok(c) and c not in picked and _apart(c, answer, picked):
            picked.append(c)
    return picked if len(picked) == n else []


def number_distractors(
    text: str, rng: random.Random, n: int = 3, avoid: str = "", code: bool = False
) -> list[str]:
    """Return n other values of a number span, same unit and script as the text."""
    cn = CN_NUM_RE.match(text)
    if cn:
        options = _cn_options(text, cn.group(0))
    elif m := AR_NUM_RE.match(text):
        options = [text.replace(m.group(0), v, 1) for v in _arabic_values(m.group(0), code)]
    else:
        return []
    options = sorted({o for o in options if o != text and o not in avoid})
    return rng.sample(options, n) if len(options) >= n else []


def _cn_options(text: str, numeral: str) -> list[str]:
    """Vary a Chinese numeral (四天, 二百多家, 三天三夜) in Chinese numerals."""
    value = cn_value(numeral)
    if value is None:
        return []
    out = []
    for v in _int_values(value, allow_swap=False):
        word = cn_word(v)
        out.append(text.replace(numeral, word) if text.count(numeral) == 2 else word + text[len(numeral):])
    return out


@lru_cache(maxsize=4096)
def cn_value(numeral: str) -> int | None:
    """Read a Chinese numeral with cn2an (smart mode); None when it cannot."""
    import cn2an

    try:
        value = cn2an.cn2an(numeral, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value == int(value) and value > 0 else None


def cn_word(value: int) -> str:
    """Write a count in Chinese numerals, using 两 for two of something."""
    import cn2an

    return "两" if value == 2 else cn2an.an2cn(value)


def _arabic_values(number: str, code: bool) -> list[str]:
    """Vary an Arabic number keeping its decimals; codes (no unit) change one digit."""
    if "." in number:
        places = len(number.split(".")[1])
        x = float(number)
        digits = number.replace(".", "")
        swapped = digits[:-2] + digits[-1] + digits[-2]
        values = [x + 1, x - 1, x * 2, x / 2, float(swapped[:-places] + "." + swapped[-places:])]
        return [f"{v:.{places}f}" for v in values if v >= 0.1]
    if code:
        return [number[:-k] + str(d) + number[len(number) - k + 1 :] for k in (1, 2, 3) for d in (1, 3, 5, 7, 8)
                if k < len(number)]
    return [str(v) for v in _int_values(int(number), allow_swap=True)]


def _int_values(value: int, allow_swap: bool) -> list[int]:
    """Return nearby counts of the same size."""
    if value < 10:
        return [v for v in (value - 1, value + 1, value - 2, value + 2, value + 3) if v >= 1]
    step = 10 ** (len(str(value)) - 1)
    values = [value + step, value - step, value * 2, value + 2 * step, value // 2]
    if allow_swap and str(value)[::-1][0] != "0":
        values.append(int(str(value)[::-1]))
    return [v for v in values if v >= 1 and v != value]


def range_distractors(answer: EventDate, rng: random.Random, n: int = 3) -> list[EventDate]:
    """Return ranges of the same length moved by a few years."""
    options = [s for k in (-3, -2, -1, 1, 2, 3) if (s := shift(answer, years=k)) is not None]
    return rng.sample(options, n)
