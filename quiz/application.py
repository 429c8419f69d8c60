"""The app's Flask class: Flask with its per-request check for async functions remembered."""
from collections.abc import Callable
from typing import Any

from flask import Flask

from quiz.templating import QuizEnvironment

# Hooks, views and error handlers are registered once, so the cache stays this small; a larger one
# means something registers functions per request, and those are simply not remembered.
MAX_REMEMBERED = 1024


class QuizFlask(Flask):
    """Flask asks of every hook and view, on every request, whether it is a coroutine function
    (`ensure_sync`, through `inspect`): about 60 calls an answer for a fact that never changes.
    Its templates' globals are quicker to compare and copy (quiz/templating.py)."""

    jinja_environment = QuizEnvironment

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._sync_callables: dict[Callable, Callable] = {}

    def ensure_sync(self, func: Callable) -> Callable:
        try:
            return self._sync_callables[func]
        except KeyError:
            sync = super().ensure_sync(func)
            if len(self._sync_callables) < MAX_REMEMBERED:
                self._sync_callables[func] = sync
            return sync
        except TypeError:  # an unhashable callable
            return super().ensure_sync(func)
