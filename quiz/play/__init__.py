"""Quiz list, quiz sessions, results, past attempts and progress."""
from flask import Blueprint

bp = Blueprint("play", __name__)

from quiz.play import views  # noqa: E402,F401  (routes register on import)
from quiz.play import reports  # noqa: E402,F401  (students report a problem with a question)
from quiz.play import images  # noqa: E402,F401  (question images, for whoever may see the question)
