"""The registry of question kinds: what every kind declares, and how the app finds a kind by its name.

A kind is one class in its own module (quiz/kinds/<name>.py) plus one template (templates/kinds/<name>.html)
holding the macro `answer(item, form)`, for kinds teachers write `editor(form)`, and optionally
`feedback(item, response)` (shown after answering). Registering the class gives it an answer form of
its own and adds its fields to the teacher's question form, so no other module changes.
"""
from collections.abc import Mapping, Sequence
from random import Random
from typing import Any, ClassVar

from werkzeug.datastructures import MultiDict

from wtforms import Form as WTForm
from wtforms.fields.core import UnboundField

from quiz.kinds.forms import AnswerForm, EditorForm

# A kind the registry does not know (a generator kind added later) plays as single choice.
FALLBACK = "choice"
# Separates several choices or accepted answers inside one CSV cell.
CSV_SEPARATOR = "|"


class InvalidAnswer(ValueError):
    """The submitted answer is not one of the question's choices."""


def option_indexes(choices: Sequence[str]) -> dict[str, int]:
    """The exact values the page sends for the options ("0", "1", ...): nothing else is an option."""
    return {str(i): i for i in range(len(choices))}


class QuestionKind:
    """One kind of question: how it is answered, graded, shown, written by teachers and read from CSV.

    Only `authored` kinds need the editor and CSV methods.
    """

    name: ClassVar[str]
    label: ClassVar[Any]  # a lazy_gettext string: the kind's name as people read it
    template: ClassVar[str]  # macros answer(item, form), editor(form) when authored, feedback(item, response)
    authored: ClassVar[bool] = False  # teachers write it in the question form and in CSV files
    answer_fields: ClassVar[Mapping[str, UnboundField]] = {}  # fields of the answer form it reads
    answer_form: ClassVar[type[AnswerForm]] = AnswerForm  # the position and answer_fields (set by register)
    editor_fields: ClassVar[Mapping[str, UnboundField]] = {}  # fields of the teacher's form it uses
    keeps_order: ClassVar[bool] = False  # options always shown as stored (正确 before 错误), never shuffled
    tapped: ClassVar[bool] = True  # answered by tapping its options, so live games can ask it on phones

    def offer(self, form: AnswerForm, choices: Sequence[str]) -> None:
        """Prepare the answer form for a question's choices before it is shown."""

    def shuffled(self, choices: Sequence[str], key: Any, rng: Random) -> list[str]:
        """The options in the order one attempt shows them, so the key's place differs between attempts."""
        shown = list(choices)
        if not self.keeps_order:
            rng.shuffle(shown)
        return shown

    def raw_answer(self, submitted: MultiDict[str, str]) -> list[str]:
        """The values posted for the kind's answer fields, as read() expects them.

        Taken from the POST body, not through a form: read() is the answer's validation, and binding a
        WTForms form on every answer cost more than the rest of the view. A refusal builds the form.
        """
        return [value for name in self.answer_fields for value in submitted.getlist(name)]

    def refuse(self, form: AnswerForm) -> None:
        """Say on the form what is missing from an answer read() refused."""
        raise NotImplementedError

    def read(self, choices: Sequence[str], raw: Sequence[str]) -> Any:
        """Turn raw form values into an answer, or raise InvalidAnswer."""
        raise NotImplementedError

    def grade(self, given: Any, key: Any) -> float:
        """Score a read answer against the key: 1.0 is fully right."""
        raise NotImplementedError

    def show_key(self, key: Any) -> Any:
        """The key as a teacher reads it: a text, or a list shown in order."""
        return key

    def check(self, form: Any) -> bool:
        """The kind's own rules on the teacher's form; put errors on its fields."""
        return True

    def draft(self, form: Any) -> tuple[list[str], Any]:
        """The stored choices and key, from the teacher's validated form."""
        raise NotImplementedError

    def load(self, form: Any, question: Any) -> None:
        """Fill the kind's fields of the teacher's form from a stored question."""

    def csv_data(self, answer: str, options: list[str]) -> tuple[dict[str, str], list[str]]:
        """The form fields a CSV row's answer cell stands for, and problems only the CSV can have."""
        return {}, []


KINDS: dict[str, QuestionKind] = {}


def register(cls: type[QuestionKind]) -> type[QuestionKind]:
    """Register a kind (use as a class decorator): its answer form, and its fields on the teacher's form."""
    check_fields(AnswerForm, cls.answer_fields)  # none may replace the position
    check_fields(EditorForm, cls.editor_fields)
    add_fields(EditorForm, cls.editor_fields)
    cls.answer_form = type(f"{cls.__name__}AnswerForm", (AnswerForm,), dict(cls.answer_fields))
    KINDS[cls.name] = cls()
    return cls


def unregister(name: str) -> None:
    """Forget a kind and the form fields no other kind uses (tests register kinds of their own)."""
    kind = KINDS.pop(name)
    used = {field for other in KINDS.values() for field in other.editor_fields}
    for field in set(kind.editor_fields) - used:
        delattr(EditorForm, field)
        forget_fields(EditorForm)


def check_fields(form_class: type[WTForm], fields: Mapping[str, UnboundField]) -> None:
    """A kind may add a field only where the form has none of its name, or the same object (two kinds
    share the option boxes of the teacher's form)."""
    for name, field in fields.items():
        present = form_class.__dict__.get(name)
        if present is not None and present is not field:
            raise ValueError(f"Form field {name!r} is already declared by the form or another question kind.")


def add_fields(form_class: type[WTForm], fields: Mapping[str, UnboundField]) -> None:
    """Add fields to a form class."""
    for name, field in fields.items():
        setattr(form_class, name, field)
    forget_fields(form_class)


def forget_fields(form_class: type[WTForm]) -> None:
    """Make subclasses list their fields again (WTForms caches them per class on first use)."""
    for sub in form_class.__subclasses__():
        sub._unbound_fields = None
        forget_fields(sub)


def kind_for(name: str | None) -> QuestionKind:
    """The kind of this name; unknown (generated) kinds are single choice."""
    return KINDS.get(name or FALLBACK) or KINDS[FALLBACK]


def authored_kinds() -> tuple[str, ...]:
    """Names of the kinds teachers write, in the order they were registered."""
    return tuple(name for name, kind in KINDS.items() if kind.authored)


def is_authored(name: str) -> bool:
    """Whether teachers can write questions of this kind."""
    return name in KINDS and KINDS[name].authored


def kind_label(name: str | None) -> str:
    """The kind's name as people read it; a kind nobody named shows its own name."""
    kind = KINDS.get(name or "")
    return str(kind.label) if kind is not None else (name or "")
