"""Forms for building quizzes and classes."""
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, DateTimeLocalField, IntegerField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from quiz.forms import Form
from quiz.services.quizbuilder import QuizSpec
from quiz.site_time import from_site, to_site, zone_label


class CheckboxesField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def astronomical(year: int | None) -> int | None:
    """A year as typed (221 BC is -221) as rules and events count it (1 BC is 0, 221 BC is -220)."""
    return year + 1 if year is not None and year < 0 else year


def historical(year: int | None) -> int | None:
    """A rule's astronomical year as the form shows it: the inverse of `astronomical`."""
    return year - 1 if year is not None and year < 1 else year


class SiteTimeField(DateTimeLocalField):
    """A date and time typed as wall-clock time in the site's zone; its label (with %(zone)s) names the zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, format="%Y-%m-%dT%H:%M", **kwargs)
        self.label.text = str(self.label.text) % {"zone": zone_label()}


class QuizForm(Form):
    """A quiz from picked questions or, when none is picked, from a rule."""

    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=200)],
                        filters=[lambda s: s.strip() if s else s])
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    picked = CheckboxesField(_l("Pick questions"), coerce=int, validators=[Optional()])
    kinds = CheckboxesField(_l("Kinds of question"), validators=[Optional()])
    events = CheckboxesField(_l("Only these events"), coerce=int, validators=[Optional()])
    # Years as historians write them, BC with a minus sign (-221 is 221 BC); rules store astronomical years.
    year_from = IntegerField(_l("From year (BC with a minus sign: -221)"),
                             validators=[Optional(), NumberRange(min=-9999, max=9999)])
    year_to = IntegerField(_l("To year (BC with a minus sign: -221)"),
                           validators=[Optional(), NumberRange(min=-9999, max=9999)])
    count = IntegerField(_l("Number of questions"), default=10, validators=[Optional(), NumberRange(min=1, max=200)])
    time_limit = IntegerField(_l("Time limit in minutes (empty: none)"),
                              validators=[Optional(), NumberRange(min=1, max=240)])
    shuffle = BooleanField(_l("Shuffle the questions"), default=True)
    published = BooleanField(_l("Published: students can see and play it"), default=True)
    attempts_allowed = IntegerField(_l("Attempts allowed per student (empty: unlimited)"),
                                    validators=[Optional(), NumberRange(min=1, max=100)])
    ranked_attempt = SelectField(_l("Which attempt counts on the leaderboard"), default="first", choices=[
        SelectChoice("first", _l("The first attempt (later ones are practice)")),
        SelectChoice("best", _l("The best attempt"))])
    reveal = SelectField(_l("When students see the correct answers"), default="at_end", choices=[
        SelectChoice("after_each", _l("After each question")),
        SelectChoice("at_end", _l("At the end of the attempt")),
        SelectChoice("after_date", _l("From a date and time"))])
    reveal_at = SiteTimeField(_l("Reveal from (%(zone)s, for 'from a date and time')"), validators=[Optional()])
    board_signed_in_only = BooleanField(_l("Leaderboard shows signed-in players only"), default=True)

    def validate_reveal(self, field) -> None:
        """Revealing from a date needs the date (checked here: an empty optional date skips its own checks)."""
        if field.data == "after_date" and self.reveal_at.data is None:
            self.reveal_at.errors = [*self.reveal_at.errors, _l("Give the date and time from which answers are shown.")]
            raise ValidationError(_l("Give the date and time from which answers are shown."))

    def validate_year_from(self, field) -> None:
        """There is no year 0 between 1 BC and AD 1."""
        if field.data == 0:
            raise ValidationError(_l("There is no year 0: 1 BC (-1) is followed by AD 1."))

    validate_year_to = validate_year_from

    def rule(self) -> dict:
        """The rule part of the form, without empty entries; years as the rule stores them (astronomical)."""
        rule = {"kinds": self.kinds.data or None, "events": self.events.data or None, "count": self.count.data}
        years = {"year_from": astronomical(self.year_from.data), "year_to": astronomical(self.year_to.data)}
        return {**{key: value for key, value in rule.items() if value},
                **{key: value for key, value in years.items() if value is not None}}

    def to_spec(self, timeline_id: int) -> QuizSpec:
        """The validated quiz, ready for the builder service."""
        return QuizSpec(title=self.title.data, description=self.description.data or "", timeline_id=timeline_id,
                        picked=list(self.picked.data or []), rule=self.rule(), shuffle=self.shuffle.data,
                        time_limit=self.time_limit.data * 60 if self.time_limit.data else None,
                        published=self.published.data, attempts_allowed=self.attempts_allowed.data,
                        ranked_attempt=self.ranked_attempt.data, reveal=self.reveal.data,
                        reveal_at=from_site(self.reveal_at.data) if self.reveal.data == "after_date" else None,
                        board_signed_in_only=self.board_signed_in_only.data)

    def load(self, quiz) -> None:
        """Fill the form from a stored quiz, for editing."""
        rule = quiz.rule or {}
        self.title.data, self.description.data = quiz.title, quiz.description
        self.picked.data = [item.question_id for item in quiz.items]
        self.kinds.data, self.events.data = rule.get("kinds") or [], rule.get("events") or []
        self.year_from.data, self.year_to.data = historical(rule.get("year_from")), historical(rule.get("year_to"))
        self.count.data = rule.get("count")
        self.time_limit.data = quiz.time_limit // 60 if quiz.time_limit else None
        self.shuffle.data, self.published.data = quiz.shuffle, quiz.published
        self.attempts_allowed.data, self.ranked_attempt.data = quiz.attempts_allowed, quiz.ranked_attempt
        self.reveal.data = quiz.reveal
        self.reveal_at.data = to_site(quiz.reveal_at) if quiz.reveal_at else None
        self.board_signed_in_only.data = quiz.board_signed_in_only


class ClassForm(Form):
    """A new class."""

    name = StringField(_l("Class name"), validators=[InputRequired(), Length(max=80)],
                       filters=[lambda s: s.strip() if s else s])


class AssignForm(Form):
    """Assign one of the teacher's quizzes to a class, with an optional deadline."""

    quiz = SelectField(_l("Quiz"), coerce=int, validators=[InputRequired()])
    due_at = SiteTimeField(_l("Deadline (optional, %(zone)s)"), validators=[Optional()])
