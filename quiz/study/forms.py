"""Forms of the study modes: grading a flashcard, placing a card."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField
from wtforms.validators import AnyOf, InputRequired, NumberRange
from wtforms.widgets import HiddenInput

from quiz.forms import Form
from quiz.services.flashcards import DIRECTIONS

MAX_INDEX = 2**31 - 1


class GradeCardForm(Form):
    """"Knew it" or "didn't" for the card on screen (the pressed button names the verdict)."""

    event = IntegerField(widget=HiddenInput(), validators=[InputRequired(), NumberRange(0, MAX_INDEX)])
    direction = HiddenField(validators=[InputRequired(), AnyOf(DIRECTIONS)])
    verdict = HiddenField(_l("Did you know it?"), validators=[InputRequired(), AnyOf(("knew", "missed"))])


class PlaceCardForm(Form):
    """Put the card being placed into one gap of the line; `card` guards against stale tabs."""

    card = IntegerField(widget=HiddenInput(), validators=[InputRequired(), NumberRange(0, MAX_INDEX)])
    gap = IntegerField(_l("Where it goes"), validators=[InputRequired(), NumberRange(0, MAX_INDEX)])
