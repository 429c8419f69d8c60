"""The multiple-choice editor: the right option is the radio beside its box; exactly one, and not empty."""
import re

import pytest
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Question
from teach_helpers import custom_question, signed_in, user

NEW = "/teach/questions/new/choice"


def form(**extra) -> dict:
    """A multiple-choice question with three options filled in and no right option ticked yet."""
    data = {"prompt": "支付宝哪一年成立？", "explanation": "", "timeline": "1", "event": "0"}
    data.update({f"options-{i}": "" for i in range(6)})
    data.update({"options-0": "2003年", "options-1": "2004年", "options-2": "2005年"})
    data.update(extra)
    return data


@pytest.fixture
def teacher(app):
    """A signed-in teacher."""
    return signed_in(app, "teacher", "teacher1")


def test_the_ticked_radio_is_the_key(teacher):
    assert teacher.post(NEW, form(correct="2"), token_from=NEW).status_code == 302
    assert db.session.scalar(select(Question.answer).where(Question.origin == "custom")) == "2005年"


@pytest.mark.parametrize("picked, message", [
    (None, "Tick exactly one option as the right answer."),
    (["0", "1"], "Tick exactly one option as the right answer."),
    ("4", "The option ticked as the right answer is empty"),
    ("9", "Tick exactly one option as the right answer."),
    ("x", ""),
])
def test_anything_but_one_filled_option_ticked_is_refused(teacher, picked, message):
    data = form() if picked is None else form(correct=picked)
    response = teacher.post(NEW, data, token_from=NEW, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Question).where(Question.origin == "custom")) is None


def test_a_new_question_ticks_nothing_and_each_radio_names_its_option(teacher):
    page = teacher.client.get(NEW, headers={"Accept-Language": "en"}).get_data(as_text=True)
    radios = re.findall(r'<input type="radio" name="correct"[^>]*>', page)
    assert len(radios) == 6 and not any("checked" in r for r in radios)
    assert "<legend>Options (2 to 6): tick the right one</legend>" in page
    for n in range(1, 7):  # each radio names its option for screen readers; "right answer" is seen beside it
        assert re.search(rf'value="{n - 1}"\s*aria-label="Option {n} is the right answer">\s*right answer', page)


def test_editing_shows_the_current_right_option_ticked(teacher):
    question = custom_question(user("teacher1"))  # 2003年, 2004年 (the key), 2005年
    page = teacher.client.get(f"/teach/questions/{question.id}/edit").get_data(as_text=True)
    checked = re.findall(r'id="correct-(\d)" value="\d"\s*aria-label="[^"]*" checked>', page)
    assert checked == ["1"]


def test_a_refused_form_keeps_the_teachers_tick(teacher):
    response = teacher.post(NEW, form(prompt="", correct="2"), token_from=NEW)
    assert response.status_code == 400
    assert re.search(r'id="correct-2" value="2"\s*aria-label="[^"]*" checked>', response.get_data(as_text=True))
