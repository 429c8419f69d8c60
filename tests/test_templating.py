"""The app's template globals (quiz/templating.py) mean what Jinja's own do: a template's own globals
over the environment's, which stay live, and imported macros that see the importing template's.
Each test runs on Flask's stock environment too, so the two cannot drift apart."""
import pytest
from flask.templating import Environment
from jinja2 import DictLoader

from quiz.templating import QuizEnvironment

MACROS = {"macros.html": "{% macro greet() %}{{ visitor }} at {{ site }}{% endmacro %}"}


@pytest.fixture(params=[QuizEnvironment, Environment], ids=["app", "stock"])
def env(request, app):
    environment = request.param(app, loader=DictLoader(MACROS))
    environment.globals["site"] = "the site"
    return environment


def test_a_templates_globals_overlay_the_environments_which_stay_live(env):
    page = env.from_string("{{ site }} / {{ late }}", globals={"site": "the page"})
    env.globals["late"] = "added after loading"
    assert page.render() == "the page / added after loading"
    assert env.from_string("{{ site }}").render() == "the site"


def test_imported_macros_see_the_importing_templates_own_globals(env):
    importing = '{% from "macros.html" import greet %}{{ greet() }}'
    assert env.from_string(importing, globals={"visitor": "a student"}).render() == "a student at the site"
    assert env.from_string(importing).render() == " at the site"


def test_the_app_renders_with_its_environment(app):
    assert isinstance(app.jinja_env, QuizEnvironment)
