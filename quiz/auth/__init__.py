"""Sign up, sign in, guests and sign out."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from quiz.auth import loader, views  # noqa: E402,F401  (the user loader and routes register on import)
