"""Sliding sign-in without re-signing the session cookie on every response.

A permanent session ends PERMANENT_SESSION_LIFETIME after its cookie was last sent. Flask re-sends
(re-signs) it on every response by default, which is about a third of the cost of serving a
stylesheet through the app. Here the cookie is re-sent on a permanent session's first request of
each day instead: a student who keeps playing is never signed out, and a session left unused for
the whole lifetime still ends.
"""
from datetime import datetime, UTC

from flask import Flask, session

DAY_KEY = "_day"


def today() -> str:
    """The current UTC day, e.g. 2026-11-25."""
    return datetime.now(UTC).date().isoformat()


def refresh_once_a_day() -> None:
    """Mark a permanent session with today's date, which makes Flask send its cookie again."""
    if session.permanent and session.get(DAY_KEY) != (day := today()):
        session[DAY_KEY] = day


def init_app(app: Flask) -> None:
    """Replace Flask's refresh on every response by the daily one."""
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    app.before_request(refresh_once_a_day)
