"""Every date form a history teacher writes: read with its precision, sorted across BC, written back per language."""

from __future__ import annotations

import pytest

from quiz.generator import TimelineError, parse_timeline
from quiz.generator.date_read import split_date
from quiz.generator.dates import EventDate, day_number, from_day_number


@pytest.mark.parametrize(
    ("heading", "iso", "precision", "date_text", "rest"),
    [
        ("公元前221年，秦统一六国。", "-0220", "year", "公元前221年", "，秦统一六国。"),
        ("前221年，秦统一六国。", "-0220", "year", "前221年", "，秦统一六国。"),
        ("618年，唐朝建立。", "0618", "year", "618年", "，唐朝建立。"),
        ("公元8年，新朝建立。", "0008", "year", "公元8年", "，新朝建立。"),
        ("1840年代，魏源编书。", "1840/1849", "decade", "1840年代", "，魏源编书。"),
        ("20世纪90年代，互联网进入中国。", "1990/1999", "decade", "20世纪90年代", "，互联网进入中国。"),
        ("11世纪40年代，活字印刷。", "1040/1049", "decade", "11世纪40年代", "，活字印刷。"),
        ("19世纪，京剧形成。", "1801/1900", "century", "19世纪", "，京剧形成。"),
        ("公元前3世紀，阿基米德。", "-0299/-0200", "century", "公元前3世紀", "，阿基米德。"),
        ("约公元前2070年，夏朝建立。", "-2069~", "approximate", "约公元前2070年", "，夏朝建立。"),
        ("1450年左右，活字印刷。", "1450~", "approximate", "1450年左右", "，活字印刷。"),
        ("1999年至2002年，无人飞行。", "1999/2002", "range", "1999年至2002年", "，无人飞行。"),
        ("2008年8月8日至24日，奥运会。", "2008-08-08/2008-08-24", "range", "2008年8月8日至24日", "，奥运会。"),
        ("1840年3月至5月，某事。", "1840-03/1840-05", "range", "1840年3月至5月", "，某事。"),
        ("公元前475年至前221年，战国。", "-0474/-0220", "range", "公元前475年至前221年", "，战国。"),
        ("2019-03-05 人大开幕。", "2019-03-05", "day", "2019-03-05", " 人大开幕。"),
        ("2019/3/5 人大开幕。", "2019-03-05", "day", "2019/3/5", " 人大开幕。"),
        ("October 29, 1969 — first message", "1969-10-29", "day", "October 29, 1969", " — first message"),
        ("Nov. 2, 1988 — worm", "1988-11-02", "day", "Nov. 2, 1988", " — worm"),
        ("30 April 1993 — public domain", "1993-04-30", "day", "30 April 1993", " — public domain"),
        ("2011-02-03 — IPv4", "2011-02-03", "day", "2011-02-03", " — IPv4"),
        ("May 1974 — TCP", "1974-05", "month", "May 1974", " — TCP"),
        ("1971 — email", "1971", "year", "1971", " — email"),
        ("1995–2000 — bubble", "1995/2000", "range", "1995–2000", " — bubble"),
        ("August 8–24, 2008 — Olympics", "2008-08-08/2008-08-24", "range", "August 8–24, 2008", " — Olympics"),
        ("475–221 BC — Warring States", "-0474/-0220", "range", "475–221 BC", " — Warring States"),
        ("44 BC — Caesar", "-0043", "year", "44 BC", " — Caesar"),
        ("221 BC — Qin", "-0220", "year", "221 BC", " — Qin"),
        ("AD 105 — paper", "0105", "year", "AD 105", " — paper"),
        ("618 — Tang", "0618", "year", "618", " — Tang"),
        ("circa 1450 — press", "1450~", "approximate", "circa 1450", " — press"),
        ("c. 1450 — press", "1450~", "approximate", "c. 1450", " — press"),
        ("1840s — telegraph", "1840/1849", "decade", "1840s", " — telegraph"),
        ("19th century — steam", "1801/1900", "century", "19th century", " — steam"),
        ("3rd century BC — Archimedes", "-0299/-0200", "century", "3rd century BC", " — Archimedes"),
    ],
)
def test_each_date_form_is_read_with_its_precision(heading, iso, precision, date_text, rest):
    date, text, after = split_date(heading)
    assert (date.iso(), date.precision, text, after) == (iso, precision, date_text, rest)


