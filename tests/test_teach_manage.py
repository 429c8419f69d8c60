"""Tidying up: remove a student, delete (softly), duplicate and (as an admin) edit a quiz, revoke an invite code."""
from pathlib import Path

from sqlalchemy import func, select

from helpers import Actions
from leaderboard_support import finish, player
from quiz.extensions import db
from quiz.models import Assignment, Attempt, ClassMember, Invite, Quiz
from quiz.services import classes, invites, quizbuilder, timeline_import
from quiz.services.selection import candidate_questions
from teach_helpers import PASSWORD, class_with, custom_question, form_as_sent, signed_in, teacher_quiz, user


def test_teacher_removes_a_student_who_keeps_their_attempts(app):
    teacher = signed_in(app, "teacher", "laoshi")
    quiz = teacher_quiz(user("laoshi"), [custom_question(user("laoshi")).id])
    classroom = class_with(user("laoshi"), quiz)
    student = player("小明")
    classes.join(classroom, student)
    finish(student, 1, 30, slug=quiz.slug, total=1)
    page = f"/teach/classes/{classroom.id}"
    response = teacher.post(f"{page}/students/{student.id}/remove", token_from=page)
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(ClassMember)) == 0
    assert db.session.scalar(select(func.count()).select_from(Attempt).where(Attempt.user_id == student.id)) == 1
    assert teacher.post(f"{page}/students/{student.id}/remove", token_from=page).status_code == 404
    other = signed_in(app, "teacher", "other")
    classes.join(classroom, student)
    assert other.post(f"{page}/students/{student.id}/remove", token_from="/teach/").status_code == 403
    assert db.session.get(ClassMember, (classroom.id, student.id)) is not None


def test_deleted_quiz_leaves_every_list_but_past_attempts_stay(app):
    teacher = signed_in(app, "teacher", "laoshi")
    quiz = teacher_quiz(user("laoshi"), [custom_question(user("laoshi")).id], title="要删除的测验")
    classroom = class_with(user("laoshi"), quiz)
    student = signed_in(app, "student", "xuesheng")
    classes.join(classroom, user("xuesheng"))
    attempt_id = student.start(quiz.slug)
    response = teacher.post(f"/teach/quizzes/{quiz.id}/delete", token_from=f"/teach/quizzes/{quiz.id}")
    assert response.status_code == 302 and response.headers["Location"] == "/teach/quizzes"
    assert "已删除" in teacher.client.get("/teach/quizzes").get_data(as_text=True)  # the flash, once
    assert "要删除的测验" not in teacher.client.get("/teach/quizzes").get_data(as_text=True)
    assert "要删除的测验" not in teacher.client.get("/teach/").get_data(as_text=True)
    assert teacher.client.get(f"/teach/quizzes/{quiz.id}").status_code == 404
    assert student.client.get(f"/quiz/{quiz.slug}").status_code == 404
    assert "要删除的测验" not in student.client.get("/").get_data(as_text=True)
    assert "要删除的测验" in student.client.get("/attempts").get_data(as_text=True)
    assert db.session.get(Attempt, attempt_id) is not None
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 0
    db.session.expire_all()
    stored = db.session.get(Quiz, quiz.id)
    assert stored.deleted_at is not None and not stored.published


