"""Fair play: keys stay hidden until the reveal, only the first attempt is ranked, guests stay off public
boards, attempts allowed are enforced, replays never raise the overall board, a quiz's owner is never
ranked on it, and the quiz page says all of it before Start."""
import io
from datetime import date, timedelta

from markupsafe import escape
from sqlalchemy import func, select

from helpers import Actions, answer_form, attempt, item_at
from leaderboard_support import lines, quiz_settings, ranks
from quiz.extensions import db
from quiz.models import Attempt, BoardTotal, Question, Quiz, Standing, now_utc
from quiz.services import practice
from teach_helpers import custom_question, signed_in, teacher_quiz, user

BOARD = "/leaderboard/quiz/alipay-quick"


def play_through(actions, slug: str = "alipay-quick", right: bool = True) -> tuple[int, list[str]]:
    """Start and answer a whole attempt; return its id and the feedback pages seen on the way."""
    attempt_id = actions.start(slug)
    pages, position = [], 0
    while (item := item_at(attempt_id, position)) is not None:
        response = actions.post(f"/attempt/{attempt_id}/answer", answer_form(item, right))
        pages.append(actions.client.get(response.headers["Location"]).get_data(as_text=True))
        position += 1
    return attempt_id, pages


def keys_on(html: str, attempt_id: int) -> int:
    """How many of the attempt's explanations (which give the key away) the page shows."""
    db.session.expire_all()
    items = attempt(attempt_id).items
    # An explanation that is also part of some question's own text (a body sentence asked as a
    # true/false statement elsewhere in the draw) gives nothing away: it is left out of the count.
    shown = "\n".join(f"{i.prompt}\n" + "\n".join(map(str, i.choices)) for i in items)
    return sum(str(escape(i.explanation)) in html for i in items if i.explanation and i.explanation not in shown)


def test_farming_keys_with_a_throwaway_guest_no_longer_takes_rank_one(app):
    farmer = signed_in(app, "guest")
    attempt_id, feedback = play_through(farmer, right=False)
    # Until the attempt ends, no feedback page shows a key or an explanation.
    for page in feedback[:-1]:
        assert 'class="correct-answer"' not in page and "答案已保存" in page and keys_on(page, attempt_id) == 0
    assert keys_on(farmer.client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True), attempt_id) > 0
    # With the keys known, the same guest's next attempt is practice: said on its pages, never ranked.
    second = farmer.start()
    assert "练习作答" in farmer.client.get(f"/attempt/{second}").get_data(as_text=True)
    for position in range(10):
        farmer.post(f"/attempt/{second}/answer", answer_form(item_at(second, position)))
    assert "练习作答" in farmer.client.get(f"/attempt/{second}/feedback/0").get_data(as_text=True)  # every page
    assert attempt(second).score == 10 and not attempt(second).ranked
    assert "练习作答" in farmer.client.get(f"/attempt/{second}/result").get_data(as_text=True)
    assert db.session.scalar(select(Standing.score).where(Standing.period == "all")) == 0
    # A fresh guest scoring 10/10 sees their own line but the public board does not list them.
    fresh = signed_in(app, "guest")
    third, _pages = play_through(fresh)
    assert attempt(third).score == 10 and attempt(third).ranked
    assert len(ranks(fresh.client.get(BOARD).get_data(as_text=True))) == 1
    public = app.test_client().get(BOARD).get_data(as_text=True)
    assert ranks(public) == [] and "只列出已登录的玩家" in public
    # A signed-in player's first attempt is ranked and listed.
    student = signed_in(app, "student", "student1")
    play_through(student, right=False)
    assert [name for _rank, name in ranks(app.test_client().get(BOARD).get_data(as_text=True))] == ["学生一"]


def test_a_later_better_attempt_does_not_replace_the_first_on_the_board(app):
    student = signed_in(app, "student", "student1")
    play_through(student, right=False)
    play_through(student, right=True)
    rows = db.session.execute(select(Standing.score).where(Standing.period == "all")).scalars().all()
    assert rows == [0]
    numbers = db.session.execute(select(Attempt.number, Attempt.ranked).order_by(Attempt.number)).all()
    assert [tuple(r) for r in numbers] == [(1, True), (2, False)]


