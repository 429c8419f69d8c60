"""The parts of every page that are the same for one kind of visitor in one language, rendered once and kept.

The site menu's links, the brand, the skip link, the menu button, the site's name in the title and
the stylesheet, icon and script links cost every page about a sixth of its work (their `url_for` and
`gettext` calls), yet they only change with the language, the script root (the URLs' prefix) and
the visitor's role (signed out, guest, student, teacher, admin). They are rendered from the macros
of templates/_site_chrome.html and kept per app and process, by those three.
"""
from typing import NamedTuple

from flask import Flask, Response, current_app, get_template_attribute, request
from flask_login import current_user
from markupsafe import Markup

from quiz.i18n import current_language

MAX_KEPT = 64  # 2 languages x 5 roles per script root: a larger count means keys we did not expect
TEMPLATE = "_site_chrome.html"


class SiteChrome(NamedTuple):
    """The kept parts, each a macro's output: already escaped HTML, inserted as it is."""

    site_name: Markup
    icon: Markup
    stylesheet: Markup
    skip_link: Markup
    nav_label: Markup
    brand: Markup
    menu_toggle: Markup
    menu_links: Markup
    scripts: Markup


def site_chrome() -> SiteChrome:
    """The constant parts of the page for this request's visitor and language."""
    role = current_user.role if current_user.is_authenticated else None
    key = (current_language(), request.script_root, role)
    kept: dict = current_app.extensions["site_chrome"]
    chrome = kept.get(key)
    if chrome is None:
        chrome = render_chrome(role)
        if len(kept) < MAX_KEPT:
            kept[key] = chrome
    return chrome


def render_chrome(role: str | None) -> SiteChrome:
    """Render every part from its macro (each takes no argument, but the menu's links)."""
    def part(name: str) -> Markup:
        return get_template_attribute(TEMPLATE, name)()

    links = get_template_attribute(TEMPLATE, "menu_links")(
        signed_in=role is not None, teacher=role is not None and current_user.is_teacher, admin=role == "admin")
    return SiteChrome(menu_links=links, **{name: part(name) for name in SiteChrome._fields if name != "menu_links"})


def favicon() -> Response:
    """The site's icon where browsers and tools look without asking the page (pages link favicon.svg)."""
    return current_app.send_static_file("favicon.ico")


def init_app(app: Flask) -> None:
    """Give the app its own kept parts, the templates `site_chrome()` and /favicon.ico."""
    app.extensions["site_chrome"] = {}
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.context_processor(lambda: {"site_chrome": site_chrome})
