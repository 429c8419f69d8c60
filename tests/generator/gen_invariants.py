"""Independent checks of the question invariants, shared by the generator tests."""

from __future__ import annotations

import re

from quiz.generator import Event, Question

DATE_RE = re.compile(r"(\d{4})(?:~(\d{4}))?年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
DATE_KINDS = {"date_year", "date_month", "date_day"}
KINDS = DATE_KINDS | {"event_at_date", "which_first", "order", "fact", "true_false", "years_between", "before_after"}


def shape(text: str) -> str:
    """Return the written shape of an option: digits replaced by 9."""
    return re.sub(r"\d+", "9", text)


def check_options(q: Question) -> None:
    """Options are unique, alike in length, and the answer's cues are shared."""
    stripped = [c.strip() for c in q.choices]
    assert len(set(stripped)) == len(stripped), q
    sizes = [len(c) for c in q.choices]
    assert max(sizes) <= 2 * min(sizes) + 4, q
    if isinstance(q.answer, str) and q.kind != "true_false":
        assert q.choices.count(q.answer) == 1, q
        assert q.answer not in q.prompt, q
        for cue in ("“", "《", "，"):
            has = [cue in c for c in q.choices if c != q.answer]
            assert (cue in q.answer) in has, (cue, q)


def check_explanation(q: Question) -> None:
    """The explanation names each source event by date and headline."""
    for e in q.events:
        assert e.date.label() in q.explanation and e.headline.rstrip("。") in q.explanation, q


def check_dates(q: Question, events: list[Event]) -> None:
    """Date options share the answer's shape, lie within 3 years, and only one is true."""
    (event,) = q.events
    assert q.answer == event.date.label()
    same_title = [e for e in events if e.title == event.title or e is event]
    span = event.date.last.year - event.date.first.year + 1
    limit = 2 * span if event.date.is_range else 3  # a range's wrong options move past the range itself
    for c in q.choices:
        assert shape(c) == shape(q.answer), q
        years = [int(y) for y in DATE_RE.fullmatch(c).groups()[:2] if y]
        assert abs(years[0] - event.date.first.year) <= limit, q
        if c != q.answer:
            assert all(e.date.label() != c for e in same_title), q
    kind = f"date_{event.date.unit}"
    assert q.kind == kind


def check_event_at_date(q: Question, events: list[Event]) -> None:
    """The answer is the event at that date; no option's event overlaps the date."""
    (event,) = q.events
    assert not event.compound and q.answer == event.title and q.prompt.startswith(event.label)
    for c in q.choices:
        if c != q.answer:
            owners = [e for e in events if e.title == c]
            assert owners and not any(o.overlaps(event) for o in owners), q


def check_order(q: Question) -> None:
    """Ordering questions use events whose order is certain, and the key is right."""
    by_title = {e.title: e for e in q.events}
    assert len(by_title) == len(q.events) == len(q.choices)
    group = [by_title[c] for c in q.choices]
    for a in group:
        for b in group:
            assert a is b or a.before(b) or b.before(a), q
    if q.kind == "order":
        assert len(q.choices) == 4 and sorted(q.answer) == sorted(q.choices)
        seq = [by_title[t] for t in q.answer]
        assert all(x.before(y) for x, y in zip(seq, seq[1:])), q
    else:
        assert 3 <= len(q.choices) <= 4
        ans, others = by_title[q.answer], [e for e in group if e.title != q.answer]
        first = all(ans.before(o) for o in others)
        last = all(o.before(ans) for o in others)
        assert (first and "最早" in q.prompt) or (last and "最晚" in q.prompt), q


def check_years_between(q: Question) -> None:
    """The key is the difference of the two events' years; both events are named in the prompt."""
    first, second = q.events
    assert first.before(second) and not first.date.is_range and not second.date.is_range
    assert q.answer == f"{second.date.first.year - first.date.first.year}年", q
    assert len(q.choices) == 4 and all(re.fullmatch(r"\d+年", c) for c in q.choices)
    for e in q.events:
        assert e.title.replace("“", "‘").replace("”", "’") in q.prompt


def check_before_after(q: Question) -> None:
    """The key is certainly on the asked side of the pivot; every other option certainly on the other."""
    by_title = {e.title: e for e in q.events}
    pivot = next(e for e in q.events if e.title.replace("“", "‘").replace("”", "’") in q.prompt)
    before = "之前" in q.prompt
    for c in q.choices:
        e = by_title[c]
        on_asked_side = e.before(pivot) if before else pivot.before(e)
        on_other_side = pivot.before(e) if before else e.before(pivot)
        assert on_asked_side if c == q.answer else on_other_side, q


def source_text(event: Event) -> str:
    """Return the event's headline and body as one string."""
    return event.headline + event.body.replace("\n", "")


def check_fact(q: Question) -> None:
    """The cloze filled with the answer is source text; filled with any other option it is not."""
    (event,) = q.events
    cloze = q.prompt.split("：", 1)[1].replace("……", "")
    assert cloze.count("____") == 1, q
    text = source_text(event)
    assert cloze.replace("____", q.answer) in text, q
    for c in q.choices:
        if c != q.answer:
            assert cloze.replace("____", c) not in text, q


def check_true_false(q: Question) -> None:
    """A statement is marked true exactly when it matches the source."""
    (event,) = q.events
    assert q.choices == ["正确", "错误"] and q.answer in q.choices
    body = q.prompt.split("：", 1)[1].replace("……", "")
    if re.fullmatch(r"true_false:\d+:date(:p\d+)?", q.key):
        shown = body.split("，", 1)[0]
        assert (shown == event.date.label()) == (q.answer == "正确"), q
    else:
        assert (body in source_text(event)) == (q.answer == "正确"), q


def check_question(q: Question, events: list[Event]) -> None:
    """Run every invariant that applies to the question's kind."""
    assert q.kind in KINDS and q.key.startswith(q.kind + ":")
    check_options(q)
    check_explanation(q)
    if q.kind in DATE_KINDS:
        check_dates(q, events)
    elif q.kind == "event_at_date":
        check_event_at_date(q, events)
    elif q.kind in ("which_first", "order"):
        check_order(q)
    elif q.kind == "fact":
        check_fact(q)
    elif q.kind == "years_between":
        check_years_between(q)
    elif q.kind == "before_after":
        check_before_after(q)
    else:
        check_true_false(q)
