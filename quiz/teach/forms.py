"""Forms for teachers' questions; each kind's own fields and rules live in its module in quiz/kinds."""
from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from quiz.forms import Form
from quiz.kinds import kind_for
from quiz.kinds.forms import EditorForm, strip
from quiz.services.authoring import Draft


class QuestionForm(EditorForm):
    """One custom question: the fields every kind has, plus its kind's (the page shows only those)."""

    prompt = TextAreaField(_l("Question"), validators=[InputRequired(), Length(max=1000)], filters=[strip])
    explanation = TextAreaField(_l("Explanation shown after answering"), validators=[Length(max=2000)],
                                filters=[strip])
    timeline = SelectField(_l("Timeline"), coerce=int, validators=[InputRequired()])
    event = SelectField(_l("Linked event (optional)"), coerce=int, default=0, validators=[Optional()])

    def __init__(self, kind: str, events_by_timeline: dict[int, set[int]], *args,
                 languages: dict[int, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.events_by_timeline = events_by_timeline
        self.languages = languages or {}

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
        return kind_for(self.kind).check(self) and ok

    def to_draft(self) -> Draft:
        """The validated question, ready for the authoring service."""
        choices, answer = kind_for(self.kind).draft(self)
        return Draft(kind=self.kind, prompt=self.prompt.data, choices=choices, answer=answer,
                     explanation=self.explanation.data or "", timeline_id=self.timeline.data,
                     event_ids=[self.event.data] if self.event.data else [])

    def load(self, question) -> None:
        """Fill the form from a stored question, for editing."""
        self.prompt.data, self.explanation.data = question.prompt, question.explanation
        self.timeline.data = question.timeline_id
        self.event.data = question.events[0].id if question.events else 0
        kind_for(question.kind).load(self, question)


class QuestionFilterForm(Form):
    """Browse questions by timeline event, kind and origin (a GET form, no CSRF)."""

    class Meta:
        csrf = False

    text = SearchField(_l("Words in the question"), validators=[Optional(), Length(max=100)], filters=[strip])
    event = SelectField(_l("Event"), coerce=int, default=0, validators=[Optional()])
    kind = SelectField(_l("Kind"), default="", validators=[Optional()])
    origin = SelectField(_l("Origin"), default="", validators=[Optional()],
                         choices=[SelectChoice("", _l("All")), SelectChoice("generated", _l("Generated")),
                                  SelectChoice("custom", _l("Written by teachers")),
                                  SelectChoice("imported", _l("Imported"))])
    show = SelectField(_l("Show"), default="visible", validators=[Optional()],
                       choices=[SelectChoice("visible", _l("In use")), SelectChoice("hidden", _l("Hidden or archived")),
                                SelectChoice("all", _l("All"))])
