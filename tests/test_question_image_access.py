"""Who may fetch a question's image: the rule of the question itself; everyone else gets 404."""
import pytest
from sqlalchemy import select

from helpers import answer_form, item_at
from image_helpers import picture
from quiz.extensions import db
from quiz.models import Question, QuestionImage
from quiz.services import authoring, images
from quiz.services.authoring import Draft
from teach_helpers import signed_in, teacher_quiz, user


def question_with_image(author, color=(10, 20, 30), prompt: str = "图中是哪座城市？") -> Question:
    """A multiple-choice question of `author` with a small image."""
    draft = Draft(kind="choice", prompt=prompt, choices=["杭州", "上海"], answer="杭州", timeline_id=1,
                  new_image=images.process(picture(color=color)), image_alt="地图")
    return authoring.save_question(None, draft, author)


def address(question: Question) -> str:
    return f"/images/{question.image.id}/{question.image.digest}"


@pytest.fixture
def people(app):
    """The author, another teacher, an admin and a student, each signed in; the author's question."""
    found = {role: signed_in(app, role, name) for role, name in
             (("teacher", "author"), ("admin", "boss"), ("student", "student1"))}
    found["other teacher"] = signed_in(app, "teacher", "other")
    found["anonymous"] = signed_in(app, None)
    return found, question_with_image(user("author"))


@pytest.mark.parametrize("who, status", [("teacher", 200), ("admin", 200), ("other teacher", 404),
                                         ("student", 404), ("anonymous", 404)])
def test_before_any_quiz_only_its_author_and_admins_see_it(people, who, status):
    clients, question = people
    response = clients[who].client.get(address(question))
    assert response.status_code == status
    if status == 200:
        assert response.mimetype == "image/png" and response.data == question.image.data
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_address_is_cached_for_good_but_only_by_the_browser(people):
    clients, question = people
    response = clients["teacher"].client.get(address(question))
    cache = response.cache_control
    assert cache.private and cache.immutable and cache.max_age == 365 * 24 * 3600
    assert response.get_etag() == (question.image.digest, False)
    again = clients["teacher"].client.get(address(question), headers={"If-None-Match": f'"{question.image.digest}"'})
    assert again.status_code == 304 and again.data == b""


def test_a_student_sees_it_once_a_published_quiz_shows_them_the_question(people):
    clients, question = people
    student = clients["student"]
    quiz = teacher_quiz(user("author"), [question.id])
    assert student.client.get(address(question)).status_code == 404  # not started: not shown yet
    attempt_id = student.start(quiz.slug)
    page = student.client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    assert f'<img src="{address(question)}" alt="地图"' in page
    assert student.client.get(address(question)).status_code == 200
    student.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 0)))
    feedback = student.client.get(f"/attempt/{attempt_id}/feedback/0").get_data(as_text=True)
    assert f'<img src="{address(question)}" alt="地图"' in feedback
    assert student.client.get(address(question)).status_code == 200
    assert clients["other teacher"].client.get(address(question)).status_code == 404


def test_an_unpublished_quizs_image_never_reaches_a_student_even_by_guessing(people):
    clients, question = people
    student = clients["student"]
    hidden = question_with_image(user("author"), color=(200, 0, 0), prompt="草稿题")
    quiz = teacher_quiz(user("author"), [hidden.id], title="草稿测验")
    quiz.published = False
    db.session.commit()
    assert student.post(f"/quiz/{quiz.slug}/start", {}).status_code == 404
    # The student plays another quiz with an image, then tries every image id with its real digest.
    played = teacher_quiz(user("author"), [question.id])
    student.start(played.slug)
    for row in db.session.scalars(select(QuestionImage)):
        expected = 200 if row.id == question.image_id else 404
        assert student.client.get(f"/images/{row.id}/{row.digest}").status_code == expected
    assert student.client.get(f"/images/{hidden.image_id}/{question.image.digest}").status_code == 404
    assert student.client.get(f"/images/{question.image_id}/{hidden.image.digest}").status_code == 404
    assert student.client.get(f"/images/{hidden.image_id + 1000}/{hidden.image.digest}").status_code == 404


def test_a_live_game_shows_it_on_the_projector_only(people, app):
    from live_support import game, join
    from quiz.services.live import game as live

    clients, question = people
    quiz = teacher_quiz(user("author"), [question.id])
    host = signed_in(app, "teacher", "host")  # hosts a published quiz another teacher wrote
    response = host.post(f"/live/host/quiz/{quiz.id}", {"seconds": "20"}, token_from=f"/quiz/{quiz.slug}")
    game_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    phone = join(app, game(game_id).pin, "小红")
    live.open_next_question(game(game_id))
    db.session.commit()
    projector = host.client.get(f"/live/host/{game_id}").get_data(as_text=True)
    assert f'<img src="{address(question)}" alt="地图"' in projector
    assert host.client.get(address(question)).status_code == 200
    assert phone.client.get(address(question)).status_code == 404
    assert clients["other teacher"].client.get(address(question)).status_code == 404
