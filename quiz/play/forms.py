"""Forms for playing: answering one question (its fields come from the kinds), switching language."""
from wtforms import HiddenField
from wtforms.validators import InputRequired

from quiz.forms import Form
from quiz.kinds import AnswerForm

__all__ = ["AnswerForm", "LanguageForm"]


class LanguageForm(Form):
    """Switch the interface language; the choice sticks for the session."""

    lang = HiddenField(validators=[InputRequired()])
    next = HiddenField()
