"""Forms for playing: switching language, reporting a question (answer forms are the kinds', quiz/kinds)."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from quiz.forms import Form

__all__ = ["LanguageForm", "ReportForm"]


class LanguageForm(Form):
    """Switch the interface language; the choice sticks for the session."""

    lang = HiddenField(validators=[InputRequired()])
    next = HiddenField()


class ReportForm(Form):
    """A student's report of a problem with the question they just answered."""

    reason = RadioField(_l("What is wrong?"), choices=[
        SelectChoice("wrong_key", _l("The answer marked right is wrong")),
        SelectChoice("unclear", _l("The question is unclear")),
        SelectChoice("typo", _l("A typo or mistake in the text")), SelectChoice("other", _l("Something else"))],
        validators=[InputRequired()])
    comment = TextAreaField(_l("Comment (optional)"), validators=[Length(max=500)],
                            filters=[lambda s: s.strip() if s else s])
