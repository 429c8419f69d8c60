"""Forms for teachers' questions; kind-specific checks live in validate()."""
from flask_babel import lazy_gettext as _l
from wtforms import FieldList, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from quiz.forms import Form
from quiz.services.authoring import Draft, draft_for


def strip(value: str | None) -> str | None:
    """Trim surrounding spaces from typed text."""
    return value.strip() if isinstance(value, str) else value


class QuestionForm(Form):
    """One custom question; the page shows only the fields its kind uses."""

    prompt = TextAreaField(_l("Question"), validators=[InputRequired(), Length(max=1000)], filters=[strip])
    options = FieldList(StringField(_l("Option"), validators=[Length(max=300)], filters=[strip]),
                        min_entries=6, max_entries=6)
    correct = SelectField(_l("Right option"), coerce=int, default=0,
                          choices=[SelectChoice(i, _l("Option %(n)s", n=i + 1)) for i in range(6)])
    truth = SelectField(_l("The statement is"), default="true",
                        choices=[SelectChoice("true", _l("True")), SelectChoice("false", _l("False"))])
    accepted = TextAreaField(_l("Accepted answers, one per line"), validators=[Length(max=2000)])
    explanation = TextAreaField(_l("Explanation shown after answering"), validators=[Length(max=2000)],
                                filters=[strip])
    timeline = SelectField(_l("Timeline"), coerce=int, validators=[InputRequired()])
    event = SelectField(_l("Linked event (optional)"), coerce=int, default=0, validators=[Optional()])

    def __init__(self, kind: str, events_by_timeline: dict[int, set[int]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.events_by_timeline = events_by_timeline

    def filled_options(self) -> list[str]:
        """The option boxes the teacher filled in, in order."""
        return [e.data for e in self.options.entries if e.data]

    def accepted_answers(self) -> list[str]:
        """The accepted fill-in answers, one per non-empty line."""
        return [line.strip() for line in (self.accepted.data or "").splitlines() if line.strip()]

    def validate(self, extra_validators=None) -> bool:
        """Check the fields every kind needs, then the kind's own rules."""
        ok = super().validate(extra_validators)
        if self.event.data and self.event.data not in self.events_by_timeline.get(self.timeline.data, set()):
            self.event.errors.append(_l("Pick an event of the chosen timeline."))
            ok = False
        return self.validate_kind() and ok

    def validate_kind(self) -> bool:
        """Multiple choice: 2–6 distinct options, the right one filled; order: 3–6 items; fill-in: answers."""
        options = self.filled_options()
        if self.kind in ("choice", "order"):
            low = 2 if self.kind == "choice" else 3
            if not low <= len(options) <= 6 or len(set(options)) != len(options):
                self.options.errors = [_l("Fill in between %(low)s and 6 different options.", low=low)]
                return False
            if self.kind == "choice" and not self.options.entries[self.correct.data].data:
                self.correct.errors.append(_l("The right option is empty."))
                return False
        if self.kind == "fill_in" and not self.accepted_answers():
            self.accepted.errors.append(_l("Give at least one accepted answer."))
            return False
        return True

    def to_draft(self) -> Draft:
        """The validated question, ready for the authoring service."""
        options = self.filled_options()
        correct = self.correct.data
        if self.kind == "choice":
            correct = options.index(self.options.entries[correct].data)
        choices, answer = draft_for(self.kind, self.prompt.data, options, correct,
                                    self.truth.data == "true", self.accepted_answers())
        return Draft(kind=self.kind, prompt=self.prompt.data, choices=choices, answer=answer,
                     explanation=self.explanation.data or "", timeline_id=self.timeline.data,
                     event_ids=[self.event.data] if self.event.data else [])

    def load(self, question) -> None:
        """Fill the form from a stored question, for editing."""
        self.prompt.data, self.explanation.data = question.prompt, question.explanation
        self.timeline.data = question.timeline_id
        self.event.data = question.events[0].id if question.events else 0
        items = question.answer if question.kind == "order" else list(question.choices)
        for entry, text in zip(self.options.entries, items + [""] * 6):
            entry.data = text
        if question.kind == "choice" and question.answer in question.choices:
            self.correct.data = question.choices.index(question.answer)
        self.truth.data = "true" if question.answer == "正确" else "false"
        if question.kind == "fill_in":
            self.accepted.data = "\n".join(question.answer)


class WordingForm(Form):
    """Correct the wording of a generated question (its key and options stay)."""

    prompt = TextAreaField(_l("Question"), validators=[InputRequired(), Length(max=1000)], filters=[strip])
    explanation = TextAreaField(_l("Explanation shown after answering"), validators=[Length(max=2000)],
                                filters=[strip])


class QuestionFilterForm(Form):
    """Browse questions by timeline event, kind and origin (a GET form, no CSRF)."""

    class Meta:
        csrf = False

    event = SelectField(_l("Event"), coerce=int, default=0, validators=[Optional()])
    kind = SelectField(_l("Kind"), default="", validators=[Optional()])
    origin = SelectField(_l("Origin"), default="", validators=[Optional()],
                         choices=[SelectChoice("", _l("All")), SelectChoice("generated", _l("Generated")),
                                  SelectChoice("custom", _l("Written by teachers")), SelectChoice("imported", _l("Imported"))])
    show = SelectField(_l("Show"), default="visible", validators=[Optional()],
                       choices=[SelectChoice("visible", _l("In use")), SelectChoice("hidden", _l("Hidden or archived")),
                                SelectChoice("all", _l("All"))])
