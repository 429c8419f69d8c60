"""Questions come in the timeline's own language and script, with dates written the way it writes them."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pytest
from corpus_keys import NAMES, load

from quiz.generator import generate_questions, read_file, read_timeline
from quiz.generator.date_read import split_date
from quiz.generator.dates import EventDate
from quiz.generator.language import detect_language
from quiz.generator.nlp import tag_sentences
from quiz.generator.script import script_marks

CJK = re.compile(r"[\u3400-\u9fff]")
DATE_KINDS = ("date_day", "date_month", "date_year", "date_decade", "date_century")


@lru_cache(maxsize=None)
def corpus_questions(name: str):
    """Return the parsed corpus timeline and its questions (seed 0)."""
    parsed = read_file(load(name).path)
    return parsed, generate_questions(parsed.events, seed=0)


def question_texts(q) -> list[str]:
    """Return every text of a question a student or teacher reads."""
    answer = q.answer if isinstance(q.answer, list) else [q.answer]
    return [q.prompt, *q.choices, *answer, q.explanation]


@pytest.mark.parametrize(("name", "language"), [
    ("zh_hans_history", "zh-Hans"), ("zh_hant_science", "zh-Hant"), ("en_communication", "en"),
])
def test_corpus_language_is_detected(name, language):
    assert corpus_questions(name)[0].language == language


def test_traditional_timeline_questions_have_no_simplified_only_characters():
    _, questions = corpus_questions("zh_hant_science")
    assert questions
    for q in questions:
        for text in question_texts(q):
            assert not script_marks(text)[0], (text, q.key)
    assert {q.choices[0] for q in questions if q.kind == "true_false"} <= {"正確", "錯誤"}


def test_simplified_timeline_questions_have_no_traditional_only_characters():
    _, questions = corpus_questions("zh_hans_history")
    for q in questions:
        for text in question_texts(q):
            assert not script_marks(text)[1], (text, q.key)


def test_english_timeline_questions_are_all_english():
    _, questions = corpus_questions("en_communication")
    kinds = Counter(q.kind for q in questions)
    assert kinds["which_first"] and kinds["order"] and kinds["event_at_date"] and kinds["true_false"]
    for q in questions:
        for text in question_texts(q):
            assert not CJK.search(text), (text, q.key)
    assert {tuple(q.choices) for q in questions if q.kind == "true_false"} == {("True", "False")}


@pytest.mark.parametrize("name", NAMES)
def test_date_questions_ask_at_the_events_precision_with_one_true_option(name):
    parsed, questions = corpus_questions(name)
    asked = [q for q in questions if q.kind in DATE_KINDS]
    assert {q.kind for q in asked} >= {"date_day", "date_year", "date_decade", "date_century"}
    for q in asked:
        (event,) = q.events
        assert q.kind == f"date_{event.date.unit}" and q.answer == event.date.label(parsed.language)
        for choice in q.choices:
            date = split_date(choice + " — x" if parsed.language == "en" else choice + "，x")[0]
            assert (date.unit, date.is_range, date.approximate) == (
                event.date.unit, event.date.is_range, event.date.approximate), (choice, q.key)
            assert (choice == q.answer) == date.overlaps(event.date), (choice, q.key)


def test_english_prompts_use_english_date_phrases():
    _, questions = corpus_questions("en_communication")
    prompts = {q.prompt for q in questions}
    assert "Which of these happened on October 29, 1969?" in prompts
    assert "Which of these happened in May 1974?" in prompts
    assert "Which of these happened in the 1840s?" in prompts
    # "Which of these happened in 44 BC?" is not asked: no other event lies within 50 years of it.
    assert "True or false: “Julius Caesar is assassinated in Rome on the Ides of March” happened in 44 BC." in prompts
    answers = {q.answer for q in questions if q.kind in DATE_KINDS}
    assert {"October 29, 1969", "May 1974", "1840s", "44 BC", "c. 1450", "19th century"} <= answers


def test_preface_and_title_become_the_description():
    parsed = read_timeline("# My title\n\nA first line\nof preface.\n\n## 1971 — email\n")
    assert (parsed.title, parsed.description, parsed.language) == ("My title", "A first line of preface.", "en")
    assert [e.headline for e in parsed.events] == ["email"]


@pytest.mark.parametrize(("texts", "language"), [
    (["支付宝推出余额宝。", "eBay进入中国"], "zh-Hans"),
    (["科學與技術大事記", "牛頓出版《自然哲學的數學原理》"], "zh-Hant"),
    (["The first message travels over the ARPANET", "1971"], "en"),
])
def test_language_detection(texts, language):
    assert detect_language(texts) == language


@pytest.mark.parametrize("name", NAMES)
def test_years_between_only_subtracts_years_the_timeline_gives(name):
    parsed, questions = corpus_questions(name)
    asked = [q for q in questions if q.kind == "years_between"]
    assert asked  # English titles are longer: the length limit counts Latin letters as a third
    for q in asked:
        a, b = q.events
        assert {a.date.unit, b.date.unit} <= {"day", "month", "year"} and not (a.date.approximate or b.date.approximate)
        gap = abs(b.date.first.year - a.date.first.year)
        assert q.answer == ("1 year" if gap == 1 else f"{gap} years" if parsed.language == "en" else f"{gap}年")


def whole_years_elapsed(earlier, later) -> int:
    """Whole years from the first day one date names to the first day the other names."""
    a, b = earlier.date.first, later.date.first
    return b.year - a.year - ((b.month or 1, b.day or 1) < (a.month or 1, a.day or 1))


@pytest.mark.parametrize("name", NAMES)
def test_years_between_never_offers_the_whole_years_elapsed_as_a_wrong_answer(name):
    """Counted between the years, Oct 2003 to Mar 2010 is 7; a student counting time elapsed says 6:
    both readings must lead to the one key, so 6 is never offered."""
    _parsed, questions = corpus_questions(name)
    checked = 0
    for q in questions:
        if q.kind != "years_between":
            continue
        earlier, later = sorted(q.events, key=lambda e: e.date.sort_key())
        if {earlier.date.precision, later.date.precision} <= {"day", "month"}:
            elapsed = whole_years_elapsed(earlier, later)
            wrong = [c for c in q.choices if c != q.answer]
            assert all(re.sub(r"\D", "", c) != str(elapsed) for c in wrong), q
            checked += 1
    assert checked


def test_english_years_between_asks_for_the_difference_of_the_years():
    _parsed, questions = corpus_questions("en_communication")
    prompts = [q.prompt for q in questions if q.kind == "years_between"]
    assert prompts and all(p.startswith("How many years are there between the year of ") for p in prompts)


@pytest.mark.parametrize("name", NAMES)
def test_a_false_decade_or_century_is_earlier_than_the_true_one(name):
    """A process may outlast its decade or century (lines kept spreading in the 1850s), so a later
    span could be defended as true: false statements give an earlier one."""
    parsed = corpus_questions(name)[0]
    false = [q for seed in range(8) for q in generate_questions(parsed.events, seed=seed)
             if q.key.startswith(f"true_false:{q.events[0].index}:date") and q.answer == q.choices[1] and q.events[0].date.precision in ("decade", "century")]
    assert false
    for q in false:
        event = q.events[0]
        assert event.label not in q.prompt, q.prompt
        stated = [d for d in _spans_before(event) if d in q.prompt]
        assert stated, q.prompt


def _spans_before(event) -> list[str]:
    """Labels of the decades or centuries before the event's, as the timeline's language writes them."""
    step = 10 if event.date.unit == "decade" else 100
    start = event.date.first.year
    return [EventDate.point(start - step * k, unit=event.date.unit).label(event.language) for k in range(1, 6)]


def test_traditional_text_is_segmented_like_simplified_so_blanks_keep_whole_words():
    sentences = ("英特爾推出第一款商用微處理器4004。", "歐幾里得在亞歷山大城寫成《幾何原本》。")
    intel, euclid = tag_sentences(sentences, traditional=True)
    assert (intel[0].start, intel[0].end) == (0, 3)  # 英特爾 whole, not 英特 + 爾
    assert [(t.start, t.end) for t in euclid[:3]] == [(0, 4), (4, 5), (5, 10)]  # 歐幾里得 / 在 / 亞歷山大城
    _, questions = corpus_questions("zh_hant_science")
    blanks = {q.answer for q in questions if q.kind == "fact"}
    assert not blanks & {"亞歷山", "大城", "英特"}
