"""The forms question kinds add their fields to: the student's answer and the teacher's question.

The fields themselves are declared by the kinds (quiz/kinds/<name>.py) and added when a kind registers.
"""
from flask_babel import lazy_gettext as _l
from wtforms import FieldList, IntegerField, StringField
from wtforms import Form as PlainForm
from wtforms.validators import InputRequired, Length
from wtforms.widgets import HiddenInput

from quiz.forms import Form, page_language_messages


def strip(value: str | None) -> str | None:
    """Trim surrounding spaces from typed text."""
    return value.strip() if isinstance(value, str) else value


# Which question of the attempt an answer is for; a hidden field shows no label, and giving it one
# spares WTForms a translation lookup per answer.
POSITION = IntegerField("", widget=HiddenInput(), validators=[InputRequired()])


class AnswerForm(PlainForm):
    """One answer to one question: its position, plus its kind's fields in the kind's own subclass
    (`QuestionKind.answer_form`, made by register).

    The question page shows it, and a refused answer is shown again with it as posted (taking an
    answer reads the values, QuestionKind.raw_answer). A plain WTForms form: the page carries the
    site's CSRF token (`csrf_token()`), which CSRFProtect checks before the answer view runs, so
    Flask-WTF's wrapper would only mint a token of its own and look for the body and files again.
    """

    class Meta:
        def get_translations(self, form):
            return page_language_messages()

    position = POSITION


class EditorForm(Form):
    """The base of the teacher's question form: kinds add the fields only they use."""

    def filled_options(self) -> list[str]:
        """The option boxes the teacher filled in, in order."""
        return [e.data for e in self["options"].entries if e.data]


MAX_OPTIONS = 6
# Shared by the kinds that list options (multiple choice, order): the same field object, declared once.
OPTIONS = FieldList(StringField(_l("Option"), validators=[Length(max=300)], filters=[strip]), _l("Options"),
                    min_entries=MAX_OPTIONS, max_entries=MAX_OPTIONS)


def check_options(form: EditorForm, low: int) -> bool:
    """Between `low` and 6 different options, or an error on the options."""
    options = form.filled_options()
    if not low <= len(options) <= MAX_OPTIONS or len(set(options)) != len(options):
        form["options"].errors = [_l("Fill in between %(low)s and 6 different options.", low=low)]
        return False
    return True


def load_options(form: EditorForm, items: list[str]) -> None:
    """Fill the option boxes with stored items, the rest empty."""
    for entry, text in zip(form["options"].entries, items + [""] * MAX_OPTIONS):
        entry.data = text
