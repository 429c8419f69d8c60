"""True or false: a statement to judge, played as single choice between the two fixed labels."""
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice

from quiz.generator.wording import wording
from quiz.kinds.base import register
from quiz.kinds.choice import SingleChoice

# A statement's True/False words are in its timeline's language, whoever wrote it.
TRUE_WORDS = {wording(lang).true for lang in ("zh-Hans", "zh-Hant", "en")}
# What a CSV answer cell may say (compared in lower case).
TRUTH = {"true": "true", "false": "false", "对": "true", "错": "false"} | {
    word.lower(): truth for lang in ("zh-Hans", "zh-Hant", "en")
    for word, truth in ((wording(lang).true, "true"), (wording(lang).false, "false"))}


@register
class TrueFalse(SingleChoice):
    """Generated from events and facts, or written by a teacher."""

    name = "true_false"
    label = _l("True or false")
    template = "kinds/true_false.html"  # its own editor: the True/False radios (played as single choice)
    keeps_order = True
    authored = True
    editor_fields = {
        # Two radios, neither ticked on a new question: a missing choice is refused by check(), never
        # read as True. Checked there, not by validators: every kind's form carries this field.
        "truth": RadioField(_l("The statement is"), validate_choice=False,
                            choices=[SelectChoice("true", _l("True")), SelectChoice("false", _l("False"))]),
    }

    def check(self, form) -> bool:
        if len(form.truth.raw_data or []) != 1 or form.truth.data not in ("true", "false"):
            form.truth.errors = [_l("Choose whether the statement is true or false.")]
            return False
        return True

    def draft(self, form) -> tuple[list[str], Any]:
        words = wording(form.language)
        return [words.true, words.false], words.true if form.truth.data == "true" else words.false

    def load(self, form, question) -> None:
        form.truth.data = "true" if question.answer in TRUE_WORDS else "false"

    def csv_data(self, answer: str, options: list[str]) -> tuple[dict[str, str], list[str]]:
        truth = TRUTH.get(answer.lower(), "")
        return {"truth": truth}, [] if truth else [_("The answer of a true/false question is true or false.")]
