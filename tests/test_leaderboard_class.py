"""Class leaderboards: only the class's students, seen only by them and their teacher."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from leaderboard_support import finish, player, ranks
from quiz.extensions import db
from quiz.models import Classroom, Quiz
from quiz.services import classes
from teach_helpers import class_with, signed_in, teacher_quiz, user


@pytest.fixture
def school(app):
    """A teacher's class of three players (one hidden from public boards) and one outsider, all finished."""
    teacher = signed_in(app, "teacher", "teacher1")
    classroom = class_with(user("teacher1"))
    classes.assign(classroom, db.session.scalar(select(Quiz).where(Quiz.slug == "alipay-quick")), None)
    member = signed_in(app, "student", "member1")
    for name, hidden in (("甲", False), ("乙", True), ("丙", False)):
        classes.join(classroom, player(name, hidden=hidden))
    classes.join(classroom, user("member1"))
    finish(player("外人"), 10, 30)
    for name, score, minutes_ago in (("甲", 8, 30), ("乙", 9, 20), ("丙", 8, 10)):  # 甲 and 丙 tie
        finish(user(f"login-{name}"), score, 60, ago=timedelta(minutes=minutes_ago))
    return {"id": classroom.id, "teacher": teacher, "member": member}


def test_only_members_and_their_teacher_see_a_class_board(app, school):
    board = f"/leaderboard/class/{school['id']}"
    for viewer in (school["teacher"], school["member"]):
        assert viewer.client.get(board).status_code == 200
        assert viewer.client.get(board + "/quiz/alipay-quick").status_code == 200
    outsider, other_teacher = signed_in(app, "student", "outsider1"), signed_in(app, "teacher", "teacher2")
    for viewer in (outsider, other_teacher):
        assert viewer.client.get(board).status_code == 404
        assert viewer.client.get(board + "/quiz/alipay-quick").status_code == 404
    assert outsider.client.get("/leaderboard/class/99999999999").status_code == 404
    assert school["member"].client.get(board + "?period=year").status_code == 400
    anonymous = app.test_client().get(board)
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]


def test_class_board_ranks_only_its_students_and_shows_hidden_ones_to_the_teacher(school):
    board = f"/leaderboard/class/{school['id']}/quiz/alipay-quick"
    assert ranks(school["teacher"].client.get(board).get_data(as_text=True)) == [(1, "乙"), (2, "甲"), (2, "丙")]
    assert ranks(school["member"].client.get(board).get_data(as_text=True)) == [(1, "甲"), (1, "丙")]
    overall = f"/leaderboard/class/{school['id']}"
    assert [n for _r, n in ranks(school["teacher"].client.get(overall).get_data(as_text=True))] == ["乙", "甲", "丙"]


def test_class_boards_are_linked_from_the_class_page_and_the_assignments(school):
    quiz = teacher_quiz(user("teacher1"), [1])
    classes.assign(db.session.get(Classroom, school["id"]), quiz, None)
    page = school["teacher"].client.get(f"/teach/classes/{school['id']}").get_data(as_text=True)
    assert f'href="/leaderboard/class/{school["id"]}"' in page
    assert f'/leaderboard/class/{school["id"]}/quiz/{quiz.slug}' in page
    home = school["member"].client.get("/").get_data(as_text=True)
    assert f'/leaderboard/class/{school["id"]}/quiz/{quiz.slug}' in home


def test_class_overall_board_counts_only_the_class_assigned_quizzes(school):
    ann = user("login-甲")
    finish(ann, 10, 10, slug="alipay-all", total=10)  # a public quiz, not assigned to the class
    overall = f"/leaderboard/class/{school['id']}"
    assert [n for _r, n in ranks(school["teacher"].client.get(overall).get_data(as_text=True))] == ["乙", "甲", "丙"]
    assert [n for _r, n in ranks(school["teacher"].client.get("/leaderboard/").get_data(as_text=True))][0] == "甲"
