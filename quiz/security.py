"""Security headers, safe redirects and input the database cannot store."""
from urllib.parse import urlsplit

from flask import Flask, Response, request
from werkzeug.exceptions import BadRequest

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def add_security_headers(response: Response) -> Response:
    """No inline script, no framing, no MIME sniffing."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def add_hsts(response: Response) -> Response:
    """Tell browsers to stay on HTTPS when the app is served over it."""
    response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def is_safe_next(target: str | None) -> bool:
    """Allow only relative paths on this site as a post-login redirect."""
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//") and "\\" not in target


def refuse_nul_bytes() -> None:
    """Refuse NUL characters in the path, query or form: PostgreSQL text cannot hold them."""
    values = [request.path, *request.args.values()]
    if request.method == "POST" and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        values += request.form.values()
    if any("\x00" in value for value in values):
        raise BadRequest()


def init_app(app: Flask) -> None:
    """Install the request guards and header hooks."""
    app.before_request(refuse_nul_bytes)
    app.after_request(add_security_headers)
    if app.config.get("SESSION_COOKIE_SECURE"):
        app.after_request(add_hsts)