def test_after_each_reveals_at_once_and_the_best_attempt_counts_when_chosen(app):
    with quiz_settings(reveal="after_each", ranked_attempt="best", board_signed_in_only=False):
        guest = signed_in(app, "guest", "guest")
        attempt_id, feedback = play_through(guest, right=False)
        assert all('class="correct-answer"' in page for page in feedback)
        assert str(escape(item_at(attempt_id, 0).explanation)) in feedback[0]
        play_through(guest, right=True)
        assert db.session.scalar(select(Standing.score).where(Standing.period == "all")) == 10
        assert ranks(app.test_client().get(BOARD).get_data(as_text=True))[0][0] == 1


def test_answers_revealed_from_a_date_stay_hidden_everywhere_until_then(app):
    signed_in(app, "teacher", "teacher1")
    owner = user("teacher1")
    secret = custom_question(owner, prompt="考试题")
    quiz = teacher_quiz(owner, [secret.id], reveal="after_date", reveal_at=now_utc() + timedelta(days=1))
    student = signed_in(app, "student", "student1")
    attempt_id, feedback = play_through(student, quiz.slug)
    pages = feedback + [student.client.get(path).get_data(as_text=True)
                        for path in (f"/attempt/{attempt_id}/result", "/attempts", f"/quiz/{quiz.slug}")]
    for page in pages:
        assert "2004年12月。" not in page and 'class="correct-answer"' not in page and "回答正确" not in page
        assert '<th scope="col">正确答案</th>' not in page
    assert "起公布" in pages[-3]  # the result page says when
    db.session.get(Quiz, quiz.id).reveal_at = now_utc() - timedelta(minutes=1)
    db.session.commit()
    result = student.client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)
    assert "2004年12月。" in result and '<th scope="col">正确答案</th>' in result


def test_attempts_allowed_are_enforced_and_the_quiz_page_says_so_before_start(app):
    signed_in(app, "teacher", "teacher1")
    owner = user("teacher1")
    quiz = teacher_quiz(owner, [custom_question(owner).id], attempts_allowed=1, time_limit=600)
    student = signed_in(app, "student", "student1")
    page = student.client.get(f"/quiz/{quiz.slug}").get_data(as_text=True)
    settings = page.split('id="quiz-settings"')[1].split("</dl>")[0]
    for said in ("<dd>1</dd>", "10 分钟", "允许 1 次，剩余 1 次", "整次作答结束后", "本次作答将计入排名"):
        assert said in settings, said
    play_through(student, quiz.slug)
    again = student.client.get(f"/quiz/{quiz.slug}").get_data(as_text=True)
    assert "剩余 0 次" in again and "你已用完本测验允许的全部次数" in again and "开始测验" not in again
    refused = student.post(f"/quiz/{quiz.slug}/start", token_from=f"/quiz/{quiz.slug}")
    assert refused.status_code == 409 and "你已用完" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 1


def test_the_public_quiz_page_tells_a_returning_player_their_next_attempt_is_practice(app):
    student = signed_in(app, "student", "student1")
    before = student.client.get("/quiz/alipay-quick").get_data(as_text=True)
    assert "本次作答将计入排名" in before and "<dd>10</dd>" in before and "不限" in before
    play_through(student)
    after = student.client.get("/quiz/alipay-quick").get_data(as_text=True)
    assert "本次作答为练习" in after
    anonymous = app.test_client().get("/quiz/alipay-quick").get_data(as_text=True)
    assert "你的第一次作答计入排名" in anonymous and "公开排行榜只列出已登录的玩家" in anonymous


def test_a_quiz_claiming_a_future_daily_slug_no_longer_breaks_the_daily_challenge(app):
    day = date(2026, 12, 15)
    db.session.add(Quiz(slug=f"daily-{day.isoformat()}", title="被占用", rule={"count": 1}, timeline_id=1))
    db.session.commit()
    student = signed_in(app, "student", "student1")
    started = practice.start_daily(user("student1"), day)
    assert started.quiz.slug == f"_daily-{day.isoformat()}" and not started.quiz.published
    assert started.total == practice.DAILY_SIZE
    assert student.client.get("/quiz/daily-2026-12-15").status_code == 200  # the teacher's quiz is untouched


