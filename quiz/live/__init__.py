"""Live games: the host's pages (teachers only), the join and play pages, and the Socket.IO events."""
from flask import Blueprint

from quiz.access import require_roles

host_bp = Blueprint("live_host", __name__, url_prefix="/live/host")
host_bp.before_request(require_roles("teacher", "admin"))
bp = Blueprint("live", __name__, url_prefix="/live")

from quiz.live import host_views, player_views  # noqa: E402,F401  (routes register on import; events: quiz/__init__)
