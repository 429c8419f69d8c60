"""Fixtures for the generator tests: the bundled timeline, parsed once."""

from __future__ import annotations

import pytest

from quiz.generator import bundled_timeline_path, parse_file


@pytest.fixture(scope="session")
def bundled_events():
    """Return the bundled timeline's events."""
    return parse_file(bundled_timeline_path())
