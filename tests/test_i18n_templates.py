"""The app's template gettext (quiz/i18n.py) returns what Jinja's new-style gettext returns: safe markup in
autoescaped templates with the variables escaped, plain text elsewhere, every string a format string, and
ngettext's `num`. Each case runs on Jinja's own callables too, so the two cannot drift apart."""
import pytest
from jinja2 import Environment

from quiz.i18n import template_gettext, template_ngettext

CASES = [
    ('{{ _("Plain words") }}', {}),
    ('{{ _("Hello %(name)s", name=who) }}', {"who": "<b>Lin & Co</b>"}),
    ('{{ gettext("Full marks: 100%%") }}', {}),
    ('{{ _("<em>%(n)s</em> left", n=3) }}', {}),
    ('{{ ngettext("%(num)d minute", "%(num)d minutes", n) }}', {"n": 1}),
    ('{{ ngettext("%(num)d minute", "%(num)d minutes", n) }}', {"n": 7}),
    ('{{ ngettext("%(num)d of %(what)s", "%(num)d of %(what)s", 2, what=who) }}', {"who": "<i>"}),
    ('{% autoescape false %}{{ _("Hello %(name)s", name=who) }}{% endautoescape %}', {"who": "<b>"}),
    ('{{ _("Hello %(name)s", name=who)|length }}', {"who": "<>"}),
]


def environment(kind: str) -> Environment:
    """An autoescaping environment with the i18n extension's new-style callables, untranslated; then the app's."""
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    env.install_gettext_callables(gettext=lambda s: s, ngettext=lambda s, p, n: s if n == 1 else p,  # type: ignore[attr-defined]
                                  newstyle=True)
    if kind == "app":
        env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)
    return env


@pytest.mark.parametrize("source, context", CASES)
def test_template_strings_render_as_jinjas_newstyle_gettext_renders_them(app, source, context):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert environment("app").from_string(source).render(context) == \
            environment("stock").from_string(source).render(context)


def test_variables_are_escaped_and_the_string_itself_is_not(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        page = environment("app").from_string('{{ _("<em>%(name)s</em>", name=who) }}').render(who="<b>")
    assert page == "<em>&lt;b&gt;</em>"


def test_the_app_installs_the_fast_callables(app):
    assert app.jinja_env.globals["_"] is template_gettext
    assert app.jinja_env.globals["ngettext"] is template_ngettext
