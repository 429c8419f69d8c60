"""What a player does in the browser, shared by the end-to-end tests."""
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from helpers import CSRF_RE

# The two widths issue 13 asks every classroom journey to work at.
WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


def new_page(browser: Browser, server: str, width: str, locale: str = "zh-CN") -> Page:
    """A fresh browser page (its own context: no cookies) at a phone's or a desktop's width."""
    context = browser.new_context(base_url=server, locale=locale, viewport=WIDTHS[width])
    context.set_default_timeout(10_000)
    return context.new_page()


def violations(page: Page) -> list[str]:
    """Axe-core rule ids the page breaks (axe ships in the wheel: offline), once the page has loaded
    (a click's navigation may still be under way, and axe needs the document)."""
    page.wait_for_load_state("load")
    return [v["id"] for v in Axe().run(page).response["violations"]]


def sideways_scroll(page: Page) -> int:
    """How many pixels the page scrolls sideways once loaded (0 when it fits the screen)."""
    page.wait_for_load_state("load")
    return max(0, page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def problems(page: Page) -> list[str]:
    """Axe violations on the page, and sideways scrolling."""
    overflow = sideways_scroll(page)
    return violations(page) + ([f"scrolls sideways by {overflow}px"] if overflow else [])


def play_as_guest(page: Page, nickname: str = "小红", slug: str = "alipay-quick") -> None:
    """Open a quiz, continue as a guest and start (or resume) it."""
    page.goto(f"/quiz/{slug}")
    page.get_by_label("昵称").fill(nickname)
    page.get_by_role("button", name="以游客身份继续").click()
    page.get_by_role("button", name=re.compile("开始测验|继续")).click()
    expect(page.get_by_text(re.compile(r"第 \d+ 题，共 \d+ 题"))).to_be_visible()
    page.wait_for_load_state()  # the question's script is in place before a test presses keys


def answer_current(page: Page) -> None:
    """Answer the question on screen: its first option, or an ordering as shown."""
    submit = page.get_by_role("button", name="提交答案")
    expect(submit).to_be_visible()  # the question page is here (counting radios does not wait for it)
    page.wait_for_load_state()
    radios = page.get_by_role("radio")
    if radios.count():
        radios.first.check()
    submit.click()
    # Public quizzes reveal at the end of the attempt: until then the answer is only "saved".
    expect(page.get_by_role("heading", name=re.compile("回答正确|回答错误|部分正确|答案已保存"))).to_be_visible()


def sign_up(page: Page, login: str, nickname: str, password: str) -> None:
    """Create a student account through the sign-up form and land signed in."""
    page.goto("/auth/signup")
    page.get_by_label("登录名").fill(login)
    page.get_by_label("昵称").fill(nickname)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_label("再次输入密码").fill(password)
    page.get_by_role("button", name="创建账号").click()
    expect(page.get_by_text(f"欢迎，{nickname}！")).to_be_visible()


def sign_in(page: Page, login: str, password: str) -> None:
    """Sign in through the form and land on the home page."""
    page.goto("/auth/login")
    page.get_by_label("登录名").fill(login)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/")


def sign_in_by_request(page: Page, login: str, password: str) -> str:
    """Sign in with the login form's requests (GET for its CSRF token, then the POST) sent by the page's
    own browser context, which keeps the session cookie; return where the form would have gone next.

    For tests whose subject comes after signing in: the form itself is walked in the tests of signing
    in (test_browser_accounts, the classroom's dashboard test). Two page loads fewer per sign-in.
    """
    form = page.request.get("/auth/login")
    token = CSRF_RE.search(form.text()).group(1)
    response = page.request.post("/auth/login", form={"csrf_token": token, "username": login, "password": password},
                                 max_redirects=0)
    assert response.status == 302, (response.status, response.text()[:300])
    return response.headers["location"]


def sign_in_quickly(page: Page, login: str, password: str) -> None:
    """Sign in by the form's requests (sign_in_by_request) and open the page the form leads to."""
    page.goto(sign_in_by_request(page, login, password))


def preview_timeline(page: Page, path, slug: str, title: str) -> None:
    """Upload a timeline file on the import page and open its preview."""
    page.goto("/teach/import/timeline")
    page.get_by_label("时间线文件").set_input_files(path)
    page.get_by_label("短名称").fill(slug)
    page.get_by_label("向玩家显示的标题").fill(title)
    page.get_by_role("button", name="预览").click()
    expect(page.get_by_role("heading", name="时间线预览")).to_be_visible()
