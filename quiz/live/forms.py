"""Forms of live games: the host's start form and the player's join form."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from quiz.forms import Form, NicknameMixin
from quiz.services.live.game import MAX_SECONDS, MIN_SECONDS


class StartForm(Form):
    """Start a live game of a quiz; the seconds per question default to the quiz's own."""

    seconds = IntegerField(_l("Seconds per question"), validators=[Optional(), NumberRange(MIN_SECONDS, MAX_SECONDS)])


class JoinForm(NicknameMixin, Form):
    """Join a game with its PIN under a nickname."""

    pin = StringField(_l("Game PIN"), validators=[InputRequired(), Length(min=6, max=6),
                                                  Regexp(r"^\d{6}$", message=_l("The PIN is six digits."))],
                      filters=[lambda s: "".join(s.split()) if s else s])
