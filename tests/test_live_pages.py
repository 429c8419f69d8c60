"""Live games over HTTP: who may host, joining with a PIN and a nickname, PIN guessing throttled."""
import uuid

import pytest
from sqlalchemy import func, select

from helpers import Actions, fixed_quiz
from live_support import host_game, host_socket, join, player, send
from quiz.extensions import db
from quiz.models import LiveGame, LivePlayer
from security_support import extra_app
from teach_helpers import PASSWORD, signed_in


@pytest.mark.parametrize("role, status", [(None, 302), ("guest", 403), ("student", 403)])
def test_only_teachers_start_a_live_game(app, role, status):
    """Anonymous visitors go to sign-in, students and guests are refused; no game is made."""
    quiz = fixed_quiz("live-quiz", ["date_month"])
    actions = signed_in(app, role)
    response = actions.post(f"/live/host/quiz/{quiz.id}", {"seconds": "20"})
    assert response.status_code == status
    assert db.session.scalar(select(func.count()).select_from(LiveGame)) == 0


def test_a_teacher_starts_a_game_from_the_quiz_page(app):
    """The quiz page offers teachers the button; the game opens in its lobby with a six-digit PIN."""
    teacher, live = host_game(app, seconds=30)
    page = teacher.client.get("/quiz/live-quiz").get_data(as_text=True)
    assert f'action="/live/host/quiz/{live.quiz_id}"' in page
    assert live.phase == "lobby" and len(live.pin) == 6 and live.pin.isdigit()
    assert live.seconds == 30 and live.total == 3


def test_a_quiz_of_typed_questions_only_cannot_be_played_live(app):
    """Typed answers do not fit phone buttons: the host is told, no game is made."""
    from quiz.models import Question, Quiz, QuizQuestion

    teacher = signed_in(app, "teacher")
    typed = Question(kind="fill_in", prompt="支付宝哪一年成立？", choices=[], answer=["2004"], timeline_id=1)
    quiz = Quiz(slug="typed-only", title="Typed", shuffle=False)
    quiz.items.append(QuizQuestion(question=typed, position=0))
    db.session.add(quiz)
    db.session.commit()
    response = teacher.post(f"/live/host/quiz/{quiz.id}", {"seconds": ""}, follow_redirects=True)
    assert "没有可在现场游戏中提问的题目" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(LiveGame)) == 0


def test_seconds_out_of_range_are_refused(app):
    """A per-question time outside 5..240 s is a 400, not a game."""
    teacher = signed_in(app, "teacher")
    quiz = fixed_quiz("live-quiz", ["date_month"])
    assert teacher.post(f"/live/host/quiz/{quiz.id}", {"seconds": "3"}).status_code == 400


def test_another_teacher_cannot_open_my_projector(app):
    """The projector page is the host's own: another teacher gets 404."""
    _teacher, live = host_game(app)
    other = signed_in(app, "teacher", "teacher-two")
    assert other.client.get(f"/live/host/{live.id}").status_code == 404


def test_joining_with_a_wrong_pin_says_so(app):
    """No game with that PIN: 404 with the message next to the field; nothing stored."""
    phone = Actions(app.test_client())
    response = phone.post("/live/join", {"pin": "000000", "nickname": "小明"}, token_from="/live/join")
    assert response.status_code == 404 and "没有使用这个 PIN 的游戏" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(LivePlayer)) == 0


@pytest.mark.parametrize("pin", ["12345", "abcdef", "1234567", ""])
def test_a_malformed_pin_is_a_400(app, pin):
    phone = Actions(app.test_client())
    assert phone.post("/live/join", {"pin": pin, "nickname": "小明"}, token_from="/live/join").status_code == 400


