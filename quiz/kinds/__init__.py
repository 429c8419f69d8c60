"""Question kinds, one module each, found by name through one registry (see base.py)."""
from quiz.kinds.base import (FALLBACK, KINDS, InvalidAnswer, QuestionKind, authored_kinds, is_authored, kind_for,
                             kind_label, register, unregister)
from quiz.kinds.forms import AnswerForm

# Importing a kind's module registers it.
from quiz.kinds import choice, true_false, order, fill_in, date_entry, generated  # noqa: F401

__all__ = ["FALLBACK", "KINDS", "AnswerForm", "InvalidAnswer", "QuestionKind", "authored_kinds", "is_authored",
           "kind_for", "kind_label", "register", "unregister"]
