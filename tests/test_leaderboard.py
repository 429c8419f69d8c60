"""Leaderboards: the ranking rule, privacy, periods, near me, pagination and the best-attempt upsert."""
from datetime import datetime, timedelta

import pytest

from sqlalchemy import func, select

from helpers import answer_form, item_at
from leaderboard_support import finish, lines, player, quiz_settings, ranks, standing, total_of
from quiz.extensions import db
from quiz.models import Standing, User, now_utc
from quiz.services import leaderboard
from quiz.services.standings import period_key

BOARD = "/leaderboard/quiz/alipay-quick"


@pytest.fixture
def best_attempt_counts(app):
    """The quick quiz ranks every attempt (its best counts), as a teacher may choose."""
    with quiz_settings(ranked_attempt="best"):
        yield


def test_equal_score_and_time_share_a_rank_and_the_next_rank_skips(client):
    a, b, c, d = (player(n) for n in ("甲", "乙", "丙", "丁"))
    finish(a, 9, 50)
    finish(b, 8, 60, ago=timedelta(minutes=5))
    finish(c, 8, 60, ago=timedelta(minutes=1))
    finish(d, 8, 70)
    assert ranks(client.get(BOARD).get_data(as_text=True)) == [(1, "甲"), (2, "乙"), (2, "丙"), (4, "丁")]


def test_less_time_breaks_a_score_tie(client):
    slow, fast = player("慢"), player("快")
    finish(slow, 7, 300, ago=timedelta(hours=1))
    finish(fast, 7, 120)
    assert ranks(client.get(BOARD).get_data(as_text=True)) == [(1, "快"), (2, "慢")]


def test_earliest_finisher_is_listed_first_within_a_shared_rank(client):
    late, early = player("晚"), player("早")
    finish(late, 6, 90, ago=timedelta(minutes=1))
    finish(early, 6, 90, ago=timedelta(minutes=30))
    assert ranks(client.get(BOARD).get_data(as_text=True)) == [(1, "早"), (1, "晚")]


def test_a_worse_later_attempt_never_lowers_the_best(client, best_attempt_counts):
    user = player("稳")
    best = finish(user, 8, 100, ago=timedelta(hours=2))
    finish(user, 5, 50, ago=timedelta(hours=1))
    finish(user, 8, 150)
    kept = standing(user)
    assert (kept.attempt_id, kept.score, kept.seconds) == (best.id, 8, 100)
    faster = finish(user, 8, 80)
    assert standing(user).attempt_id == faster.id
    assert db.session.scalar(select(func.count()).select_from(Standing).where(Standing.user_id == user.id)) == 3
    assert total_of(user) is None  # a quiz ranking the best attempt stays off the overall board


def test_overall_sums_the_best_score_of_each_quiz(client):
    both, one = player("双"), player("单")
    finish(both, 6, 60)
    finish(both, 4, 60)
    finish(both, 5, 60, slug="alipay-all", total=36)
    finish(one, 10, 60)
    html = client.get("/leaderboard/").get_data(as_text=True)
    assert ranks(html) == [(1, "双"), (2, "单")]
    assert (total_of(both).score, total_of(both).quizzes, total_of(both).total) == (11, 2, 46)


def test_each_line_shows_the_players_figures_in_their_columns(client):
    """Rank, nickname, points of the total, time taken, quizzes (overall board only) and when: read from
    the board's rows by position, so a column read into the wrong place shows here."""
    both, one = player("双"), player("单")
    finish(both, 5.83, 65, at=datetime(2026, 3, 2, 9, 5))  # partial credit: shown as on the result page
    finish(both, 5.5, 125, slug="alipay-all", total=36, at=datetime(2026, 3, 4, 18, 30))
    finish(one, 3, 40, at=datetime(2026, 3, 1, 8, 0))
    quiz_board = lines(client.get(BOARD).get_data(as_text=True))  # finished at, in Shanghai time (UTC+8)
    assert quiz_board == [["1", "双", "5.83 / 10", "1 分 05 秒", "2026-03-02 17:05"],
                          ["2", "单", "3 / 10", "0 分 40 秒", "2026-03-01 16:00"]]
    overall = lines(client.get("/leaderboard/?by=accuracy", headers={"Accept-Language": "en"}).get_data(as_text=True))
    assert overall == [["1", "单", "30%", "1", "2026-03-01 16:00"],
                       ["2", "双", "25%", "2", "2026-03-05 02:30"]]  # 11.33 of 46 right, over two quizzes


