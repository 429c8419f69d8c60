"""The teacher's home: header links, where a teacher lands, and the dashboard of classes and results."""
import re
from datetime import timedelta

from sqlalchemy import select

from leaderboard_support import finish, player
from quiz.extensions import db
from quiz.models import Attempt, Question, now_utc
from quiz.services import classes
from teach_helpers import PASSWORD, class_with, custom_question, signed_in, teacher_quiz, user


def test_header_links_to_teaching_for_teachers_and_admin_for_admins(app):
    student, teacher, admin = signed_in(app, "student"), signed_in(app, "teacher"), signed_in(app, "admin")
    student_page = student.client.get("/").get_data(as_text=True)
    assert 'href="/teach/"' not in student_page and 'href="/admin/invites"' not in student_page
    teacher_page = teacher.client.get("/").get_data(as_text=True)
    assert re.search(r'<a href="/teach/">教学</a>', teacher_page) and 'href="/admin/invites"' not in teacher_page
    admin_page = admin.client.get("/").get_data(as_text=True)
    assert 'href="/teach/"' in admin_page and re.search(r'<a href="/admin/invites">管理</a>', admin_page)


def test_teacher_lands_on_teaching_after_sign_in_and_a_student_on_quizzes(app):
    signed_in(app, "teacher", "laoshi").logout()
    signed_in(app, "student", "xuesheng").logout()
    teacher, student = signed_in(app, None), signed_in(app, None)
    assert teacher.login("laoshi", PASSWORD).headers["Location"] == "/teach/"
    assert student.login("xuesheng", PASSWORD).headers["Location"] == "/"
    again = signed_in(app, None)
    again.client.get("/auth/login?next=/leaderboard/")
    response = again.post("/auth/login?next=/leaderboard/", {"username": "laoshi", "password": PASSWORD},
                          token_from="/auth/login")
    assert response.headers["Location"] == "/leaderboard/"


