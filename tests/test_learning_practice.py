"""Practice sessions, typed dates graded by distance, the daily challenge and the mastery strip."""
import re
from datetime import date, datetime, timedelta

import pytest
from flask import render_template_string
from sqlalchemy import func, select

from helpers import answer_form, attempt, fixed_quiz, item_at
from quiz.extensions import db
from quiz.models import Answer, Attempt, AttemptItem, Event, Question, Quiz, ReviewCard, User, question_events
from quiz.services import mastery, partial, practice


def current_user_id() -> int:
    """The only user the test created."""
    return db.session.scalar(select(User.id))


def practise(actions) -> int:
    """Start (or resume) a practice session; return its attempt id."""
    response = actions.post("/practice/start", token_from="/practice/")
    assert response.status_code == 302, response.status_code
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def learn_form(item: AttemptItem, right: bool = True) -> dict:
    """Answer form for any practice item; a wrong typed date is ten years off (no points)."""
    if item.kind != "date_entry":
        return answer_form(item, right)
    key = partial.parse_date(item.answer)
    typed = key if right else type(key)(key.year - 10, key.month, key.day)
    return {"position": str(item.position), "when": typed.iso()}


def answer_all(actions, attempt_id: int, wrong_positions=()) -> None:
    """Answer every question of the attempt, wrongly at the given positions."""
    for position in range(attempt(attempt_id).total):
        item = item_at(attempt_id, position)
        response = actions.post(f"/attempt/{attempt_id}/answer", learn_form(item, position not in wrong_positions))
        assert response.status_code == 302


def make_due(user_id: int, kind: str, count: int) -> list[int]:
    """Give the user `count` cards of a kind that fell due yesterday; return their question ids."""
    ids = list(db.session.scalars(select(Question.id).where(Question.kind == kind).order_by(Question.id).limit(count)))
    yesterday = datetime.utcnow() - timedelta(days=1)
    db.session.add_all(ReviewCard(user_id=user_id, question_id=q, state=2, stability=3.0, difficulty=5.0,
                                  due=yesterday, last_review=yesterday - timedelta(days=3)) for q in ids)
    db.session.commit()
    return ids


