"""The quality gate: what it refuses and why, and the automatic quality check over whole timelines."""

from __future__ import annotations

import pytest
from corpus_keys import NAMES, load
from quality import check_quality

from quiz.generator import Question, generate_questions, parse_timeline, read_file
from quiz.generator.checks import Gate, doubt, is_alias
from quiz.generator.generate import generate_with_report


def question(kind: str, prompt: str, choices: list[str], answer, events=()) -> Question:
    """Build a question by hand for the gate."""
    return Question(kind, prompt, choices, answer, "", tuple(events), f"{kind}:0")


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_bundled_timeline_passes_the_quality_check(bundled_events, seed):
    check_quality(generate_questions(bundled_events, seed=seed), bundled_events)


@pytest.mark.parametrize("seed", [0, 3])
@pytest.mark.parametrize("name", NAMES)
def test_corpus_timelines_pass_the_quality_check(name, seed):
    events = read_file(load(name).path).events
    questions = generate_questions(events, seed=seed)
    check_quality(questions, events)
    assert len({q.kind for q in questions}) >= 7


def test_bundled_timeline_has_volume_and_variety(bundled_events):
    questions = generate_questions(bundled_events, seed=0)
    assert len(questions) >= 150 and len({q.kind for q in questions}) >= 7


@pytest.mark.parametrize(
    ("a", "b", "alias"),
    [("联合国环境署", "联合国环境规划署", True), ("淘宝", "淘宝网", True), ("余额宝", "招财宝", False), ("杭州", "苏州", False)],
)
def test_aliases_are_recognised(a, b, alias):
    assert is_alias(a, b) is alias


def test_alias_options_are_refused():
    q = question("fact", "填空：____获批。", ["网商银行", "联合国环境署", "联合国环境规划署"], "网商银行")
    assert "near-duplicate" in doubt(q)


def test_which_first_needs_three_options():
    q = question("which_first", "下列事件中，最早发生的是哪一件？", ["甲公司成立", "乙公司成立"], "甲公司成立")
    assert "fewer than three" in doubt(q)


@pytest.mark.parametrize(
    ("choices", "answer"),
    [
        (["神舟五号发射", "神舟六号发射", "天宫一号发射"], ["神舟五号发射", "神舟六号发射", "天宫一号发射"]),
        (["第一期培训开始", "第二期培训开始", "新总部落成"], ["第一期培训开始", "第二期培训开始", "新总部落成"]),
        (["公司第一笔交易成功", "公司正式成立", "新总部落成"], ["公司第一笔交易成功", "公司正式成立", "新总部落成"]),
    ],
)
def test_order_given_away_by_serial_numbers_is_refused(choices, answer):
    assert doubt(question("order", "请把下列事件按发生时间从早到晚排序。", choices, answer))


def test_date_residue_in_a_headline_is_refused():
    q = question("event_at_date", "1840年代，发生了下列哪件事？", ["代，鸦片战争爆发", "洋务运动兴起", "戊戌变法"], "代，鸦片战争爆发")
    assert "date residue" in doubt(q)


def test_mixed_scripts_are_refused():
    q = question("fact", "填空：____正式成立。", ["臺灣銀行", "农业银行", "華南銀行"], "臺灣銀行")
    assert "Traditional" in doubt(q)
    same = question("fact", "填空：____正式成立。", ["臺灣銀行", "土地銀行", "華南銀行"], "臺灣銀行")
    assert doubt(same) is None


def test_the_same_statement_twice_is_refused(bundled_events):
    gate, event = Gate(), bundled_events[3]
    first = Question("true_false", "判断正误：2004年12月8日，支付宝正式成立。", ["正确", "错误"], "正确", "", (event,), "true_false:3:a")
    again = Question("true_false", "判断正误（2004年12月8日）：支付宝正式成立。", ["正确", "错误"], "正确", "", (event,), "true_false:3:b")
    assert gate.admit(first) and not gate.admit(again)
    assert gate.drops[-1].reason.startswith("near-duplicate")


def test_every_drop_has_a_reason_and_no_dropped_key_is_kept(bundled_events):
    result = generate_with_report(bundled_events, seed=0)
    kept = {q.key for q in result.questions}
    assert result.drops and all(d.reason for d in result.drops)
    assert not kept & {d.key for d in result.drops if d.reason != "same key as an admitted question"}


def test_invented_people_never_appear():
    text = "## 2001年，王建国出任公司CEO。\n## 2005年，李晓红出任公司CEO。\n## 2009年，公司上市。\n"
    events = parse_timeline(text)
    for q in generate_questions(events, seed=0):
        assert not {"张伟", "王芳", "黄敏"} & set(q.choices)
