"""Images in teachers' questions: upload, checks, re-encoding, replace and remove, shown with alt text."""
import io
import re

import pytest
from PIL import Image
from sqlalchemy import func, select

from helpers import answer_form, item_at
from image_helpers import photo_with_damaged_exif, photo_with_metadata, picture, png_claiming
from quiz.extensions import db
from quiz.models import Question, QuestionImage
from teach_helpers import signed_in, teacher_quiz, user

NEW = "/teach/questions/new/choice"
EN = {"Accept-Language": "en"}


def form(image: bytes | None = None, name: str = "map.png", **extra) -> dict:
    """A multiple-choice question, with an image file when given."""
    data = {"prompt": "图中是哪座城市？", "explanation": "", "timeline": "1", "event": "0", "correct": "0",
            "image_alt": "一张地图，杭州用红点标出"}
    data.update({f"options-{i}": "" for i in range(6)})
    data.update({"options-0": "杭州", "options-1": "上海"})
    if image is not None:
        data["image"] = (io.BytesIO(image), name)
    data.update(extra)
    return data


@pytest.fixture
def teacher(app):
    """A signed-in teacher."""
    return signed_in(app, "teacher", "teacher1")


def save(teacher, data: dict, path: str = NEW):
    """Post the question form as multipart, like the browser does."""
    return teacher.post(path, data, token_from=path, content_type="multipart/form-data", headers=EN)


def custom() -> Question | None:
    """The teacher's question, fresh from the database."""
    db.session.expire_all()
    return db.session.scalar(select(Question).where(Question.origin == "custom"))


def stored(question: Question) -> Image.Image:
    """The stored image of a question, decoded."""
    return Image.open(io.BytesIO(question.image.data))


def images_stored() -> int:
    return db.session.scalar(select(func.count(QuestionImage.id)))


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_each_format_is_stored_re_encoded_and_shown_with_its_alt_text(teacher, kind):
    assert save(teacher, form(picture(kind), name=f"x.{kind.lower()}")).status_code == 302
    question = custom()
    assert stored(question).format == kind and question.image.mime == f"image/{kind.lower()}"
    assert question.image_alt == "一张地图，杭州用红点标出"
    preview = teacher.client.get(f"/teach/questions/{question.id}/preview").get_data(as_text=True)
    address = f"/images/{question.image.id}/{question.image.digest}"
    assert re.search(rf'<img src="{address}" alt="一张地图，杭州用红点标出"\s+width="40" height="30"', preview)
    bank = teacher.client.get("/teach/questions?origin=custom").get_data(as_text=True)
    assert f'src="{address}" alt="一张地图，杭州用红点标出"' in bank


def test_metadata_is_stripped_and_the_photo_turned_upright(teacher):
    assert save(teacher, form(photo_with_metadata(), name="photo.jpg")).status_code == 302
    question = custom()
    image = stored(question)
    assert image.size == (30, 60) and (question.image.width, question.image.height) == (30, 60)
    assert not dict(image.getexif()) and b"Secret Camera" not in question.image.data
    assert "icc_profile" not in image.info and "exif" not in image.info


def test_a_photo_with_damaged_metadata_keeps_its_pixels(teacher):
    assert save(teacher, form(photo_with_damaged_exif(), name="photo.jpg")).status_code == 302
    image = stored(custom())
    assert image.size == (60, 30) and not dict(image.getexif())


def test_a_large_picture_is_stored_at_most_1600_pixels(teacher):
    assert save(teacher, form(picture("PNG", (3200, 800)))).status_code == 302
    assert stored(custom()).size == (1600, 400)


@pytest.mark.parametrize("upload, name, message", [
    (b"name,kind\nnot,an image\n", "notes.png", "This file is not a PNG, JPEG or WebP image."),
    (picture("GIF"), "moving.png", "This file is not a PNG, JPEG or WebP image."),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "vector.webp", "This file is not a PNG, JPEG or WebP image."),
    (picture("PNG", (400, 400), color=(1, 2, 3))[:120], "cut.png", "damaged or incomplete"),
    (png_claiming(9000, 6000), "bomb.png", "too many pixels (at most 40 million)"),
    (png_claiming(60000, 60000), "big-bomb.png", "too many pixels (at most 40 million)"),
])
def test_what_is_not_a_usable_image_is_refused_whatever_its_name(teacher, upload, name, message):
    response = save(teacher, form(upload, name=name))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert custom() is None and images_stored() == 0


