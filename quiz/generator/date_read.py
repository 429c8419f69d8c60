"""Read the date at the start of a heading, in the forms Chinese and English teachers write.

Chinese: 2008年10月18日, 618年, 公元前221年, 11世纪40年代, 19世纪, 1840年代, 约…/…左右, ranges
(2007~2009年, 1999年至2002年, 2008年8月8日至24日), Chinese numerals, 2003.6. English: May 24, 1844,
Nov. 2, 1988, 30 April 1993, May 1974, 1971, 44 BC, AD 105, circa 1450, 1840s, 19th century,
1995–2000. Both: 2019-03-05 and 2019/3/5. 3/5/2019 is refused as ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DateValueError, EventDate, PartialDate, century_first_year

FULL_WIDTH = str.maketrans("０１２３４５６７８９．～－／", "0123456789.~-/")
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
CN_SMALL = "[一二三四五六七八九十]{1,3}"
CN_DATE_RE = re.compile(rf"([〇零一二三四五六七八九]{{4}})年(?:({CN_SMALL})月(?:({CN_SMALL})[日号])?)?")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
MONTH_RE = r"(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*)\.?"
ERA_RE = r"(?:\s*(?P<era>BCE?|B\.C\.(?:E\.)?|AD|A\.D\.|CE)(?![A-Za-z]))"
BC_ERAS = ("BC", "BCE", "B.C.", "B.C.E.")
APPROX_RE = re.compile(r"(?:约|約|大约|大約|circa\b|ca\.|c\.|about\b|around\b)\s*", re.IGNORECASE)
APPROX_SUFFIX_RE = re.compile(r"\s*(?:左右|前后|前後)")
RANGE_SEP_RE = re.compile(r"\s*(?:~|〜|–|—|-|至|到|(?<=\s)(?:to|until)(?=\s))\s*")
AMBIGUOUS_RE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?!\d)")

# Each form: a regex read at the heading's start; groups name the parts (see _build).
FORMS = [re.compile(p, re.IGNORECASE) for p in (
    r"(?P<bc>公元前|前)?(?P<c>\d{1,2})世[纪紀](?:(?P<dc>\d)0年代)?",
    r"(?:公元)?(?P<dy>\d{3,4})年代",
    r"(?P<bc>公元前|前)?(?:公元)?(?P<y>\d{1,4})年(?!代)(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号號])?)?",
    r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?![\d-])",
    r"(?P<y>\d{4})/(?P<m>\d{1,2})(?:/(?P<d>\d{1,2}))?(?![\d/])",
    r"(?P<y>\d{4})\.(?P<m>\d{1,2})(?:\.(?P<d>\d{1,2}))?(?![\d.])",
    rf"(?:the\s+)?(?P<c>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century{ERA_RE}?",
    rf"(?:the\s+)?(?P<dy>\d{{3,4}})['’]?s(?![A-Za-z]){ERA_RE}?",
    rf"{MONTH_RE}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*[–-]\s*(?P<d2>\d{{1,2}}),?\s+(?P<y>\d{{1,4}}){ERA_RE}?",
    rf"{MONTH_RE}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{1,4}}){ERA_RE}?",
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH_RE},?\s+(?P<y>\d{{1,4}}){ERA_RE}?",
    rf"{MONTH_RE},?\s+(?P<y>\d{{3,4}})(?!\d){ERA_RE}?",
    r"(?:AD|A\.D\.|CE)\s*(?P<y>\d{1,4})(?!\d)",
    rf"(?P<y>\d{{1,4}}){ERA_RE}",
)]
# 2008年, 2008年10月, 2008年10月18日: the same as the 年 form above for AD years, read directly.
COMMON_RE = re.compile(r"(\d{1,4})年(?!代)(?:(\d{1,2})月(?:(\d{1,2})[日号號])?)?")
# Second ends of a range may leave out what the first gives: 2008年8月8日至24日, 1840年3月至5月.
TAILS = [re.compile(p) for p in (r"(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号號])?", r"(?P<d>\d{1,2})[日号號]")]
BARE_RE = re.compile(r"(?P<y>\d{1,4})(?![\d年])")
# A bare number is a year only when a separator follows: `1971 — …`, `2008 …`, `618 — …`.
BARE_END_RE = {True: re.compile(r"\s|[—–:,，：]|$"), False: re.compile(r"\s*[—–:：]|\s+-\s")}


@dataclass(frozen=True)
class Found:
    """One date read at a position: its value (first and last part) and where it ends."""

    first: PartialDate
    last: PartialDate
    end: int
    bc: bool = False
    bare: bool = False


def _month(name: str) -> int | None:
    """Return the number of an English month name or abbreviation, None if it is not one."""
    name = name.lower().rstrip(".")
    hits = [i for i, full in enumerate(MONTHS, start=1) if full.startswith(name[:3]) and full.startswith(name)]
    return hits[0] if hits and (len(name) >= 3) else None


def _build(m: re.Match[str]) -> Found | None:
    """Turn one FORMS match into a Found; None when the words are not a date after all."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    bc = "bc" in g or g.get("era", "").upper() in BC_ERAS
    month = _month(g["mon"]) if "mon" in g else int(g["m"]) if "m" in g else None
    if "mon" in g and month is None:
        return None
    if "c" in g:
        start = century_first_year(int(g["c"]), bc)
        if "dc" in g:
            if bc:
                raise DateValueError("invalid_decade", year=start)
            start = start - 1 + int(g["dc"]) * 10
            return _found(PartialDate(start, unit="decade"), m.end(), bc)
        return _found(PartialDate(start, unit="century"), m.end(), bc)
    if "dy" in g:
        if bc:
            raise DateValueError("invalid_decade", year=int(g["dy"]))
        return _found(PartialDate(int(g["dy"]), unit="decade"), m.end(), bc)
    if int(g["y"]) == 0:
        raise DateValueError("invalid_year", year=0)  # there is no year 0 in BC/AD counting
    year = 1 - int(g["y"]) if bc else int(g["y"])
    day = int(g["d"]) if "d" in g else None
    first = PartialDate(year, month, day)
    if "d2" in g:
        return Found(first, PartialDate(year, month, int(g["d2"])), m.end(), bc)
    return _found(first, m.end(), bc)


