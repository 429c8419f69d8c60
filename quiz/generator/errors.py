"""The one exception a bad timeline raises."""

from __future__ import annotations


class TimelineError(ValueError):
    """A timeline that cannot be read; `line` is the 1-based line at fault (0: the whole file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"第{line}行：{message}" if line > 0 else message)
        self.line = line
        self.message = message
