"""Live games over Socket.IO (Flask-SocketIO's test client): join, answer, score, late join, rejoin,
host reload, remove, double answer and answers after the countdown. The clock is moved with time-machine."""
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import func, select

from live_support import (game, host_game, host_socket, join, player, player_socket, question, received,
                          right_choice, send, synced, wrong_choice)
from quiz.extensions import db
from quiz.live import timers
from helpers import answer_form, attempt, item_at
from quiz.models import Answer, Attempt, LiveAnswer, Progress, Quiz, ReviewCard, Standing
from security_support import extra_app
from teach_helpers import signed_in, user

# Ahead of the real clock: signed cookies made before the travel must not look as if from the future.
START = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(hours=1)


@pytest.fixture
def sockets_app(app):
    """An app like the test app whose Socket.IO server the test clients may rewire for themselves
    (Flask-SocketIO's test client keeps that server's packets), leaving the served test app's alone."""
    with extra_app(app) as fresh:
        # Timers and delayed tallies are recorded, not run: a real one would outlive its test (a timer
        # polls until its deadline on the test's moved clock) and could close a later test's game.
        # Tests of those tasks take them from `fresh.background_tasks` and run them on their own clock.
        fresh.background_tasks = []  # type: ignore[attr-defined]
        fresh.extensions["socketio"].start_background_task = (
            lambda task, *args: fresh.background_tasks.append((task, args)))  # type: ignore[attr-defined]
        yield fresh


@pytest.fixture
def table(app, sockets_app):
    """A hosted game with two players in the lobby, the projector and both phones connected."""
    teacher, live = host_game(app)
    phones = {name: join(sockets_app, live.pin, name) for name in ("小明", "小红")}
    host = host_socket(sockets_app, teacher, live.id)
    sockets = {name: player_socket(sockets_app, phone, live.id) for name, phone in phones.items()}
    return {"teacher": teacher, "game": live, "host": host, "phones": phones, "sockets": sockets,
            "app": sockets_app}


def test_players_join_the_lobby_and_the_projector_lists_them(app, table):
    """Each join reaches the projector's lobby; each phone is told it is in the lobby under its nickname."""
    teacher, live = table["teacher"], table["game"]
    host = table["host"]
    received(host, "players")
    join(table["app"], live.pin, "小刚")
    names = [p["nickname"] for p in received(host, "players")[-1]["players"]]
    assert names == ["小明", "小红", "小刚"]
    state = synced(table["sockets"]["小明"])
    assert state["phase"] == "lobby" and state["nickname"] == "小明" and state["score"] == 0
    page = teacher.client.get(f"/live/host/{live.id}").get_data(as_text=True)
    assert live.pin in page and f"/live/join?pin={live.pin}" in page
    qr = teacher.client.get(f"/live/host/{live.id}/qr.svg")
    assert qr.mimetype == "image/svg+xml" and qr.data.startswith(b"<?xml") and b"<svg" in qr.data


def test_a_right_answer_earns_points_by_speed_and_the_projector_counts_it(app, table):
    """Answering right 5 s into a 20 s question earns round(1000 × (1 − 5/40)) = 875; the tally counts it."""
    host, ming = table["host"], table["sockets"]["小明"]
    with time_machine.travel(START, tick=False) as clock:
        assert send(host, "next") == {"ok": True}
        shown = received(ming, "phase")[-1]
        assert shown["question"]["choices"] and "prompt" not in shown["question"]  # phones see only options
        clock.shift(5)
        first = question(table["game"].id, 0)
        assert send(ming, "answer", {"position": 0, "choice": right_choice(first)}) == {"ok": True, "position": 0}
        assert received(host, "tally")[-1] == {"position": 0, "answered": 1, "expected": 2}
        assert send(host, "reveal") == {"ok": True}
    told = received(ming, "phase")[-1]  # each phone is told its own line, and only its own
    assert told == {"phase": "reveal", "position": 0, "total": 3,
                    "me": {"rank": 1, "score": 875, "streak": 1, "points": 875, "fraction": 1.0}}
    assert received(table["sockets"]["小红"], "phase")[-1]["me"]["points"] == 0
    stage = received(host, "stage")[-1]["html"]
    assert "小明" in stage and "875" in stage  # top five on the projector


