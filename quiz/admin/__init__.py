"""Administration: invite codes for teachers. Admins only."""
from flask import Blueprint

from quiz.access import require_roles

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(require_roles("admin"))

from quiz.admin import views  # noqa: E402,F401  (routes register on import)
