"""The base of every form (Flask-WTF's CSRF, WTForms' messages read once per language) and the forms
several blueprints share."""
from functools import lru_cache

from babel.support import NullTranslations, Translations
from flask import current_app
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path


@lru_cache(maxsize=8)
def wtforms_messages(locale: str) -> NullTranslations:
    """WTForms' catalogue for one language (Flask-WTF reads the .mo file again on every request)."""
    return Translations.load(messages_path(), [locale], domain="wtforms")


class Form(FlaskForm):
    """A FlaskForm whose built-in messages ("This field is required.") follow the page's language."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return wtforms_messages(str(get_locale()))


class EmptyForm(Form):
    """A form with only the CSRF token, for POST-only buttons (used by every blueprint)."""
