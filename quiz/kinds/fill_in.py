"""Fill in the blank: type the answer; it is compared loosely with the accepted answers."""
import unicodedata
from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from quiz.kinds.base import CSV_SEPARATOR, InvalidAnswer, QuestionKind, register


# The longest typed answer taken: the field's limit in the browser, and read()'s on the server.
MAX_TYPED = 200


def normalise_text(text: str) -> str:
    """Compare typed answers loosely: full/half-width (NFKC), case and spaces do not count."""
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().split())


@register
class FillIn(QuestionKind):
    """Written by teachers, with one or more accepted answers."""

    name = "fill_in"
    label = _l("Fill in the blank")
    keeps_order = True
    tapped = False  # typed
    template = "kinds/fill_in.html"
    authored = True
    answer_fields = {"text": StringField(_l("Your answer"), validators=[Length(max=MAX_TYPED)])}
    editor_fields = {"accepted": TextAreaField(_l("Accepted answers, one per line"), validators=[Length(max=2000)])}

    def refuse(self, form) -> None:
        too_long = len(form.text.data or "") > MAX_TYPED
        form.text.errors = [_("Keep your answer to %(n)s characters or fewer.", n=MAX_TYPED) if too_long
                            else _("Type an answer before you submit.")]

    def read(self, choices: Sequence[str], raw: Sequence[str]) -> str:
        """Read a typed answer; an empty one is not an answer, nor one longer than the field takes."""
        if len(raw) != 1 or not raw[0].strip():
            raise InvalidAnswer("Type an answer.")
        if len(raw[0]) > MAX_TYPED:
            raise InvalidAnswer("Too long.")
        return raw[0].strip()

    def grade(self, given: Any, key: Any) -> float:
        """Full marks when the typed text matches an accepted answer, ignoring width, case and spaces."""
        accepted = key if isinstance(key, list) else [key]
        return 1.0 if normalise_text(str(given)) in {normalise_text(str(a)) for a in accepted} else 0.0

    def show_key(self, key: Any) -> str:
        """Every accepted answer, on one line."""
        return " / ".join(key)

    @staticmethod
    def accepted_answers(form) -> list[str]:
        """The accepted answers, one per non-empty line."""
        return [line.strip() for line in (form.accepted.data or "").splitlines() if line.strip()]

    def check(self, form) -> bool:
        if not self.accepted_answers(form):
            form.accepted.errors.append(_l("Give at least one accepted answer."))
            return False
        return True

    def draft(self, form) -> tuple[list[str], Any]:
        return [], self.accepted_answers(form)

    def load(self, form, question) -> None:
        form.accepted.data = "\n".join(question.answer)

    def csv_data(self, answer: str, options: list[str]) -> tuple[dict[str, str], list[str]]:
        return {"accepted": "\n".join(answer.split(CSV_SEPARATOR))}, []
