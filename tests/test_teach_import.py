"""Teachers import a timeline file (preview, then confirm) and a CSV of questions, as jobs.

The tests run each job inside the request that queues it (JOB_IMMEDIATE); tests/test_import_jobs.py
covers the background consumer, failures and recovery."""
import html as markup
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import ImportJob, Question, Quiz, Timeline, User
from teach_helpers import signed_in

TIMELINE = "# 测试\n## 2001年3月，甲公司成立。\n甲公司在杭州成立。\n## 2005年，乙产品上线。\n乙产品上线了。\n" \
           "## 2010年8月8日，丙合作开始。\n丙合作。\n"
UPLOAD = "/teach/import/timeline"
ENGLISH = {"Accept-Language": "en"}
CONFIRM_RE = re.compile(r'action="/teach/import/timeline/(\d+)/confirm"')
CORPUS = Path(__file__).resolve().parent / "generator" / "corpus"


@pytest.fixture
def teacher(app):
    """A signed-in teacher."""
    return signed_in(app, "teacher", "teacher1")


def upload(teacher, data: bytes, slug: str = "test-line", title: str = "测试时间线"):
    """Post a timeline file to the preview step."""
    return teacher.post(UPLOAD, {"file": (io.BytesIO(data), "line.md"), "slug": slug, "title": title},
                        token_from=UPLOAD, content_type="multipart/form-data", headers=ENGLISH)


def confirm(teacher, preview, slug: str = "test-line", title: str = "测试时间线"):
    """Confirm the previewed timeline (the names only: its text waits on the server)."""
    draft_id = CONFIRM_RE.search(preview.get_data(as_text=True)).group(1)
    return teacher.post(f"{UPLOAD}/{draft_id}/confirm", {"slug": slug, "title": title}, token_from=UPLOAD,
                        headers=ENGLISH)


def follow(teacher, response):
    """The page a redirect leads to, in English."""
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return teacher.client.get(response.headers["Location"], headers=ENGLISH)


def count(model) -> int:
    """Rows of a model now in the database."""
    return db.session.scalar(select(func.count()).select_from(model))


def test_preview_stores_nothing_then_confirm_runs_a_job_that_stores_it_and_says_so(teacher):
    before = count(Timeline), count(Question)
    preview = upload(teacher, "\ufeff".encode() + TIMELINE.encode())
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "甲公司成立。" in html and "2010年8月8日" in html and "乙产品上线。" in html
    assert (count(Timeline), count(Question)) == before
    page = follow(teacher, confirm(teacher, preview))
    timeline = db.session.scalar(select(Timeline).where(Timeline.slug == "test-line"))
    assert [e.headline for e in timeline.events] == ["甲公司成立。", "乙产品上线。", "丙合作开始。"]
    questions = count(Question) - before[1]
    assert questions > 0
    assert f"Imported 3 events with {questions} generated questions" in page.get_data(as_text=True)
    assert db.session.scalar(select(Quiz).where(Quiz.slug == "test-line-all")).published
    assert teacher.client.get("/quiz/test-line-all").status_code == 200


def test_the_importing_teacher_curates_the_timelines_generated_questions_and_others_may_not(app, teacher):
    follow(teacher, confirm(teacher, upload(teacher, TIMELINE.encode())))
    timeline = db.session.scalar(select(Timeline).where(Timeline.slug == "test-line"))
    assert timeline.owner_id == db.session.scalar(select(User.id).where(User.username == "teacher1"))
    question = db.session.scalar(select(Question).where(Question.timeline_id == timeline.id))
    other = signed_in(app, "teacher", "teacher2")
    path = f"/teach/questions/{question.id}/hide"
    assert other.post(path, token_from="/teach/questions").status_code == 403
    assert teacher.post(path, token_from="/teach/questions").status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, question.id).hidden


BAD = "前言\n## 2001年，甲。\n## 不是日期\n## 2003年，丙。\n## 2004年\n## 3/5/2019 丁\n"


def test_preview_reports_every_bad_line_and_offers_no_confirm(teacher):
    before = count(Timeline), count(ImportJob)
    response = upload(teacher, BAD.encode())
    html = markup.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert [n for n in range(1, 7) if f"Line {n}:" in html] == [3, 5, 6]  # the preface line is fine
    assert "An event heading must start with a date" in html and "“3/5/2019” is ambiguous" in html
    assert "甲。" in html and "丙。" in html and CONFIRM_RE.search(html) is None
    assert (count(Timeline), count(ImportJob)) == before


def test_parse_errors_are_shown_in_the_ui_language(teacher):
    response = teacher.post(UPLOAD, {"file": (io.BytesIO(BAD.encode()), "line.md"), "slug": "zh-bad", "title": "x"},
                            token_from=UPLOAD, content_type="multipart/form-data", headers={"Accept-Language": "zh"})
    html = markup.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "事件标题要以日期开头" in html and "“3/5/2019”有歧义" in html and "日期后面缺少事件内容" in html
    assert "An event heading" not in html