def test_look_alike_nicknames_are_one_nickname(app):
    """Full-width, upper-case and spaced forms of a taken nickname are refused with 409."""
    _teacher, live = host_game(app)
    join(app, live.pin, "Alice")
    for twin in ("ＡＬＩＣＥ", "a lice", "alice"):
        phone = Actions(app.test_client())
        response = phone.post("/live/join", {"pin": live.pin, "nickname": twin}, token_from="/live/join")
        assert response.status_code == 409
    assert player("Alice") is not None
    assert db.session.scalar(select(func.count()).select_from(LivePlayer)) == 1


def test_the_play_page_needs_a_join_first(app):
    """Without a rejoin token for the game the phone is sent to the join form."""
    _teacher, live = host_game(app)
    response = app.test_client().get(f"/live/play/{live.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/live/join")


def test_the_join_link_fills_in_the_pin(app):
    """The QR code's link opens the join form with the PIN already typed."""
    page = app.test_client().get("/live/join?pin=123456").get_data(as_text=True)
    assert 'value="123456"' in page


def test_pin_guessing_is_throttled_but_real_joins_do_not_count(app):
    """Wrong PINs count towards the address's limit (3 here); successful joins do not."""
    _teacher, live = host_game(app)
    with extra_app(app, RATELIMIT_ENABLED=True, LIVE_PIN_RATE_LIMIT="3 per minute",
                   RATELIMIT_KEY_PREFIX=uuid.uuid4().hex) as throttled:
        def attempt(pin: str, nickname: str) -> int:
            phone = Actions(throttled.test_client())
            return phone.post("/live/join", {"pin": pin, "nickname": nickname}, token_from="/live/join").status_code

        codes = [attempt("000001", "a"), attempt("000002", "b")]
        codes += [attempt(live.pin, f"player{i}") for i in range(5)]
        codes += [attempt("000003", "c"), attempt("000004", "d"), attempt(live.pin, "too-late")]
    assert codes == [404, 404] + [302] * 5 + [404, 429, 429]


def remove(app, teacher: Actions, live, nickname: str) -> None:
    """The host removes a player from the projector (its Socket.IO event)."""
    with extra_app(app) as sockets_app:
        assert send(host_socket(sockets_app, teacher, live.id), "remove", {"player": player(nickname).id})["ok"]


def join_status(phone: Actions, pin: str, nickname: str) -> int:
    """The status of a join form sent from this browser."""
    return phone.post("/live/join", {"pin": pin, "nickname": nickname}, token_from="/live/join").status_code


def test_a_removed_player_cannot_come_back_under_a_new_nickname(app):
    """The same browser is refused (403, with the reason), even with its session cookie gone: its device mark
    stays; another phone still joins."""
    teacher, live = host_game(app)
    phone = join(app, live.pin, "捣蛋鬼")
    remove(app, teacher, live, "捣蛋鬼")
    response = phone.post("/live/join", {"pin": live.pin, "nickname": "好学生"}, token_from="/live/join")
    assert response.status_code == 403 and "主持人已将你移出本游戏" in response.get_data(as_text=True)
    phone.client.delete_cookie("session")
    assert join_status(phone, live.pin, "好学生二号") == 403
    assert join_status(Actions(app.test_client()), live.pin, "小红") == 302
    assert db.session.scalar(select(func.count()).select_from(LivePlayer)) == 2


def test_a_removed_player_without_a_device_mark_is_known_by_the_token_in_their_session(app):
    """A browser that drops the device cookie but keeps its session is still the removed player."""
    teacher, live = host_game(app)
    phone = join(app, live.pin, "捣蛋鬼")
    remove(app, teacher, live, "捣蛋鬼")
    phone.client.delete_cookie("live_device")
    assert join_status(phone, live.pin, "好学生") == 403


def test_a_removed_signed_in_player_cannot_rejoin(app):
    """A signed-in student is their account: removed, they stay out under any nickname and any browser."""
    teacher, live = host_game(app)
    student = signed_in(app, "student")
    assert join_status(student, live.pin, "学生一") == 302
    remove(app, teacher, live, "学生一")
    elsewhere = Actions(app.test_client())
    elsewhere.login("student-user", PASSWORD)
    assert join_status(elsewhere, live.pin, "新名字") == 403