def test_totals_add_up_only_the_quizzes_that_rank_the_first_attempt(client, best_attempt_counts):
    """The quick quiz ranks the best attempt: its standing improves, the total keeps only the other quiz's
    first attempt (README "Leaderboards")."""
    user = player("加")
    for score, seconds, slug, total in [(4, 90, "alipay-quick", 10), (7, 120, "alipay-all", 36),
                                        (6, 80, "alipay-quick", 10), (3, 30, "alipay-quick", 10),
                                        (6, 50, "alipay-quick", 10), (9, 200, "alipay-all", 36)]:
        finish(user, score, seconds, slug=slug, total=total)
    assert (standing(user).score, standing(user).seconds, standing(user, "alipay-all").score) == (6, 50, 7)
    kept = total_of(user)
    assert (kept.quizzes, kept.score, kept.total, kept.seconds) == (1, 7, 36, 120)
    assert kept.accuracy == pytest.approx(7 / 36)
    assert kept.finished_at == standing(user, "alipay-all").finished_at


def test_accuracy_board_has_no_speed_component(client, best_attempt_counts):
    careful, quick = player("细"), player("快")
    finish(careful, 10, 900)
    finish(quick, 9, 30)
    assert ranks(client.get(BOARD).get_data(as_text=True))[0] == (1, "细")
    assert ranks(client.get(BOARD + "?by=accuracy").get_data(as_text=True)) == [(1, "细"), (2, "快")]
    finish(quick, 10, 20)
    assert ranks(client.get(BOARD + "?by=accuracy").get_data(as_text=True)) == [(1, "细"), (1, "快")]


def test_week_and_month_tabs_count_only_attempts_finished_in_them(client):
    old, recent = player("旧"), player("新")
    finish(old, 10, 60, ago=timedelta(days=40))
    finish(recent, 3, 60)
    everyone = ranks(client.get(BOARD + "?period=all").get_data(as_text=True))
    assert [name for _rank, name in everyone] == ["旧", "新"]
    for tab in ("week", "month"):
        html = client.get(BOARD + f"?period={tab}").get_data(as_text=True)
        assert ranks(html) == [(1, "新")]
        assert standing(old, period=period_key(tab, now_utc())) is None


def test_hidden_player_is_off_public_boards_but_sees_themselves(actions, client, app):
    actions.signup("hider", nickname="隐身人")
    assert actions.post("/leaderboard/privacy", {"hidden": "y"}, token_from="/leaderboard/privacy").status_code == 302
    others = [player(n) for n in ("一", "二")]
    for n, other in enumerate(others):
        finish(other, 9 - n, 60)
    hider = db.session.scalar(select(User).where(User.nickname == "隐身人"))
    finish(hider, 10, 60)
    own = client.get(BOARD).get_data(as_text=True)
    assert ranks(own) == [(1, "隐身人"), (2, "一"), (3, "二")]
    public = app.test_client().get(BOARD).get_data(as_text=True)
    assert "隐身人" not in public and ranks(public) == [(1, "一"), (2, "二")]
    assert "隐身人" not in app.test_client().get("/leaderboard/").get_data(as_text=True)
    actions.post("/leaderboard/privacy", {}, token_from="/leaderboard/privacy")  # unticked: shown again
    assert "隐身人" in app.test_client().get(BOARD).get_data(as_text=True)


def test_privacy_switch_needs_a_form_token_and_a_session(actions, client):
    assert client.get("/leaderboard/privacy").status_code == 302  # to sign in
    actions.signup("tokenless", nickname="无令牌")
    assert client.post("/leaderboard/privacy", data={"hidden": "y"}).status_code == 400
    assert db.session.scalar(select(User.hidden_from_boards).where(User.nickname == "无令牌")) is False


