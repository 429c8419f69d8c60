"""Locale choice (the user's switch wins, then the browser, then Simplified Chinese) and the templates' translations."""
from functools import lru_cache

from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g, has_app_context, request, session
from flask_babel import get_locale, get_translations
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

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


def page_locale() -> Locale | None:
    """The request's locale, read where Flask-Babel keeps it once chosen; get_locale() chooses it (and costs
    4 µs a call: three context lookups). None outside an app context, as get_locale() says."""
    if not has_app_context():
        return None
    return getattr(getattr(g._get_current_object(), "_flask_babel", None), "babel_locale", None) or get_locale()


def current_language() -> str:
    """Return the configured language code in use, e.g. zh_CN (a page asks three or four times)."""
    locale = page_locale()
    if locale is None:
        raise RuntimeError("current_language() needs an app context")
    code = f"{locale.language}_{locale.territory}" if locale.territory else locale.language
    return code if code in current_app.config["LANGUAGES"] else locale.language


def html_lang() -> str:
    """Return the BCP 47 tag for <html lang>, e.g. zh-CN."""
    return current_language().replace("_", "-")


def page_translations() -> NullTranslations:
    """Flask-Babel's translations for the current locale, looked up once per request and locale.

    Flask-Babel looks them up again for every string (three context lookups, the locale and a
    str(Locale) each: 15 µs a string, a tenth of a page). They are kept on the request's `g` with the
    locale object they are for, so a force_locale block (the jobs use one) still gets its own
    language's.
    """
    locale = page_locale()
    if locale is None:  # no app context: Flask-Babel's own answer (the strings untranslated)
        return get_translations()
    app_globals = g._get_current_object()
    kept = getattr(app_globals, "_page_translations", None)
    if kept is None or kept[0] is not locale:
        kept = app_globals._page_translations = (locale, get_translations())
    return kept[1]


def gettext(string: str, **variables) -> str:
    """Flask-Babel's gettext, through the page's kept translations: for strings formatted once per row of a page."""
    text = page_translations().ugettext(string)
    return text % variables if variables else text


def formatted(eval_ctx: EvalContext, text: str, variables: dict) -> str:
    """A translated template string as Jinja's new-style gettext returns it: safe markup in an autoescaped
    template (its variables escaped), and always a format string ("%%" is "%")."""
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


@pass_eval_context
def template_gettext(eval_ctx: EvalContext, string: str, /, **variables) -> str:
    """`_()` and `gettext()` in templates."""
    return formatted(eval_ctx, page_translations().ugettext(string), variables)


@pass_eval_context
def template_ngettext(eval_ctx: EvalContext, singular: str, plural: str, num: int, /, **variables) -> str:
    """`ngettext()` in templates; `num` is a variable of the string unless one is given."""
    variables.setdefault("num", num)
    return formatted(eval_ctx, page_translations().ungettext(singular, plural, num), variables)


def init_app(app: Flask) -> None:
    """Expose the language helpers to every template; templates' strings through page_translations."""
    # In place of Flask-Babel's, which babel.init_app installed (the i18n extension adds the method).
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
        newstyle=True)
    # The extension calls each of those through two wrappers, each through the template's context (`_`
    # looks `gettext` up by name, which then calls the function): 17 µs a string, 5 for these, which
    # return the same (tests/test_i18n_templates.py). Templates use no pgettext.
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)

    @app.context_processor
    def inject_languages() -> dict:
        return {"html_lang": html_lang, "current_language": current_language, "language_names": LANGUAGE_NAMES}
