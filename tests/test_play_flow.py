"""Playing a quiz through the routes: start, answer, feedback, result, resume, review."""
import re

from markupsafe import escape
from sqlalchemy import func, select

from helpers import answer_form, attempt, fixed_quiz, item_at
from quiz.extensions import db
from quiz.models import Answer, Attempt, Progress, Quiz, User


def without_tokens(html: str) -> str:
    """The page without its CSRF tokens, which carry a timestamp."""
    return re.sub(r'name="csrf_token"[^>]*value="[^"]+"', "", html)


def test_home_lists_whole_timeline_era_and_quick_quizzes(client):
    html = client.get("/").get_data(as_text=True)
    assert "全部事件" in html and "快速十题" in html
    assert html.count("/quiz/alipay-20") >= 3  # at least three era quizzes


def test_guest_plays_a_whole_quiz_and_sees_the_result(actions, client):
    actions.guest("小明")
    attempt_id = actions.start("alipay-quick")
    for position in range(10):
        page = client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
        assert f"第 {position + 1} 题，共 10 题" in page
        item = item_at(attempt_id, position)
        response = actions.post(f"/attempt/{attempt_id}/answer", answer_form(item, right=position % 2 == 0),
                                token_from=f"/attempt/{attempt_id}")
        assert response.status_code == 302
        feedback = client.get(response.headers["Location"]).get_data(as_text=True)
        if position < 9:  # public quizzes reveal keys at the end of the attempt
            assert "答案已保存" in feedback and "回答正确" not in feedback and "回答错误" not in feedback
        else:
            assert "回答正确" in feedback or "回答错误" in feedback
    done = attempt(attempt_id)
    assert done.is_finished and done.score == 5 and done.answered == 10
    result = client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)
    assert "你得了 5 分，满分 10 分" in result
    assert result.count("<tr class=") == 10
    for position in range(10):
        assert str(escape(item_at(attempt_id, position).explanation)) in result


def test_question_page_never_reveals_which_option_is_right(actions, client, app):
    actions.guest()
    attempt_id = actions.start("alipay-quick")
    item = item_at(attempt_id, 0)
    before = client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    if item.explanation not in item.prompt:  # a true statement's explanation may restate it
        assert str(escape(item.explanation)) not in before
    # Swap the key to another option: the page a student sees must not change at all.
    other = next(c for c in item.choices if c != item.answer) if item.kind != "order" else list(reversed(item.answer))
    item.answer = other
    db.session.commit()
    after = client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    assert without_tokens(before) == without_tokens(after)


def test_order_question_is_graded_on_the_server(actions, client):
    fixed_quiz("order-only", ["order"], per_kind=2)
    actions.guest()
    attempt_id = actions.start("order-only")
    first, second = item_at(attempt_id, 0), item_at(attempt_id, 1)
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(first, right=True))
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(second, right=False))
    rows = db.session.scalars(select(Answer).order_by(Answer.id)).all()
    assert [r.correct for r in rows] == [True, False]
    assert rows[0].given == first.answer


def test_every_generated_kind_is_playable(actions, client):
    kinds = ["date_year", "date_month", "date_day", "event_at_date", "which_first", "order", "fact", "true_false"]
    fixed_quiz("all-kinds", kinds)
    actions.guest()
    attempt_id = actions.start("all-kinds")
    total = attempt(attempt_id).total
    assert total == len(kinds)
    for position in range(total):
        item = item_at(attempt_id, position)
        page = client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
        assert str(escape(item.prompt)) in page
        assert actions.post(f"/attempt/{attempt_id}/answer", answer_form(item)).status_code == 302
    assert attempt(attempt_id).score == total


def test_unfinished_attempt_resumes_at_first_unanswered_question(actions, client):
    actions.guest()
    attempt_id = actions.start("alipay-quick")
    for position in range(3):
        actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, position)))
    assert actions.start("alipay-quick") == attempt_id
    page = client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    assert "第 4 题，共 10 题" in page
    assert "继续（第 4 题，共 10 题）" in client.get("/").get_data(as_text=True)



def test_question_and_feedback_pages_follow_where_the_attempt_is(actions, client):
    actions.guest()
    attempt_id = actions.start("alipay-quick")
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 0)))
    feedback = client.get(f"/attempt/{attempt_id}/feedback/0").get_data(as_text=True)
    assert str(escape(item_at(attempt_id, 0).prompt)) in feedback
    # A question not answered yet has no feedback: back to the current question.
    ahead = client.get(f"/attempt/{attempt_id}/feedback/5")
    assert ahead.status_code == 302 and ahead.headers["Location"].endswith(f"/attempt/{attempt_id}")
    assert client.get(f"/attempt/{attempt_id}/feedback/10").status_code == 404  # no such question
    assert client.get(f"/attempt/{attempt_id + 1000}/feedback/0").status_code == 404  # no such attempt
    assert client.get(f"/attempt/{attempt_id + 1000}").status_code == 404
    for position in range(1, 10):
        actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, position)))
    done = client.get(f"/attempt/{attempt_id}")  # every question answered: the result
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/attempt/{attempt_id}/result")

def test_signed_in_session_survives_a_browser_restart(actions, client):
    response = actions.signup()
    cookie = response.headers["Set-Cookie"]
    assert "Expires=" in cookie  # a permanent cookie, kept when the browser closes


def test_guest_who_signs_up_keeps_their_attempts(actions, client):
    actions.guest("游客")
    attempt_id = actions.start("alipay-quick")
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 0)))
    assert actions.signup("newstudent").status_code == 302
    listing = client.get("/attempts").get_data(as_text=True)
    assert f"/attempt/{attempt_id}" in listing
    assert attempt(attempt_id).user.username == "newstudent"


def test_past_attempts_are_listed_and_reviewable(actions, client):
    actions.guest()
    attempt_id = actions.start("alipay-quick")
    for position in range(10):
        actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, position)))
    listing = client.get("/attempts").get_data(as_text=True)
    assert f"/attempt/{attempt_id}/result" in listing and "10 / 10" in listing


def test_attempts_list_is_paged_twenty_at_a_time(actions, client):
    actions.guest()
    quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "alipay-quick"))
    user = db.session.scalar(select(User))
    db.session.add_all([Attempt(user_id=user.id, quiz_id=quiz.id, total=10, number=n + 1) for n in range(25)])
    db.session.commit()
    first = client.get("/attempts").get_data(as_text=True)
    second = client.get("/attempts?page=2").get_data(as_text=True)
    assert first.count("<tr>") - 1 == 20 and second.count("<tr>") - 1 == 5
    assert "第 1 页，共 2 页" in first and 'rel="next"' in first and 'rel="prev"' in second
    assert client.get("/attempts?page=3").status_code == 404


def test_progress_page_counts_answers_per_event(actions, client):
    actions.guest()
    attempt_id = actions.start("alipay-quick")
    item = item_at(attempt_id, 0)
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(item, right=False))
    assert db.session.scalar(select(func.count()).select_from(Progress)) == 1
    page = client.get("/progress").get_data(as_text=True)
    event = item.question.events[0]
    table = page.split('class="progress-table"', 1)[1]  # the strip comes first, then the table
    row = table.split(event.headline, 1)[1].split("</tr>", 1)[0]
    assert "<td>1</td>" in row and "<td>0 (0%)</td>" in row
