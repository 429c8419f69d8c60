"""The one exception a bad timeline raises."""

from __future__ import annotations


class TimelineError(ValueError):
    """A timeline that cannot be read; `line` is the 1-based line at fault."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"第{line}行：{message}")
        self.line = line
        self.message = message
