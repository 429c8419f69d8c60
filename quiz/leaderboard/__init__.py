"""Leaderboards: per quiz, overall by week, month and all time, by score or accuracy; privacy."""
from flask import Blueprint

# cli_group=None: the blueprint's commands are top-level, e.g. `flask seed-leaderboard`.
bp = Blueprint("leaderboard", __name__, url_prefix="/leaderboard", cli_group=None)

from quiz.leaderboard import cli, views  # noqa: E402,F401  (routes and commands register on import)
