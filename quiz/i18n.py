"""Locale choice (the user's switch wins, then the browser, then Simplified Chinese) and the templates' translations."""
from functools import lru_cache

from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g, request, session
from flask_babel import get_locale, get_translations

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


def page_translations() -> NullTranslations:
    """Flask-Babel's translations for the current locale, looked up once per request and locale.

    Flask-Babel looks them up again for every string of a template (three context lookups and a
    str(Locale) each): 5-6% of a page. They are kept by the locale object itself, so a force_locale
    block (the jobs use one) still gets its own language's.
    """
    locale = get_locale()
    if locale is None:  # no app context: Flask-Babel's own answer (the strings untranslated)
        return get_translations()
    kept = g.get("_page_translations")
    if kept is None or kept[0] is not locale:
        kept = g._page_translations = (locale, get_translations())
    return kept[1]


def init_app(app: Flask) -> None:
    """Expose the language helpers to every template; templates' strings through page_translations."""
    # In place of Flask-Babel's, which babel.init_app installed (the i18n extension adds the method).
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
        newstyle=True)

    @app.context_processor
    def inject_languages() -> dict:
        return {"html_lang": html_lang, "current_language": current_language, "language_names": LANGUAGE_NAMES}
