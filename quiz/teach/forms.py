"""Forms for teachers' questions; each kind's own fields and rules live in its module in quiz/kinds."""
from typing import IO

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, SearchField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from quiz.errors import abort_with
from quiz.filters import ORIGIN_LABELS, file_size
from quiz.forms import Form
from quiz.kinds import kind_for
from quiz.kinds.forms import EditorForm, strip
from quiz.services import images
from quiz.services.authoring import Draft
from quiz.uploads import upload_limit


def read_within(file: IO[bytes], too_large: str) -> bytes:
    """An uploaded file's bytes, or a 413 page with `too_large` (given %(size)s) when it is over the limit."""
    limit = upload_limit()
    raw = file.read(limit + 1)
    if len(raw) > limit:
        abort_with(413, too_large % {"size": file_size(limit)})
    return raw


class ImageField(FileField):
    """A PNG, JPEG or WebP image, checked and re-encoded while the form validates: `processed` holds it."""

    processed: images.Processed | None = None
    max_side = images.MAX_SIDE  # the page says how large it is stored

    def pre_validate(self, form) -> None:
        """Refuse a file too large (413) or not an image (a form error); keep the re-encoded picture."""
        self.processed = None
        if self.data and hasattr(self.data, "read"):
            raw = read_within(self.data, _("The image is larger than %(size)s, the most an image can be. "
                                            "Scale it down or save it as JPEG and upload it again."))
            try:
                self.processed = images.process(raw)
            except images.BadImage as problem:
                raise ValidationError(str(problem.args[0])) from None


class QuestionForm(EditorForm):
    """One custom question: the fields every kind has, plus its kind's (the page shows only those)."""

    prompt = TextAreaField(_l("Question"), validators=[InputRequired(), Length(max=1000)], filters=[strip])
    explanation = TextAreaField(_l("Explanation shown after answering"), validators=[Length(max=2000)],
                                filters=[strip])
    timeline = SelectField(_l("Timeline"), coerce=int, validators=[InputRequired()])
    event = SelectField(_l("Linked event (optional)"), coerce=int, default=0, validators=[Optional()])
    image = ImageField(_l("Image file"), render_kw={"accept": ",".join(images.MIME_TYPES.values())})
    image_alt = StringField(_l("What the image shows (alt text, read to people who cannot see it)"),
                            validators=[Length(max=300)], filters=[strip])
    remove_image = BooleanField(_l("Remove the image"))

    def __init__(self, kind: str, events_by_timeline: dict[int, set[int]], *args,
                 languages: dict[int, str] | None = None, current_image_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.events_by_timeline = events_by_timeline
        self.languages = languages or {}
        self.current_image_id = current_image_id  # the edited question's image, kept unless replaced or removed

    @property
    def language(self) -> str:
        """The chosen timeline's language: fixed words of the question (True/False) are written in it."""
        return self.languages.get(self.timeline.data, "zh-Hans")

    def validate(self, extra_validators=None) -> bool:
        """Check the fields every kind needs, then the kind's own rules."""
        ok = super().validate(extra_validators)
        if self.event.data and self.event.data not in self.events_by_timeline.get(self.timeline.data, set()):
            self.event.errors.append(_l("Pick an event of the chosen timeline."))
            ok = False
        if (self.kept_image_id() is not None or self.image.processed) and not self.image_alt.data:
            self.image_alt.errors.append(_l("Say in a few words what the image shows: its alt text is required."))
            ok = False
        ok = kind_for(self.kind).check(self) and ok
        if not ok and self.image.processed:  # browsers do not keep a chosen file when a form comes back
            self.image.errors.append(_l("The image is fine, but choose it again after fixing the rest."))
        return ok

    def kept_image_id(self) -> int | None:
        """The question's present image, unless the teacher removes it (a new upload replaces it)."""
        return None if self.remove_image.data else self.current_image_id

    def to_draft(self) -> Draft:
        """The validated question, ready for the authoring service."""
        choices, answer = kind_for(self.kind).draft(self)
        new_image = self.image.processed
        image_id = None if new_image else self.kept_image_id()
        return Draft(kind=self.kind, prompt=self.prompt.data, choices=choices, answer=answer,
                     explanation=self.explanation.data or "", timeline_id=self.timeline.data,
                     event_ids=[self.event.data] if self.event.data else [], image_id=image_id, new_image=new_image,
                     image_alt=(self.image_alt.data or "") if new_image or image_id else "")

    def load(self, question) -> None:
        """Fill the form from a stored question, for editing."""
        self.prompt.data, self.explanation.data = question.prompt, question.explanation
        self.timeline.data = question.timeline_id
        self.event.data = question.events[0].id if question.events else 0
        self.image_alt.data = question.image_alt
        kind_for(question.kind).load(self, question)


class QuestionFilterForm(Form):
    """Browse questions by timeline event, kind and origin (a GET form, no CSRF)."""

    class Meta:
        csrf = False

    text = SearchField(_l("Words in the question"), validators=[Optional(), Length(max=100)], filters=[strip])
    event = SelectField(_l("Event"), coerce=int, default=0, validators=[Optional()])
    kind = SelectField(_l("Kind"), default="", validators=[Optional()])
    origin = SelectField(_l("Origin"), default="", validators=[Optional()],
                         choices=[SelectChoice("", _l("All"))] + [SelectChoice(k, v) for k, v in ORIGIN_LABELS.items()])
    show = SelectField(_l("Show"), default="visible", validators=[Optional()],
                       choices=[SelectChoice("visible", _l("In use")), SelectChoice("hidden", _l("Hidden or archived")),
                                SelectChoice("all", _l("All"))])
