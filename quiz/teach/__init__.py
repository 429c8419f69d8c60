"""Teaching: write and curate questions, build quizzes, run classes, read results."""
from flask import Blueprint

from quiz.access import require_roles

bp = Blueprint("teach", __name__, url_prefix="/teach")
# The one access rule for every teaching page: sign in, and be a teacher or an admin.
bp.before_request(require_roles("teacher", "admin"))

from quiz.teach import classes, questions, quizzes, results, views  # noqa: E402,F401  (routes register on import)
from quiz.teach import mastery  # noqa: E402,F401  (the class mastery strip)
from quiz.teach import imports  # noqa: E402,F401  (timeline and CSV imports)
from quiz.teach import reports  # noqa: E402,F401  (the queue of reported questions)
