"""Forms for playing: answering one question, switching language."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, SelectMultipleField
from wtforms.validators import InputRequired
from wtforms.widgets import HiddenInput


class AnswerForm(FlaskForm):
    """One answer: the question's position plus the picked option or the ordering.

    Options travel as indexes; the server maps them to text and grades them.
    """

    position = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    choice = RadioField(_l("Your answer"), choices=[], validate_choice=False)
    order = SelectMultipleField(_l("Your order"), choices=[], validate_choice=False)

    def raw_answer(self, kind: str) -> list[str]:
        """The submitted option indexes, as the scoring service reads them."""
        if kind == "order":
            return [str(v) for v in (self.order.data or [])]
        return [self.choice.data] if self.choice.data is not None else []


class LanguageForm(FlaskForm):
    """Switch the interface language; the choice sticks for the session."""

    lang = HiddenField(validators=[InputRequired()])
    next = HiddenField()
