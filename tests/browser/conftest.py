"""Real-browser fixtures: the app served by a real WSGI server thread, driven by headless Chromium."""
import os

import pytest

from helpers import settle_heap
from security_support import served

# Debian's headless shell (package chromium-headless-shell: the same Chromium build without the desktop
# browser around it, what Playwright itself runs headless) ran the browser tests in 0.76 of the full
# browser's time; the full browser still works.
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
CHROMIUM = os.environ.get("CHROMIUM_PATH", HEADLESS_SHELL if os.path.exists(HEADLESS_SHELL) else "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def _site(_served_app):
    """The test app served on a free loopback port by a real threaded server, started once for the run."""
    with served(_served_app) as address:
        yield address


@pytest.fixture
def server(app, _site):
    """The served test app's address; the `app` fixture undoes the test's rows and settings after it."""
    return _site


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the run, Debian's build, offline."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        settle_heap()
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser context (no cookies) with a Chinese-speaking browser."""
    context = browser.new_context(base_url=server, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def pytest_collection_modifyitems(items):
    """Every test in this folder drives Chromium: mark it `browser`, so `-m "not browser"` leaves it out."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)