def test_dashboard_counts_done_not_done_average_and_overdue_per_assignment(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    quiz = teacher_quiz(owner, [custom_question(owner).id], title="成立之年")
    late = teacher_quiz(owner, [custom_question(owner, "第二题").id], title="迟交作业")
    classroom = class_with(owner, quiz)
    classes.assign(classroom, late, now_utc() + timedelta(hours=8) - timedelta(days=3))  # past in any zone
    ann, bob, cid = player("安"), player("波"), player("成")
    outsider = player("外人")
    for member in (ann, bob, cid):
        classes.join(classroom, member)
    finish(ann, 1, 30, slug=quiz.slug, total=1)
    finish(ann, 0, 20, slug=quiz.slug, total=1)      # a worse second try: the best counts
    finish(bob, 0, 40, slug=quiz.slug, total=1)
    finish(outsider, 1, 10, slug=quiz.slug, total=1)  # not in the class: not counted
    db.session.add(Attempt(user_id=cid.id, quiz_id=quiz.id, number=1, total=1))  # started, not finished
    db.session.commit()

    html = teacher.client.get("/teach/").get_data(as_text=True)
    rows = {title: re.sub(r"<[^>]+>|\s+", " ", row) for title, row in
            re.findall(r'<tr[^>]*>\s*<th scope="row"><a [^>]+>([^<]+)</a></th>(.*?)</tr>', html, re.S)}
    assert rows["成立之年"].split() == ["—", "2", "1", "50%"]
    assert rows["迟交作业"].split()[2:] == ["逾期", "0", "3", "—"]
    assert "3 名学生" in html


def test_dashboard_lists_recent_results_of_own_quizzes_only(app):
    teacher = signed_in(app, "teacher", "laoshi")
    signed_in(app, "teacher", "other")
    mine = teacher_quiz(user("laoshi"), [custom_question(user("laoshi")).id], title="我的测验")
    theirs = teacher_quiz(user("other"), [custom_question(user("other")).id], title="别人的测验")
    finish(player("小明"), 1, 30, slug=mine.slug, total=1)
    finish(player("小红"), 1, 30, slug=theirs.slug, total=1)
    finish(user("laoshi"), 0, 20, slug=mine.slug, total=1)  # the teacher trying their own quiz out
    html = teacher.client.get("/teach/").get_data(as_text=True)
    recent = html[html.index('id="recent-heading"'):]
    assert "小明" in recent and "1 / 1" in recent
    assert "小红" not in recent and "别人的测验" not in recent
    assert "0 / 1" not in recent


def test_student_sees_status_best_score_and_deadline_of_each_assignment(app):
    signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    done = teacher_quiz(owner, [custom_question(owner).id], title="做完了")
    started = teacher_quiz(owner, [custom_question(owner, "第二题").id], title="做了一半")
    late = teacher_quiz(owner, [custom_question(owner, "第三题").id], title="过期了")
    todo = teacher_quiz(owner, [custom_question(owner, "第四题").id], title="还没做")
    classroom = class_with(owner, done)
    classes.assign(classroom, started, None)
    classes.assign(classroom, late, now_utc() + timedelta(hours=8) - timedelta(days=2))
    classes.assign(classroom, todo, now_utc() + timedelta(days=3))
    student = signed_in(app, "student", "xuesheng")
    classes.join(classroom, user("xuesheng"))
    finish(user("xuesheng"), 0, 30, slug=done.slug, total=1)
    finish(user("xuesheng"), 1, 50, slug=done.slug, total=1)
    student.start(started.slug)
    html = student.client.get("/").get_data(as_text=True)
    items = {title: re.sub(r"<[^>]+>|\s+", " ", rest) for title, rest in
             re.findall(r'<li class="status-\w+">\s*<a [^>]+>([^<]+)</a>(.*?)</li>', html, re.S)}
    assert "已完成" in items["做完了"] and "最好成绩：1 / 1" in items["做完了"]
    assert "进行中" in items["做了一半"] and "继续" in items["做了一半"]
    assert "已逾期" in items["过期了"]
    assert "待完成" in items["还没做"] and "截止" in items["还没做"]


def test_question_bank_searches_the_words_of_questions_literally(app):
    teacher = signed_in(app, "teacher", "laoshi")
    custom_question(user("laoshi"), "余额宝上线于哪一年？")
    custom_question(user("laoshi"), "100%_确定的题目")
    found = teacher.client.get("/teach/questions?text=余额宝&show=all").get_data(as_text=True)
    assert "余额宝上线于哪一年？" in found and "100%_确定的题目" not in found
    literal = teacher.client.get("/teach/questions?text=%25_&show=all").get_data(as_text=True)
    assert "100%_确定的题目" in literal and "余额宝上线于哪一年？" not in literal
    assert teacher.client.get("/teach/questions?text=" + "长" * 101).status_code == 400


def test_bank_hides_and_restores_ticked_questions_the_teacher_may_change(app):
    teacher = signed_in(app, "teacher", "laoshi")
    signed_in(app, "teacher", "other")
    mine, theirs = custom_question(user("laoshi")), custom_question(user("other"), "别人的题")
    generated = db.session.scalar(select(Question).where(Question.origin == "generated").order_by(Question.id))
    ids = [str(mine.id), str(theirs.id), str(generated.id)]
    response = teacher.post("/teach/questions/bulk/hide", {"ids": ids, "next": "/teach/questions"},
                            token_from="/teach/questions")
    assert response.status_code == 302 and response.headers["Location"] == "/teach/questions"
    db.session.expire_all()
    # Another teacher's question and the public site's generated one (curated by admins) stay as they were.
    assert [db.session.get(Question, int(i)).hidden for i in ids] == [True, False, False]
    assert "已隐藏 1 道题。" in teacher.client.get("/teach/questions").get_data(as_text=True)
    teacher.post("/teach/questions/bulk/restore", {"ids": ids}, token_from="/teach/questions")
    db.session.expire_all()
    assert not any(db.session.get(Question, int(i)).hidden for i in ids)
    assert teacher.client.post("/teach/questions/bulk/hide", data={"ids": ids}).status_code == 400  # no token
