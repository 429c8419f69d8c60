"""The one exception a bad timeline raises: a code and parameters, worded by whoever shows it.

The messages are English msgids marked with N_ so the app's catalogue picks them up
(scripts/i18n.py extracts the N_ keyword) and shows them in the reader's UI language.
"""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:
    """Mark a message for translation without translating it here."""
    return message


MESSAGES = {
    "unreadable": N_("Cannot read the file %(path)s: %(reason)s"),
    "binary": N_("This file is binary data, not text. Save it as UTF-8 text."),
    "not_utf8": N_("This file is not UTF-8 text (the first bad byte is on line %(line)s). Save it as UTF-8."),
    "empty": N_("The file is empty."),
    "no_events": N_("No events found: each event starts with “## ” and a date."),
    "control_chars": N_("This line contains control characters; the file may not be text."),
    "no_date": N_("An event heading must start with a date (such as “2008年10月，” or “May 24, 1844 —”); "
                  "here it is “%(heading)s”."),
    "bad_date_text": N_("Unrecognised date “%(text)s”."),
    "no_headline": N_("The date is not followed by the event."),
    "invalid_year": N_("The year %(year)s is out of range."),
    "invalid_month": N_("Month %(month)s does not exist (months are 1 to 12)."),
    "invalid_day": N_("Month %(month)s of that year has no day %(day)s."),
    "invalid_decade": N_("A decade starts at a year ending in 0 (1840s, 1840年代), not at %(year)s."),
    "invalid_century": N_("A century starts at a year ending in 01, not at %(year)s."),
    "range_order": N_("A date range must start before it ends."),
    "range_precision": N_("Both ends of a date range must be written to the same precision."),
    "ambiguous_date": N_("“%(text)s” is ambiguous (day/month or month/day?): write 2019-03-05, 2019年3月5日 "
                         "or March 5, 2019."),
    "too_many_events": N_("At most %(max)s events in one timeline; this file has %(n)s. "
                          "Split it into several timelines."),
}


class TimelineError(ValueError):
    """A timeline that cannot be read; `line` is the 1-based line at fault (0: the whole file)."""

    def __init__(self, line: int, code: str, **params: object) -> None:
        self.line = line
        self.code = code
        self.params = params
        super().__init__(f"Line {line}: {self.message}" if line > 0 else self.message)

    def render(self, translate: Callable[[str], str] = N_) -> str:
        """Return the message worded by `translate` (a gettext); only a message that says %(line)s names the line."""
        return translate(MESSAGES[self.code]) % {"line": self.line, **self.params}

    @property
    def message(self) -> str:
        """Return the message in English."""
        return self.render()