@pytest.mark.parametrize("name, language, about, true_word, quiz_title", [
    ("en_communication", "en", "A Short History of Communication", "True", "Communication: every event"),
    ("zh_hant_science", "zh-Hant", "科學與技術大事記", "正確", "Communication：全部事件"),
    ("zh_hans_history", "zh-Hans", "中国历史大事简表", "正确", "Communication：全部事件"),
])
def test_timelines_in_other_languages_are_stored_with_their_language(teacher, name, language, about, true_word,
                                                                     quiz_title):
    text = (CORPUS / f"{name}.md").read_bytes()
    response = upload(teacher, text, slug="corpus-line", title="Communication")
    assert response.status_code == 200 and about in markup.unescape(response.get_data(as_text=True))
    assert "Imported" in follow(teacher, confirm(teacher, response, "corpus-line", "Communication")).get_data(
        as_text=True)
    timeline = db.session.scalar(select(Timeline).where(Timeline.slug == "corpus-line"))
    assert timeline.language == language and timeline.description.startswith(about)
    questions = db.session.scalars(select(Question).where(Question.timeline_id == timeline.id)).all()
    assert {q.answer for q in questions if q.kind == "true_false"} == {true_word, ("False", "錯誤", "错误")[
        ("en", "zh-Hant", "zh-Hans").index(language)]}
    assert db.session.scalar(select(Quiz).where(Quiz.slug == "corpus-line-all")).title == quiz_title
    assert teacher.client.get("/quiz/corpus-line-all").status_code == 200


def test_bc_events_keep_their_dates_and_order(teacher):
    text = (CORPUS / "zh_hans_history.md").read_bytes()
    confirm(teacher, upload(teacher, text, slug="ancient", title="古代"), "ancient", "古代")
    db.session.expire_all()
    events = db.session.scalar(select(Timeline).where(Timeline.slug == "ancient")).events
    qin = next(e for e in events if e.date_text == "公元前221年")
    assert (qin.date_label, qin.precision, qin.start_year, qin.html_datetime) == ("公元前221年", "year", -220, None)
    assert [e.start_day for e in events[:8]] == sorted(e.start_day for e in events[:8])
    decade = next(e for e in events if e.date_text == "20世纪90年代")
    assert (decade.precision, decade.start_year, decade.end_year) == ("decade", 1990, 1999)
    era_slugs = set(db.session.scalars(select(Quiz.slug).where(Quiz.slug.like("ancient-%"))))
    assert any(slug.startswith("ancient-2070bc-") for slug in era_slugs)


def test_a_preview_is_confirmed_once_and_only_by_its_teacher(app, teacher):
    preview = upload(teacher, TIMELINE.encode())
    other = signed_in(app, "teacher", "teacher2")
    assert confirm(other, preview).status_code == 404
    assert confirm(teacher, preview).status_code == 302
    assert confirm(teacher, preview).status_code == 404
    assert count(Timeline) == 2  # the bundled one and this one, once


def test_confirm_checks_the_names_again(teacher):
    preview = upload(teacher, TIMELINE.encode())
    response = confirm(teacher, preview, slug="alipay")
    assert response.status_code == 400 and "exists already" in response.get_data(as_text=True)
    assert CONFIRM_RE.search(response.get_data(as_text=True))  # the teacher can pick another name
    assert count(Timeline) == 1


@pytest.mark.parametrize("data, slug, message", [
    (b"\xff\xfe## 2001\xc4", "ok-slug", "not UTF-8 text (the first bad byte is on line 1)"),
    (b"## 2001\x00\x01binary", "ok-slug", "binary"),
    (TIMELINE.encode(), "alipay", "exists already"),
    (TIMELINE.encode(), "Bad Slug", "lower-case"),
])
def test_bad_uploads_get_a_form_error_and_store_nothing(teacher, data, slug, message):
    before = count(Timeline)
    response = upload(teacher, data, slug=slug)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(Timeline) == before


