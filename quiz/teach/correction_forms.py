"""Correct a question where it stands: wording, options, right answer and explanation.

Used by the report queue (one form per reported question) and by the bank's edit page of a generated
question. Its kind, timeline and events stay; each kind's own fields and rules come from quiz/kinds, so
a generated (single-choice) question is corrected with the multiple-choice fields.
"""
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from quiz.kinds import kind_for
from quiz.kinds.forms import EditorForm, strip
from quiz.models import Question
from quiz.services import authoring


class CorrectionForm(EditorForm):
    """The parts of one stored question a correction may change."""

    prompt = TextAreaField(_l("Question"), validators=[InputRequired(), Length(max=1000)], filters=[strip])
    explanation = TextAreaField(_l("Explanation shown after answering"), validators=[Length(max=2000)],
                                filters=[strip])

    def __init__(self, question: Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored = authoring.editable(question)
        self.kind = self.stored.kind
        # A true/false statement keeps the True/False words of its timeline's language.
        self.language = question.timeline.language if question.timeline else "zh-Hans"

    def load(self) -> None:
        """Fill the form from the stored question (a GET, or one row of the queue)."""
        self.prompt.data, self.explanation.data = self.stored.prompt, self.stored.explanation
        kind_for(self.kind).load(self, self.stored)

    def validate(self, extra_validators=None) -> bool:
        """Check the common fields, then the kind's own rules."""
        ok = super().validate(extra_validators)
        return kind_for(self.kind).check(self) and ok

    def to_draft(self) -> authoring.Draft:
        """The corrected question, ready for the authoring service."""
        choices, answer = kind_for(self.kind).draft(self)
        return authoring.Draft(kind=self.kind, prompt=self.prompt.data, choices=choices, answer=answer,
                               explanation=self.explanation.data or "")
