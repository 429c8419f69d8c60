"""Practice: spaced-repetition sessions and the daily challenge."""
from flask import Blueprint

bp = Blueprint("practice", __name__, url_prefix="/practice")

from quiz.practice import views  # noqa: E402,F401  (routes register on import)
