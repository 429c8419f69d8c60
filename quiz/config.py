"""Configuration: defaults, then instance/config.py, then the environment, then tests."""
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from quiz.sqlite_turns import TurnTakingConnection

MB = 1024 * 1024
SECRET_KEY_MIN_BYTES = 32
THROTTLES = ("LOGIN_RATE_LIMIT", "LOGIN_ADDRESS_RATE_LIMIT", "SIGNUP_RATE_LIMIT", "GUEST_RATE_LIMIT")
# Live games: how Socket.IO runs and fans out (docs/operations.md), settable from the environment.
LIVE_SETTINGS = ("SOCKETIO_MESSAGE_QUEUE", "SOCKETIO_ASYNC_MODE", "SOCKETIO_CHANNEL", "LIVE_PIN_RATE_LIMIT",
                 "LIVE_TALLY_INTERVAL")


class ConfigError(RuntimeError):
    """Raised at start-up when the configuration cannot run safely."""


def defaults(app: Flask) -> dict[str, Any]:
    """Settings that are right for a laptop: SQLite under instance/, English off."""
    db_path = Path(app.instance_path) / "quiz.sqlite3"
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}",
        # One upload limit for timeline and CSV files (UPLOAD_LIMIT, checked by the upload field);
        # a request may be a little larger for the form's other fields. No form field carries a
        # file's text: a previewed timeline waits on the server for its confirmation.
        "UPLOAD_LIMIT": 1 * MB,
        "MAX_CONTENT_LENGTH": 1 * MB + 64 * 1024,
        # A question's image (quiz/security.py raises the request limit on the question editor only):
        # a phone photo saved as JPEG is 2-4 MB; it is stored scaled down to 1600 px, a few hundred KB,
        # so a larger upload would only cost the teacher's bandwidth and the server's memory.
        "IMAGE_UPLOAD_LIMIT": 4 * MB,
        # Werkzeug's default, set here to be seen: per text field, and for the parser's buffer of an
        # uploaded file (64 KB refused 1 MB files made of short lines).
        "MAX_FORM_MEMORY_SIZE": 500 * 1024,
        "MAX_FORM_PARTS": 200,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * 30,
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "zh_CN",
        "LANGUAGES": ["zh_CN", "en"],
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Throttling (quiz/throttle.py, docs/operations.md): failed sign-ins per (address, login name)
        # and per address; accounts and guests created per address (a class behind one address fits).
        "LOGIN_RATE_LIMIT": "5 per minute",
        "LOGIN_ADDRESS_RATE_LIMIT": "60 per 10 minutes",
        "SIGNUP_RATE_LIMIT": "60 per 10 minutes",
        "GUEST_RATE_LIMIT": "60 per 10 minutes",
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "PRODUCTION": False,
        "LOAD_BUNDLED_TIMELINE": True,
        # Live games (docs/operations.md): threads suit `flask run` and gunicorn's gthread workers.
        "SOCKETIO_ASYNC_MODE": "threading",
        "SOCKETIO_MESSAGE_QUEUE": None,  # e.g. redis://127.0.0.1:6379/0 once there are several processes
        "SOCKETIO_CHANNEL": "quiz-live",
        "LIVE_PIN_RATE_LIMIT": "10 per minute",
        "LIVE_TALLY_INTERVAL": 0.05,  # seconds: the projector's answer count is sent at most this often per process
        "JOB_QUEUE_URL": "",  # empty: a SQLite file beside the database (instance/jobs.sqlite3)
        "JOB_QUEUE_NAME": "timeline-quiz",
        "JOB_CONSUMER": None,  # "thread" or "process"; None: "thread" under `flask run` outside production
        "JOB_IMMEDIATE": None,  # run each job inside the call that queues it; None: only when TESTING
    }


