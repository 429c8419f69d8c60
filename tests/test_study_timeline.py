"""The timeline page: every event on an axis drawn to scale, eras, mastery colours, links from feedback."""
import re
from pathlib import Path
from datetime import date

from sqlalchemy import select

from helpers import answer_form, fixed_quiz, item_at
from leaderboard_support import quiz_settings
from quiz.extensions import db
from quiz.models import Question, Timeline, User, now_utc, question_events
from quiz.services import review, timeline_import, timelines
from quiz.generator.dates import day_number
from quiz.services.timeline_view import assign_lanes, compressed_scale, era_spans, year_value

EVENT_RE = re.compile(r'<li class="tl-event level-(\w+)[^"]*" id="event-(\d+)"')


def bundled() -> Timeline:
    return db.session.scalar(select(Timeline).where(Timeline.slug == "alipay"))


def shown_events(html: str) -> list[tuple[str, int]]:
    """(mastery level, event position) of every event drawn on the page, in axis order."""
    return [(level, int(position)) for level, position in EVENT_RE.findall(html)]


def test_the_timeline_page_shows_every_event_in_date_order_with_its_date_and_headline(client):
    html = client.get("/timeline/alipay").get_data(as_text=True)
    events = bundled().events
    assert sorted(p for _, p in shown_events(html)) == [e.position for e in events]
    starts = {e.position: e.start_day for e in events}
    drawn = [starts[p] for _, p in shown_events(html)]
    assert drawn == sorted(drawn)
    first = events[0]
    assert f'<time datetime="{first.date_iso}">{first.date_label}</time>' in html
    assert first.headline in html and events[5].body.split("。")[0] in html


def test_an_era_filter_shows_only_that_eras_events(client):
    spans = era_spans(bundled())
    html = client.get("/timeline/alipay?era=1").get_data(as_text=True)
    first, last = spans[1]
    years = {e.position: e.start_year for e in bundled().events}
    shown = [years[p] for _, p in shown_events(html)]
    assert shown and all(first <= y <= last for y in shown)
    assert len(shown) == sum(first <= y <= last for y in years.values())


def test_a_nonsense_era_shows_the_whole_timeline(client):
    for era in ("99", "-1", "x", "9" * 50):
        html = client.get(f"/timeline/alipay?era={era}").get_data(as_text=True)
        assert len(shown_events(html)) == len(bundled().events)


def test_an_unknown_timeline_is_not_found(client):
    assert client.get("/timeline/no-such-thing").status_code == 404


def test_a_timeline_no_published_quiz_uses_is_hidden_from_students(client, actions):
    timelines.import_timeline("draft-history", "草稿", "## 2001年1月，甲事件。\n## 2002年2月，乙事件。\n")
    db.session.commit()
    assert client.get("/timeline/draft-history").status_code == 404
    actions.guest("访客")
    assert client.get("/timeline/draft-history/cards").status_code == 404
    assert client.get("/timeline/draft-history/place").status_code == 404


def test_events_the_player_knows_are_coloured_by_their_review_schedule(client, actions):
    actions.guest("复习者")
    user_id = db.session.scalar(select(User.id))
    event = bundled().events[3]
    question_ids = list(db.session.scalars(
        select(question_events.c.question_id).where(question_events.c.event_id == event.id)))
    for question_id in question_ids:
        review.record_review(user_id, question_id, 0.0, now_utc())
    db.session.commit()
    touched = set(db.session.scalars(
        select(question_events.c.event_id).where(question_events.c.question_id.in_(question_ids))))
    by_id = {e.position: e.id for e in bundled().events}
    levels = {p: level for level, p in shown_events(client.get("/timeline/alipay").get_data(as_text=True))}
    assert levels[event.position] == "weak"
    assert {level for p, level in levels.items() if by_id[p] not in touched} == {"new"}


def test_the_feedback_page_links_the_source_event_to_its_place_on_the_timeline(client, actions):
    actions.guest("读者")
    with quiz_settings("alipay-all", reveal="after_each"):  # sources give the key away: shown once revealed
        attempt_id = actions.start("alipay-all")
        item = item_at(attempt_id, 0)
        actions.post(f"/attempt/{attempt_id}/answer", answer_form(item))
        html = client.get(f"/attempt/{attempt_id}/feedback/0").get_data(as_text=True)
    event = db.session.get(Question, item.question_id).events[0]
    assert f'href="/timeline/alipay#event-{event.position}"' in html


def test_long_empty_stretches_are_shortened_and_marked():
    coordinate, broken = compressed_scale([-221.0, 618.0, 1840.0, 1841.0, 1842.0])
    assert broken == {618.0, 1840.0}
    # The two long gaps are drawn no longer than 15% of the whole span each; short ones keep their length.
    assert coordinate[1841.0] - coordinate[1840.0] == 1.0
    assert coordinate[618.0] - coordinate[-221.0] < 839


def test_labels_that_would_overlap_go_to_different_lanes():
    assert assign_lanes([0.0, 3.0, 6.0, 20.0], label_share=5.0) == [0, 1, 0, 0]


def test_a_date_is_a_fraction_of_its_year():
    assert year_value(date(2004, 1, 1).toordinal()) == 2004.0
    assert 2004.49 < year_value(date(2004, 7, 1).toordinal()) < 2004.51
    assert year_value(day_number(-220, 1, 1)) == -220.0  # 221 BC


def test_events_are_placed_in_proportion_to_their_dates(client):
    html = client.get("/timeline/alipay").get_data(as_text=True)
    assert "after-break" not in html  # no gap in the bundled timeline is long enough to be shortened
    drawn = {int(p): float(x) for p, x in re.findall(r'id="event-(\d+)"\s+data-pos="([\d.]+)"', html)}
    values = {e.position: year_value(e.start_day) for e in bundled().events}
    low, high = min(values.values()), max(values.values())
    for position, share in drawn.items():
        assert abs(share - 100 * (values[position] - low) / (high - low)) < 0.01


def test_an_ancient_timeline_names_its_eras_and_years_in_its_own_language(client, app):
    text = (Path(__file__).resolve().parent / "generator" / "corpus" / "en_communication.md").read_text(encoding="utf-8")
    timeline_import.store("communication", "Communication", text)
    html = client.get("/timeline/communication").get_data(as_text=True)
    assert "221 BC – " in html and "A Short History of Communication" in html
    assert "-220" not in html


def test_a_question_of_several_events_lists_each_source_on_its_own_line(client, actions):
    """Headlines end in their own 。: joined with ； they read 「…建立秦朝。；公元前202年…」."""
    quiz = fixed_quiz("sources", ["which_first"])
    quiz.reveal = "after_each"
    db.session.commit()
    actions.guest("读者")
    attempt_id = actions.start("sources")
    item = item_at(attempt_id, 0)
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(item))
    html = client.get(f"/attempt/{attempt_id}/feedback/0").get_data(as_text=True)
    events = db.session.get(Question, item.question_id).events
    listed = re.findall(r'<li><a class="source-event" href="/timeline/alipay#event-(\d+)"', html)
    assert len(events) >= 2 and listed == [str(e.position) for e in events]
    assert "。；" not in html
