"""Write a date the way a timeline's language does: 2008年10月 / 2008年10月, October 2008, 44 BC."""

from __future__ import annotations

from .dates import EventDate, PartialDate

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
ZH_WORDS = {"zh-Hans": ("约", "世纪"), "zh-Hant": ("約", "世紀")}


def date_label(d: EventDate, language: str) -> str:
    """Return the date as options and explanations show it."""
    if language == "en":
        text = _en_range(d.first, d.last) if d.is_range else _en(d.first)
        return f"c. {text}" if d.approximate else text
    about = ZH_WORDS.get(language, ZH_WORDS["zh-Hans"])[0]
    text = _zh_range(d.first, d.last, language) if d.is_range else _zh(d.first, language)
    return about + text if d.approximate else text


def _zh_year(year: int) -> str:
    """Return 2008年, 618年 or 公元前221年."""
    return f"{year}年" if year >= 1 else f"公元前{1 - year}年"


def _zh(p: PartialDate, language: str) -> str:
    """Write one partial date in Chinese."""
    century_word = ZH_WORDS.get(language, ZH_WORDS["zh-Hans"])[1]
    if p.unit == "century":
        number = (p.year + 99) // 100 if p.year >= 1 else (1 - p.year) // 100
        return f"{'' if p.year >= 1 else '公元前'}{number}{century_word}"
    if p.unit == "decade":
        # Mainland textbooks write 20世纪90年代; Taiwan and Hong Kong write 1990年代. A century's first
        # decade reads 2000年代 in both: nobody writes 21世纪00年代.
        if language == "zh-Hans" and p.year % 100:
            return f"{p.year // 100 + 1}{century_word}{p.year % 100:02d}年代"
        return f"{p.year}年代"
    text = _zh_year(p.year)
    if p.month is not None:
        text += f"{p.month}月"
    if p.day is not None:
        text += f"{p.day}日"
    return text


def _zh_range(a: PartialDate, b: PartialDate, language: str) -> str:
    """Write a range in Chinese: 2007~2009年, 2008年8月8日至24日, 公元前475年至公元前221年."""
    if a.unit == "year" and a.year >= 1:
        return f"{a.year}~{b.year}年"
    if a.year == b.year and a.unit in ("month", "day"):
        tail = f"{b.day}日" if a.month == b.month and a.unit == "day" else _zh(b, language)[len(_zh_year(b.year)):]
        return f"{_zh(a, language)}至{tail}"
    era = "公元" if a.year < 1 <= b.year else ""  # 公元前202年至公元8年
    return f"{_zh(a, language)}至{era}{_zh(b, language)}"


def _en_year(year: int) -> str:
    """Return 1971, AD 105 or 44 BC."""
    if year >= 1000:
        return str(year)
    return f"AD {year}" if year >= 1 else f"{1 - year} BC"


def _ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _en(p: PartialDate) -> str:
    """Write one partial date in English."""
    if p.unit == "century":
        if p.year >= 1:
            return f"{_ordinal((p.year + 99) // 100)} century"
        return f"{_ordinal((1 - p.year) // 100)} century BC"
    if p.unit == "decade":
        return f"{p.year}s"
    if p.month is None:
        return _en_year(p.year)
    if p.day is None:
        return f"{MONTH_NAMES[p.month - 1]} {_en_year(p.year)}"
    return f"{MONTH_NAMES[p.month - 1]} {p.day}, {_en_year(p.year)}"


def _en_range(a: PartialDate, b: PartialDate) -> str:
    """Write a range in English: 1995–2000, 475–221 BC, August 8–24, 2008, May 1974 – June 1975."""
    if a.unit == "year" and (a.year >= 1 or b.year < 1):
        if b.year < 1:
            return f"{1 - a.year}–{1 - b.year} BC"
        return f"{a.year}–{b.year}" if a.year >= 1000 else f"AD {a.year}–{b.year}"
    if a.unit == "day" and a.month is not None and (a.year, a.month) == (b.year, b.month):
        return f"{MONTH_NAMES[a.month - 1]} {a.day}–{b.day}, {_en_year(a.year)}"
    return f"{_en(a)} – {_en(b)}"
