"""Forms for playing: answering one question, switching language."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length
from wtforms.widgets import HiddenInput

from quiz.forms import Form


class AnswerForm(Form):
    """One answer: the question's position plus the picked option or the ordering.

    Options travel as indexes; the server maps them to text and grades them.
    """

    position = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    choice = RadioField(_l("Your answer"), choices=[], validate_choice=False)
    order = SelectMultipleField(_l("Your order"), choices=[], validate_choice=False)
    when = StringField(_l("Your date"))  # a typed or picked date, read by scoring.read_date_entry
    text = StringField(_l("Your answer"), validators=[Length(max=200)])

    def offer(self, options: list[str]) -> None:
        """Offer a question's options as radio choices, valued by their index."""
        self.choice.choices = [SelectChoice(str(i), option) for i, option in enumerate(options)]

    def raw_answer(self, kind: str) -> list[str]:
        """The submitted option indexes, as the scoring service reads them."""
        if kind == "order":
            return [str(v) for v in (self.order.data or [])]
        if kind == "fill_in":
            return [self.text.data or ""]
        if kind == "date_entry":
            return [self.when.data or ""]
        return [self.choice.data] if self.choice.data is not None else []


class LanguageForm(Form):
    """Switch the interface language; the choice sticks for the session."""

    lang = HiddenField(validators=[InputRequired()])
    next = HiddenField()
