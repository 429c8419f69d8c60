"""Security headers, safe redirects and input the database cannot store."""
import unicodedata
from collections.abc import Iterable
from typing import TypeGuard
from urllib.parse import urlsplit
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from flask import Flask, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter, ValidationError

from quiz.errors import abort_with

# Ids, positions and pages are 32-bit integers in the database (PostgreSQL `integer`): a larger
# number cannot name a row, and sending one to the database fails (PostgreSQL and SQLite alike).
MAX_ID = 2**31 - 1
MAX_DIGITS = len(str(MAX_ID))

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


SECURITY_HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                    ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"))
# Browsers stay on HTTPS once they have seen the app over it (sent when cookies are HTTPS-only).
HSTS = ("Strict-Transport-Security", "max-age=31536000")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class SecurityHeaders:
    """WSGI middleware: the security headers on every response (pages, errors, static files); a header a view
    set itself is kept.

    A middleware rather than an after-request hook: it appends to the list the server sends, where a hook
    passes each value through werkzeug's Headers checks again on every response (2% of an answer).
    """

    def __init__(self, wsgi_app: WSGIApplication, headers: tuple[tuple[str, str], ...]):
        self.wsgi_app = wsgi_app
        self.headers = [(name.lower(), (name, value)) for name, value in headers]

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        def start_with_headers(status: str, headers: list[tuple[str, str]], exc_info=None):
            present = {name.lower() for name, _value in headers}
            headers.extend(header for lower, header in self.headers if lower not in present)
            return start_response(status, headers, exc_info)
        return self.wsgi_app(environ, start_with_headers)


def is_safe_next(target: str | None) -> TypeGuard[str]:
    """Allow only relative paths on this site as a post-login redirect.

    Control characters are refused: CR/LF cannot go into a Location header, and browsers drop
    tabs and newlines from addresses, so "/\t/evil.com" would lead off the site.
    """
    if not target or any(unicodedata.category(c) == "Cc" for c in target):
        return False
    parts = urlsplit(target)
    return (not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")
            and "\\" not in target)


def safe_next(target: str | None, fallback: str) -> str:
    """Where to go after a form: `target` (a `next` the page passed along) if it is on this site, else `fallback`."""
    return target if is_safe_next(target) else fallback


def bounded_int(text: str) -> int | None:
    """Read a whole number from 0 to MAX_ID, counting digits before int() (which is slow on
    thousands of digits and refuses more than 4,300); None for anything else."""
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        return None
    value = int(text)
    return value if value <= MAX_ID else None


class IdConverter(IntegerConverter):
    """The app's `int` in routes: a number beyond the database's integer range is no page (404)."""

    def to_python(self, value: str) -> int:
        number = bounded_int(value)
        if number is None:
            raise ValidationError()
        return number


def query_int(name: str, default: int | None = None, minimum: int = 1) -> int | None:
    """A whole-number query parameter (?page=, ?class=...) from `minimum` to MAX_ID; else 400."""
    raw = request.args.get(name, "")
    if raw == "":
        return default
    value = bounded_int(raw)
    if value is None or value < minimum:
        abort_with(400, _("The number in the address is not valid."))
    return value


def guard_input() -> None:
    """Refuse input the forms would misread or the database cannot store.

    NUL characters in the path, query or form: PostgreSQL text cannot hold them. The query is searched
    as sent (a NUL arrives raw or as %00) rather than parsed: parsing it cost every request more than
    the rest of this check.

    A POST body that is not a form (JSON above all): every POST route takes a form from the site's own
    pages, but Flask-WTF's forms read a JSON body as their data when the token comes in a header, so
    numbers, lists and NULs would reach views written for strings. Refused by its Content-Type alone,
    never read; a POST with no Content-Type carries nothing any form reads.
    """
    current = request_ctx.request  # one context lookup, not one per attribute
    query = current.query_string
    if "\x00" in current.path or b"\x00" in query or b"%00" in query:
        raise BadRequest()
    if current.method != "POST":
        return
    mimetype = current.mimetype
    if mimetype in FORM_TYPES:
        if any("\x00" in value for value in current.form.values()):
            raise BadRequest()
    elif mimetype:
        abort_with(400, _("Only a form from this site's pages can be sent here."))


def init_app(app: Flask) -> None:
    """Bound route numbers; install the request guard and the headers (before any route exists)."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(guard_input)
    secure = bool(app.config.get("SESSION_COOKIE_SECURE"))
    app.wsgi_app = SecurityHeaders(app.wsgi_app, SECURITY_HEADERS + ((HSTS,) if secure else ()))  # type: ignore[method-assign]
