"""Locale choice: the user's switch wins, then the browser, then Simplified Chinese."""
from functools import lru_cache

from babel import Locale
from flask import Flask, current_app, request, session
from flask_babel import get_locale

LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}


@lru_cache(maxsize=16)
def parsed(code: str) -> Locale:
    """The Locale for a code, parsed once: Babel's parse scans its locale data on every call."""
    return Locale.parse(code)


def select_locale() -> Locale:
    """Pick the UI language for this request."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return parsed(chosen)
    return parsed(request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"])


def current_language() -> str:
    """Return the configured language code in use, e.g. zh_CN."""
    locale = get_locale()
    code = f"{locale.language}_{locale.territory}" if locale.territory else locale.language
    return code if code in current_app.config["LANGUAGES"] else locale.language


def html_lang() -> str:
    """Return the BCP 47 tag for <html lang>, e.g. zh-CN."""
    return current_language().replace("_", "-")


def init_app(app: Flask) -> None:
    """Expose the language helpers to every template."""

    @app.context_processor
    def inject_languages() -> dict:
        return {"html_lang": html_lang, "current_language": current_language, "language_names": LANGUAGE_NAMES}
