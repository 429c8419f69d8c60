"""Forms for importing a timeline file and a CSV of questions."""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import InputRequired, Length, Regexp, ValidationError

from quiz import generator
from quiz.forms import Form
from quiz.services import timeline_import
from quiz.teach.forms import read_within, strip

SLUG_RULE = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class UploadField(FileField):
    """A file whose text is decoded during validation; `text` holds it afterwards."""

    text: str = ""

    def pre_validate(self, form) -> None:
        """Read the upload and decode it, naming the problem if it is too large or not UTF-8 text."""
        if self.data and hasattr(self.data, "read"):
            raw = read_within(self.data, _("The file is larger than %(size)s, the most a file can be. Split it "
                                           "into several files."))
            try:
                self.text = generator.decode(raw)
            except generator.TimelineError as error:  # binary, or not UTF-8 (CSV files too)
                raise ValidationError(error.render(_)) from None


class TimelineNames(Form):
    """The slug and title a new timeline is stored under; the slug must be free."""

    slug = StringField(_l("Short name (used in addresses)"), filters=[strip],
                       validators=[InputRequired(), Length(max=60),
                                   Regexp(SLUG_RULE, message=_l("Use lower-case letters, digits and hyphens."))])
    title = StringField(_l("Title shown to players"), filters=[strip], validators=[InputRequired(), Length(max=200)])

    def validate_slug(self, field) -> None:
        """Refuse a slug another timeline already has."""
        if timeline_import.slug_taken(field.data):
            raise ValidationError(_l("A timeline with this short name exists already."))


class TimelineUploadForm(TimelineNames):
    """Step 1: upload a timeline file to preview it."""

    file = UploadField(_l("Timeline file (UTF-8 text)"), validators=[FileRequired(_l("Choose a file."))])


class TimelineConfirmForm(TimelineNames):
    """Step 2: confirm the names; the previewed text waits on the server."""


class QuestionsUploadForm(Form):
    """Upload a CSV file of questions."""

    file = UploadField(_l("CSV file (UTF-8)"), validators=[FileRequired(_l("Choose a file."))])