def padded_to(size: int) -> bytes:
    """A clean two-event timeline of exactly `size` bytes, padded with blank-looking lines."""
    head = TIMELINE.encode()
    padding = size - len(head)
    return head + b" \n" * (padding // 2) + b"\n" * (padding % 2)


def test_a_file_just_under_the_limit_previews_confirms_and_imports(app, teacher):
    limit = app.config["UPLOAD_LIMIT"]
    data = padded_to(limit)
    assert len(data) == limit
    preview = upload(teacher, data)
    assert preview.status_code == 200, preview.get_data(as_text=True)[-3000:]
    page = follow(teacher, confirm(teacher, preview))
    assert "Imported 3 events" in page.get_data(as_text=True)
    timeline = db.session.scalar(select(Timeline).where(Timeline.slug == "test-line"))
    assert len(timeline.source_text.encode()) == limit


@pytest.mark.parametrize("size", [1, 10 * 1024 * 1024])
def test_a_file_over_the_limit_gets_a_413_page_naming_the_limit(app, teacher, size):
    response = upload(teacher, padded_to(app.config["UPLOAD_LIMIT"] + size))
    assert response.status_code == 413
    assert "1 MB" in response.get_data(as_text=True)
    assert count(Timeline) == 1 and count(ImportJob) == 0


CSV_URL = "/teach/import/questions"
GOOD_CSV = ('kind,prompt,choices,answer,explanation,event\r\n'
            'choice,"支付宝哪一年成立？ 带""引号""，和逗号",2003年|2004年|2005年,2004年,"第一行\n第二行",2004年12月8日\r\n'
            'true_false,支付宝成立于2004年。,,true,,\r\n'
            'order,排序,甲|乙|丙,,,\r\n'
            'fill_in,支付宝成立于____年,,二〇〇四|2004,,\r\n')


def post_csv(teacher, text: str):
    """Upload a CSV file of questions (UTF-8 with a BOM, as Excel saves it)."""
    return teacher.post(CSV_URL, {"file": (io.BytesIO(("\ufeff" + text).encode()), "q.csv")}, token_from=CSV_URL,
                        content_type="multipart/form-data", headers=ENGLISH)


def imported() -> list[Question]:
    """The imported questions, oldest first."""
    db.session.expire_all()
    return list(db.session.scalars(select(Question).where(Question.origin == "imported").order_by(Question.id)))


def test_a_clean_csv_stores_every_row(teacher):
    page = follow(teacher, post_csv(teacher, GOOD_CSV))
    assert "Imported 4 questions." in page.get_data(as_text=True)
    rows = imported()
    assert [q.kind for q in rows] == ["choice", "true_false", "order", "fill_in"]
    assert rows[0].prompt == "支付宝哪一年成立？ 带\"引号\"，和逗号" and rows[0].answer == "2004年"
    assert rows[0].explanation == "第一行\n第二行" and rows[0].events[0].date_label == "2004年12月8日"
    assert rows[1].answer == "正确" and rows[2].answer == ["甲", "乙", "丙"] and rows[3].answer == ["二〇〇四", "2004"]


@pytest.mark.parametrize("bad_row, message", [
    ("choice,只有一个选项,甲,甲,,", "Fill in between 2 and 6 different options."),
    ("choice,答案不在选项里,甲|乙,丙,,", "The answer must be one of the choices."),
    ("order,两项,甲|乙,,,", "Fill in between 3 and 6 different options."),
    ("fill_in,没有答案,,,,", "Give at least one accepted answer."),
    ("essay,未知题型,,,,", "Unknown kind"),
    ("choice,,甲|乙,甲,,", "This field is required."),
    ("true_false,日期不存在,,true,,1999年", "No single event"),
])
def test_one_bad_row_is_reported_by_number_and_nothing_is_stored(teacher, bad_row, message):
    page = follow(teacher, post_csv(teacher, GOOD_CSV + bad_row + "\r\n"))
    html = markup.unescape(page.get_data(as_text=True))
    assert "1 problems: no question has been imported" in html
    assert "Row 6:" in html and message in html
    assert imported() == []


def test_a_csv_without_the_header_or_not_utf8_is_refused(teacher):
    page = follow(teacher, post_csv(teacher, "choice,问题,甲|乙,甲\r\n"))
    assert "Row 1: The first row must name the columns" in markup.unescape(page.get_data(as_text=True))
    response = teacher.post(CSV_URL, {"file": (io.BytesIO("kind,prompt\r\n".encode("gbk") + "是非,题".encode("gbk")),
                                                "q.csv")}, token_from=CSV_URL, content_type="multipart/form-data",
                            headers=ENGLISH)
    assert response.status_code == 400 and "not UTF-8" in response.get_data(as_text=True)
    assert imported() == []


def many_events(n: int) -> str:
    """A timeline of n one-line events, one a day from 2001-01-01."""
    return "".join(f"## 2001年{1 + i // 28 % 12}月{1 + i % 28}日，第{i}件事发生。\n" for i in range(n))


def test_a_timeline_over_the_event_limit_is_refused_at_preview(teacher):
    from quiz.teach.imports import MAX_EVENTS
    at_limit = upload(teacher, many_events(MAX_EVENTS).encode())
    assert at_limit.status_code == 200 and CONFIRM_RE.search(at_limit.get_data(as_text=True))
    response = upload(teacher, many_events(MAX_EVENTS + 1).encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"At most {MAX_EVENTS} events in one timeline; this file has {MAX_EVENTS + 1}" in html
    assert f"Line {MAX_EVENTS + 1}:" in html and CONFIRM_RE.search(html) is None


def test_a_csv_row_links_the_event_of_its_own_timeline_by_date(teacher):
    from quiz.services import timeline_import
    timeline_import.store("second-line", "第二条", "## 2004年12月8日，另一件事。\n## 2005年，再一件事。\n")
    response = post_csv(teacher, "kind,prompt,answer,event,timeline\r\n"
                                 "true_false,本时间线的事,true,2004年12月8日,second-line\r\n"
                                 "true_false,内置时间线的事,true,2004年12月8日,\r\n")
    assert "Imported 2 questions." in follow(teacher, response).get_data(as_text=True)
    own, bundled = imported()
    assert [e.headline for e in own.events] == ["另一件事。"] and own.timeline.slug == "second-line"
    assert bundled.events[0].timeline.slug == "alipay" and bundled.events[0].date_label == "2004年12月8日"