def from_environment() -> dict[str, Any]:
    """Read the variables an operator sets: secret, database, rate-limit storage."""
    env = os.environ
    found: dict[str, Any] = {}
    if env.get("SECRET_KEY"):
        found["SECRET_KEY"] = env["SECRET_KEY"]
    if env.get("DATABASE_URL"):
        found["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(env["DATABASE_URL"])
    for name in ("RATELIMIT_STORAGE_URI", "RATELIMIT_KEY_PREFIX", *THROTTLES, *LIVE_SETTINGS, "JOB_QUEUE_URL",
                 "JOB_QUEUE_NAME", "JOB_CONSUMER"):
        if env.get(name):
            found[name] = env[name]
    if env.get("TRUSTED_HOSTS"):
        found["TRUSTED_HOSTS"] = [host.strip() for host in env["TRUSTED_HOSTS"].split(",") if host.strip()]
    if env.get("QUIZ_ENV", "").lower() == "production":
        found["PRODUCTION"] = True
        found["SESSION_COOKIE_SECURE"] = env.get("SESSION_COOKIE_SECURE", "1") != "0"
        found["REMEMBER_COOKIE_SECURE"] = found["SESSION_COOKIE_SECURE"]
    return found


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(uri: str, pool_size: int) -> dict[str, Any]:
    """Size PostgreSQL's pool; SQLite gets its pragmas on connect instead.

    Neither pings before each request (pool_pre_ping, a statement every time): a SQLite connection
    is an open file nothing can drop, and a PostgreSQL connection the server dropped (a restart) is
    found without a round trip (quiz.database.refuse_dropped_connection).
    """
    if uri.startswith("postgresql"):
        return {"pool_size": pool_size, "max_overflow": pool_size}
    # Threads of one process take turns to write instead of sleeping in SQLite's busy handler.
    return {"connect_args": {"factory": TurnTakingConnection}}


def merged_options(computed: dict[str, Any], configured: dict[str, Any]) -> dict[str, Any]:
    """Options set in instance/config.py or by a test win over the computed ones, key by key (also
    within `connect_args`); they never replace them all."""
    merged = {**computed, **configured}
    if "connect_args" in computed and "connect_args" in configured:
        merged["connect_args"] = {**computed["connect_args"], **configured["connect_args"]}
    return merged


def ensure_secret_key(app: Flask) -> None:
    """Refuse to start in production without a SECRET_KEY of 32 bytes or more; keep a stable one in development."""
    key = app.config.get("SECRET_KEY")
    if app.config["PRODUCTION"]:
        if not key:
            raise ConfigError(
                "SECRET_KEY is not set. In production (QUIZ_ENV=production) set the SECRET_KEY "
                "environment variable to a long random string shared by every app process."
            )
        if len(key.encode() if isinstance(key, str) else key) < SECRET_KEY_MIN_BYTES:
            raise ConfigError(f"SECRET_KEY is shorter than {SECRET_KEY_MIN_BYTES} bytes; generate one with: "
                              "python -c 'import secrets; print(secrets.token_hex(32))'")
    if key:
        return
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
    app.config["SECRET_KEY"] = key_file.read_text().strip()


def ensure_trusted_hosts(app: Flask) -> None:
    """In production, answer only to the site's own host names (Flask refuses any other Host: 400)."""
    if app.config["PRODUCTION"] and not app.config.get("TRUSTED_HOSTS"):
        raise ConfigError("TRUSTED_HOSTS is not set. In production set it to the site's host names, "
                          "comma-separated, e.g. TRUSTED_HOSTS=quiz.example.org,www.quiz.example.org")


def ensure_password_hashing(app: Flask) -> None:
    """PASSWORD_HASH_METHOD exists for the tests' speed: production always hashes with scrypt."""
    method = app.config.get("PASSWORD_HASH_METHOD")
    if app.config["PRODUCTION"] and method and not method.startswith("scrypt"):
        app.logger.warning("PASSWORD_HASH_METHOD %r ignored: production hashes passwords with scrypt.", method)
        app.config["PASSWORD_HASH_METHOD"] = "scrypt"


def configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Apply every configuration layer in order and check the result."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(defaults(app))
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    pool = int(os.environ.get("DB_POOL_SIZE", "5"))
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = merged_options(engine_options(uri, pool),
                                                            app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
    if app.config["JOB_IMMEDIATE"] is None:
        app.config["JOB_IMMEDIATE"] = bool(app.config.get("TESTING"))
    if app.config["JOB_CONSUMER"] is None:  # Flask's CLI sets FLASK_RUN_FROM_CLI; gunicorn and tests do not
        served_by_flask_run = os.environ.get("FLASK_RUN_FROM_CLI") == "true"
        app.config["JOB_CONSUMER"] = "thread" if served_by_flask_run and not app.config["PRODUCTION"] else "process"
    ensure_secret_key(app)
    ensure_trusted_hosts(app)
    ensure_password_hashing(app)
