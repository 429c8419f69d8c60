"""The parts every page shares (the site menu, the brand, the skip link, the title's site name, the
stylesheet and script links) are rendered once per language, script root and kind of visitor and
kept: each visitor still sees their own, in their own language and under their own URL prefix,
whoever came before them."""
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


def frame(html: str) -> dict[str, str]:
    """The shared parts of a page, as a visitor sees them."""
    def first(pattern: str) -> str:
        return re.search(pattern, html).group(1)
    return {"title": first(r"<title>[^<]* · ([^<]+)</title>"), "skip": first(r'class="skip-link" href="#main">([^<]+)<'),
            "nav": first(r'<nav aria-label="([^"]+)"'), "brand": first(r'<a class="brand" href="([^"]+)">([^<]+)<'),
            "menu": first(r'class="menu-toggle"[^>]*>([^<]+)<'), "css": first(r'<link rel="stylesheet" href="([^"]+)"'),
            "js": first(r'<script src="([^"]+menu.js)"')}


def test_the_shared_parts_follow_each_visitors_language_and_the_sites_prefix(app):
    chinese, english = signed_in(app, "student", "xuesheng"), signed_in(app, None)
    english.post("/lang", {"lang": "en", "next": "/"})
    assert frame(chinese.client.get("/").get_data(as_text=True)) == {
        "title": "时间线测验", "skip": "跳到正文", "nav": "主导航", "brand": "/", "menu": "菜单",
        "css": "/static/css/app.css", "js": "/static/js/menu.js"}
    english_page = frame(english.client.get("/").get_data(as_text=True))
    assert [english_page[part] for part in ("title", "skip", "nav", "menu")] == ["Timeline Quiz", "Skip to content", "Main", "Menu"]
    # Mounted under a prefix (a proxy's SCRIPT_NAME), the same visitor's links carry it.
    prefixed = frame(chinese.client.get("/", base_url="http://localhost/quiz").get_data(as_text=True))
    assert (prefixed["css"], prefixed["js"], prefixed["brand"]) == ("/quiz/static/css/app.css", "/quiz/static/js/menu.js",
                                                                   "/quiz/")


def test_every_page_links_the_sites_own_icon_and_favicon_ico_is_served(client):
    """No 404 for the icon browsers ask for: pages link the vendored SVG; /favicon.ico answers too."""
    for path in ("/", "/leaderboard/", "/timeline/alipay", "/auth/login"):
        html = client.get(path).get_data(as_text=True)
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html, path
    svg = client.get("/static/favicon.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    ico = client.get("/favicon.ico")
    assert ico.status_code == 200 and ico.mimetype in ("image/vnd.microsoft.icon", "image/x-icon")
    assert ico.data[:4] == b"\x00\x00\x01\x00"  # an ICO file, not an error page