def test_duplicate_copies_questions_and_settings_unpublished(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    ids = [custom_question(owner).id, custom_question(owner, "第二题").id]
    quiz = teacher_quiz(owner, ids, title="原版", time_limit=300, attempts_allowed=2, ranked_attempt="best",
                        reveal="after_each", board_signed_in_only=False)
    response = teacher.post(f"/teach/quizzes/{quiz.id}/duplicate", token_from=f"/teach/quizzes/{quiz.id}")
    copy_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    db.session.expire_all()
    copy = db.session.get(Quiz, copy_id)
    assert copy.id != quiz.id and copy.slug != quiz.slug and copy.title == "原版（副本）"
    assert [i.question_id for i in copy.items] == ids and copy.time_limit == 300
    settings = ("attempts_allowed", "ranked_attempt", "reveal", "board_signed_in_only")
    assert [getattr(copy, name) for name in settings] == [2, "best", "after_each", False]
    assert not copy.published and copy.owner_id == owner.id
    other = signed_in(app, "teacher", "other")
    assert other.post(f"/teach/quizzes/{quiz.id}/duplicate", token_from="/teach/").status_code == 403


def test_admin_edits_a_teachers_quiz_and_keeps_its_questions_and_rule(app):
    signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    ids = [custom_question(owner, "老师的第一题").id, custom_question(owner, "老师的第二题").id]
    picked = teacher_quiz(owner, ids, title="老师挑的题")
    custom_question(owner, "老师的填空题", kind="fill_in")
    ruled = quizbuilder.save_quiz(None, quizbuilder.QuizSpec(title="老师的规则", description="", timeline_id=1,
                                                             rule={"kinds": ["fill_in"], "count": 5}), owner)
    admin = signed_in(app, "admin", "boss")
    for quiz in (picked, ruled):
        edit = f"/teach/quizzes/{quiz.id}/edit"
        sent = form_as_sent(admin.client.get(edit).get_data(as_text=True))
        response = admin.client.post(edit, data={**sent, "title": "管理员改了标题"})  # the picker untouched
        assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert [i.question_id for i in db.session.get(Quiz, picked.id).items] == ids
    assert db.session.get(Quiz, ruled.id).rule == {"kinds": ["fill_in"], "count": 5}
    assert db.session.get(Quiz, ruled.id).title == "管理员改了标题"
    # the owner's questions are offered to the admin too: ticking them turns the rule quiz into a picked one
    assert admin.client.post(edit, data={**sent, "picked": [str(i) for i in ids]}).status_code == 302
    db.session.expire_all()
    assert [i.question_id for i in db.session.get(Quiz, ruled.id).items] == ids


def test_admin_duplicates_a_teachers_quiz_for_that_teacher(app):
    signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    ids = [custom_question(owner, "老师的第一题").id, custom_question(owner, "老师的第二题").id]
    quiz = teacher_quiz(owner, ids, title="原版")
    admin = signed_in(app, "admin", "boss")
    response = admin.post(f"/teach/quizzes/{quiz.id}/duplicate", token_from=f"/teach/quizzes/{quiz.id}")
    copy_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    db.session.expire_all()
    assert db.session.get(Quiz, copy_id).owner_id == owner.id  # the copy may use the teacher's questions
    edit = f"/teach/quizzes/{copy_id}/edit"
    assert admin.client.post(edit, data=form_as_sent(admin.client.get(edit).get_data(as_text=True))).status_code == 302
    db.session.expire_all()
    assert [i.question_id for i in db.session.get(Quiz, copy_id).items] == ids


def test_revoked_invite_makes_no_more_teachers(app):
    admin_user = invites.create_admin("boss", PASSWORD)
    invite = invites.create_invite(admin_user, 5, 7)
    admin = Actions(app.test_client())
    admin.login("boss", PASSWORD)
    response = admin.post(f"/admin/invites/{invite.id}/revoke", token_from="/admin/invites")
    assert response.status_code == 302
    page = admin.client.get("/admin/invites").get_data(as_text=True)
    assert "已作废" in page or "不再有效" in page
    newcomer = Actions(app.test_client())
    refused = newcomer.post("/auth/teacher-signup", {"invite_code": invite.code, "username": "late",
                                                     "nickname": "late", "password": PASSWORD, "confirm": PASSWORD},
                            token_from="/auth/teacher-signup")
    assert refused.status_code == 400 and user("late") is None
    other_admin = invites.create_admin("boss2", PASSWORD)
    theirs = invites.create_invite(other_admin, 1, 7)
    assert admin.post(f"/admin/invites/{theirs.id}/revoke", token_from="/admin/invites").status_code == 404
    db.session.expire_all()
    assert db.session.get(Invite, theirs.id).usable(theirs.created_at)


def test_the_teachers_quiz_page_shows_the_rules_students_read_before_start(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    quiz = teacher_quiz(owner, [custom_question(owner).id], attempts_allowed=2, reveal="after_each",
                        ranked_attempt="best", time_limit=600)
    page = teacher.client.get(f"/teach/quizzes/{quiz.id}").get_data(as_text=True)
    for rule in ("允许 2 次", "每题答完后", "学生的每次作答都参与排名，取其最好的一次。", "10 分钟"):
        assert rule in page, rule
    assert "你的" not in page.split('id="quiz-settings"')[1].split("</dl>")[0]  # written for the teacher, not to a player


def test_a_rule_quiz_takes_bc_years_with_a_minus_sign(app):
    """Rules count years astronomically (221 BC is -220); teachers type -221, and see it again when editing."""
    text = (Path(__file__).resolve().parent / "generator" / "corpus" / "zh_hans_history.md").read_text(encoding="utf-8")
    history = timeline_import.store("history", "中国历史", text)
    teacher = signed_in(app, "teacher", "laoshi")
    new = f"/teach/quizzes/new?timeline={history.id}"
    form = {"title": "秦汉之际", "count": "10", "published": "y", "year_from": "-221", "year_to": "-202"}
    refused = teacher.post(new, {**form, "year_to": "0"}, token_from=new)
    assert refused.status_code == 400 and "没有公元0年" in refused.get_data(as_text=True)
    assert teacher.post(new, form, token_from=new).status_code == 302
    quiz = db.session.scalar(select(Quiz).where(Quiz.title == "秦汉之际"))
    assert (quiz.rule["year_from"], quiz.rule["year_to"]) == (-220, -201)
    asked = {e.date_label for q in candidate_questions(quiz) for e in q.events}
    assert asked == {"公元前221年", "公元前202年"}  # 秦 and 西汉, nothing before or after
    page = teacher.client.get(f"/teach/quizzes/{quiz.id}/edit").get_data(as_text=True)
    assert 'value="-221"' in page and 'value="-202"' in page