def test_a_second_right_answer_in_a_row_earns_the_streak_bonus(app, table):
    """Two right answers in a row: the second earns 100 on top of its speed points."""
    host, ming = table["host"], table["sockets"]["小明"]
    live = table["game"]
    with time_machine.travel(START, tick=False) as clock:
        for position in (0, 1):
            send(host, "next")
            clock.shift(10)
            assert send(ming, "answer", {"position": position, "choice": right_choice(question(live.id, position))})["ok"]
            send(host, "reveal")
    points = db.session.scalars(select(LiveAnswer.points).order_by(LiveAnswer.position)).all()
    assert points == [750, 750 + 100]
    assert player("小明").score == 1600 and player("小明").streak == 2


def test_a_second_answer_to_one_question_is_refused_and_the_first_stands(app, table):
    """One answer per player per question: the database holds one row, the score counts it once."""
    host, ming = table["host"], table["sockets"]["小明"]
    send(host, "next")
    first = question(table["game"].id, 0)
    assert send(ming, "answer", {"position": 0, "choice": wrong_choice(first)})["ok"]
    again = send(ming, "answer", {"position": 0, "choice": right_choice(first)})
    assert again["ok"] is False and "already" in again["error"].lower() or "已经" in again["error"]
    rows = db.session.scalars(select(LiveAnswer).where(LiveAnswer.player_id == player("小明").id)).all()
    assert len(rows) == 1 and rows[0].fraction == 0 and player("小明").score == 0


def test_an_answer_after_the_countdown_and_grace_is_refused(app, table):
    """The server's clock decides: 20 s plus the 1 s grace have passed, so the answer is not stored."""
    host, ming = table["host"], table["sockets"]["小明"]
    with time_machine.travel(START, tick=False) as clock:
        send(host, "next")
        clock.shift(21.5)
        late = send(ming, "answer", {"position": 0, "choice": right_choice(question(table["game"].id, 0))})
    assert late["ok"] is False
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 0


def test_an_answer_within_the_grace_counts_with_half_points(app, table):
    """At 20.5 s (inside the grace) a right answer still counts, at the slowest rate: 500."""
    host, ming = table["host"], table["sockets"]["小明"]
    with time_machine.travel(START, tick=False) as clock:
        send(host, "next")
        clock.shift(20.5)
        assert send(ming, "answer", {"position": 0, "choice": right_choice(question(table["game"].id, 0))})["ok"]
    assert player("小明").score == 500


def test_a_late_joiner_comes_in_at_the_next_question(app, table):
    """Joining while a question is open: that question is not theirs, the next one is."""
    host = table["host"]
    live = table["game"]
    send(host, "next")
    phone = join(table["app"], live.pin, "小刚")
    late = player_socket(table["app"], phone, live.id)
    state = synced(late)
    assert state["phase"] == "question" and state["waiting"] and "question" not in state
    assert send(late, "answer", {"position": 0, "choice": right_choice(question(live.id, 0))})["ok"] is False
    assert received(host, "tally") == [] or received(host, "tally")[-1]["expected"] == 2
    send(host, "reveal")
    send(host, "next")
    assert send(late, "answer", {"position": 1, "choice": right_choice(question(live.id, 1))})["ok"]
    assert received(host, "tally")[-1] == {"position": 1, "answered": 1, "expected": 3}


