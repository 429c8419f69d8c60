"""Every time a page shows or a teacher types is in the site's zone (DAILY_TIMEZONE, Asia/Shanghai by
default), written one way; the database keeps UTC and <time datetime> stays UTC ISO."""
from datetime import datetime

from sqlalchemy import select

from leaderboard_support import finish, player
from quiz.extensions import db
from quiz.models import Invite, Quiz
from teach_helpers import class_with, custom_question, signed_in, teacher_quiz, user

FINISHED = datetime(2026, 3, 2, 6, 30)  # UTC: 14:30 in Shanghai


def test_finish_times_and_invite_expiry_are_shown_in_shanghai_time(app):
    teacher = signed_in(app, "teacher", "laoshi")
    quiz = teacher_quiz(user("laoshi"), [custom_question(user("laoshi")).id], title="课堂小测")
    finish(player("小明"), 1, 30, slug=quiz.slug, total=1, at=FINISHED)
    finish(player("小红"), 5, 30, at=FINISHED)  # the bundled quick quiz's public board
    home = teacher.client.get("/teach/").get_data(as_text=True)
    recent = home[home.index('id="recent-heading"'):]
    assert '<time datetime="2026-03-02T06:30:00Z">2026-03-02 14:30</time>' in recent and "UTC" not in recent
    board = teacher.client.get("/leaderboard/quiz/alipay-quick").get_data(as_text=True)
    assert '<time datetime="2026-03-02T06:30:00Z">2026-03-02 14:30</time>' in board
    admin = signed_in(app, "admin", "boss")
    db.session.add(Invite(code="SHANGHAI01", created_by_id=user("boss").id, max_uses=1,
                          expires_at=datetime(2099, 1, 1, 16, 0)))
    db.session.commit()
    invites = admin.client.get("/admin/invites").get_data(as_text=True)
    assert "2099-01-02 00:00" in invites and "2099-01-01 16:00" not in invites


def test_reveal_time_is_typed_and_shown_in_shanghai_time_and_stored_in_utc(app):
    teacher = signed_in(app, "teacher", "laoshi")
    question = custom_question(user("laoshi"))
    new = "/teach/quizzes/new?timeline=1"
    assert "公布时间（北京时间" in teacher.client.get(new).get_data(as_text=True)
    form = {"title": "期末考试", "picked": str(question.id), "count": "10", "published": "y",
            "reveal": "after_date", "reveal_at": "2027-01-10T09:30", "board_signed_in_only": "y"}
    assert teacher.post(new, form, token_from=new).status_code == 302
    quiz = db.session.scalar(select(Quiz).where(Quiz.title == "期末考试"))
    assert quiz.reveal_at == datetime(2027, 1, 10, 1, 30)
    assert 'value="2027-01-10T09:30"' in teacher.client.get(f"/teach/quizzes/{quiz.id}/edit").get_data(as_text=True)
    page = signed_in(app, "student", "xuesheng").client.get(f"/quiz/{quiz.slug}").get_data(as_text=True)
    assert "2027-01-10 09:30 起" in page and "UTC" not in page


def test_the_deadline_field_names_the_zone_it_is_typed_in(app):
    teacher = signed_in(app, "teacher", "laoshi")
    classroom = class_with(user("laoshi"), teacher_quiz(user("laoshi"), [custom_question(user("laoshi")).id]))
    page = teacher.client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert "截止时间（可选，北京时间）" in page
