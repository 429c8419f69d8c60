"""The base of every form (Flask-WTF's CSRF, WTForms' messages read once per language) and the forms
several blueprints share: a blueprint imports forms from here or from its own package, never another's."""
from functools import lru_cache

from babel.support import NullTranslations, Translations
from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.i18n import messages_path
from wtforms.validators import InputRequired

from quiz.services.nicknames import normalise_nickname


@lru_cache(maxsize=8)
def wtforms_messages(locale: str) -> NullTranslations:
    """WTForms' catalogue for one language (Flask-WTF reads the .mo file again on every request)."""
    return Translations.load(messages_path(), [locale], domain="wtforms")


class PageLanguageMessages:
    """WTForms' messages in the page's language, the language chosen only when a message is needed.

    Most submitted forms are valid and say nothing (an answer); choosing the locale for them was
    a third of building the answer form.
    """

    def gettext(self, string: str) -> str:
        return wtforms_messages(str(get_locale())).gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return wtforms_messages(str(get_locale())).ngettext(singular, plural, n)


PAGE_LANGUAGE_MESSAGES = PageLanguageMessages()


def page_language_messages() -> PageLanguageMessages | None:
    """WTForms' messages in the page's language, or its own English when the app switches that off."""
    return PAGE_LANGUAGE_MESSAGES if current_app.config.get("WTF_I18N_ENABLED", True) else None


class Form(FlaskForm):
    """A FlaskForm whose built-in messages ("This field is required.") follow the page's language."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return page_language_messages() or super().get_translations(form)


class EmptyForm(Form):
    """A form with only the CSRF token, for POST-only buttons (used by every blueprint)."""


def nickname_filter(value: str | None) -> str | None:
    """Normalise a typed nickname; a refusal (a ValueError) becomes the field's error."""
    return normalise_nickname(value) if value else value


class NicknameMixin:
    """A display name shown on leaderboards instead of the login name (accounts, guests, live games)."""

    nickname = StringField(_l("Nickname"), validators=[InputRequired()], filters=[nickname_filter])


class GuestForm(NicknameMixin, Form):
    """Play without an account, under a nickname (offered on quiz, study and sign-in pages)."""
