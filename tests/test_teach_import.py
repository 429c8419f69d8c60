"""Teachers import a timeline file (preview, then confirm) and a CSV of questions."""
import html as markup
import io
import re

import pytest
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Question, Quiz, Timeline
from teach_helpers import signed_in

TIMELINE = "# 测试\n## 2001年3月，甲公司成立。\n甲公司在杭州成立。\n## 2005年，乙产品上线。\n乙产品上线了。\n" \
           "## 2010年8月8日，丙合作开始。\n丙合作。\n"
UPLOAD = "/teach/import/timeline"
ENGLISH = {"Accept-Language": "en"}
TEXT_RE = re.compile(r'name="text" type="hidden" value="([^"]*)"')


@pytest.fixture
def teacher(app):
    """A signed-in teacher."""
    return signed_in(app, "teacher", "teacher1")


def upload(teacher, data: bytes, slug: str = "test-line", title: str = "测试时间线"):
    """Post a timeline file to the preview step."""
    return teacher.post(UPLOAD, {"file": (io.BytesIO(data), "line.md"), "slug": slug, "title": title},
                        token_from=UPLOAD, content_type="multipart/form-data", headers=ENGLISH)


def count(model) -> int:
    """Rows of a model now in the database."""
    return db.session.scalar(select(func.count()).select_from(model))


def test_preview_lists_events_and_stores_nothing_then_confirm_stores_it(teacher):
    before = count(Timeline), count(Question)
    response = upload(teacher, "\ufeff".encode() + TIMELINE.encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "甲公司成立。" in html and "2010年8月8日" in html and "乙产品上线。" in html
    assert (count(Timeline), count(Question)) == before
    text = markup.unescape(TEXT_RE.search(html).group(1))
    response = teacher.post(f"{UPLOAD}/confirm", {"text": text, "slug": "test-line", "title": "测试时间线"},
                            token_from=UPLOAD, content_type="multipart/form-data", headers=ENGLISH)
    assert response.status_code == 302
    timeline = db.session.scalar(select(Timeline).where(Timeline.slug == "test-line"))
    assert [e.headline for e in timeline.events] == ["甲公司成立。", "乙产品上线。", "丙合作开始。"]
    assert count(Question) > before[1]
    assert db.session.scalar(select(Quiz).where(Quiz.slug == "test-line-all")).published
    assert teacher.client.get("/quiz/test-line-all").status_code == 200


def test_preview_reports_every_bad_line_and_offers_no_confirm(teacher):
    before = count(Timeline)
    bad = "前言\n## 2001年，甲。\n## 不是日期\n## 2003年，丙。\n## 2004年\n"
    response = upload(teacher, bad.encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert all(f"Line {n}:" in html for n in (1, 3, 5))
    assert "甲。" in html and "丙。" in html and 'name="text"' not in html
    assert count(Timeline) == before


def test_confirm_parses_again_and_refuses_a_tampered_text(teacher):
    before = count(Timeline)
    response = teacher.post(f"{UPLOAD}/confirm", {"text": "## 不是日期\n", "slug": "tampered", "title": "x"},
                            token_from=UPLOAD, content_type="multipart/form-data", headers=ENGLISH)
    assert response.status_code == 400 and "Line 1:" in response.get_data(as_text=True)
    assert count(Timeline) == before


@pytest.mark.parametrize("data, slug, message", [
    (b"\xff\xfe## 2001\xc4", "ok-slug", "not UTF-8"),
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


def test_a_file_over_the_limit_is_refused_with_413(teacher):
    before = count(Timeline)
    response = upload(teacher, TIMELINE.encode() * 20000)
    assert response.status_code == 413
    assert count(Timeline) == before
