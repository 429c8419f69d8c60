"""Options are shuffled per attempt (teacher-written and imported ones too), stable on resume, graded by key."""
from sqlalchemy import select

from helpers import answer_form, attempt, item_at
from quiz.extensions import db
from quiz.models import Question
from quiz.services import authoring
from quiz.services.authoring import Draft
from teach_helpers import signed_in, teacher_quiz, user

OPTIONS = ["2003年", "2004年", "2005年", "2006年"]


def written(author, origin: str, kind: str = "choice") -> Question:
    """A question as a teacher typed it (origin custom) or a CSV row stored it (origin imported)."""
    if kind == "true_false":
        draft = Draft(kind="true_false", prompt="支付宝成立于2004年。", choices=["正确", "错误"], answer="正确")
    else:
        draft = Draft(kind="choice", prompt=f"支付宝哪一年成立？（{origin}）", choices=OPTIONS, answer="2004年")
    if origin == "imported":
        return authoring.save_imported([draft], author)[0]
    return authoring.save_question(None, draft, author)


def test_written_and_imported_options_are_shuffled_per_attempt_and_graded_by_key(app):
    signed_in(app, "teacher", "teacher1")
    owner = user("teacher1")
    quiz = teacher_quiz(owner, [written(owner, "custom").id, written(owner, "imported").id])
    places = set()
    for n in range(12):
        guest = signed_in(app, "guest")
        attempt_id = guest.start(quiz.slug)
        first, second = item_at(attempt_id, 0), item_at(attempt_id, 1)
        assert sorted(first.choices) == sorted(OPTIONS) and sorted(second.choices) == sorted(OPTIONS)
        places.add((first.choices.index("2004年"), second.choices.index("2004年")))
        if n == 0:  # the key's place is whatever this attempt shows; the server grades the text
            page = guest.client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
            shown = [page.index(option) for option in first.choices]
            assert shown == sorted(shown)  # the page lists the options in the attempt's order
            assert guest.post(f"/attempt/{attempt_id}/answer", answer_form(first, right=True)).status_code == 302
            assert guest.post(f"/attempt/{attempt_id}/answer", answer_form(second, right=False)).status_code == 302
            assert attempt(attempt_id).score == 1
    assert len(places) > 1  # typed order is no longer the order every guest sees


def test_order_of_options_is_stable_when_the_attempt_is_resumed(app):
    signed_in(app, "teacher", "teacher1")
    owner = user("teacher1")
    quiz = teacher_quiz(owner, [written(owner, "custom").id])
    guest = signed_in(app, "guest")
    attempt_id = guest.start(quiz.slug)
    before = guest.client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    assert guest.start(quiz.slug) == attempt_id  # Start again resumes
    after = guest.client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    order = item_at(attempt_id, 0).choices
    assert [before.index(o) for o in order] == sorted(before.index(o) for o in order)
    assert [after.index(o) for o in order] == sorted(after.index(o) for o in order)


def test_true_false_keeps_its_natural_order(app):
    signed_in(app, "teacher", "teacher1")
    owner = user("teacher1")
    generated = db.session.scalar(select(Question.id).where(Question.kind == "true_false").order_by(Question.id))
    quiz = teacher_quiz(owner, [written(owner, "custom", "true_false").id, generated])
    for _n in range(4):
        attempt_id = signed_in(app, "guest").start(quiz.slug)
        assert item_at(attempt_id, 0).choices == ["正确", "错误"]
        assert item_at(attempt_id, 1).choices == ["正确", "错误"]


def test_an_ordering_is_never_shown_already_in_order(app):
    signed_in(app, "teacher", "teacher1")
    owner = user("teacher1")
    draft = Draft(kind="order", prompt="排序", choices=["乙", "甲"], answer=["甲", "乙"])
    quiz = teacher_quiz(owner, [authoring.save_question(None, draft, owner).id])
    for _n in range(6):
        attempt_id = signed_in(app, "guest").start(quiz.slug)
        assert item_at(attempt_id, 0).choices == ["乙", "甲"]