def test_practice_needs_a_user_guest_or_student(client):
    response = client.get("/practice/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_a_first_session_has_ten_new_questions_with_dates_to_type(actions, client):
    actions.guest("练习生")
    attempt_id = practise(actions)
    done = attempt(attempt_id)
    assert done.total == practice.SESSION_SIZE and done.quiz.slug == "_practice" and not done.quiz.published
    for item in done.items:
        if item.question.kind in ("date_month", "date_day"):
            assert item.kind == "date_entry" and item.choices == [item.question.kind.split("_")[1], "zh-Hans"]
    assert practise(actions) == attempt_id  # an open session is resumed, not replaced


def test_a_wrong_answer_comes_back_in_the_next_session_and_right_ones_wait(actions, client):
    actions.guest("练习生")
    first = practise(actions)
    answer_all(actions, first, wrong_positions={3})
    wrong_id = item_at(first, 3).question_id
    right_ids = {i.question_id for i in attempt(first).items} - {wrong_id}
    assert attempt(first).is_finished
    cards = {c.question_id: c for c in db.session.scalars(select(ReviewCard))}
    assert len(cards) == 10 and cards[wrong_id].due < min(cards[q].due for q in right_ids)
    second = practise(actions)
    again = {i.question_id for i in attempt(second).items}
    assert wrong_id in again and not again & right_ids
    assert attempt(second).total == practice.SESSION_SIZE  # the rest are new questions


def test_due_questions_come_first_and_typed_dates_earn_partial_credit(actions, client):
    actions.guest("练习生")
    due_ids = make_due(current_user_id(), "date_month", 3)
    attempt_id = practise(actions)
    items = attempt(attempt_id).items
    assert set(due_ids) <= {i.question_id for i in items}
    item = next(i for i in items if i.question_id == due_ids[0])
    for earlier in (i for i in items if i.position < item.position):
        actions.post(f"/attempt/{attempt_id}/answer", learn_form(earlier))
    key = partial.parse_date(item.answer)
    month = key.year * 12 + key.month - 1 + 2  # two months late
    response = actions.post(f"/attempt/{attempt_id}/answer",
                            {"position": str(item.position), "when": f"{month // 12}-{month % 12 + 1:02d}"})
    assert response.status_code == 302
    stored = db.session.scalar(select(Answer).where(Answer.item_id == item.id))
    assert stored.points == 0.83 and not stored.correct
    feedback = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "差 2 个月" in feedback and "部分正确：得 0.83 分" in feedback
    assert "◐ 部分正确。" in feedback and "回答错误" not in feedback
    card = db.session.scalar(select(ReviewCard).where(ReviewCard.question_id == item.question_id))
    assert card.state == 2 and card.reps == 1  # Hard: reviewed, not lapsed


def test_a_bad_date_is_refused_with_a_message_and_nothing_is_stored(actions, client):
    actions.guest("练习生")
    make_due(current_user_id(), "date_day", 10)
    attempt_id = practise(actions)
    item = item_at(attempt_id, 0)
    assert item.kind == "date_entry"
    for bad in ("2009-02-30", "2008-10", "", "soon"):
        response = actions.post(f"/attempt/{attempt_id}/answer", {"position": "0", "when": bad})
        assert response.status_code == 400
        assert "请先按上面的格式填写一个有效的日期" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0
    assert all(c.reps == 0 for c in db.session.scalars(select(ReviewCard)))


def test_order_items_with_events_of_the_same_date_take_either_order(actions, client):
    same = db.session.scalars(select(Event).where(Event.date_iso == "2005-05").order_by(Event.position)).all()
    later = db.session.scalars(select(Event).where(Event.start_day > same[0].end_day).order_by(Event.position)).all()[:2]
    group = [*same[:2], *later]
    titles = [partial.event_title(e.headline) for e in group]
    question = Question(timeline_id=group[0].timeline_id, kind="order", prompt="请排序。", choices=titles,
                        answer=titles, explanation="", origin="custom", events=group)
    quiz = Quiz(slug="same-day-order", title="同日排序", shuffle=False)
    db.session.add_all([question, quiz])
    db.session.flush()
    quiz.items = [practice.QuizQuestion(question_id=question.id, position=0)]
    db.session.commit()
    actions.guest()
    attempt_id = actions.start("same-day-order")
    swapped = [titles[1], titles[0], titles[2], titles[3]]  # the two same-month events the other way round
    shown = item_at(attempt_id, 0).choices  # options are shuffled per attempt
    actions.post(f"/attempt/{attempt_id}/answer", {"position": "0", "order": [str(shown.index(t)) for t in swapped]})
    stored = db.session.scalar(select(Answer))
    assert stored.points == 1.0 and stored.correct


def test_a_half_right_order_scores_its_share_of_pairs(actions, client):
    fixed_quiz("order-pairs", ["order"])
    actions.guest()
    attempt_id = actions.start("order-pairs")
    item = item_at(attempt_id, 0)
    given = [item.answer[1], item.answer[0], item.answer[3], item.answer[2]]  # 4 of 6 pairs in order
    actions.post(f"/attempt/{attempt_id}/answer", {"position": "0", "order": [str(item.choices.index(c)) for c in given]})
    assert db.session.scalar(select(Answer.points)) == 0.67
    assert attempt(attempt_id).score == 0.67
    result = client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)
    assert "（得 0.67 分，满分 1 分）" in result


def test_the_daily_challenge_is_the_same_for_everyone_and_counts_a_streak(actions, client, app):
    day = practice.today("Asia/Shanghai")
    actions.guest("甲")
    first = actions.post("/practice/daily", token_from="/practice/")
    first_id = int(first.headers["Location"].split("/")[-1])
    answer_all(actions, first_id)
    page = client.get("/practice/").get_data(as_text=True)
    assert "连续完成：1 天" in page and "今天已完成" in page
    again = actions.post("/practice/daily", token_from="/practice/")
    assert again.headers["Location"].endswith(f"/attempt/{first_id}/result")
    result = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "/practice/" in result and "/leaderboard/quiz/" not in result  # no dead links to unpublished boards
    actions.logout()
    actions.guest("乙")
    second = actions.post("/practice/daily", token_from="/practice/")
    second_id = int(second.headers["Location"].split("/")[-1])
    questions = lambda a: [i.question_id for i in attempt(a).items]  # noqa: E731
    assert questions(first_id) == questions(second_id) and len(questions(first_id)) == practice.DAILY_SIZE
    assert attempt(first_id).quiz.slug == f"_daily-{day.isoformat()}"
    assert db.session.scalar(select(func.count()).select_from(Quiz).where(Quiz.slug.startswith("_daily-", autoescape=True))) == 1


