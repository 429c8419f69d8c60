"""Rank counts (board_counts, kept by triggers): after any mix of finishes, privacy switches, guest sign-ups,
role changes and deletions, the counts equal a recount and every board ranks exactly as a direct count."""
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select, text, update

from leaderboard_support import finish, player, quiz_id, quiz_settings
from quiz.extensions import db
from quiz.models import Attempt, BoardCount, BoardTotal, Standing, User
from quiz.services import accounts, leaderboard, standings
from test_setup import OLD_ROWS, upgraded_from

QUIZZES = ("alipay-quick", "alipay-all")
PLAYERS = 5

finishes = st.tuples(st.just("finish"), st.integers(0, PLAYERS - 1), st.sampled_from(QUIZZES),
                     st.integers(0, 3), st.sampled_from((10, 20, 30)), st.sampled_from((2, 4)),
                     st.sampled_from((0, 9, 40)))
others = st.one_of(
    st.tuples(st.just("hide"), st.integers(0, PLAYERS - 1), st.booleans()),
    st.tuples(st.just("sign_up"), st.integers(0, PLAYERS - 1)),
    st.tuples(st.just("role"), st.integers(0, PLAYERS - 1), st.sampled_from(("guest", "student", "admin"))),
    st.tuples(st.just("forget_attempt"), st.integers(0, 20)),
    st.tuples(st.just("delete_player"), st.integers(0, PLAYERS - 1)),
)
steps = st.lists(st.one_of(finishes, finishes, finishes, others), min_size=4, max_size=24)


@pytest.fixture
def best_counts(app):
    """One quiz ranks every attempt's best, so standings are also improved in place (the totals add up the
    other quiz's first attempts only)."""
    with quiz_settings("alipay-all", ranked_attempt="best"):
        yield


def apply(step: tuple, people: list[User | None]) -> None:
    """Carry out one step of a history through the same services the app uses (or plain SQL)."""
    kind = step[0]
    who = people[step[1] % len(people)] if kind != "forget_attempt" else None
    if kind != "forget_attempt" and who is None:
        return
    if kind == "finish":
        _, _, slug, score, seconds, total, days = step
        finish(who, min(score, total), seconds, slug, total=total, ago=timedelta(days=days))
    elif kind == "hide":
        standings.set_hidden(who.id, step[2])
    elif kind == "sign_up" and who.is_guest:
        accounts.sign_up(f"login{who.id}", who.nickname, "a-long-password", guest=who)
    elif kind == "role":
        db.session.execute(update(User).where(User.id == who.id).values(role=step[2]))
    elif kind == "forget_attempt":
        ids = db.session.scalars(select(Attempt.id).order_by(Attempt.id)).all()
        if ids:
            db.session.execute(delete(Attempt).where(Attempt.id == ids[step[1] % len(ids)]))
    elif kind == "delete_player":
        db.session.execute(delete(Attempt).where(Attempt.user_id == who.id))
        db.session.execute(delete(User).where(User.id == who.id))
        people[step[1] % len(people)] = None
    db.session.commit()
    db.session.expire_all()


def recount() -> set[tuple]:
    """board_counts as it must be: every visible standing and total counted from scratch."""
    rows: dict[tuple, int] = {}
    for model in (Standing, BoardTotal):
        for r in db.session.scalars(select(model).where(model.hidden.is_(False))):
            quiz = getattr(r, "quiz_id", 0)
            for ranking, value, seconds in (("score", r.score, 0), ("score_time", r.score, r.seconds),
                                            ("accuracy", r.accuracy, 0)):
                key = (quiz, r.period, ranking, r.guest, value, seconds)
                rows[key] = rows.get(key, 0) + 1
    return {(*key, n) for key, n in rows.items()}


def stored_counts() -> set[tuple]:
    """board_counts as the triggers left it."""
    c = BoardCount
    return set(db.session.execute(select(c.quiz_id, c.period, c.ranking, c.guest, c.value, c.seconds, c.n)).all())


def boards() -> list[leaderboard.Board]:
    """Every public all-time board (the fullest; the other periods' counts are checked by the recount), in
    both rankings, for everyone and for accounts only."""
    quizzes = [None, *(quiz_id(slug) for slug in QUIZZES)]
    return [leaderboard.Board("all", q, by, signed_in_only=only)
            for q in quizzes for by in ("score", "accuracy") for only in (False, True)]


