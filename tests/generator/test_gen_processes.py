"""A process (伽利略…观测天空, telegraph lines spread) was still going on after its date: no later date is wrong."""

from __future__ import annotations

import re

import pytest
from corpus_keys import TIMELINES, questions_of

from quiz.generator import vetting
from quiz.generator.date_read import split_date
from quiz.generator.dates import EventDate

SEEDS = (0, 1, 2, 3, 5)
# The corpus's processes, named by hand so the corpus test does not lean on the detector it guards.
PROCESSES = (
    "伽利略用自製的望遠鏡觀測天空",
    "工業革命從英國擴展到歐洲大陸與北美",
    "Electric telegraph lines spread across Britain and the United States",
    "The Morris worm spreads across the internet",
)
STATED_RE = re.compile(r"^判[断斷]正[误誤]：(?P<zh>[^，]+)，|happened (?:on |in )?(?P<en>.+)\.$")


def _date(label: str) -> EventDate:
    """Read a date label back into a date."""
    found = split_date(label)
    assert found is not None and not found[2], label
    return found[0]


def _wrong_dates(q) -> list[EventDate]:
    """The wrong dates a date question offers, or the date a false date statement gives."""
    if q.kind.startswith("date_"):
        return [_date(c) for c in q.choices if c != q.answer]
    if re.fullmatch(r"true_false:\d+:date(:p\d+)?", q.key) and q.answer == q.choices[1]:
        m = STATED_RE.search(q.prompt)
        assert m, q.prompt
        return [_date(m.group("zh") or m.group("en"))]
    return []


@pytest.mark.parametrize("seed", SEEDS)
def test_a_process_gets_no_later_wrong_date_nor_a_later_false_date(seed):
    asked = set()
    for name in TIMELINES:
        for q in questions_of(name, seed):
            if q.events and q.events[0].title in PROCESSES:
                asked.add(q.events[0].title)
                key = q.events[0].date
                assert all(d.before(key) for d in _wrong_dates(q)), (q.prompt, q.choices)
    assert asked == set(PROCESSES)


@pytest.mark.parametrize(
    ("headline", "language"),
    [
        ("伽利略用自製的望遠鏡觀測天空", "zh-Hant"),
        ("工業革命從英國擴展到歐洲大陸與北美", "zh-Hant"),
        ("佛教在中国传播", "zh-Hans"),
        ("鼠疫在欧洲蔓延", "zh-Hans"),
        ("Electric telegraph lines spread across Britain and the United States", "en"),
        ("The Morris worm spreads across the internet", "en"),
    ],
)
def test_a_process_headline_is_read_as_one(headline, language):
    assert vetting.ongoing(headline, language)


@pytest.mark.parametrize(
    ("headline", "language"),
    [
        ("支付宝正式成立", "zh-Hans"),
        ("支付宝钱包7.0发布", "zh-Hans"),
        ("余额宝上线", "zh-Hans"),
        ("中国互联网络发展状况报告发布", "zh-Hans"),  # 发展 names the report; 发布 is the verb
        ("联合国通过发展中国家援助计划", "zh-Hans"),  # 发展中国家 is one word
        ("互联网进入中国", "zh-Hans"),  # an arrival: its doubt is about the start, not a later date
        ("Google is founded", "en"),
        ("Apollo 11 lands on the Moon", "en"),
        ("Samuel Morse sends the first long-distance telegraph message", "en"),
    ],
)
def test_a_moment_headline_is_not_read_as_a_process(headline, language):
    assert vetting.ongoing(headline, language) is False
