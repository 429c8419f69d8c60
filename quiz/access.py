"""One access rule per blueprint: sign in first, then have one of the allowed roles."""
from collections.abc import Callable

from werkzeug.wrappers import Response

from flask import redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.errors import abort_with


def require_roles(*roles: str) -> Callable[[], Response | None]:
    """Build a `before_request` hook: anonymous users go to sign-in, other roles get 403."""

    def check() -> Response | None:
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if current_user.role not in roles:
            abort_with(403, _("Only admins may use these pages.") if roles == ("admin",)
                       else _("Only teachers may use these pages."))
        return None

    return check
