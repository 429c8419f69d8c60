"""The site menu's links, rendered once per language and kind of visitor, not on every page.

The links are the same on every page one kind of visitor sees in one language, yet they were a
tenth of each page's work: nine `url_for` and nine `gettext` calls. The rendered list is kept per
app and process, by what it depends on: the language, the script root (the URLs' prefix) and the
visitor's role (signed out, guest, student, teacher, admin).
"""
from flask import Flask, current_app, get_template_attribute, request
from flask_login import current_user
from markupsafe import Markup

from quiz.i18n import current_language

MAX_KEPT = 64  # 2 languages x 5 roles per script root: a larger count means keys we did not expect


def site_menu() -> Markup:
    """The menu's list of links for this request's visitor and language."""
    role = current_user.role if current_user.is_authenticated else None
    key = (current_language(), request.script_root, role)
    kept: dict = current_app.extensions["site_menu"]
    menu = kept.get(key)
    if menu is None:
        # A macro's output is already escaped HTML (Markup), so the page inserts it as it is.
        links = get_template_attribute("_site_menu.html", "site_menu_links")
        menu = links(signed_in=role is not None, teacher=role is not None and current_user.is_teacher,
                     admin=role == "admin")
        if len(kept) < MAX_KEPT:
            kept[key] = menu
    return menu


def init_app(app: Flask) -> None:
    """Give the app its own kept menus and the templates `site_menu()`."""
    app.extensions["site_menu"] = {}
    app.context_processor(lambda: {"site_menu": site_menu})
