"""Locale choice: the user's switch wins, then the browser, then Simplified Chinese."""
from flask import Flask, current_app, request, session
from flask_babel import get_locale

LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}


def select_locale() -> str:
    """Pick the UI language for this request."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def html_lang() -> str:
    """Return the BCP 47 tag for <html lang>."""
    return str(get_locale()).replace("_", "-")


def init_app(app: Flask) -> None:
    """Expose the language helpers to every template."""

    @app.context_processor
    def inject_languages() -> dict:
        return {"html_lang": html_lang, "language_names": LANGUAGE_NAMES}
