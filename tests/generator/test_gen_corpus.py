"""The development corpus: hand-written keys that agree with their timelines."""

from __future__ import annotations

import re

import pytest

from corpus_keys import NAMES, load

from quiz.generator import read_file
from quiz.generator.dates import from_day_number

PRECISIONS = {"day", "month", "year", "decade", "century", "range", "approximate"}
UNITS = {"day", "month", "year", "decade", "century"}
ISO_DAY = re.compile(r"-?\d{4}-\d{2}-\d{2}")


def _day_value(iso: str) -> tuple[int, int, int]:
    """Turn an astronomical ISO day into a sortable tuple (year may be negative)."""
    sign = -1 if iso.startswith("-") else 1
    y, m, d = iso.lstrip("-").split("-")
    return sign * int(y), int(m), int(d)


@pytest.mark.parametrize("name", NAMES)
def test_key_names_every_event_line_of_its_timeline(name):
    corpus = load(name)
    lines = corpus.text.splitlines()
    heads = [n for n, line in enumerate(lines, start=1) if line.startswith("## ")]
    assert [e["line"] for e in corpus.events] == heads
    assert 25 <= len(heads) <= 40
    for event in corpus.events:
        heading = lines[event["line"] - 1][3:]
        assert heading.startswith(event["date_text"]) and heading.endswith(event["headline"])


@pytest.mark.parametrize("name", NAMES)
def test_key_dates_are_well_formed(name):
    for event in load(name).events:
        assert ISO_DAY.fullmatch(event["start"]) and ISO_DAY.fullmatch(event["end"]), event
        assert _day_value(event["start"]) <= _day_value(event["end"]), event
        assert event["precision"] in PRECISIONS and event["unit"] in UNITS, event
        if event["precision"] not in ("range", "approximate"):
            assert event["precision"] == event["unit"]


def test_corpus_covers_the_date_forms_teachers_write():
    keys = [load(name) for name in NAMES]
    assert {k.key["language"] for k in keys} == {"zh-Hans", "zh-Hant", "en"}
    precisions = {e["precision"] for k in keys for e in k.events}
    assert precisions == PRECISIONS
    assert sum(e["start"].startswith("-") for k in keys for e in k.events) >= 8
    assert all(k.key["title"] and k.key["description"] for k in keys)


def _iso_day(number: int) -> str:
    """Write a day number the way the keys do (astronomical ISO)."""
    year, month, day = from_day_number(number)
    return f"{'-' if year < 0 else ''}{abs(year):04d}-{month:02d}-{day:02d}"


@pytest.mark.parametrize("name", NAMES)
def test_parser_reads_every_event_as_the_key_says(name):
    corpus = load(name)
    parsed = read_file(corpus.path)
    assert (parsed.language, parsed.title, parsed.description) == (
        corpus.key["language"], corpus.key["title"], corpus.key["description"])
    got = [
        {"line": e.line, "date_text": e.date_text, "start": _iso_day(e.date.start), "end": _iso_day(e.date.end),
         "precision": e.date.precision, "unit": e.date.unit, "headline": e.headline}
        for e in parsed.events
    ]
    assert got == corpus.events
