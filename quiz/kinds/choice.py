"""Single choice ("Multiple choice" to teachers): pick one option; also how unknown generated kinds play."""
from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice

from quiz.kinds.base import InvalidAnswer, QuestionKind, option_indexes, register
from quiz.kinds.forms import MAX_OPTIONS, OPTIONS, check_options, load_options

CHOICE = RadioField(_l("Your answer"), choices=[], validate_choice=False)


class SingleChoice(QuestionKind):
    """Playing one option out of several; subclasses differ only in how teachers write them."""

    template = "kinds/choice.html"
    answer_fields = {"choice": CHOICE}

    def offer(self, form, choices: Sequence[str]) -> None:
        """Offer the options as radio choices, valued by their index."""
        form.choice.choices = [SelectChoice(str(i), option) for i, option in enumerate(choices)]

    def raw_answer(self, form) -> list[str]:
        return [form.choice.data] if form.choice.data is not None else []

    def refuse(self, form) -> None:
        form.choice.errors = [_("Choose one of the options before you submit.")]

    def read(self, choices: Sequence[str], raw: Sequence[str]) -> str:
        """Read one chosen option (sent as its index) into the option's text."""
        indexes = option_indexes(choices)
        if len(raw) != 1 or raw[0] not in indexes:
            raise InvalidAnswer("Choose one of the options.")
        return choices[indexes[raw[0]]]

    def grade(self, given: Any, key: Any) -> float:
        """Full marks for the key, nothing otherwise."""
        return 1.0 if given == key else 0.0


@register
class Choice(SingleChoice):
    """A teacher's multiple-choice question: 2–6 different options, one of them right."""

    name = "choice"
    label = _l("Multiple choice")
    authored = True
    editor_fields = {
        "options": OPTIONS,
        "correct": SelectField(_l("Right option"), coerce=int, default=0,
                               choices=[SelectChoice(i, _l("Option %(n)s", n=i + 1)) for i in range(MAX_OPTIONS)]),
    }

    def check(self, form) -> bool:
        if not check_options(form, 2):
            return False
        if not form.options.entries[form.correct.data].data:
            form.correct.errors.append(_l("The right option is empty."))
            return False
        return True

    def draft(self, form) -> tuple[list[str], Any]:
        options = form.filled_options()
        return options, form.options.entries[form.correct.data].data

    def load(self, form, question) -> None:
        load_options(form, list(question.choices))
        if question.answer in question.choices:
            form.correct.data = question.choices.index(question.answer)

    def csv_data(self, answer: str, options: list[str]) -> tuple[dict[str, str], list[str]]:
        if answer not in options:
            return {}, [_("The answer must be one of the choices.")]
        return {"correct": str(options.index(answer))}, []
