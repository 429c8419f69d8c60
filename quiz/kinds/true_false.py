"""True or false: a statement to judge, played as single choice between the two fixed labels."""
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField
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
    keeps_order = True
    authored = True
    editor_fields = {
        "truth": SelectField(_l("The statement is"), default="true",
                             choices=[SelectChoice("true", _l("True")), SelectChoice("false", _l("False"))]),
    }

    def draft(self, form) -> tuple[list[str], Any]:
        words = wording(form.language)
        return [words.true, words.false], words.true if form.truth.data == "true" else words.false

    def load(self, form, question) -> None:
        form.truth.data = "true" if question.answer in TRUE_WORDS else "false"

    def csv_data(self, answer: str, options: list[str]) -> tuple[dict[str, str], list[str]]:
        truth = TRUTH.get(answer.lower(), "")
        return {"truth": truth}, [] if truth else [_("The answer of a true/false question is true or false.")]
