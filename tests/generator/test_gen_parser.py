"""The parser reads every date form and trap of the bundled style, and refuses bad input."""

from __future__ import annotations

import pytest

from quiz.generator import TimelineError, parse_file, parse_timeline
from quiz.generator.dates import from_day_number


@pytest.mark.parametrize(
    ("heading", "iso", "precision", "headline"),
    [
        ("2003.6 eBay进入中国", "2003-06", "month", "eBay进入中国"),
        ("2003年10月18日，支付宝第一笔担保交易成功。", "2003-10-18", "day", "支付宝第一笔担保交易成功。"),
        ("2005年2月，推出新产品。", "2005-02", "month", "推出新产品。"),
        ("2008年，推出口号。", "2008", "year", "推出口号。"),
        ("2018年6月25日基于区块链技术上线服务", "2018-06-25", "day", "基于区块链技术上线服务"),
        ("2007~2009年，出淘阶段。", "2007/2009", "range", "出淘阶段。"),
        ("2007-2009年，出淘阶段。", "2007/2009", "range", "出淘阶段。"),
        ("2007年至2009年，出淘阶段。", "2007/2009", "range", "出淘阶段。"),
        ("二〇一三年六月，余额宝诞生。", "2013-06", "month", "余额宝诞生。"),
        ("二〇〇三年十月十八日，交易成功。", "2003-10-18", "day", "交易成功。"),
        ("２０１３年６月，全角数字。", "2013-06", "month", "全角数字。"),
    ],
)
def test_each_date_form_is_read_with_its_precision(heading, iso, precision, headline):
    (event,) = parse_timeline(f"## {heading}\n")
    assert event.date.iso() == iso
    assert event.date.precision == precision
    assert event.headline == headline


def test_original_date_text_is_kept():
    (event,) = parse_timeline("## 二〇一三年六月，余额宝诞生。\n")
    assert event.date_text == "二〇一三年六月"
    assert event.label == "2013年6月"


def test_precision_is_never_invented():
    events = parse_timeline("## 2008年，甲。\n## 2008年10月，乙。\n")
    year, month = events
    assert (from_day_number(year.date.start), from_day_number(year.date.end)) == ((2008, 1, 1), (2008, 12, 31))
    assert (from_day_number(month.date.start), from_day_number(month.date.end)) == ((2008, 10, 1), (2008, 10, 31))
    assert year.date.label() == "2008年" and year.date.iso() == "2008"


def test_range_overlap_logic():
    a, b, c, d = parse_timeline(
        "## 2008年，甲。\n## 2008年10月，乙。\n## 2007~2009年，丙。\n## 2010年1月1日，丁。\n"
    )
    assert a.overlaps(b) and b.overlaps(a) and c.overlaps(a) and c.overlaps(b)
    assert not a.before(b) and not b.before(a)
    assert a.before(d) and c.before(d) and not d.overlaps(c)
    assert c.date.is_range and not a.date.is_range


def test_bundled_timeline_has_36_events_in_file_order(bundled_events):
    assert len(bundled_events) == 36
    assert [e.index for e in bundled_events] == list(range(36))
    assert bundled_events[0].line == 1 and bundled_events[-1].line == 47
    assert bundled_events[35].headline.startswith("基于蚂蚁金服的区块链技术，AlipayHK")


def test_body_lines_starting_with_dates_are_not_events(bundled_events):
    dates = [e.date.iso() for e in bundled_events]
    assert "2007/2009" not in dates and "2013-03" not in dates
    ant = next(e for e in bundled_events if e.line == 41)
    assert ant.date.iso() == "2014-10" and ant.body.startswith("2013年3月，支付宝的母公司")


def test_wrapped_lines_are_joined_without_space(bundled_events):
    out_of_taobao = next(e for e in bundled_events if e.line == 11)
    assert "支付宝开始迅速拓展" in out_of_taobao.body
    cloud = next(e for e in bundled_events if e.line == 24)
    assert "是很关键的一步" in cloud.body and "\n" not in cloud.body


def test_wrapped_paragraphs_after_a_full_stop_stay_separate():
    (event,) = parse_timeline("## 2008年，甲。\n第一段。\n第二段没有句号\n接着写。\n")
    assert event.body == "第一段。\n第二段没有句号接着写。"


def test_trailing_spaces_are_stripped(bundled_events):
    assert all(e.headline == e.headline.strip() for e in bundled_events)
    assert bundled_events[33].headline.endswith("董事长。")


def test_two_event_headline_is_marked(bundled_events):
    first = bundled_events[0]
    assert first.compound
    assert first.parts == ("eBay进入中国", "马云决定启动C2C网站，建立淘宝")
    assert not any(e.compound for e in bundled_events[1:])


def test_quotes_with_commas_are_not_split():
    (event,) = parse_timeline("## 2005年2月，支付宝推出“你敢付，我敢赔”。\n")
    assert event.title == "支付宝推出“你敢付，我敢赔”" and not event.compound


@pytest.mark.parametrize(
    ("text", "line", "code", "words"),
    [
        ("", 1, "empty", "empty"),
        ("   \n\n", 1, "empty", "empty"),
        ("只是一些文字\n没有事件\n", 1, "no_events", "No events"),
        ("# 标题\n", 1, "no_events", "No events"),
        ("## 2008年，甲。\n## 2013年13月，乙。\n", 2, "invalid_month", "Month 13"),
        ("## 2008年，甲。\n\n## 2013年2月30日，乙。\n", 3, "invalid_day", "no day 30"),
        ("## 2008年，甲。\n## 今年，乙。\n", 2, "no_date", "今年，乙。"),
        ("## 2009~2007年，倒序。\n", 1, "range_order", "start before"),
        ("## 2008年，\n", 1, "no_headline", "not followed"),
        ("## 2008年，甲。\n## 3/5/2019 乙。\n", 2, "ambiguous_date", "3/5/2019"),
        ("## 1845年代，甲。\n", 1, "invalid_decade", "1845"),
        ("## 2008年10月至2009年，甲。\n", 1, "range_precision", "same precision"),
    ],
)
def test_bad_text_raises_one_error_naming_the_line(text, line, code, words):
    with pytest.raises(TimelineError) as info:
        parse_timeline(text)
    assert (info.value.line, info.value.code) == (line, code)
    assert f"Line {line}:" in str(info.value) and words in str(info.value)


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "gbk.md"
    path.write_bytes("## 2008年，甲。\n".encode() + "## 2009年，乙。\n".encode("gbk"))
    with pytest.raises(TimelineError) as info:
        parse_file(path)
    assert (info.value.line, info.value.code) == (2, "not_utf8") and "UTF-8" in str(info.value)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "x.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(TimelineError) as info:
        parse_file(path)
    assert info.value.code == "binary" and "binary" in str(info.value)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff## 2008年，甲。\n".encode())
    assert parse_file(path)[0].headline == "甲。"


def test_missing_file_raises_timeline_error(tmp_path):
    with pytest.raises(TimelineError):
        parse_file(tmp_path / "nope.md")
