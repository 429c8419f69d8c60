"""The app's Jinja environment: template globals Jinja can compare and copy without a slow path.

A template's globals are a ChainMap over the environment's (Jinja's `make_globals`). Every
`{% from ... import %}` subtracts their keys from a set (`set - ChainMap.keys()`: a KeysView, so
Python code tests each name through the chain), and every render copies them into a dict, one
ChainMap lookup per name. Pages import macros three or four times, so this was 7% of a question
page's instructions (8.92 -> 8.33 M). The chain, and what it means (a template's own globals over the environment's,
which stay shared and live), is unchanged; only these two operations are quicker.
"""
from collections import ChainMap
from typing import Any

from flask.templating import Environment


class TemplateGlobals(ChainMap):
    """A ChainMap whose keys come as a set, and whose lookups need no generator."""

    def keys(self) -> set[str]:  # type: ignore[override]
        return set().union(*self.maps)

    def __getitem__(self, key: str) -> Any:
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)


class QuizEnvironment(Environment):
    """Flask's Jinja environment with TemplateGlobals for every template."""

    def make_globals(self, d):
        return TemplateGlobals({} if d is None else d, self.globals)