@pytest.mark.parametrize(
    ("heading", "zh_hans", "zh_hant", "en"),
    [
        ("公元前221年，甲", "公元前221年", "公元前221年", "221 BC"),
        ("618年，甲", "618年", "618年", "AD 618"),
        ("1840年代，甲", "19世纪40年代", "1840年代", "1840s"),
        ("19世纪，甲", "19世纪", "19世紀", "19th century"),
        ("约公元前2070年，甲", "约公元前2070年", "約公元前2070年", "c. 2070 BC"),
        ("2008年8月8日至24日，甲", "2008年8月8日至24日", "2008年8月8日至24日", "August 8–24, 2008"),
        ("1999年至2002年，甲", "1999~2002年", "1999~2002年", "1999–2002"),
        ("公元前202年至公元8年，甲", "公元前202年至公元8年", "公元前202年至公元8年", "202 BC – AD 8"),
        ("1969年10月29日，甲", "1969年10月29日", "1969年10月29日", "October 29, 1969"),
        ("1974年5月，甲", "1974年5月", "1974年5月", "May 1974"),
    ],
)
def test_dates_are_written_in_each_language(heading, zh_hans, zh_hant, en):
    date = split_date(heading)[0]
    assert [date.label(lang) for lang in ("zh-Hans", "zh-Hant", "en")] == [zh_hans, zh_hant, en]


def test_bc_dates_sort_before_ad_and_in_their_own_order():
    events = parse_timeline(
        "## 618年，唐。\n## 公元前221年，秦。\n## 约公元前2070年，夏。\n## 公元前1046年，周。\n## 1世纪，汉。\n"
    )
    ordered = sorted(events, key=lambda e: e.date.sort_key())
    assert [e.headline for e in ordered] == ["夏。", "周。", "秦。", "汉。", "唐。"]
    qin, zhou = events[1], events[3]
    assert zhou.before(qin) and not qin.before(zhou)


def test_day_numbers_run_on_across_year_zero():
    assert day_number(1, 1, 1) == 1 and day_number(0, 12, 31) == 0
    assert from_day_number(0) == (0, 12, 31)
    assert day_number(0, 3, 1) - day_number(0, 2, 28) == 2  # 1 BC is a leap year (astronomical 0)
    for year, month, day in [(-43, 3, 15), (-2069, 1, 1), (2008, 8, 8), (1, 1, 1), (-1, 12, 31)]:
        assert from_day_number(day_number(year, month, day)) == (year, month, day)


def test_approximate_dates_are_never_ordered_against_dates_inside_their_margin():
    circa, near, far = (split_date(h)[0] for h in ("circa 1450 — a", "1453 — b", "1605 — c"))
    assert circa.overlaps(near) and not circa.before(near) and not near.before(circa)
    assert circa.before(far)


def test_a_decade_overlaps_its_years_and_a_century_its_decades():
    decade, year, century = (split_date(h)[0] for h in ("1840年代，甲", "1842年，乙", "19世纪，丙"))
    assert decade.overlaps(year) and century.overlaps(decade)
    assert not decade.before(year) and not year.before(decade)
    assert EventDate.point(1839).before(decade)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("## 2008年，甲。\n## 3/5/2019 乙\n", "ambiguous_date", 2),
        ("## 05-03-2019 — a\n", "ambiguous_date", 1),
        ("## 1845s — a\n", "invalid_decade", 1),
        ("## 2008年2月30日，甲\n", "invalid_day", 1),
        ("## 公元前0年，甲\n", "invalid_year", 1),
    ],
)
def test_impossible_or_ambiguous_dates_name_the_line(text, code, line):
    with pytest.raises(TimelineError) as info:
        parse_timeline(text)
    assert (info.value.code, info.value.line) == (code, line)