def test_import_refuses_the_reserved_prefix(app):
    teacher = signed_in(app, "teacher", "teacher1")
    response = teacher.post("/teach/import/timeline", {"slug": "_daily-2026-12-15", "title": "x",
                                                       "file": (io.BytesIO("## 2004年，成立".encode()), "t.txt")},
                            token_from="/teach/import/timeline", content_type="multipart/form-data")
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Quiz).where(Quiz.slug.startswith("_", autoescape=True))) == 0


def test_teachers_set_attempts_ranking_and_reveal_in_the_quiz_form(app):
    teacher = signed_in(app, "teacher", "teacher1")
    question = custom_question(user("teacher1"))
    form = {"title": "期中小测", "picked": str(question.id), "count": "10", "published": "y",
            "attempts_allowed": "2", "ranked_attempt": "best", "reveal": "after_date", "reveal_at": ""}
    refused = teacher.post("/teach/quizzes/new?timeline=1", form, token_from="/teach/quizzes/new?timeline=1")
    assert refused.status_code == 400 and "请填写开始公布答案的日期和时间" in refused.get_data(as_text=True)
    assert db.session.scalar(select(Quiz).where(Quiz.title == "期中小测")) is None
    # typed in Shanghai time (UTC+8), stored in UTC
    saved = teacher.post("/teach/quizzes/new?timeline=1", {**form, "reveal_at": "2027-01-10T09:30"},
                         token_from="/teach/quizzes/new?timeline=1")
    assert saved.status_code == 302
    quiz = db.session.scalar(select(Quiz).where(Quiz.title == "期中小测"))
    assert (quiz.attempts_allowed, quiz.ranked_attempt, quiz.reveal, quiz.reveal_at.isoformat(),
            quiz.board_signed_in_only) == (2, "best", "after_date", "2027-01-10T01:30:00", False)
    page = teacher.client.get(f"/teach/quizzes/{quiz.id}/edit").get_data(as_text=True)
    assert 'value="2027-01-10T09:30"' in page and '<option selected value="after_date">' in page


def test_teachers_cannot_change_the_public_sites_questions_nor_read_each_others(app):
    teacher = signed_in(app, "teacher", "teacher1")
    other = signed_in(app, "teacher", "teacher2")
    private = custom_question(user("teacher2"), prompt="另一位老师的私有题")
    generated = db.session.scalar(select(Question).where(Question.origin == "generated").order_by(Question.id))
    before = (generated.prompt, generated.hidden)
    edit = f"/teach/questions/{generated.id}/edit"
    assert teacher.client.get(edit).status_code == 403
    assert teacher.post(edit, {"prompt": "改坏了", "explanation": ""}, token_from="/teach/questions").status_code == 403
    assert teacher.post(f"/teach/questions/{generated.id}/hide", {}, token_from="/teach/questions").status_code == 403
    db.session.expire_all()
    assert (db.session.get(Question, generated.id).prompt, db.session.get(Question, generated.id).hidden) == before
    assert teacher.client.get(f"/teach/questions/{generated.id}/preview").status_code == 200  # shared to read
    assert "另一位老师的私有题" not in teacher.client.get("/teach/questions?origin=custom").get_data(as_text=True)
    assert teacher.client.get(f"/teach/questions/{private.id}/preview").status_code == 403
    assert "另一位老师的私有题" in other.client.get("/teach/questions?origin=custom").get_data(as_text=True)


def best_attempt_quiz(app, **extra) -> tuple[Quiz, Actions]:
    """A teacher's published quiz of three questions that ranks the best attempt and shows each key at once,
    and its owner, signed in."""
    teacher = signed_in(app, "teacher", "teacher1")
    owner = user("teacher1")
    questions = [custom_question(owner, prompt=f"第{n}题：支付宝哪一年成立？").id for n in range(3)]
    return teacher_quiz(owner, questions, **{"ranked_attempt": "best", "reveal": "after_each", **extra}), teacher


