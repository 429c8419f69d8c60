"""Template filters and globals."""
from flask import Flask
from flask_babel import lazy_gettext as _l

from quiz.generator import TimelineError
from quiz.services.catalog import era_span
from quiz.services.practice import DAILY_PREFIX, PRACTICE_SLUG

from quiz import kinds
from quiz.site_time import site_time
from quiz.i18n import gettext as _


def duration(seconds: float | None) -> str:
    """Write a duration as minutes and seconds, e.g. 3:07."""
    if seconds is None:
        return "—"
    total = round(seconds)
    minutes, secs = divmod(total, 60)
    return _("%(m)d min %(s)02d s", m=minutes, s=secs)


def points(value: float) -> str:
    """Write points as every page shows them: at most two decimals, no trailing zeros (8.83, 8.5, 9)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def timeline_error(error: TimelineError) -> str:
    """Word a timeline's parse error in the reader's UI language (its message is a catalogue msgid)."""
    return error.render(_)


LANGUAGE_NAMES = {"zh-Hans": _l("Simplified Chinese"), "zh-Hant": _l("Traditional Chinese"), "en": _l("English")}


def language_name(code: str) -> str:
    """Name a timeline language (zh-Hans, zh-Hant, en) in the UI language."""
    return str(LANGUAGE_NAMES.get(code, code))


# Where a question comes from (Question.origin), as teachers read it; the bank's filter lists the same names.
ORIGIN_LABELS = {"generated": _l("Generated"), "custom": _l("Written by teachers"), "imported": _l("Imported")}


def origin_label(origin: str) -> str:
    """Name a question's origin in the UI language."""
    return str(ORIGIN_LABELS.get(origin, origin))


def era_label(first: int, last: int, language: str) -> str:
    """Name an era's span of (astronomical) years in the timeline's language: 2003–2008年, 221 BC – AD 618."""
    return era_span(first, last, language)


def quiz_title(quiz) -> str:
    """A quiz's title in the page's language: practice and daily quizzes are named by the app, not stored."""
    if quiz.slug == PRACTICE_SLUG:
        return _("Spaced-repetition practice")
    if quiz.slug.startswith(DAILY_PREFIX):
        return _("Daily challenge %(day)s", day=quiz.slug.removeprefix(DAILY_PREFIX))
    return quiz.title


def file_size(size: int) -> str:
    """A byte count as teachers read it: 1 MB, 512 KB."""
    mb = 1024 * 1024
    return f"{size / mb:g} MB" if size >= mb else f"{size // 1024} KB"


def init_app(app: Flask) -> None:
    """Register the filters."""
    app.add_template_filter(duration)
    app.add_template_filter(points)
    app.add_template_filter(quiz_title)
    app.add_template_filter(file_size)
    app.add_template_filter(kinds.kind_label)
    app.add_template_filter(kinds.kind_for, "question_kind")
    app.add_template_global(kinds.authored_kinds)
    app.add_template_filter(timeline_error)
    app.add_template_filter(language_name)
    app.add_template_filter(origin_label)
    app.add_template_filter(era_label)
    app.add_template_filter(site_time)
