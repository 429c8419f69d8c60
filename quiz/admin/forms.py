"""Admin forms."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from quiz.forms import Form


class InviteForm(Form):
    """A new invite code: how many teachers may use it, for how many days."""

    max_uses = IntegerField(_l("Teacher accounts it can create"), default=1,
                            validators=[InputRequired(), NumberRange(min=1, max=50)])
    days = IntegerField(_l("Valid for (days)"), default=7, validators=[InputRequired(), NumberRange(min=1, max=90)])
