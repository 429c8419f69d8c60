"""Study modes for a timeline: the timeline drawn to scale, flashcards, the card-placement game."""
from flask import Blueprint

bp = Blueprint("study", __name__, url_prefix="/timeline")

from quiz.study import views  # noqa: E402,F401  (routes register on import)
