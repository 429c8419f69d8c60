"""Students' side of classes: join with a code or link, see assignments."""
from flask import Blueprint

bp = Blueprint("classes", __name__, url_prefix="/classes")

from quiz.classes import views  # noqa: E402,F401  (routes register on import)
