"""Questions from the bundled timeline: volume, coverage and every kind's invariants."""

from __future__ import annotations

from collections import Counter

import pytest
from gen_invariants import KINDS, check_question

from quiz.generator import generate_questions, parse_timeline
from quiz.generator.vetting import leans


@pytest.fixture(scope="module")
def questions(bundled_events):
    """Return the questions for seed 0."""
    return generate_questions(bundled_events, seed=0)


def test_volume_coverage_and_kinds(questions, bundled_events):
    assert len({q.key for q in questions}) == len(questions) >= 150
    quotable = {e.index for e in bundled_events if not leans(e.headline)}  # not the subjectless 1.97亿笔 figures
    assert {e.index for q in questions for e in q.events} == quotable == set(range(len(bundled_events))) - {32}
    assert set(Counter(q.kind for q in questions)) == KINDS


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_every_question_meets_the_invariants(bundled_events, seed):
    for q in generate_questions(bundled_events, seed=seed):
        check_question(q, bundled_events)


def test_same_seed_same_questions(bundled_events, questions):
    again = generate_questions(bundled_events, seed=0)
    assert [q.to_dict() for q in again] == [q.to_dict() for q in questions]


def test_other_seed_varies_choices_but_keeps_keys(bundled_events, questions):
    other = {q.key: q for q in generate_questions(bundled_events, seed=1)}
    shared = [q for q in questions if q.key in other]
    assert len(shared) >= 0.9 * len(questions)
    changed = [q for q in shared if q.choices != other[q.key].choices]
    assert len(changed) >= 0.5 * len(shared)


def test_two_event_headline_is_never_an_event_at_date_option(questions, bundled_events):
    compound = bundled_events[0]
    for q in questions:
        if q.kind in ("event_at_date", "which_first", "order"):
            assert compound.title not in q.choices and compound not in q.events
    parts = [q.prompt for q in questions if q.key.startswith("date_month:0:")]
    assert len(parts) == 2 and "马云" not in parts[0] and "eBay" not in parts[1]


def test_same_month_siblings_are_never_offered(questions, bundled_events):
    for q in questions:
        if q.kind == "event_at_date" and q.prompt.startswith("2005年5月"):
            assert not {"支付宝电话服务对外开放", "支付宝向互联网电商开放担保交易与支付接口，成为真正独立的第三方支付平台"} <= set(q.choices)
        if q.kind == "event_at_date" and q.prompt.startswith("2008年10月"):
            assert "支付宝推出“因为信任，所以简单”" not in q.choices


def test_blanks_avoid_typos_and_split_words(questions):
    facts = [q for q in questions if q.kind in ("fact", "true_false")]
    for q in facts:
        assert "代架构在" not in q.prompt and "筹完成" not in q.prompt and "讨论一次对" not in q.prompt
        if q.kind == "fact":
            assert q.answer not in ("宝", "代", "支付") and len(q.answer) >= 2


def test_numbers_keep_the_texts_script_and_unit(questions):
    by_answer = {q.answer: q for q in questions if q.kind == "fact"}
    assert {"750元", "1亿人", "四天", "二百多家"} <= set(by_answer)
    for q in (by_answer["四天"], by_answer["二百多家"]):
        assert not any(ch.isdigit() for c in q.choices for ch in c)
    assert all(c.endswith("多家") for c in by_answer["二百多家"].choices)
    assert all(c.endswith("亿人") for c in by_answer["1亿人"].choices)


def test_pointless_or_giveaway_blanks_are_dropped(questions):
    answers = {q.answer for q in questions if q.kind == "fact"}
    # a code, a house number, a country, a list item, a name whose abbreviation stands in the excerpt
    assert not answers & {"95188", "2349号", "中国", "日本", "深圳", "上海", "小微金融服务集团", "“烟囱型”"}


def test_fact_classes_present(questions):
    answers = {q.answer for q in questions if q.kind == "fact"}
    assert {"杭州", "2007~2009年", "2013年3月"} <= answers


def test_subjectless_headlines_get_no_blank(questions):
    # "推出招财宝" implies its subject (支付宝): "推出____" would leave the blank nothing to hang on
    assert not [q for q in questions if q.kind == "fact" and "：推出____" in q.prompt]


def test_body_range_and_dates_never_become_event_dates(questions):
    for q in questions:
        for e in q.events:
            assert e.date.iso() not in ("2007/2009", "2013-03")


def test_what_happened_at_a_date_never_offers_events_from_another_age():
    text = ("## 公元前1600年，商朝建立。\n## 公元前770年，周平王东迁洛邑。\n## 公元前221年，秦统一六国。\n"
            "## 公元前206年，刘邦建立汉朝。\n## 公元前202年，楚汉战争结束。\n## 公元前200年，白登之围。\n"
            "## 公元前195年，刘邦去世。\n")
    asked = {q.prompt for q in generate_questions(parse_timeline(text), seed=0) if q.kind == "event_at_date"}
    assert not any("1600" in prompt or "770" in prompt for prompt in asked)  # nearest other event is centuries off
    assert any("221" in prompt for prompt in asked)  # four events within 30 years of it
