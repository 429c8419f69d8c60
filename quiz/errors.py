"""Error pages: a clear message with the right status, never a traceback."""
import contextlib
from typing import NoReturn

from flask import Flask, current_app, g, render_template
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError, default_exceptions

from quiz.extensions import db, login_manager
from quiz.filters import file_size
from quiz.uploads import upload_limit


def abort_with(code: int, message: str) -> NoReturn:
    """Stop the request with `code` and a message written for the user."""
    error = default_exceptions[code]()
    error.user_message = message  # type: ignore[attr-defined]
    raise error


def render_http_error(error: HTTPException):
    """Show the error page for a client or server error."""
    messages = {
        400: _("The request could not be understood."),
        403: _("You are not allowed to do that."),
        404: _("That page does not exist."),
        405: _("That action is not allowed here."),
        409: _("That was already done, or it is no longer possible."),
        413: _("What you sent is too large: a file can be at most %(size)s.", size=file_size(upload_limit())),
        429: _("Too many attempts. Please wait a minute and try again."),
    }
    code = error.code or 500
    message = messages.get(code, _("Something went wrong on our side."))
    return render_error_page(code, message, public_detail(error))


def render_error_page(code: int, message: str, detail: str | None = None):
    """Render the error page; should the database fail meanwhile, show the outage page."""
    try:
        return render_template("errors/error.html", code=code, message=message, detail=detail), code
    except (OperationalError, InterfaceError, PoolTimeout) as failure:
        return render_database_error(failure)


def public_detail(error: HTTPException) -> str | None:
    """Return a message the app itself raised for the user, not Werkzeug's stock text."""
    return getattr(error, "user_message", None)


def render_csrf_error(error: CSRFError):
    """A missing or stale form token: ask the user to reload and retry."""
    message = _("This form has expired or was not sent from this site. Reload the page and try again.")
    return render_error_page(400, message)


def render_rate_limited(error: RateLimitExceeded):
    """Too many tries: say which (the limit's own message); the Retry-After header says until when."""
    return render_error_page(429, error.description)


def render_untrusted_host(error: SecurityError):
    """A Host header not in TRUSTED_HOSTS: no page of this site (nor its links) is built for it."""
    return _("This site does not answer to that host name."), 400, {"Content-Type": "text/plain; charset=utf-8"}


def render_server_error(error: Exception):
    """Roll back the failed transaction and show a generic page."""
    rollback_quietly()
    current_app.logger.exception("Unhandled error", exc_info=error)
    return render_http_error(InternalServerError())


def rollback_quietly() -> None:
    """Roll back the request's transaction; a dead connection has nothing to roll back."""
    with contextlib.suppress(SQLAlchemyError):
        db.session.rollback()


def render_database_error(error: SQLAlchemyError):
    """The database cannot be reached: say so (503) without touching it again for the page."""
    current_app.logger.error("Database unavailable: %s", error)
    rollback_quietly()
    g._login_user = login_manager.anonymous_user()  # Flask-Login's cache: no user query for the header
    message = _("The database is not available right now. Please try again in a minute.")
    return render_template("errors/error.html", code=503, message=message, detail=None), 503


def init_app(app: Flask) -> None:
    """Register the handlers."""
    for error in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(error, render_database_error)
    app.register_error_handler(CSRFError, render_csrf_error)
    app.register_error_handler(RateLimitExceeded, render_rate_limited)
    app.register_error_handler(SecurityError, render_untrusted_host)
    app.register_error_handler(HTTPException, render_http_error)
    app.register_error_handler(Exception, render_server_error)