def test_a_phone_that_reconnects_keeps_its_nickname_and_score(app, table):
    """After a disconnect (sleep, reload) the same token rejoins as the same player, score intact."""
    host, ming, live = table["host"], table["sockets"]["小明"], table["game"]
    send(host, "next")
    send(ming, "answer", {"position": 0, "choice": right_choice(question(live.id, 0))})
    score = player("小明").score
    ming.disconnect(namespace="/live")
    send(host, "reveal")
    send(host, "next")
    back = player_socket(table["app"], table["phones"]["小明"], live.id)
    state = synced(back)
    assert state["nickname"] == "小明" and state["score"] == score > 0
    assert state["question"]["position"] == 1  # straight back into the open question
    assert send(back, "answer", {"position": 1, "choice": right_choice(question(live.id, 1))})["ok"]


def test_the_host_reloading_the_projector_resumes_the_game(app, table):
    """A new projector socket gets the open question with the time the server says is left."""
    teacher, live = table["teacher"], table["game"]
    with time_machine.travel(START, tick=False) as clock:
        send(table["host"], "next")
        table["host"].disconnect(namespace="/live")
        clock.shift(8)
        again = host_socket(table["app"], teacher, live.id)
        stage = synced(again)
    assert stage["phase"] == "question" and stage["position"] == 0 and stage["remaining_ms"] == 12000
    assert question(live.id, 0).prompt in stage["html"]
    assert send(again, "reveal") == {"ok": True}


def test_the_host_removes_a_player_who_can_then_neither_answer_nor_rejoin(app, table):
    """Remove: the phone is told, its answers are refused, its token no longer connects."""
    host, hong, live = table["host"], table["sockets"]["小红"], table["game"]
    assert send(host, "remove", {"player": player("小红").id}) == {"ok": True}
    assert received(hong, "removed") == [{}]
    assert [p["nickname"] for p in received(host, "players")[-1]["players"]] == ["小明"]
    send(host, "next")
    assert send(hong, "answer", {"position": 0, "choice": right_choice(question(live.id, 0))})["ok"] is False
    refused = player_socket(table["app"], table["phones"]["小红"], live.id)
    assert not refused.is_connected("/live")


def test_only_the_host_drives_the_game(app, table):
    """A player's socket cannot start, reveal or end; another teacher cannot connect as host."""
    from teach_helpers import signed_in

    ming = table["sockets"]["小明"]
    for event in ("next", "reveal", "end", "remove"):
        assert send(ming, event)["ok"] is False
    assert game(table["game"].id).phase == "lobby"
    other = signed_in(app, "teacher", "teacher-two")
    assert not host_socket(table["app"], other, table["game"].id).is_connected("/live")


def test_the_end_stores_attempts_reviews_cards_and_leaves_public_boards_alone(app, table):
    """Each player's result becomes a finished attempt with its answers; no leaderboard standing."""
    host, live = table["host"], table["game"]
    ming, hong = table["sockets"]["小明"], table["sockets"]["小红"]
    for position in range(3):
        send(host, "next")
        q = question(live.id, position)
        send(ming, "answer", {"position": position, "choice": right_choice(q)})
        if position < 2:
            send(hong, "answer", {"position": position, "choice": wrong_choice(q)})
        send(host, "reveal")
    assert send(host, "end") == {"ok": True}
    assert received(ming, "phase")[-1]["phase"] == "ended"
    podium = received(host, "stage")[-1]["html"]
    assert podium.index("小明") < podium.index("小红")  # the game's own board, best first
    attempts = {a.user.nickname: a for a in db.session.scalars(select(Attempt))}
    assert attempts["小明"].score == 3 and attempts["小明"].total == 3 and attempts["小明"].finished_at
    assert attempts["小红"].answered == 2 and attempts["小红"].score < 2
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 5
    assert db.session.scalar(select(func.count()).select_from(ReviewCard)) == 5
    assert db.session.scalar(select(func.count()).select_from(Standing)) == 0
    assert game(live.id).pin is None  # the PIN is free again
    results = table["teacher"].client.get(f"/teach/quizzes/{live.quiz_id}/results").get_data(as_text=True)
    assert "小明" in results and "小红" in results