def test_boards_show_nicknames_never_login_names(client):
    finish(player("学生甲"), 5, 60)
    finish(player("学生乙"), 6, 60)
    for url in (BOARD, "/leaderboard/", BOARD + "?by=accuracy"):
        html = client.get(url).get_data(as_text=True)
        assert "学生甲" in html and "学生乙" in html and "login-" not in html


def test_only_finished_attempts_count(actions, client):
    actions.guest("半途")
    attempt_id = actions.start("alipay-quick")
    for position in range(9):
        actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, position)))
    assert db.session.scalar(select(func.count()).select_from(Standing)) == 0
    assert ranks(client.get(BOARD).get_data(as_text=True)) == []
    actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 9), right=False))
    html = client.get(BOARD).get_data(as_text=True)
    assert ranks(html) == [(1, "半途")] and "9 / 10" in html


def test_pages_continue_ranks_across_a_tie_on_the_page_boundary(client, app):
    app.config["LEADERBOARD_PAGE_SIZE"] = 3
    scores = [10, 9, 8, 8, 8, 5, 4]  # ranks 1 2 3 3 3 6 7
    players = [player(f"P{n}") for n in range(len(scores))]
    for n, (user, score) in enumerate(zip(players, scores)):
        finish(user, score, 60, ago=timedelta(minutes=60 - n))
    first = client.get(BOARD).get_data(as_text=True)
    assert ranks(first) == [(1, "P0"), (2, "P1"), (3, "P2")]
    second = client.get(BOARD + f"?after={players[2].id}").get_data(as_text=True)
    assert ranks(second) == [(3, "P3"), (3, "P4"), (6, "P5")]
    third = client.get(BOARD + f"?after={players[5].id}").get_data(as_text=True)
    assert ranks(third) == [(7, "P6")] and "after=" not in third.split('class="pager"')[1].split("</p>")[0]


def test_near_me_shows_my_rank_and_neighbours_beyond_page_one(actions, client, app):
    app.config["LEADERBOARD_PAGE_SIZE"] = 3
    actions.signup("nearby", nickname="我自己")
    me = db.session.scalar(select(User).where(User.nickname == "我自己"))
    for n in range(8):
        finish(player(f"N{n}"), 10 - n, 60)
    finish(me, 3.5, 60)  # between N6 (4) and N7 (3): rank 8 of 9
    html = client.get(BOARD).get_data(as_text=True)
    near = html.split('id="near-heading"')[1].split("</section>")[0]
    assert ranks(near) == [(6, "N5"), (7, "N6"), (8, "我自己"), (9, "N7")]
    assert near.count('class="me"') == 1 and "<strong>(你)</strong>" in near  # my line only, marked as mine
    assert ranks(html.split("</section>")[1]) == [(1, "N0"), (2, "N1"), (3, "N2")]
    assert 'class="me"' not in html.split("</section>")[1]
    assert [e.rank for e in leaderboard.near_me(leaderboard.Board("all", None), me.id)] == [6, 7, 8, 9]


def test_a_finished_quiz_shows_on_the_board_at_once(actions, client):
    actions.guest("当场")
    attempt_id = actions.start("alipay-quick")
    for position in range(10):
        actions.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, position)))
    result = client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)
    assert BOARD in result
    assert ranks(client.get(BOARD).get_data(as_text=True)) == [(1, "当场")]
    assert ranks(client.get("/leaderboard/?period=week").get_data(as_text=True)) == [(1, "当场")]


def test_bad_tabs_and_cursors_are_refused(client):
    assert client.get("/leaderboard/?period=year").status_code == 400
    assert client.get("/leaderboard/?by=luck").status_code == 400
    assert client.get("/leaderboard/?after=abc").status_code == 400
    assert client.get("/leaderboard/?after=999999").status_code == 404
    assert client.get("/leaderboard/quiz/no-such-quiz").status_code == 404


def test_a_time_reads_the_same_on_the_board_as_on_the_result_page(client):
    """1.7 s is 2 s on the result page (filters.duration rounds): the board, which kept 1, showed 0:01."""
    attempt = finish(player("快手"), 6, 1.7)
    assert standing(attempt.user, "alipay-quick").seconds == 2
    assert lines(client.get(BOARD).get_data(as_text=True))[0][3] == "0 分 02 秒"
