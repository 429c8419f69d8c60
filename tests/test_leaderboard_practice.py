"""Practice sessions and daily challenges stay off the leaderboards; published quizzes count."""
from sqlalchemy import func, select

from helpers import answer_form, attempt, item_at
from quiz.extensions import db
from quiz.models import BoardTotal, Standing
from test_learning_practice import answer_all, practise


def board_rows() -> tuple[int, int]:
    """How many standing and total rows exist."""
    db.session.expire_all()
    return (db.session.scalar(select(func.count()).select_from(Standing)),
            db.session.scalar(select(func.count()).select_from(BoardTotal)))


def test_a_finished_practice_session_adds_no_standing(actions):
    actions.guest("练习")
    session_id = practise(actions)
    answer_all(actions, session_id)
    assert attempt(session_id).is_finished
    assert board_rows() == (0, 0)
    daily = actions.post("/practice/daily", token_from="/practice/")
    daily_id = int(daily.headers["Location"].rstrip("/").split("/")[-1])
    answer_all(actions, daily_id)
    assert attempt(daily_id).is_finished and board_rows() == (0, 0)
    quiz_id = actions.start("alipay-quick")
    for position in range(attempt(quiz_id).total):
        actions.post(f"/attempt/{quiz_id}/answer", answer_form(item_at(quiz_id, position)))
    assert board_rows() == (3, 3)  # one published quiz: all time, this week, this month