def overall_rows(player_id: int) -> list[tuple[str, float]]:
    """The player's overall totals, every period: (period, points)."""
    db.session.expire_all()
    return [tuple(row) for row in db.session.execute(select(BoardTotal.period, BoardTotal.score)
                                                     .where(BoardTotal.user_id == player_id)
                                                     .order_by(BoardTotal.period))]


def test_replaying_a_best_attempt_quiz_with_known_keys_never_raises_the_overall_board(app):
    quiz, _teacher = best_attempt_quiz(app)
    student = signed_in(app, "student", "student1")
    first, feedback = play_through(student, quiz.slug, right=False)
    assert all('class="correct-answer"' in page for page in feedback)  # the keys, read off the feedback
    replay, _pages = play_through(student, quiz.slug, right=True)
    assert attempt(first).score == 0 and attempt(replay).score == 3 and attempt(replay).ranked
    # Its own board says so and ranks the full marks...
    board = app.test_client().get(f"/leaderboard/quiz/{quiz.slug}").get_data(as_text=True)
    assert lines(board)[0][:3] == ["1", "学生一", "3 / 3"]
    assert "以最好成绩计的测验只计入它自己的排行榜" in board
    assert "以最好成绩计的测验只计入它自己的排行榜" in student.client.get(f"/quiz/{quiz.slug}").get_data(as_text=True)
    # ...but no period of the overall board counts it, and the student is not on it, not even to themselves.
    assert overall_rows(user("student1").id) == []
    for period in ("week", "month", "all"):
        assert ranks(student.client.get(f"/leaderboard/?period={period}").get_data(as_text=True)) == []
        assert ranks(app.test_client().get(f"/leaderboard/?period={period}").get_data(as_text=True)) == []


def test_a_quiz_that_ranks_the_first_attempt_still_adds_up_on_the_overall_board(app):
    best, _teacher = best_attempt_quiz(app)
    owner = user("teacher1")
    first_only = teacher_quiz(owner, [custom_question(owner, prompt="第一次才算").id], title="只算第一次")
    student = signed_in(app, "student", "student1")
    play_through(student, best.slug, right=False)
    play_through(student, best.slug, right=True)
    play_through(student, first_only.slug, right=True)
    play_through(student, right=False)  # the bundled quick quiz: 0 of 10 on the first attempt
    play_through(student, right=True)  # practice
    periods = dict(overall_rows(user("student1").id))
    assert set(periods.values()) == {1} and len(periods) == 3  # this week, this month, all time
    total = db.session.scalar(select(BoardTotal).where(BoardTotal.user_id == user("student1").id,
                                                       BoardTotal.period == "all"))
    assert (total.quizzes, total.score, total.total) == (2, 1, 11)
    public = app.test_client().get("/leaderboard/").get_data(as_text=True)
    assert lines(public) and lines(public)[0][:3] == ["1", "学生一", "1 / 11"]
    assert "以最好成绩计的测验只计入它自己的排行榜" in public


def test_the_owner_playing_their_own_quiz_is_practice_and_on_no_board(app):
    quiz, owner = best_attempt_quiz(app, board_signed_in_only=False)
    page = owner.client.get(f"/quiz/{quiz.slug}").get_data(as_text=True)
    settings = page.split('id="quiz-settings"')[1].split("</dl>")[0]
    assert "本次作答为练习" in settings and "这是你出的测验" in settings and "本次作答将计入排名" not in settings
    attempt_id, _pages = play_through(owner, quiz.slug, right=True)
    assert attempt(attempt_id).score == 3 and not attempt(attempt_id).ranked and not attempt(attempt_id).overall
    assert "练习作答：这是你出的测验" in owner.client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)
    teacher = user("teacher1").id
    assert db.session.scalar(select(func.count()).select_from(Standing).where(Standing.user_id == teacher)) == 0
    assert overall_rows(teacher) == []
    for path in (f"/leaderboard/quiz/{quiz.slug}", "/leaderboard/"):
        assert ranks(owner.client.get(path).get_data(as_text=True)) == []
    # Anyone else's attempt at it is ranked as before.
    student = signed_in(app, "student", "student1")
    assert "本次作答将计入排名" in student.client.get(f"/quiz/{quiz.slug}").get_data(as_text=True)
