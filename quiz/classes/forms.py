"""The form a student joins a class with."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from quiz.forms import Form


class JoinForm(Form):
    """Join a class with the code the teacher gave."""

    code = StringField(_l("Class code"), validators=[InputRequired(), Length(max=16)])
