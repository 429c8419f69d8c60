"""The site menu is rendered once per language and kind of visitor and kept: each visitor still sees
their own menu, in their own language, whoever came before them."""
import re

from quiz.extensions import db
from teach_helpers import signed_in, user


def menu(actions, path: str = "/") -> list[str]:
    """The menu's link texts on a page, as the visitor sees them."""
    html = actions.client.get(path).get_data(as_text=True)
    links = html[html.index('<ul class="nav-links">'):html.index("</ul>", html.index('<ul class="nav-links">'))]
    return re.findall(r">([^<]+)</a>", links)


def test_each_kind_of_visitor_sees_their_own_menu_whoever_came_first(app):
    teacher, admin = signed_in(app, "teacher", "laoshi"), signed_in(app, "admin", "guanli")
    student, visitor = signed_in(app, "student", "xuesheng"), signed_in(app, None)
    everyone = ["测验", "排行榜", "加入现场游戏"]
    signed = [*everyone, "我的作答", "我的进度", "练习"]
    # The teacher's menu is made first; the student, the visitor and the admin must not get it.
    assert menu(teacher) == [*signed, "教学"]
    assert menu(student) == signed
    assert menu(visitor) == everyone
    assert menu(admin) == [*signed, "教学", "管理"]
    assert menu(teacher, "/leaderboard/") == [*signed, "教学"]  # the same on any page

    # A visitor who switches to English gets the English menu; the others keep Chinese.
    student.post("/lang", {"lang": "en", "next": "/"})
    assert menu(student) == ["Quizzes", "Leaderboards", "Join a live game", "My attempts", "My progress", "Practice"]
    assert menu(teacher) == [*signed, "教学"]


def test_a_changed_role_changes_the_menu_at_once(app):
    actions = signed_in(app, "student", "xuesheng")
    assert "教学" not in menu(actions)
    user("xuesheng").role = "teacher"
    db.session.commit()
    assert "教学" in menu(actions)