def play_a_game_as(sockets_app, teacher, live, student) -> None:
    """A signed-in student joins the game, answers its first question right, and the host ends the game."""
    assert student.post("/live/join", {"pin": live.pin, "nickname": "阿强"}, token_from="/live/join").status_code == 302
    host, phone = host_socket(sockets_app, teacher, live.id), player_socket(sockets_app, student, live.id)
    send(host, "next")
    assert send(phone, "answer", {"position": 0, "choice": right_choice(question(live.id, 0))})["ok"]
    send(host, "reveal")
    assert send(host, "end") == {"ok": True}


def test_a_game_ends_and_keeps_its_result_when_a_player_already_took_the_quiz(app, sockets_app):
    """A student who finished the quiz on their own, then plays it live: the game ends and both attempts stay."""
    teacher, live = host_game(app)
    student = signed_in(app, "student", "aqiang")
    quiz = db.session.get(Quiz, live.quiz_id)
    own = student.start(quiz.slug)
    for position in range(attempt(own).total):
        student.post(f"/attempt/{own}/answer", answer_form(item_at(own, position)))
    play_a_game_as(sockets_app, teacher, live, student)
    assert game(live.id).phase == "ended"
    mine = db.session.scalars(select(Attempt).where(Attempt.user_id == user("aqiang").id).order_by(Attempt.id)).all()
    assert [(a.number, a.ranked, a.score) for a in mine] == [(1, True, attempt(own).score), (None, False, 1)]


def test_a_game_uses_none_of_the_attempts_a_quiz_allows_but_its_keys_were_seen(app, sockets_app):
    """Live first, then the quiz's one allowed attempt: it can be taken, as practice (the projector showed the keys)."""
    teacher, live = host_game(app)
    quiz = db.session.get(Quiz, live.quiz_id)
    quiz.attempts_allowed = 1
    db.session.commit()
    student = signed_in(app, "student", "aqiang")
    play_a_game_as(sockets_app, teacher, live, student)
    page = student.client.get(f"/quiz/{quiz.slug}").get_data(as_text=True)
    assert "允许 1 次，剩余 1 次" in page and "本次作答为练习" in page  # 1 allowed, 1 left; practice
    own = attempt(student.start(quiz.slug))
    assert (own.number, own.ranked) == (1, False)
    question_page = student.client.get(f"/attempt/{own.id}").get_data(as_text=True)
    assert "你在现场游戏中玩过这个测验" in question_page  # why this first attempt is practice


def test_an_invalid_answer_is_refused_without_a_row(app, table):
    """Option indexes that are not options, or a malformed message, store nothing."""
    host, ming = table["host"], table["sockets"]["小明"]
    send(host, "next")
    for bad in ({"position": 0, "choice": ["99"]}, {"position": "0", "choice": ["0"]}, {"choice": "0"}, {}):
        assert send(ming, "answer", bad)["ok"] is False
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 0


def test_cards_are_reviewed_when_the_question_closes_not_while_the_class_answers(app, table):
    """The answer is stored at once; the player's spaced-repetition card and progress follow at the reveal."""
    host, ming, live = table["host"], table["sockets"]["小明"], table["game"]
    send(host, "next")
    assert send(ming, "answer", {"position": 0, "choice": right_choice(question(live.id, 0))})["ok"]
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 1
    assert db.session.scalar(select(func.count()).select_from(ReviewCard)) == 0
    send(host, "reveal")
    card = db.session.scalar(select(ReviewCard))
    assert card.user_id == player("小明").user_id and card.reps == 1
    assert db.session.scalar(select(Progress.right).where(Progress.user_id == player("小明").user_id)) == 1


def test_ending_the_game_during_a_question_reviews_its_answers_once(app, table):
    """End while a question is open: its answers still review cards, once each, and count in the attempts."""
    host, ming, hong, live = table["host"], table["sockets"]["小明"], table["sockets"]["小红"], table["game"]
    send(host, "next")
    send(ming, "answer", {"position": 0, "choice": right_choice(question(live.id, 0))})
    send(hong, "answer", {"position": 0, "choice": wrong_choice(question(live.id, 0))})
    assert send(host, "end") == {"ok": True}
    assert send(host, "reveal")["ok"] is False  # the question was closed by the end
    assert sorted(db.session.scalars(select(ReviewCard.reps))) == [1, 1]
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 2


