"""End to end: a teacher imports a timeline, watches the job's progress page, then reads the result.

The app is served as in production (jobs queued for a separate consumer, JOB_CONSUMER=process), so
the progress page is seen for certain; the test then runs the queued job the way the consumer does,
and the page's own polling script brings up the result."""
import pytest
from playwright.sync_api import Page, expect

from browser_support import preview_timeline, problems, sign_in_quickly, violations
from quiz.extensions import db
from quiz.services import accounts
from security_support import extra_app, served
from teach_helpers import PASSWORD

pytestmark = pytest.mark.browser
TIMELINE = "## 2001年3月，甲公司成立。\n甲公司在杭州成立。\n## 2005年，乙产品上线。\n乙产品上线了。\n"


@pytest.fixture
def queued_site(app, tmp_path):
    """The app with its own job queue file and no consumer, served on a free port; yields (app, address)."""
    with extra_app(app, JOB_IMMEDIATE=False, JOB_CONSUMER="process",
                   JOB_QUEUE_URL=f"sqlite:///{tmp_path / 'jobs.sqlite3'}") as site, served(site) as address:
        yield site, address


def sign_in_teacher(page: Page) -> None:
    """Create a teacher account and sign in (not through the form: signing in is not this file's subject)."""
    teacher = accounts.sign_up("laoshi", "王老师", PASSWORD)
    teacher.role = "teacher"
    db.session.commit()
    sign_in_quickly(page, "laoshi", PASSWORD)


def run_next_job(site) -> None:
    """Do what the consumer does: take the next queued task and execute it."""
    huey = site.extensions["huey"]
    huey.execute(huey.dequeue())


def test_teacher_sees_the_progress_page_then_the_result(browser, queued_site, tmp_path):

    site, address = queued_site
    context = browser.new_context(base_url=address, locale="zh-CN", viewport={"width": 360, "height": 740})
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in_teacher(page)
    (tmp_path / "line.md").write_text(TIMELINE, encoding="utf-8")
    preview_timeline(page, tmp_path / "line.md", "browser-line", "浏览器时间线")
    expect(page.get_by_text("甲公司成立。")).to_be_visible()
    page.get_by_role("button", name="保存这条时间线").click()

    expect(page.get_by_role("heading", name="正在导入时间线“浏览器时间线”")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("正在排队等候…")
    expect(page.get_by_label("进度")).to_have_attribute("value", "0")
    assert problems(page) == []

    page.goto("/teach/imports")  # the teacher leaves and comes back through the list of imports
    page.get_by_role("link", name="时间线“浏览器时间线”").click()
    run_next_job(site)
    expect(page.get_by_text("已导入 2 个事件")).to_be_visible()  # the page polled, then reloaded
    expect(page.get_by_role("link", name="测验列表")).to_be_visible()
    assert violations(page) == []
    context.close()
