"""Partial dates (year, month or day precision) and ranges, read from a line's start."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

FULL_WIDTH = str.maketrans("０１２３４５６７８９．～－", "0123456789.~-")
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
CN_YEAR = "[〇零一二三四五六七八九]{4}"
CN_SMALL = "[一二三四五六七八九十]{1,3}"
_POINT = (
    r"(?P<y>\d{4})(?:(?:年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)?)"
    r"|\.(?P<dm>\d{1,2})(?:\.(?P<dd>\d{1,2}))?(?![\d.]))?"
)
POINT_RE = re.compile(_POINT)
RANGE_SEP_RE = re.compile(r"\s*(?:~|-|–|—|至|到)\s*")
PRECISIONS = ("year", "month", "day")


class DateValueError(ValueError):
    """A date-shaped text whose value is impossible (month 13, 30 February)."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a year, a month or a day; missing parts stay None."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateValueError(f"年份{self.year}无效")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateValueError(f"月份{self.month}无效（应为1到12）")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month or 1)[1]
            if self.month is None or not 1 <= self.day <= last:
                raise DateValueError(f"{self.year}年{self.month}月没有{self.day}日")

    @property
    def precision(self) -> str:
        """Return "year", "month" or "day"."""
        return PRECISIONS[(self.month is not None) + (self.day is not None)]

    @property
    def start(self) -> date:
        """Return the first day this date may denote."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        """Return the last day this date may denote (inclusive)."""
        if self.month is None:
            return date(self.year, 12, 31)
        last = calendar.monthrange(self.year, self.month)[1]
        return date(self.year, self.month, self.day or last)

    def iso(self) -> str:
        """Return "2008", "2008-10" or "2008-10-18"."""
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def label(self) -> str:
        """Return the Chinese form: 2008年, 2008年10月, 2008年10月18日."""
        text = f"{self.year}年"
        if self.month is not None:
            text += f"{self.month}月"
        if self.day is not None:
            text += f"{self.day}日"
        return text


@dataclass(frozen=True, order=True)
class EventDate:
    """An event's date: one partial date, or a range `first`..`last` of them."""

    first: PartialDate
    last: PartialDate

    @classmethod
    def point(cls, year: int, month: int | None = None, day: int | None = None) -> "EventDate":
        """Build a single (non-range) date."""
        p = PartialDate(year, month, day)
        return cls(p, p)

    @property
    def is_range(self) -> bool:
        """Tell whether the date is a range such as 2007~2009年."""
        return self.first != self.last

    @property
    def precision(self) -> str:
        """Return the precision of the date (of its ends, for a range)."""
        return self.first.precision

    @property
    def start(self) -> date:
        """Return the first day covered."""
        return self.first.start

    @property
    def end(self) -> date:
        """Return the last day covered (inclusive)."""
        return self.last.end

    def iso(self) -> str:
        """Return "2008-10", or "2007/2009" for a range."""
        return self.first.iso() if not self.is_range else f"{self.first.iso()}/{self.last.iso()}"

    def label(self) -> str:
        """Return the Chinese form: 2008年10月, 2007~2009年."""
        if not self.is_range:
            return self.first.label()
        if self.precision == "year":
            return f"{self.first.year}~{self.last.year}年"
        return f"{self.first.label()}至{self.last.label()}"

    def overlaps(self, other: "EventDate") -> bool:
        """Tell whether the two date ranges share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def before(self, other: "EventDate") -> bool:
        """Tell whether this date certainly ends before the other starts."""
        return self.end < other.start


def _cn_small(text: str) -> int:
    """Read a Chinese numeral from 1 to 39 (一, 十, 十二, 二十五)."""
    if "十" not in text:
        return CN_DIGITS[text] if len(text) == 1 else -1
    tens, _, units = text.partition("十")
    value = (CN_DIGITS.get(tens, -1) if tens else 1) * 10 + (CN_DIGITS.get(units, -1) if units else 0)
    return value if tens in ("", *"一二三") and len(units) <= 1 else -1


CN_DATE_RE = re.compile(rf"({CN_YEAR})年(?:({CN_SMALL})月(?:({CN_SMALL})[日号])?)?")


def _cn_date(m: re.Match[str]) -> str:
    """Rewrite one Chinese-numeral date match with ASCII digits."""
    out = "".join(str(CN_DIGITS[c]) for c in m.group(1)) + "年"
    for value, unit in ((m.group(2), "月"), (m.group(3), "日")):
        if value:
            out += f"{_cn_small(value)}{unit}"
    return out


def split_date(text: str) -> tuple[EventDate, str, str] | None:
    """Split a leading date off text: (date, its original text, the rest); None if none."""
    norm, shifts, pos = text.translate(FULL_WIDTH), [], 0
    while m := CN_DATE_RE.match(norm, pos):
        new = _cn_date(m)
        shifts.append((m.start() + len(new), len(new) - len(m.group(0))))
        norm = norm[: m.start()] + new + norm[m.end():]
        sep = RANGE_SEP_RE.match(norm, m.start() + len(new))
        if not sep:
            break
        pos = sep.end()
    found = read_date(norm)
    if found is None:
        return None
    size = found[1] - sum(delta for end, delta in shifts if end <= found[1])
    return found[0], text[:size], text[size:]


def _point(m: re.Match[str]) -> PartialDate:
    """Turn a POINT_RE match into a PartialDate (may raise DateValueError)."""
    month, day = m.group("m") or m.group("dm"), m.group("d") or m.group("dd")
    return PartialDate(int(m.group("y")), int(month) if month else None, int(day) if day else None)


def _is_bare(m: re.Match[str]) -> bool:
    """Tell whether a POINT_RE match is four digits with no 年 or dot part."""
    return m.end() - m.start() == 4


def read_date(text: str) -> tuple[EventDate, int] | None:
    """Read a date or range at the start of normalized text; return it and its length."""
    m = POINT_RE.match(text)
    if not m:
        return None
    sep = RANGE_SEP_RE.match(text, m.end())
    m2 = POINT_RE.match(text, sep.end()) if sep else None
    if m2 and not _is_bare(m2) and (not _is_bare(m) or _point(m2).precision == "year"):
        first, last = _point(m), _point(m2)
        if first.precision != last.precision and not _is_bare(m):
            raise DateValueError("时间段两端的精度不一致")
        if _is_bare(m):
            first = PartialDate(first.year)
        if not first.end < last.start:
            raise DateValueError("时间段的起点必须早于终点")
        return EventDate(first, last), m2.end()
    if _is_bare(m) and not text[4:5].isspace():
        return None
    return EventDate(_point(m), _point(m)), m.end()