@pytest.mark.parametrize("size", [4 * 1024 * 1024 + 1, 6 * 1024 * 1024])
def test_an_image_over_4_mb_gets_a_413_page_saying_so(teacher, size):
    response = save(teacher, form(b"\x89PNG" + b"\x00" * (size - 4)))
    assert response.status_code == 413
    assert "4 MB" in response.get_data(as_text=True)
    assert custom() is None and images_stored() == 0


def test_other_forms_keep_the_smaller_limit(teacher):
    big = {"file": (io.BytesIO(b"a" * (2 * 1024 * 1024)), "q.csv")}
    response = teacher.post("/teach/import/questions", big, token_from="/teach/import/questions",
                            content_type="multipart/form-data", headers=EN)
    assert response.status_code == 413 and "1 MB" in response.get_data(as_text=True)


def test_an_image_needs_its_alt_text(teacher):
    response = save(teacher, form(picture(), image_alt="  "))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "its alt text is required" in page
    assert "choose it again" in page  # the browser forgot the chosen file
    assert custom() is None and images_stored() == 0


def test_alt_text_without_an_image_is_not_kept(teacher):
    assert save(teacher, form()).status_code == 302
    assert custom().image_id is None and custom().image_alt == ""


def test_replacing_keeps_the_old_image_for_past_attempts_only(app, teacher):
    save(teacher, form(picture(color=(0, 0, 255))))
    question = custom()
    old = question.image.id, question.image.digest
    quiz = teacher_quiz(user("teacher1"), [question.id])
    student = signed_in(app, "student", "student1")
    attempt_id = student.start(quiz.slug)
    student.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 0)))
    edit = f"/teach/questions/{question.id}/edit"
    assert save(teacher, form(picture(color=(0, 255, 0)), image_alt="新图"), edit).status_code == 302
    question = custom()
    assert question.image.id != old[0] and question.image_alt == "新图"
    result = student.client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)
    assert f'src="/images/{old[0]}/{old[1]}" alt="一张地图，杭州用红点标出"' in result  # as it was answered
    assert student.client.get(f"/images/{old[0]}/{old[1]}").status_code == 200


def test_an_image_nobody_shows_any_more_is_deleted(teacher):
    save(teacher, form(picture(color=(0, 0, 255))))
    question = custom()
    edit = f"/teach/questions/{question.id}/edit"
    assert save(teacher, form(picture(color=(0, 255, 0))), edit).status_code == 302
    assert images_stored() == 1
    assert save(teacher, form(remove_image="y", image_alt=""), edit).status_code == 302
    assert custom().image_id is None and custom().image_alt == "" and images_stored() == 0


def test_editing_without_a_file_keeps_the_image_and_its_alt_text_stays_required(teacher):
    save(teacher, form(picture()))
    question = custom()
    edit = f"/teach/questions/{question.id}/edit"
    page = teacher.client.get(edit).get_data(as_text=True)
    assert 'value="一张地图，杭州用红点标出"' in page and 'enctype="multipart/form-data"' in page
    assert save(teacher, form(image_alt=""), edit).status_code == 400
    assert save(teacher, form(image_alt="地图"), edit).status_code == 302
    assert custom().image_id == question.image_id and custom().image_alt == "地图"


def test_the_same_picture_is_stored_once_and_a_copy_shares_it(teacher):
    save(teacher, form(picture()))
    save(teacher, form(picture(), prompt="第二题"))
    first = custom()
    teacher.post(f"/teach/questions/{first.id}/copy", {}, token_from=f"/teach/questions/{first.id}/preview")
    ids = db.session.scalars(select(Question.image_id).where(Question.origin == "custom")).all()
    assert len(ids) == 3 and len(set(ids)) == 1 and images_stored() == 1
