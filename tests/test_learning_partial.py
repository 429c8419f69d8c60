"""Partial credit: typed dates graded by distance at the key's precision, orders by pairs."""
import pytest

from quiz.services import partial, practice, scoring
from quiz.kinds.date_entry import read_date_entry
from quiz.services.scoring import InvalidAnswer


@pytest.mark.parametrize("typed, key, points", [
    ("2008", "2008年", 1.0),
    ("2009", "2008年", 0.8),          # 1 year of K=5
    ("2006", "2008年", 0.6),
    ("2013", "2008年", 0.0),          # 5 years off: nothing
    ("1990", "2008年", 0.0),          # clipped at 0
    ("2008-10", "2008年10月", 1.0),
    ("2008-12", "2008年10月", 0.83),  # 2 months of K=12
    ("2009-01", "2008年10月", 0.75),  # across the year end: 3 months
    ("2007-10", "2008年10月", 0.0),   # 12 months off
    ("2003-10-18", "2003年10月18日", 1.0),
    ("2003-10-21", "2003年10月18日", 0.9),  # 3 days of K=30
    ("2003-11-17", "2003年10月18日", 0.0),  # 30 days off
])
def test_date_points_shrink_with_distance_at_the_keys_precision(typed, key, points):
    given = read_date_entry([partial.parse_date(key).precision], [typed])
    assert scoring.grade("date_entry", given, key) == points


@pytest.mark.parametrize("typed, label", [
    ("2008-10", "2008年10月"), ("2008年10月", "2008年10月"), ("２００８．１０", "2008年10月"),
    ("2008/10", "2008年10月"), (" 2008 - 10 ", "2008年10月"),
])
def test_date_entry_reads_picker_and_typed_forms(typed, label):
    assert read_date_entry(["month"], [typed]) == label


def test_a_typed_year_is_written_back_like_its_key():
    english = ["year", partial.label_language("1971")]
    assert read_date_entry(english, ["1971"]) == "1971"
    assert scoring.grade("date_entry", read_date_entry(english, ["1973"]), "1971") == 0.6
    assert read_date_entry(["year", partial.label_language("2008年")], ["2008"]) == "2008年"


@pytest.mark.parametrize("precision, raw", [
    ("month", ["2008"]),            # too coarse for the question
    ("year", ["2008-10"]),          # too fine
    ("month", ["2008-13"]),         # no month 13
    ("day", ["2009-02-29"]),        # no such day
    ("day", ["yesterday"]),
    ("year", [""]),
    ("year", []),
    ("year", ["2008", "2009"]),
    ("year", ["99999"]),
])
def test_bad_date_entries_are_refused(precision, raw):
    with pytest.raises(InvalidAnswer):
        read_date_entry([precision], raw)


@pytest.mark.parametrize("unit, given, key, amount", [
    ("month", "2008年12月", "2008年10月", 2), ("year", "2005年", "2008年", 3),
    ("day", "2003年10月18日", "2003年10月18日", 0),
])
def test_date_gap_says_how_far_off(unit, given, key, amount):
    assert partial.date_gap(given, key) == partial.DateGap(amount, unit)


KEY = ["a", "b", "c", "d"]


@pytest.mark.parametrize("given, points", [
    (["a", "b", "c", "d"], 1.0),
    (["d", "c", "b", "a"], 0.0),
    (["b", "a", "c", "d"], 0.83),   # 5 of 6 pairs
    (["a", "d", "b", "c"], 0.67),   # d before b and c: 4 of 6
    (["c", "d", "a", "b"], 0.33),   # 2 of 6
])
def test_order_points_are_the_share_of_pairs_in_order(given, points):
    assert scoring.grade("order", given, KEY) == points


def test_pairs_of_events_with_the_same_date_count_either_way():
    key = {"order": KEY, "ties": [["b", "c"]]}
    assert scoring.grade("order", ["a", "c", "b", "d"], key) == 1.0
    assert scoring.grade("order", ["a", "b", "c", "d"], key) == 1.0
    assert scoring.grade("order", ["d", "c", "b", "a"], key) == pytest.approx(0.17)  # only the tie


def test_overlapping_ranges_are_ties_and_disjoint_ones_are_not():
    from datetime import date
    spans = {"x": (date(2005, 5, 1), date(2005, 5, 31)), "y": (date(2005, 5, 1), date(2005, 5, 31)),
             "z": (date(2005, 1, 1), date(2005, 12, 31)), "w": (date(2006, 1, 1), date(2006, 1, 1))}
    assert partial.overlapping_pairs(spans) == [["x", "y"], ["x", "z"], ["y", "z"]]


def test_single_choice_kinds_keep_all_or_nothing():
    assert scoring.grade("date_month", "2008年12月", "2008年10月") == 0.0
    assert scoring.grade("which_first", "甲", "甲") == 1.0


@pytest.mark.parametrize("kind, answer, precision", [
    ("date_day", "2008年10月18日", "day"),
    ("date_month", "2008年10月", "month"),
    ("date_year", "1971", "year"),
    ("date_year", "618年", "year"),
    ("date_year", "公元前221年", None),
    ("date_year", "221 BC", None),
    ("date_year", "约公元前2070年", None),
    ("date_year", "c. 1450", None),
    ("date_year", "1999~2002年", None),
    ("date_day", "2008年8月8日至24日", None),
    ("date_day", "October 29, 1969", None),
    ("date_decade", "1840年代", None),
    ("date_century", "19th century", None),
])
def test_only_ad_dates_in_digits_are_typed_in_practice(kind, answer, precision):
    assert practice.entry_precision(kind, answer) == precision
