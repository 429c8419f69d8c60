"""Security headers, safe redirects and input the database cannot store."""
import unicodedata
from typing import TypeGuard
from urllib.parse import urlsplit

from flask import Flask, Response, request
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
_SECURITY_NAMES = frozenset(name.lower() for name, _value in SECURITY_HEADERS)


def add_security_headers(response: Response) -> Response:
    """No inline script, no framing, no MIME sniffing (a header a view set itself is kept)."""
    headers = response.headers
    # One pass over the few headers a response has, not one search per header (a third of the cost).
    if _SECURITY_NAMES.isdisjoint(name.lower() for name, _value in headers.items()):
        headers.extend(SECURITY_HEADERS)
    else:
        for name, value in SECURITY_HEADERS:
            headers.setdefault(name, value)
    return response


def add_hsts(response: Response) -> Response:
    """Tell browsers to stay on HTTPS when the app is served over it."""
    response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


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


def refuse_nul_bytes() -> None:
    """Refuse NUL characters in the path, query or form: PostgreSQL text cannot hold them."""
    values = [request.path, *request.args.values()]
    if request.method == "POST" and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        values += request.form.values()
    if any("\x00" in value for value in values):
        raise BadRequest()


def init_app(app: Flask) -> None:
    """Bound route numbers; install the request guards and header hooks (before any route exists)."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul_bytes)
    app.after_request(add_security_headers)
    if app.config.get("SESSION_COOKIE_SECURE"):
        app.after_request(add_hsts)
