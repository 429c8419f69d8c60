"""Flashcards: event → date and date → event, flipped on request, graded into the FSRS schedule."""
import re
from datetime import timedelta

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Event, Question, ReviewCard, Timeline, User, now_utc
from quiz.services import flashcards

CARD_RE = re.compile(r'name="event" type="hidden" value="(\d+)">.*?name="direction" type="hidden" value="(\w+)"', re.S)


def bundled() -> Timeline:
    return db.session.scalar(select(Timeline).where(Timeline.slug == "alipay"))


def flip(client) -> tuple[str, int, str]:
    """Show the current card's answer; return the page and the card's (event id, direction)."""
    html = client.get("/timeline/alipay/cards?show=1").get_data(as_text=True)
    event_id, direction = CARD_RE.search(html).groups()
    return html, int(event_id), direction


def grade(actions, event_id: int, direction: str, verdict: str):
    return actions.post("/timeline/alipay/cards/grade", {"event": event_id, "direction": direction, "verdict": verdict},
                        token_from="/timeline/alipay/cards?show=1")


def card_of(user_id: int, event_id: int, direction: str) -> ReviewCard | None:
    card = flashcards.card_for(bundled(), event_id, direction)
    db.session.expire_all()
    return db.session.scalar(select(ReviewCard).where(ReviewCard.user_id == user_id,
                                                      ReviewCard.question_id == card.question_id))


def test_a_visitor_is_offered_to_play_as_a_guest(client):
    html = client.get("/timeline/alipay/cards").get_data(as_text=True)
    assert 'action="/auth/guest?next=/timeline/alipay/cards"' in html
    assert "card-front" not in html


def test_the_front_of_a_card_does_not_hold_its_answer(client, actions):
    actions.guest("卡片")
    front = client.get("/timeline/alipay/cards").get_data(as_text=True)
    assert "card-back" not in front and 'name="verdict"' not in front
    _back, event_id, direction = flip(client)
    event = db.session.get(Event, event_id)
    assert direction == "date" and event.headline in front
    # The card asks for the date: the event's date is on the back only.
    assert event.date_label not in front
    assert event.date_label in _back


def test_a_card_i_did_not_know_is_due_again_within_minutes(client, actions):
    actions.guest("不会")
    user_id = db.session.scalar(select(User.id))
    _html, event_id, direction = flip(client)
    assert grade(actions, event_id, direction, "missed").status_code == 302
    card = card_of(user_id, event_id, direction)
    assert card is not None and card.reps == 1 and card.due <= now_utc() + timedelta(minutes=11)
    html = client.get("/timeline/alipay/cards").get_data(as_text=True)
    assert "Card 2 of 20" in html or "第 2 张，共 20 张" in html


def test_a_card_i_knew_is_scheduled_later_than_one_i_missed(client, actions):
    actions.guest("会了")
    user_id = db.session.scalar(select(User.id))
    _html, first, direction = flip(client)
    grade(actions, first, direction, "knew")
    _html, second, direction2 = flip(client)
    grade(actions, second, direction2, "missed")
    assert card_of(user_id, first, direction).due > card_of(user_id, second, direction2).due


def test_a_new_deck_starts_with_the_cards_i_missed(client, actions):
    actions.guest("重来")
    _html, first, direction = flip(client)
    grade(actions, first, direction, "knew")
    _html, missed, missed_direction = flip(client)
    grade(actions, missed, missed_direction, "missed")
    actions.post("/timeline/alipay/cards/new", token_from="/timeline/alipay/cards")
    _html, event_id, direction = flip(client)
    assert (event_id, direction) == (missed, missed_direction)


def test_a_finished_deck_says_how_many_i_knew(client, actions, monkeypatch):
    monkeypatch.setattr(flashcards, "DECK_SIZE", 2)
    actions.guest("两张")
    for verdict in ("knew", "missed"):
        _html, event_id, direction = flip(client)
        grade(actions, event_id, direction, verdict)
    html = client.get("/timeline/alipay/cards").get_data(as_text=True)
    assert "1 of 2" in html or "认识 1 张，共 2 张" in html


def test_grading_a_card_that_is_not_the_current_one_is_refused(client, actions):
    actions.guest("旧页")
    _html, event_id, direction = flip(client)
    other = next(e.id for e in bundled().events if e.id != event_id)
    response = grade(actions, other, direction, "knew")
    assert response.status_code == 409
    assert db.session.scalar(select(ReviewCard.id)) is None


def test_bad_card_forms_are_refused_with_400(client, actions):
    actions.guest("乱填")
    _html, event_id, direction = flip(client)
    for form in ({"event": event_id, "direction": "sideways", "verdict": "knew"},
                 {"event": event_id, "direction": direction, "verdict": "maybe"},
                 {"event": "9" * 30, "direction": direction, "verdict": "knew"}):
        assert actions.post("/timeline/alipay/cards/grade", form, token_from="/timeline/alipay/cards").status_code == 400


def test_grading_needs_a_player(client):
    response = client.post("/timeline/alipay/cards/grade", data={})
    assert response.status_code in (302, 400)
    assert db.session.scalar(select(ReviewCard.id)) is None


def test_a_hidden_question_deals_no_card(app):
    timeline = bundled()
    (event_id, direction), card = next(iter(flashcards.cards_of(timeline).items()))
    question = db.session.get(Question, card.question_id)
    question.hidden = True
    db.session.commit()
    try:
        replacement = flashcards.cards_of(timeline).get((event_id, direction))
        assert replacement is None or replacement.question_id != question.id
    finally:
        question.hidden = False
        db.session.commit()


def test_both_directions_are_dealt(app):
    directions = {direction for _event, direction in flashcards.cards_of(bundled())}
    assert directions == {"date", "event"}