def walk(board: leaderboard.Board, viewer: int | None, size: int) -> list[leaderboard.Entry]:
    """The whole board as read page by page."""
    entries, after = [], None
    while True:
        page, more = leaderboard.page(board, viewer, after, size)
        entries += page
        if not more:
            return entries
        after = page[-1].user_id


def readings(viewers: list[int | None]) -> list:
    """Every board as each viewer reads it: pages of two and of one, and their near-me lines."""
    return [(board, viewer, walk(board, viewer, 2), walk(board, viewer, 1),
             leaderboard.near_me(board, viewer, span=1) if viewer else None)
            for board in boards() for viewer in viewers]


def check_ranks_match_direct_counts(monkeypatch) -> None:
    """Counts-based ranks equal direct-count ranks on every board, and equal the full listing's ranks."""
    viewers = [None, *db.session.scalars(select(User.id).order_by(User.id))]
    counted = readings(viewers)
    with monkeypatch.context() as patched:
        patched.setattr(leaderboard, "counted", lambda board: False)
        direct = readings(viewers)
    assert counted == direct
    for board, viewer, pages_of_two, pages_of_one, near in counted:
        assert pages_of_two == pages_of_one
        if near:
            listed = {e.user_id: e.rank for e in pages_of_two}
            assert [e.rank for e in near] == [listed[e.user_id] for e in near], (board, viewer)


@pytest.mark.slow  # 30 histories replayed on the database: 10-16 s, the longest test outside the browser ones
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opening=st.lists(finishes, min_size=6, max_size=10), history=steps,
       roles=st.lists(st.sampled_from(("guest", "student")), min_size=PLAYERS, max_size=PLAYERS),
       hidden=st.lists(st.booleans(), min_size=PLAYERS, max_size=PLAYERS))
def test_counted_ranks_equal_direct_counts_after_any_history(best_counts, monkeypatch, opening, history, roles,
                                                            hidden):
    db.session.execute(delete(Attempt))
    db.session.execute(delete(User))
    db.session.commit()
    people: list[User | None] = [player(f"玩家{n}", role, is_hidden)
                                 for n, (role, is_hidden) in enumerate(zip(roles, hidden, strict=True))]
    for step in [*opening, *history]:
        apply(step, people)
    assert stored_counts() == recount()
    check_ranks_match_direct_counts(monkeypatch)


def test_counts_empty_when_every_row_is_gone(app):
    someone = player("某人")
    finish(someone, 3, 30)
    assert db.session.scalar(select(func.count()).select_from(BoardCount)) > 0
    db.session.execute(delete(Attempt))
    db.session.execute(delete(User))
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(BoardCount)) == 0


def stored_rows(user: int, role: str, hidden: bool, score: int) -> list[str]:
    """A player with a finished attempt, their standing and total, as stored before migration 0019."""
    flag = "true" if hidden else "false"
    ranked = f"{score}, 10, {score / 10}, 60, '2026-01-01 00:01:00', {flag}"
    return [
        f"INSERT INTO users (id, nickname, role, session_token, hidden_from_boards, created_at) "
        f"VALUES ({user}, 'p{user}', '{role}', 'tok{user}', {flag}, '2026-01-01 00:00:00')",
        f"INSERT INTO attempts (id, user_id, quiz_id, started_at, finished_at, score, total, answered) "
        f"VALUES ({user}, {user}, 1, '2026-01-01 00:00:00', '2026-01-01 00:01:00', {score}, 10, 10)",
        f"INSERT INTO standings (user_id, quiz_id, period, attempt_id, score, total, accuracy, seconds, finished_at, "
        f"hidden) VALUES ({user}, 1, 'all', {user}, {ranked})",
        f"INSERT INTO board_totals (user_id, period, quizzes, score, total, accuracy, seconds, finished_at, hidden) "
        f"VALUES ({user}, 'all', 1, {ranked})",
    ]


def test_upgrading_counts_the_standings_already_stored(database_url, tmp_path):
    rows = OLD_ROWS[3:4] + stored_rows(2, "student", False, 7) + stored_rows(3, "guest", False, 7) + \
        stored_rows(4, "student", True, 7) + stored_rows(5, "student", False, 5)
    with upgraded_from(database_url, tmp_path, "0018_live_device", rows) as conn:
        counts = set(conn.execute(text("SELECT quiz_id, ranking, guest, value, seconds, n FROM board_counts "
                                       "WHERE ranking <> 'accuracy'")).all())
        guests = set(conn.execute(text("SELECT user_id FROM standings WHERE guest")).scalars())
    expected = {(0, "score", False, 7.0, 0, 1), (0, "score", True, 7.0, 0, 1), (0, "score", False, 5.0, 0, 1),
                (0, "score_time", False, 7.0, 60, 1), (0, "score_time", True, 7.0, 60, 1),
                (0, "score_time", False, 5.0, 60, 1)}
    assert counts == expected | {(1, *row[1:]) for row in expected}
    assert guests == {3}


