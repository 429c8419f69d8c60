"""Dates of any era, known to a day, month, year, decade or century, and ranges of them.

Years are astronomical (1 BC is year 0, 44 BC is -43) so BC dates sort and subtract like AD ones.
Days are proleptic Gregorian day numbers: `date.toordinal()` for AD years (one call, the common
path) and, below year 1, the same count continued by whole 400-year cycles. Python's `date`
cannot hold BC years or year 0, which is why the arithmetic is on these integers.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

UNITS = ("day", "month", "year", "decade", "century")
MIN_YEAR, MAX_YEAR = -9999, 9999
CYCLE_YEARS, CYCLE_DAYS = 400, 146097  # the Gregorian calendar repeats every 400 years
YEAR_DAYS = 365.2425
# How far an approximate date (约, circa) may stray, in days, by unit: it is never ordered
# against an event inside that margin, and no wrong option falls inside it.
APPROX_MARGIN = {"day": 30, "month": 183, "year": round(5 * YEAR_DAYS), "decade": round(10 * YEAR_DAYS),
                 "century": round(50 * YEAR_DAYS)}


class DateValueError(ValueError):
    """A date-shaped text whose value is impossible; `code` and `params` describe why."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def day_number(year: int, month: int, day: int) -> int:
    """Return the proleptic Gregorian day number of an astronomical-year date (0001-01-01 is 1)."""
    if year >= 1:
        return date(year, month, day).toordinal()
    cycles = (1 - year) // CYCLE_YEARS + 1
    return date(year + CYCLE_YEARS * cycles, month, day).toordinal() - CYCLE_DAYS * cycles


def from_day_number(number: int) -> tuple[int, int, int]:
    """Return (astronomical year, month, day) of a day number."""
    if number >= 1:
        d = date.fromordinal(number)
        return d.year, d.month, d.day
    cycles = -number // CYCLE_DAYS + 1
    d = date.fromordinal(number + CYCLE_DAYS * cycles)
    return d.year - CYCLE_YEARS * cycles, d.month, d.day


def days_in_month(year: int, month: int) -> int:
    """Return the length of a month in any astronomical year."""
    return calendar.monthrange(year % CYCLE_YEARS or CYCLE_YEARS, month)[1]


def century_first_year(number: int, bc: bool = False) -> int:
    """Return the first astronomical year of the nth century (strict: the 19th is 1801-1900)."""
    return 1 - 100 * number if bc else 100 * (number - 1) + 1


@dataclass(frozen=True)
class PartialDate:
    """A date known to one unit; decades and centuries are held by their first year."""

    year: int
    month: int | None = None
    day: int | None = None
    unit: str = ""  # empty: day, month or year, from the parts given

    def __post_init__(self) -> None:
        if not self.unit:
            object.__setattr__(self, "unit", UNITS[2 - (self.month is not None) - (self.day is not None)])
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateValueError("invalid_year", year=self.year)
        if self.unit == "decade" and (self.year % 10 or self.year < 10):
            raise DateValueError("invalid_decade", year=self.year)
        if self.unit == "century" and self.year % 100 != 1:
            raise DateValueError("invalid_century", year=self.year)
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateValueError("invalid_month", month=self.month)
        if self.day is not None and (self.month is None or not 1 <= self.day <= days_in_month(self.year, self.month)):
            raise DateValueError("invalid_day", year=self.year, month=self.month, day=self.day)

    @property
    def precision(self) -> str:
        """Return the unit: day, month, year, decade or century."""
        return self.unit

    @property
    def last_year(self) -> int:
        """Return the last year this date may fall in."""
        return self.year + {"decade": 9, "century": 99}.get(self.unit, 0)

    @property
    def start(self) -> int:
        """Return the day number of the first day this date may denote."""
        return day_number(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> int:
        """Return the day number of the last day this date may denote (inclusive)."""
        if self.month is None:
            return day_number(self.last_year, 12, 31)
        return day_number(self.year, self.month, self.day or days_in_month(self.year, self.month))

    def iso_bounds(self) -> tuple[str, str]:
        """Return ISO 8601 texts (astronomical years) of the first and last part it covers."""
        parts = [f"{p:02d}" for p in (self.month, self.day) if p]
        first = "-".join([_iso_year(self.year), *parts])
        return first, (_iso_year(self.last_year) if self.unit in ("decade", "century") else first)


    def iso(self) -> str:
        """Return ISO 8601: 2008, 2008-10, 2008-10-18, -0220; a decade or century as first/last year."""
        first, last = self.iso_bounds()
        return first if first == last else f"{first}/{last}"


def _iso_year(year: int) -> str:
    """Write an astronomical year the ISO 8601 way: 2008, 0618, -0220."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


@dataclass(frozen=True)
class EventDate:
    """An event's date: one partial date or a range `first`..`last`, maybe approximate."""

    first: PartialDate
    last: PartialDate
    approximate: bool = False

    @classmethod
    def point(cls, year: int, month: int | None = None, day: int | None = None, unit: str = "",
              approximate: bool = False) -> EventDate:
        """Build a single (non-range) date."""
        p = PartialDate(year, month, day, unit)
        return cls(p, p, approximate)

    @property
    def is_range(self) -> bool:
        """Tell whether the date is a range such as 2007~2009年."""
        return self.first != self.last

    @property
    def unit(self) -> str:
        """Return the unit of the date, or of a range's ends."""
        return self.first.unit

    @property
    def precision(self) -> str:
        """Return range, approximate, or the unit (day, month, year, decade, century)."""
        return "range" if self.is_range else "approximate" if self.approximate else self.unit

    @property
    def start(self) -> int:
        """Return the day number of the first day the text names."""
        return self.first.start

    @property
    def end(self) -> int:
        """Return the day number of the last day the text names (inclusive)."""
        return self.last.end

    @property
    def earliest(self) -> int:
        """Return the first day the event may have happened, an approximate date's margin included."""
        return self.start - (APPROX_MARGIN[self.unit] if self.approximate else 0)

    @property
    def latest(self) -> int:
        """Return the last day the event may have happened, an approximate date's margin included."""
        return self.end + (APPROX_MARGIN[self.unit] if self.approximate else 0)

    def sort_key(self) -> tuple[int, int]:
        """Return a key that sorts dates by their span."""
        return self.earliest, self.latest

    def iso(self) -> str:
        """Return ISO 8601: 2008-10, -0220, 1840/1849, 2007/2009; approximate ones end in ~."""
        lo, hi = self.first.iso_bounds()[0], self.last.iso_bounds()[1]
        return (lo if lo == hi else f"{lo}/{hi}") + ("~" if self.approximate else "")

    def label(self, language: str = "zh-Hans") -> str:
        """Return the date written in a language: 2008年10月, October 2008, 44 BC."""
        from .date_labels import date_label

        return date_label(self, language)

    def overlaps(self, other: EventDate) -> bool:
        """Tell whether the two dates may share a day."""
        return self.earliest <= other.latest and other.earliest <= self.latest

    def before(self, other: EventDate) -> bool:
        """Tell whether this date certainly ends before the other starts."""
        return self.latest < other.earliest