def test_answers_in_a_burst_share_one_count_on_the_projector(app, table, monkeypatch):
    """The first answer is counted at once; the next ones within the interval wait for one count at its end,
    which includes them all (the projector is never left short of an acknowledged answer)."""
    tallies, later = table["app"].extensions["live_tallies"], []
    monkeypatch.setattr(tallies, "interval", 3600.0)  # the burst is certainly inside the interval
    monkeypatch.setattr(tallies.server, "start_background_task", lambda task, *args: later.append((task, args)))
    monkeypatch.setattr(tallies.server, "sleep", lambda _seconds: None)
    host, live = table["host"], table["game"]
    send(host, "next")
    received(host, "tally")
    for name in ("小明", "小红"):
        assert send(table["sockets"][name], "answer", {"position": 0, "choice": right_choice(question(live.id, 0))})["ok"]
    sent = received(host, "tally")
    waiting = [(task, args) for task, args in later if task == tallies.send_later]
    assert sent == [{"position": 0, "answered": 1, "expected": 2}] and len(waiting) == 1
    task, args = waiting[0]
    task(*args)  # the interval is over
    assert received(host, "tally") == [{"position": 0, "answered": 2, "expected": 2}]


def test_the_server_closes_a_question_when_its_time_is_up_with_no_projector_open(app, table, monkeypatch):
    """Opening a question starts a timer on the server: at 20 s plus the 1 s grace it closes the question and
    tells the phones, though the projector went away right after opening it."""
    server, later, slept = table["app"].extensions["socketio"], [], []
    monkeypatch.setattr(server, "start_background_task", lambda task, *args: later.append((task, args)))
    host, ming, live = table["host"], table["sockets"]["小明"], table["game"]
    with time_machine.travel(START, tick=False) as clock:
        send(host, "next")
        host.disconnect(namespace="/live")
        [(task, args)] = [(task, args) for task, args in later if task is timers.close_when_due]
        received(ming, "phase")

        def sleep(seconds: float) -> None:  # the timer's waits pass on the test's clock
            slept.append(seconds)
            clock.shift(seconds)

        task(*args[:-1], sleep)
    assert sum(slept) == pytest.approx(21, abs=0.05) and game(live.id).phase == "reveal"
    assert received(ming, "phase")[-1]["phase"] == "reveal"


def test_an_answer_after_the_deadline_closes_a_question_no_timer_closed(app, table, monkeypatch):
    """No timer ran (its process restarted): the first late answer is refused and closes the question."""
    server = table["app"].extensions["socketio"]
    monkeypatch.setattr(server, "start_background_task", lambda *_args: None)
    host, ming, live = table["host"], table["sockets"]["小明"], table["game"]
    with time_machine.travel(START, tick=False) as clock:
        send(host, "next")
        clock.shift(22)
        late = send(ming, "answer", {"position": 0, "choice": right_choice(question(live.id, 0))})
    assert late["ok"] is False and game(live.id).phase == "reveal"
    assert received(host, "moved") == [{"phase": "reveal", "position": 0}]  # the projector redraws itself
    assert received(table["sockets"]["小红"], "phase")[-1]["phase"] == "reveal"


def test_a_screen_reconnecting_after_the_deadline_finds_the_question_closed(app, table, monkeypatch):
    """No timer ran and nobody answered late: the projector (or a phone) asking where the game is closes it."""
    server = table["app"].extensions["socketio"]
    monkeypatch.setattr(server, "start_background_task", lambda *_args: None)
    host, live = table["host"], table["game"]
    with time_machine.travel(START, tick=False) as clock:
        send(host, "next")
        clock.shift(21.5)
        assert synced(table["sockets"]["小红"])["phase"] == "reveal"
        stage = synced(host)
    assert stage["phase"] == "reveal" and game(live.id).phase == "reveal"