def test_streak_counts_consecutive_finished_days(app):
    user = User(nickname="连胜", role="student")
    db.session.add(user)
    db.session.commit()
    today = date(2026, 5, 10)
    for offset in (1, 2, 3, 5):  # yesterday, the two days before, and a gap
        quiz = practice.daily_quiz(today - timedelta(days=offset))
        db.session.add(Attempt(user_id=user.id, quiz_id=quiz.id, number=1, total=5, answered=5,
                               finished_at=datetime.utcnow()))
    db.session.commit()
    assert practice.streak(user.id, today) == 3  # today still open: the run up to yesterday counts
    assert practice.streak(user.id, today + timedelta(days=2)) == 0
    assert [q.question_id for q in practice.daily_quiz(today - timedelta(days=1)).items] == \
        [q.question_id for q in practice.daily_quiz(today - timedelta(days=1)).items]


def test_the_mastery_strip_colours_events_from_the_schedule(actions, client):
    actions.guest("练习生")
    attempt_id = practise(actions)
    item = item_at(attempt_id, 0)
    event_id = db.session.scalar(select(question_events.c.event_id).where(
        question_events.c.question_id == item.question_id))
    cell = re.compile(rf'id="cell-{event_id}" data-level="(\w+)"')
    assert cell.search(client.get("/progress").get_data(as_text=True)).group(1) == "new"
    actions.post(f"/attempt/{attempt_id}/answer", learn_form(item, right=False))
    page = client.get("/progress").get_data(as_text=True)
    assert cell.search(page).group(1) in ("weak", "learning")
    assert page.count('class="era"') == 3


@pytest.mark.parametrize("recall, shown, level", [
    (0.696, 69, "weak"), (0.6999, 69, "weak"), (0.7, 70, "learning"), (0.8999, 89, "learning"), (0.9, 90, "mastered"),
    (0.29, 29, "weak")])
def test_the_strip_shows_a_percentage_that_agrees_with_its_level(app, recall, shown, level):
    """The legend says weak is below 70%: 69.6% must read "薄弱 (69%)", never "薄弱 (70%)"."""
    event = db.session.scalar(select(Event).order_by(Event.id))
    cell = mastery.Cell(event, recall, 1)
    assert (cell.percent, cell.level) == (shown, level)
    html = render_template_string('{% include "practice/_strip.html" %}', strip=[mastery.Era(2003, 2004, [cell])])
    names = {"weak": "薄弱", "learning": "学习中", "mastered": "已掌握"}
    assert f'data-level="{level}"' in html and f"{names[level]} ({shown}%)" in html


def test_looking_at_the_practice_page_creates_nothing(actions, client):
    actions.guest("看看")
    quizzes = db.session.scalar(select(func.count()).select_from(Quiz))
    page = client.get("/practice/").get_data(as_text=True)
    assert "待复习的题目：0 道" in page and "连续完成：0 天" in page and "参加今天的挑战" in page
    assert db.session.scalar(select(func.count()).select_from(Quiz)) == quizzes
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 0


def test_practice_start_and_daily_refuse_get_and_missing_csrf(actions, client):
    actions.guest("看看")
    assert client.get("/practice/start").status_code == 405
    assert client.post("/practice/start").status_code == 400
    assert client.post("/practice/daily").status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 0


def test_with_nothing_due_and_nothing_new_practice_is_a_clear_409(actions, client):
    actions.guest("学霸")
    user_id = current_user_id()
    later = datetime.utcnow() + timedelta(days=5)
    db.session.add_all(ReviewCard(user_id=user_id, question_id=q, state=2, stability=9.0, difficulty=5.0, due=later,
                                  last_review=datetime.utcnow()) for q in db.session.scalars(select(Question.id)))
    db.session.commit()
    response = actions.post("/practice/start", token_from="/practice/")
    assert response.status_code == 409 and "现在没有需要练习的题目" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 0
