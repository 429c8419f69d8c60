"""What a class reads in a question: one key per stem, headlines that stand alone, places of the event's age."""

from __future__ import annotations

from collections import Counter

import pytest
from corpus_keys import TIMELINES, events_of, questions_of

from quiz.generator import parse_timeline
from quiz.generator.backup import CITIES, CITY_SINCE, FIXED_SEATS
from quiz.generator.facts import Fact
from quiz.generator.script import to_simplified
from quiz.generator.vetting import fact_doubt, leans

SEEDS = (0, 1, 2, 5)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", TIMELINES)
def test_no_event_at_date_asks_for_a_date_two_events_share(name, seed):
    labels = Counter(e.label for e in events_of(name))
    asked = [q for q in questions_of(name, seed) if q.kind == "event_at_date"]
    assert asked and all(labels[q.events[0].label] == 1 for q in asked), [q.prompt for q in asked]
    stems = Counter(q.prompt for q in asked)
    assert max(stems.values()) == 1, stems.most_common(3)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", TIMELINES)
def test_a_headline_that_leans_on_what_it_lacks_is_never_quoted(name, seed):
    leaning = [e.title for e in events_of(name) if leans(e.headline)]
    for q in questions_of(name, seed):
        shown = " ".join([q.prompt, *q.choices])
        assert not any(title in shown for title in leaning), q.prompt


def test_the_bundled_double_eleven_figures_lean():
    leaning = [e.title for e in events_of("bundled") if leans(e.headline)]
    assert leaning == ["全球移动支付交易笔数达到1.97亿笔，支付峰值3.8万笔/秒"]


@pytest.mark.parametrize(
    ("sentence", "leaning"),
    [("仅全球移动支付交易笔数就达到1.97亿笔。", True), ("他们在杭州创业。", True), ("其后迁都洛阳。", True),
     ("但丁完成《神曲》。", False), ("那不勒斯王国建立。", False), ("支付宝正式成立。", False)],
)
def test_leaning_sentences_are_told_from_names_that_start_alike(sentence, leaning):
    assert leans(sentence) is leaning


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", TIMELINES)
def test_no_city_option_is_younger_than_the_event(name, seed):
    for q in questions_of(name, seed):
        if q.kind == "fact" and to_simplified(q.answer) in CITIES:
            year = q.events[0].date.first.year
            assert not (year < 1900 and "深圳" in q.choices), q
            assert all(year >= CITY_SINCE.get(to_simplified(c), year) for c in q.choices), q


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", TIMELINES)
def test_no_cloze_asks_where_an_institution_with_a_fixed_seat_met(name, seed):
    for q in questions_of(name, seed):
        if q.kind == "fact":
            assert not any(body in q.prompt and seat == q.answer for body, seat in FIXED_SEATS.items()), q.prompt


def test_a_fixed_seat_is_refused_and_a_rotating_host_is_not():
    event = parse_timeline("## 2019年3月5日，十三届全国人大二次会议在北京开幕。\n")[0]
    fixed, rotating = "十三届全国人大二次会议在北京开幕。", "第十届全国运动会在南京开幕。"
    at, other = fixed.index("北京"), rotating.index("南京")
    assert "always meets" in (fact_doubt(Fact(event, fixed, at, at + 2, "city", True)) or "")
    assert fact_doubt(Fact(event, rotating, other, other + 2, "city", True)) is None
