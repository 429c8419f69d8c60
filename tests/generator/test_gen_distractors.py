"""Wrong options a teacher would believe: dates in the right era, apart from the key's uncertainty."""

from __future__ import annotations

from itertools import combinations

import pytest
from corpus_keys import TIMELINES, questions_of

from quiz.generator import parse_timeline
from quiz.generator.date_read import split_date
from quiz.generator.dates import EventDate
from quiz.generator.facts import Fact
from quiz.generator.vetting import fact_doubt

SEEDS = (0, 1, 2, 5)
UNIT_YEARS = {"decade": 10, "century": 100}


def _date(label: str) -> EventDate:
    """Read an option's label back into a date."""
    found = split_date(label)
    assert found is not None and not found[2], label
    return found[0]


def _date_options(name: str, seed: int, kinds: tuple[str, ...]):
    """Yield (question, key date, wrong dates) of the date questions of the given kinds."""
    for q in questions_of(name, seed):
        if q.kind in kinds:
            yield q, _date(q.answer), [_date(c) for c in q.choices if c != q.answer]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", TIMELINES)
def test_decade_and_century_options_are_at_most_one_unit_later(name, seed):
    for q, key, wrong in _date_options(name, seed, ("date_decade", "date_century")):
        for d in wrong:
            assert d.first.year <= key.first.year + UNIT_YEARS[key.unit], (q.prompt, q.choices)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", TIMELINES)
def test_a_century_first_decade_is_offered_only_beside_another(name, seed):
    for q, key, wrong in _date_options(name, seed, ("date_decade",)):
        if key.first.year % 100:
            assert all(d.first.year % 100 for d in wrong), q.choices


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", TIMELINES)
def test_approximate_year_options_are_far_apart(name, seed):
    for q, key, wrong in _date_options(name, seed, ("date_year",)):
        if key.approximate:
            gap = 100 if key.first.year < 1 else 50
            for a, b in combinations([key, *wrong], 2):
                assert abs(a.first.year - b.first.year) >= gap, q.choices


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", TIMELINES)
def test_ancient_exact_year_options_keep_three_years_from_the_key(name, seed):
    for q, key, wrong in _date_options(name, seed, ("date_year",)):
        if not key.approximate and key.first.year < 1000:
            assert all(abs(d.first.year - key.first.year) >= 3 for d in wrong), q.choices


def test_the_rules_are_exercised_by_the_corpus():
    questions = [q for name in TIMELINES for q in questions_of(name, 2)]
    answers = [_date(q.answer) for q in questions if q.kind.startswith("date_")]
    assert sum(d.approximate for d in answers) >= 3
    assert sum(d.unit == "year" and not d.approximate and d.first.year < 1000 for d in answers) >= 10
    assert sum(d.unit in UNIT_YEARS for d in answers) >= 6


def test_a_city_named_by_its_one_character_name_is_not_blanked():
    event = parse_timeline("## 19世纪，京剧在北京形成。\n")[0]
    sentence = "京剧在北京形成。"
    assert "one-character" in (fact_doubt(Fact(event, sentence, 3, 5, "city", True)) or "")
    other = "十三届全国人大二次会议在北京开幕。"
    at = other.index("北京")
    assert "one-character" not in (fact_doubt(Fact(event, other, at, at + 2, "city", False)) or "")


@pytest.mark.parametrize("seed", (1, 2))
def test_no_cloze_asks_for_beijing_in_a_sentence_about_peking_opera(seed):
    for q in questions_of("zh_hans_history", seed):
        assert not (q.kind == "fact" and q.answer == "北京" and "京剧" in q.prompt), q.prompt
