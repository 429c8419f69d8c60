"""The question-kind registry: a kind declared in one module (here, this test) plays end to end."""
import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import select
from wtforms import StringField

from helpers import attempt
from quiz.extensions import db
from quiz.kinds import InvalidAnswer, QuestionKind, kind_for, kind_label, register, unregister
from quiz.models import Answer
from quiz.services import authoring
from quiz.services.authoring import Draft
from teach_helpers import signed_in, teacher_quiz, user

PARTIAL = """{% macro answer(item, form) -%}
<label for="number" class="prompt">{{ item.prompt }}</label>{{ form.number(inputmode="numeric") }}
{% for error in form.number.errors %}<p class="errors">{{ error }}</p>{% endfor %}
{%- endmacro %}"""


class TypedNumber(QuestionKind):
    """Type a whole number; only the exact number scores."""

    name = "typed_number"
    label = "Type the number"
    template = "kinds/typed_number.html"
    answer_fields = {"number": StringField("Your number")}

    def refuse(self, form):
        form.number.errors = ["Type digits only."]

    def read(self, choices, raw):
        if len(raw) != 1 or not raw[0].strip().isdigit():
            raise InvalidAnswer("digits")
        return int(raw[0])

    def grade(self, given, key):
        return 1.0 if given == key else 0.0


@pytest.fixture
def typed_number(app):
    """Register the kind and its template for one test only."""
    register(TypedNumber)
    loader = app.jinja_env.loader
    app.jinja_env.loader = ChoiceLoader([DictLoader({TypedNumber.template: PARTIAL}), loader])
    yield
    app.jinja_env.loader = loader
    unregister(TypedNumber.name)


def test_a_kind_registered_elsewhere_is_played_and_graded(app, typed_number):
    teacher = signed_in(app, "teacher", "teacher1")
    draft = Draft(kind="typed_number", prompt="二十四节气有几个？", choices=[], answer=24, timeline_id=1)
    question = authoring.save_question(None, draft, user("teacher1"))
    quiz = teacher_quiz(user("teacher1"), [question.id], title="数字")
    assert 'name="number"' in teacher.client.get(f"/teach/questions/{question.id}/preview").get_data(as_text=True)
    student = signed_in(app, "student", "student1")
    attempt_id = student.start(quiz.slug)
    page = student.client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    assert 'name="number"' in page and "二十四节气有几个？" in page and 'name="choice"' not in page
    refused = student.post(f"/attempt/{attempt_id}/answer", {"position": "0", "number": "twenty"})
    assert refused.status_code == 400 and "Type digits only." in refused.get_data(as_text=True)
    assert db.session.scalar(select(Answer)) is None
    assert student.post(f"/attempt/{attempt_id}/answer", {"position": "0", "number": "24"}).status_code == 302
    assert db.session.scalar(select(Answer.correct)) is True and attempt(attempt_id).score == 1


def test_a_kind_leaves_no_trace_once_unregistered(app):
    from quiz.kinds.forms import EditorForm
    numbered = type("Numbered", (TypedNumber,), {"name": "typed_number", "editor_fields": {"digits": StringField()}})
    register(numbered)
    with app.test_request_context():
        assert "digits" in EditorForm(meta={"csrf": False})._fields
    unregister(numbered.name)
    assert kind_for("typed_number").name == "choice" and kind_label("typed_number") == "typed_number"
    with app.test_request_context():
        assert "digits" not in EditorForm(meta={"csrf": False})._fields


def test_two_kinds_cannot_claim_one_field_name_for_different_fields():
    clash = type("Clash", (TypedNumber,), {"name": "clash", "editor_fields": {"correct": StringField()}})
    with pytest.raises(ValueError, match="correct"):
        register(clash)
    assert kind_for("clash").name == "choice"


def test_a_kind_cannot_replace_the_position_its_answers_carry():
    clash = type("Clash", (TypedNumber,), {"name": "clash", "answer_fields": {"position": StringField()}})
    with pytest.raises(ValueError, match="position"):
        register(clash)
    assert kind_for("clash").name == "choice"


def test_unknown_generated_kinds_play_as_single_choice_and_show_their_name():
    kind = kind_for("some_new_generator_kind")
    assert kind.read(["甲", "乙"], ["1"]) == "乙" and kind.grade("乙", "乙") == 1.0
    with pytest.raises(InvalidAnswer):
        kind.read(["甲", "乙"], ["2"])
    assert kind_label("some_new_generator_kind") == "some_new_generator_kind"


@pytest.mark.parametrize("lang, label", [("en", "Put in order"), ("zh_CN", "排序题")])
def test_kind_labels_follow_the_interface_language(app, lang, label):
    with app.test_request_context(headers={"Accept-Language": lang}):
        from flask import session
        session["lang"] = lang
        assert app.jinja_env.from_string("{{ 'order'|kind_label }}").render() == label
