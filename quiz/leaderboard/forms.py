"""Forms for the boards: which tab to show (a GET filter) and the privacy switch."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from quiz.forms import Form
from quiz.security import MAX_ID
from quiz.services.standings import PERIOD_TABS


class BoardQuery(Form):
    """The board's tab, ranking and page cursor, read from the query string (no CSRF: GET only)."""

    class Meta:
        csrf = False

    period = SelectField(choices=list(PERIOD_TABS), default="all")
    by = SelectField(choices=["score", "accuracy"], default="score")
    after = IntegerField(validators=[Optional(), NumberRange(min=1, max=MAX_ID)])


class PrivacyForm(Form):
    """Choose whether other people see you on the leaderboards."""

    hidden = BooleanField(_l("Hide me from public leaderboards"))
