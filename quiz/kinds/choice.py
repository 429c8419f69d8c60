"""Single choice ("Multiple choice" to teachers): pick one option; also how unknown generated kinds play."""
from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField
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
        # A radio beside each option box (templates/kinds/choice.html); none is ticked on a new question.
        "correct": RadioField(_l("Right option"), coerce=int, validate_choice=False,
                              choices=[SelectChoice(i, _l("Option %(n)s", n=i + 1)) for i in range(MAX_OPTIONS)]),
    }

    def check(self, form) -> bool:
        options_ok = check_options(form, 2)
        picked = form.correct.raw_data or []
        if len(picked) != 1 or form.correct.data not in range(MAX_OPTIONS):
            form.correct.errors = [_l("Tick exactly one option as the right answer.")]
            return False
        if not form.options.entries[form.correct.data].data:
            form.correct.errors = [_l("The option ticked as the right answer is empty: fill it in or tick another.")]
            return False
        return options_ok

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
