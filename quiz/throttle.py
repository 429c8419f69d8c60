"""Who may try how often: sign-in, sign-up and guest limits, and what happens when Redis is down.

Sign-in counts only failed tries, per (address, login name) and per address, never per login name
alone: someone else's failures can then never lock the owner out from their own address. Sign-ups
and guests count what was created, per address, at a rate a school class behind one address fits
in. The numbers are settings (docs/operations.md). Should the counter store (Redis) fail,
Flask-Limiter's in-memory fallback keeps counting per process, and says so in the log.
"""
import logging
from collections.abc import Callable
from functools import partial, wraps

from flask import Flask, Response, current_app, request
from flask.globals import request_ctx
from flask.logging import default_handler
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from quiz.extensions import limiter


def setting(name: str):
    """Read one limit from the configuration when the request is checked, so tests may change it."""
    return lambda: current_app.config[name]


def address_and_account() -> str:
    """The client address and the login name being tried."""
    return get_remote_address() + "|" + (request.form.get("username") or "").strip().lower()


def refused(response: Response) -> bool:
    """A sign-in form sent back with an error (wrong password, bad form): it counts as a failure."""
    return response.status_code == 400


def created(response: Response) -> bool:
    """An account or guest was made (the view redirects only then)."""
    return response.status_code == 302


def login_failures(view):
    """Throttle failed sign-ins per (address, account) and per address."""
    view = limiter.limit(setting("LOGIN_RATE_LIMIT"), methods=["POST"], key_func=address_and_account,
                         deduct_when=refused, error_message=lambda: _(
                             "Too many failed sign-ins to this account from your network. "
                             "Wait a few minutes and try again."))(view)
    return limiter.limit(setting("LOGIN_ADDRESS_RATE_LIMIT"), methods=["POST"], deduct_when=refused,
                         error_message=lambda: _("Too many failed sign-ins from your network. "
                                                 "Wait a few minutes and try again."))(view)


def creations(config_name: str):
    """Throttle accounts or guests created per address."""
    return limiter.limit(setting(config_name), methods=["POST"], deduct_when=created, error_message=lambda: _(
        "Too many new players from your network in a short time. Wait a few minutes and try again."))


# Limits that apply to every route; this app sets none (each limit is a decorator on its view).
ROUTE_WIDE_LIMITS = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")


def check_only_limited_views(app: Flask) -> None:
    """Drop Flask-Limiter's check before every request when no limit covers every route.

    A decorated view checks its own limits when it is called; the per-request check only looks for
    application, default and meta limits, which cost an answer 5% to find none. An operator who
    configures route-wide limits keeps it. (With limits switched off, Flask-Limiter installs no hooks.)
    """
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks and not any(app.config.get(name) for name in ROUTE_WIDE_LIMITS):
        hooks.remove(limiter._check_request_limit)


# Where Flask-Limiter keeps a request's limits, made the first time the request checks one.
LIMITER_STATE = "_limiter_request_context"


def only_after_a_limit_check(hook: Callable) -> Callable:
    """Run one of Flask-Limiter's end-of-request hooks only when the request checked a limit.

    The hooks deduct conditional hits (a failed sign-in) and clear the request's limit state; with
    no limit checked there is nothing to deduct or clear, yet building the empty state cost an
    answer 4% of its instructions. (The sign-in throttling tests fail if the state moves elsewhere.)
    """
    @wraps(hook)
    def hook_if_checked(value):
        return hook(value) if hasattr(request_ctx._get_current_object(), LIMITER_STATE) else value
    return hook_if_checked


def is_limiters(hook: Callable) -> bool:
    """One of Flask-Limiter's hooks: a method bound to it, or its class's function given it (a partial)."""
    owner = hook.args[0] if isinstance(hook, partial) and hook.args else getattr(hook, "__self__", None)
    return owner is limiter


def skip_hooks_without_limits(app: Flask) -> None:
    """Wrap Flask-Limiter's after-request and teardown hooks (installed by its init_app)."""
    for hooks in (app.after_request_funcs[None], app.teardown_request_funcs[None]):
        hooks[:] = [only_after_a_limit_check(hook) if is_limiters(hook) else hook for hook in hooks]


def init_app(app: Flask) -> None:
    """Send Flask-Limiter's messages (such as the switch to in-memory counting) to the app's log."""
    limiter_log = logging.getLogger("flask-limiter")
    if default_handler not in limiter_log.handlers:
        limiter_log.addHandler(default_handler)
    check_only_limited_views(app)
    skip_hooks_without_limits(app)
