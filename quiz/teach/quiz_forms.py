"""Forms for building quizzes and classes."""
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, DateTimeLocalField, IntegerField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from quiz.forms import Form
from quiz.services.quizbuilder import QuizSpec


class CheckboxesField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class QuizForm(Form):
    """A quiz from picked questions or, when none is picked, from a rule."""

    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=200)],
                        filters=[lambda s: s.strip() if s else s])
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    picked = CheckboxesField(_l("Pick questions"), coerce=int, validators=[Optional()])
    kinds = CheckboxesField(_l("Kinds of question"), validators=[Optional()])
    events = CheckboxesField(_l("Only these events"), coerce=int, validators=[Optional()])
    year_from = IntegerField(_l("From year"), validators=[Optional(), NumberRange(min=1, max=9999)])
    year_to = IntegerField(_l("To year"), validators=[Optional(), NumberRange(min=1, max=9999)])
    count = IntegerField(_l("Number of questions"), default=10, validators=[Optional(), NumberRange(min=1, max=200)])
    time_limit = IntegerField(_l("Time limit in minutes (empty: none)"),
                              validators=[Optional(), NumberRange(min=1, max=240)])
    shuffle = BooleanField(_l("Shuffle the questions"), default=True)
    published = BooleanField(_l("Published: students can see and play it"), default=True)

    def rule(self) -> dict:
        """The rule part of the form, without empty entries."""
        rule = {"kinds": self.kinds.data or None, "events": self.events.data or None,
                "year_from": self.year_from.data, "year_to": self.year_to.data, "count": self.count.data}
        return {key: value for key, value in rule.items() if value}

    def to_spec(self, timeline_id: int) -> QuizSpec:
        """The validated quiz, ready for the builder service."""
        return QuizSpec(title=self.title.data, description=self.description.data or "", timeline_id=timeline_id,
                        picked=list(self.picked.data or []), rule=self.rule(), shuffle=self.shuffle.data,
                        time_limit=self.time_limit.data * 60 if self.time_limit.data else None,
                        published=self.published.data)

    def load(self, quiz) -> None:
        """Fill the form from a stored quiz, for editing."""
        rule = quiz.rule or {}
        self.title.data, self.description.data = quiz.title, quiz.description
        self.picked.data = [item.question_id for item in quiz.items]
        self.kinds.data, self.events.data = rule.get("kinds") or [], rule.get("events") or []
        self.year_from.data, self.year_to.data = rule.get("year_from"), rule.get("year_to")
        self.count.data = rule.get("count")
        self.time_limit.data = quiz.time_limit // 60 if quiz.time_limit else None
        self.shuffle.data, self.published.data = quiz.shuffle, quiz.published


class ClassForm(Form):
    """A new class."""

    name = StringField(_l("Class name"), validators=[InputRequired(), Length(max=80)],
                       filters=[lambda s: s.strip() if s else s])


class AssignForm(Form):
    """Assign one of the teacher's quizzes to a class, with an optional deadline."""

    quiz = SelectField(_l("Quiz"), coerce=int, validators=[InputRequired()])
    due_at = DateTimeLocalField(_l("Deadline (optional)"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
