"""Template filters and globals."""
from flask import Flask
from flask_babel import gettext as _

from quiz import kinds


def duration(seconds: float | None) -> str:
    """Write a duration as minutes and seconds, e.g. 3:07."""
    if seconds is None:
        return "—"
    total = int(round(seconds))
    minutes, secs = divmod(total, 60)
    return _("%(m)d min %(s)02d s", m=minutes, s=secs)


def init_app(app: Flask) -> None:
    """Register the filters."""
    app.add_template_filter(duration)
    app.add_template_filter(kinds.kind_label)
    app.add_template_filter(kinds.kind_for, "question_kind")
    app.add_template_global(kinds.authored_kinds)
