"""Results worth looking at: per-question figures across rule-quiz variants, flags from n >= 5,
server-drawn SVG charts with a table, and a gradebook with one column per question."""
import csv
import io
import re

from sqlalchemy import func, select

from helpers import Actions, answer_form, item_at
from quiz.extensions import db
from quiz.models import Answer, Attempt, AttemptItem
from quiz.services import classes, quizbuilder, results
from teach_helpers import PASSWORD, class_with, custom_question, signed_in, teacher_quiz, user


def play(app, name: str, slug: str, right: bool) -> int:
    """A new student plays every question of the quiz, right or wrong; return the attempt id."""
    student = signed_in(app, "student", name)
    attempt_id = student.start(slug)
    total = db.session.get(Attempt, attempt_id).total
    for position in range(total):
        item = item_at(attempt_id, position)
        form = {"position": str(position), "text": "2004" if right else "不知道"} if item.kind == "fill_in" \
            else answer_form(item, right=right)
        student.post(f"/attempt/{attempt_id}/answer", form, token_from=f"/attempt/{attempt_id}")
    return attempt_id


def test_rule_quiz_figures_are_per_question_and_add_up_to_every_answer(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    first, second = custom_question(owner, "第一题", "fill_in"), custom_question(owner, "第二题", "fill_in")
    spec = quizbuilder.QuizSpec(title="抽题测验", description="", timeline_id=1, rule={"kinds": ["fill_in"], "count": 1},
                                published=True)
    quiz = quizbuilder.save_quiz(None, spec, owner)
    for n in range(8):
        play(app, f"student{n}", quiz.slug, right=n % 2 == 0)
    stats = {s.question_id: s for s in results.question_stats(quiz, None)}
    drawn = {qid: db.session.scalar(select(func.count()).select_from(AttemptItem).join(Attempt)
                                    .where(Attempt.quiz_id == quiz.id, AttemptItem.question_id == qid))
             for qid in (first.id, second.id)}
    assert {qid: s.answers for qid, s in stats.items()} == {qid: n for qid, n in drawn.items() if n}
    assert sum(s.answers for s in stats.values()) == 8
    html = teacher.client.get(f"/teach/quizzes/{quiz.id}/results").get_data(as_text=True)
    assert 'role="img"' in html and "<title id=\"facility-chart-title\">" in html and "(n=" in html


def test_flags_need_five_answers(app):
    signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    quiz = teacher_quiz(owner, [custom_question(owner).id])
    for n in range(4):
        play(app, f"student{n}", quiz.slug, right=False)
    assert results.question_stats(quiz, None)[0].flags == []
    play(app, "student4", quiz.slug, right=False)
    assert set(results.question_stats(quiz, None)[0].flags) == {"hard", "distractor"}


def test_score_distribution_is_drawn_as_svg_with_a_table(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    quiz = teacher_quiz(owner, [custom_question(owner).id, custom_question(owner, "第二题").id])
    play(app, "student1", quiz.slug, right=True)
    play(app, "student2", quiz.slug, right=False)
    play(app, "student3", quiz.slug, right=False)
    html = teacher.client.get(f"/teach/quizzes/{quiz.id}/results").get_data(as_text=True)
    chart = html[html.index('<figure class="chart" aria-labelledby="score-chart-caption">'):html.index("facility-chart")]
    assert '<title id="score-chart-title">3 名学生的最好成绩分布</title>' in chart
    table = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td>', chart))
    assert table["0–9%"] == "2" and table["90–100%"] == "1" and table["50–59%"] == "0"
    assert "<script" not in chart and "http" not in chart.replace("http://www.w3.org/2000/svg", "")


def test_gradebook_has_one_column_per_question_and_a_row_per_student(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    quiz = teacher_quiz(owner, [custom_question(owner, "=第一题").id, custom_question(owner, "第二题").id])
    classroom = class_with(owner, quiz)
    play(app, "student1", quiz.slug, right=True)
    classes.join(classroom, user("student1"))
    signed_in(app, "student", "lazy1")
    classes.join(classroom, user("lazy1"))
    response = teacher.client.get(f"/teach/quizzes/{quiz.id}/gradebook.csv?class={classroom.id}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["昵称", "登录名", "最高分", "满分", "Q1 =第一题", "Q2 第二题"]
    assert rows[1][1:] == ["student1", "2", "2", "1", "1"]
    assert rows[2][1:] == ["lazy1", "", "", "", ""]
    other = Actions(app.test_client())
    other.signup("other-teacher", PASSWORD)
    assert other.client.get(f"/teach/quizzes/{quiz.id}/gradebook.csv").status_code == 403


def test_gradebook_columns_keep_the_quiz_order_when_attempts_shuffle_it(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    prompts = [f"第{n}题" for n in range(1, 7)]
    quiz = teacher_quiz(owner, [custom_question(owner, p).id for p in prompts])
    quiz.shuffle = True  # each attempt shows the six questions in its own order (1 in 720 keeps the quiz's)
    db.session.commit()
    attempt_id = play(app, "student1", quiz.slug, right=True)
    shown = [item_at(attempt_id, n).prompt for n in range(6)]
    response = teacher.client.get(f"/teach/quizzes/{quiz.id}/gradebook.csv")
    header = next(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert header[4:] == [f"Q{n} {p}" for n, p in enumerate(prompts, start=1)], shown


def test_counts_of_one_read_in_the_singular_in_english(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    question = custom_question(owner)
    quiz = teacher_quiz(owner, [question.id])
    play(app, "student0", quiz.slug, right=False)
    english = {"Accept-Language": "en"}
    results_page = teacher.client.get(f"/teach/quizzes/{quiz.id}/results", headers=english).get_data(as_text=True)
    assert re.search(r": chosen 1 time\b", results_page) and "chosen 1 times" not in results_page
    preview = teacher.client.get(f"/teach/questions/{question.id}/preview", headers=english).get_data(as_text=True)
    assert "answered 1 time" in preview and "answered 1 times" not in preview


def test_results_page_and_gradebook_number_each_question_alike(app):
    """The page lists the hardest question first but under its own number: Qn is the quiz's n-th question,
    as in the gradebook's columns and the chart's labels."""
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    prompts = ["第一题", "第二题", "第三题"]
    quiz = teacher_quiz(owner, [custom_question(owner, p).id for p in prompts])
    for n in range(2):
        attempt_id = play(app, f"student{n}", quiz.slug, right=True)
    last = item_at(attempt_id, 2)  # student1 misses the third question: it is the hardest
    db.session.get(Answer, db.session.scalar(select(Answer.id).where(Answer.item_id == last.id))).correct = False
    db.session.commit()
    html = teacher.client.get(f"/teach/quizzes/{quiz.id}/results").get_data(as_text=True)
    listed = re.findall(r'<p class="question-prompt"><strong>(Q\d+)</strong> ([^<]+)</p>', html)
    assert listed == [("Q3", "第三题"), ("Q1", "第一题"), ("Q2", "第二题")]
    chart = html[html.index("facility-chart"):]
    assert re.findall(r'<th scope="row">(Q\d+)</th>', chart) == ["Q3", "Q1", "Q2"]
    response = teacher.client.get(f"/teach/quizzes/{quiz.id}/gradebook.csv")
    header = next(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert header[4:] == ["Q1 第一题", "Q2 第二题", "Q3 第三题"]


def test_csv_headers_are_in_the_language_of_the_page_they_are_downloaded_from(app):
    """Teachers read the headers in Excel: Chinese from the Chinese pages, English from the English ones;
    the values stay plain numbers."""
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    quiz = teacher_quiz(owner, [custom_question(owner).id])
    play(app, "student1", quiz.slug, right=True)

    def download(name: str, **headers) -> list[list[str]]:
        body = teacher.client.get(f"/teach/quizzes/{quiz.id}/{name}", headers=headers).get_data(as_text=True)
        return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))

    zh = download("results.csv")
    assert zh[0] == ["昵称", "登录名", "作答次数", "最高分", "最高分用时（秒）", "最近得分", "最近用时（秒）", "满分"]
    assert zh[1][2:4] == ["1", "1"] and zh[1][-1] == "1"
    assert download("results.csv", **{"Accept-Language": "en"})[0] == [
        "Nickname", "Login name", "Attempts", "Best score", "Best time (s)", "Latest score", "Latest time (s)",
        "Maximum points"]
    assert download("gradebook.csv")[0] == ["昵称", "登录名", "最高分", "满分", "Q1 支付宝哪一年成立？"]
    assert download("gradebook.csv", **{"Accept-Language": "en"})[0][:4] == [
        "Nickname", "Login name", "Best score", "Maximum points"]


def test_times_on_the_results_page_are_written_as_on_every_other_page(app):
    teacher = signed_in(app, "teacher", "laoshi")
    owner = user("laoshi")
    quiz = teacher_quiz(owner, [custom_question(owner).id])
    play(app, "student0", quiz.slug, right=True)
    page = teacher.client.get(f"/teach/quizzes/{quiz.id}/results").get_data(as_text=True)
    assert re.search(r"<td>\d+ 分 \d\d 秒</td>", page) and " s</td>" not in page  # not "2 s" on a Chinese page