def played_rows(user: int, quiz: int, number: int, score: int) -> list[str]:
    """A ranked attempt of 10 questions in 60 s and its all-time standing, as stored before migration 0024."""
    attempt = user * 10 + quiz
    return [
        f"INSERT INTO attempts (id, user_id, quiz_id, started_at, finished_at, score, total, answered, number, ranked) "
        f"VALUES ({attempt}, {user}, {quiz}, '2026-01-0{quiz} 00:00:00', '2026-01-0{quiz} 00:01:00', {score}, 10, 10, "
        f"{number}, true)",
        f"INSERT INTO standings (user_id, quiz_id, period, attempt_id, score, total, accuracy, seconds, finished_at, "
        f"hidden) VALUES ({user}, {quiz}, 'all', {attempt}, {score}, 10, {score / 10}, 60, '2026-01-0{quiz} 00:01:00', "
        f"false)",
    ]


def test_upgrading_takes_best_attempt_quizzes_off_the_totals_and_owners_off_every_board(database_url, tmp_path):
    """Quiz 1 is bundled (first attempt), 2 and 3 are the teacher's (2 ranks the best attempt). The student
    replayed quiz 2 to full marks; the teacher played both their own quiz 3 and quiz 1."""
    users = ("INSERT INTO users (id, nickname, role, session_token, hidden_from_boards, created_at) VALUES "
             "(1, 's', 'student', 't1', false, '2026-01-01 00:00:00'), (2, 't', 'teacher', 't2', false, "
             "'2026-01-01 00:00:00')")
    quizzes = ("INSERT INTO quizzes (id, slug, title, description, shuffle, published, position, created_at, "
               "owner_id, ranked_attempt) VALUES (2, 'best', 'B', '', false, true, 0, '2026-01-01 00:00:00', 2, "
               "'best'), (3, 'mine', 'M', '', false, true, 0, '2026-01-01 00:00:00', 2, 'first')")
    totals = ("INSERT INTO board_totals (user_id, period, quizzes, score, total, accuracy, seconds, finished_at, "
              "hidden) VALUES (1, 'all', 2, 14, 20, 0.7, 120, '2026-01-02 00:01:00', false), "
              "(2, 'all', 2, 15, 20, 0.75, 120, '2026-01-03 00:01:00', false)")
    rows = [users, OLD_ROWS[3], quizzes, *played_rows(1, 1, 1, 4), *played_rows(1, 2, 2, 10),
            *played_rows(2, 3, 1, 10), *played_rows(2, 1, 1, 5), totals]
    with upgraded_from(database_url, tmp_path, "0023_live_attempts_unnumbered", rows) as conn:
        kept = conn.execute(text("SELECT user_id, quizzes, score, total, accuracy, seconds FROM board_totals "
                                 "ORDER BY user_id")).all()
        standing = conn.execute(text("SELECT user_id, quiz_id FROM standings ORDER BY user_id, quiz_id")).all()
        flags = conn.execute(text("SELECT id, ranked, overall FROM attempts ORDER BY id")).all()
        overall = set(conn.execute(text("SELECT ranking, value, seconds, n FROM board_counts WHERE quiz_id = 0 "
                                        "AND ranking <> 'accuracy'")).all())
        mine = conn.execute(text("SELECT count(*) FROM board_counts WHERE quiz_id = 3")).scalar()
    assert [tuple(r) for r in kept] == [(1, 1, 4, 10, 0.4, 60), (2, 1, 5, 10, 0.5, 60)]
    assert [tuple(r) for r in standing] == [(1, 1), (1, 2), (2, 1)]  # the best-attempt quiz keeps its board
    assert [tuple(r) for r in flags] == [(11, True, True), (12, True, False), (21, True, True), (23, False, False)]
    assert overall == {("score", 4, 0, 1), ("score", 5, 0, 1), ("score_time", 4, 60, 1), ("score_time", 5, 60, 1)}
    assert mine == 0