def _found(p: PartialDate, end: int, bc: bool, bare: bool = False) -> Found:
    """Wrap a single partial date."""
    return Found(p, p, end, bc, bare)


def _point(text: str, pos: int, bare: bool = True) -> Found | None:
    """Read one date (or a one-line day range such as August 8–24, 2008) at pos."""
    if m := COMMON_RE.match(text, pos):  # the common case, without the general forms' bookkeeping
        year, month, day = m.groups()
        if year.strip("0"):
            date = PartialDate(int(year), int(month) if month else None, int(day) if day else None)
            return _found(date, m.end(), False)
    for form in FORMS:
        if (m := form.match(text, pos)) and (found := _build(m)):
            return found
    if bare and (m := BARE_RE.match(text, pos)):
        return _found(PartialDate(int(m.group("y"))), m.end(), False, bare=True)
    return None


def _tail(text: str, pos: int, first: PartialDate) -> Found | None:
    """Read the short second end of a range (24日, 5月) on the first end's year and month."""
    for form in TAILS:
        if m := form.match(text, pos):
            month = int(m.group("m")) if m.groupdict().get("m") else first.month
            day = int(m.group("d")) if m.group("d") else None
            if first.month is not None and (day is None) == (first.day is None):
                return _found(PartialDate(first.year, month, day), m.end(), False)
    return None


def _range(text: str, first: Found) -> Found | None:
    """Read `first SEP second` when a date follows the separator; None when none does."""
    sep = RANGE_SEP_RE.match(text, first.end)
    if sep is None:
        return None
    second = _point(text, sep.end(), bare=first.bare) or _tail(text, sep.end(), first.first)
    if second is None or (second.bare and (second.first.year <= first.first.year or second.end - sep.end() < 3)):
        return None
    start = first.first
    if first.bare and second.bc:
        start = PartialDate(1 - start.year)
    if start.unit != second.first.unit:
        raise DateValueError("range_precision")
    if not start.end < second.last.start:
        raise DateValueError("range_order")
    return Found(start, second.last, second.end)


def read_date(text: str) -> tuple[EventDate, int] | None:
    """Read a date or range at the start of normalized text; return it and its length."""
    if m := AMBIGUOUS_RE.match(text):
        raise DateValueError("ambiguous_date", text=m.group(0))
    approx = APPROX_RE.match(text)
    pos = approx.end() if approx else 0
    first = _point(text, pos)
    if first is None:
        return None
    found = _range(text, first) or first
    if found.bare and not BARE_END_RE[found.end - pos == 4].match(text, found.end):
        return None
    end = found.end
    if suffix := APPROX_SUFFIX_RE.match(text, end):
        end, approx = suffix.end(), approx or suffix
    return EventDate(found.first, found.last, approx is not None), end


def _cn_small(text: str) -> int:
    """Read a Chinese numeral from 1 to 39 (一, 十, 十二, 二十五)."""
    if "十" not in text:
        return CN_DIGITS[text] if len(text) == 1 else -1
    tens, _, units = text.partition("十")
    value = (CN_DIGITS.get(tens, -1) if tens else 1) * 10 + (CN_DIGITS.get(units, -1) if units else 0)
    return value if tens in ("", *"一二三") and len(units) <= 1 else -1


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
    return found[0], text[:size].strip(), text[size:]
