"""Helpers for the security and fault tests: row counts, extra apps, real servers, HTTP users."""
import contextlib
import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

from sqlalchemy import func, select
from werkzeug.routing import AnyConverter
from werkzeug.serving import make_server

from helpers import CSRF_RE
from quiz import create_app
from quiz.extensions import db
from quiz.models import Answer, Attempt, Progress, User

COUNTED = {"users": User, "attempts": Attempt, "answers": Answer, "progress": Progress}
QUESTION_RE = re.compile(r"第 (\d+) 题，共 (\d+) 题")


def row_counts() -> dict[str, int]:
    """Count the rows a user's request could add, as the database sees them."""
    db.session.expire_all()
    return {name: db.session.scalar(select(func.count()).select_from(model)) for name, model in COUNTED.items()}


# The settings of the `app` fixture that every extra app keeps unless a test overrides them.
BASE_KEYS = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "JOB_QUEUE_URL", "RATELIMIT_ENABLED", "TRUSTED_HOSTS",
             "PASSWORD_HASH_METHOD")


@contextlib.contextmanager
def extra_app(base, **overrides):
    """An app like `base` (the test app) with some settings changed; its engine is closed after."""
    app = create_app({**{key: base.config[key] for key in BASE_KEYS}, **overrides})
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@contextlib.contextmanager
def served(app):
    """Serve an app on a free loopback port from a real threaded WSGI server."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    # Polled every 50 ms (not 0.5 s) for the stop request: a test's teardown waits for it.
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=5)


def route_path(rule, values: dict) -> str:
    """Build a rule's path, filling each argument from `values`, else a value its converter accepts."""
    path = rule.rule
    for name in rule.arguments:
        converter = rule._converters[name]
        default = sorted(converter.items)[0] if isinstance(converter, AnyConverter) else 1
        path = re.sub(r"<(?:[^<>]*:)?" + name + ">", str(values.get(name, default)), path)
    return path


def post_rules(app):
    """Every rule that accepts POST, in a stable order."""
    return sorted((r for r in app.url_map.iter_rules() if "POST" in r.methods), key=lambda r: r.rule)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report redirects to the caller instead of following them."""

    def redirect_request(self, *args, **kwargs):
        return None


class HttpUser:
    """A browser-like user over real HTTP: a cookie jar, CSRF tokens read from pages."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path: str, data: dict | None = None, timeout: float = 30) -> tuple[int, str, str]:
        """GET or POST (when `data` is given); return status, Location and body."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=timeout) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode()

    def token(self, path: str = "/") -> str:
        """Read a CSRF token from a page."""
        match = CSRF_RE.search(self.request(path)[2])
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def post(self, path: str, data: dict, token: str | None = None) -> tuple[int, str, str]:
        """POST a form with a CSRF token read from the home page unless one is given."""
        return self.request(path, {"csrf_token": token or self.token(), **data})

    def any_answer(self, attempt_id: int) -> dict:
        """A valid answer to the attempt's current question, read from its page as a browser would."""
        page = self.request(f"/attempt/{attempt_id}")[2]
        position = int(QUESTION_RE.search(page).group(1)) - 1
        return {"csrf_token": CSRF_RE.search(page).group(1), "position": str(position), "choice": "0",
                "order": [str(i) for i in range(page.count('name="order"'))]}

    def guest_attempt(self, nickname: str = "并发", slug: str = "alipay-quick") -> int:
        """Become a guest, start a quiz and return the attempt id."""
        assert self.post("/auth/guest", {"nickname": nickname})[0] == 302
        status, location, _body = self.post(f"/quiz/{slug}/start", {})
        assert status == 302, status
        return int(location.rstrip("/").split("/")[-1])
