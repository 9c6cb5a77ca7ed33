"""The strict Content-Security-Policy in a real browser: the portal (htmx search, the chat box)
and the workspace (htmx queue filters) work and report no violation."""

import re

from playwright.sync_api import Page, expect

from motcua.geography.models import Agency
from motcua.identity.services import create_official
from tests.browser.checks import PHONE, WAIT_MS

PASSWORD = "browser-test-pw-2026"
# Runs before the page's own scripts, whatever the policy says (Playwright injects it).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def strict_page(browser) -> tuple[Page, list[str]]:
    """A window that enforces the site's policy (the accessibility checks bypass it)."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    context.set_default_timeout(WAIT_MS)
    context.add_init_script(LISTEN)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    return page, console


def violations(page: Page, console: list[str]) -> list[str]:
    reported = page.evaluate("window.__violations")
    return reported + [text for text in console if "Content Security Policy" in text]


def test_the_portal_search_and_chat_box_work_under_the_policy(browser, site):
    page, console = strict_page(browser)

    page.goto(f"{site}/procedures/")
    page.get_by_label("Bạn cần làm thủ tục gì?").fill("dang ky khai sinh")
    expect(page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True)).to_be_visible()
    page.goto(site)
    page.get_by_label("Câu hỏi của bạn").fill("đăng ký khai sinh cần giấy tờ gì?")
    page.get_by_role("button", name="Hỏi").click()
    # The first question of a test server's worker loads the assistant's index (seconds on a
    # busy CI machine): what is checked here is the policy, not the speed.
    expect(page.locator(".assistant-answer")).to_contain_text("khai sinh", timeout=30_000)

    assert page.url.rstrip("/") == site.rstrip("/")  # the script answered in place, no reload
    assert violations(page, console) == []
    page.context.close()


def test_the_workspace_filters_work_under_the_policy(browser, site):
    agency = Agency.objects.get(role="commune_committee", unit__code="00008").code
    create_official("csp.handling", role="handling_officer", agency=agency, password=PASSWORD)
    page, console = strict_page(browser)

    page.goto(f"{site}/workspace/sign-in/")
    page.get_by_label("Tên đăng nhập").fill("csp.handling")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ đang chờ bạn")
    with page.expect_response(lambda response: "overdue=on" in response.url):
        page.get_by_label("Quá hạn").check()
    expect(page).to_have_url(re.compile(r"overdue=on"))  # htmx swapped the table and pushed

    assert violations(page, console) == []
    page.context.close()


def test_an_inline_style_would_be_blocked_and_reported(browser, site):
    page, console = strict_page(browser)
    page.goto(f"{site}/procedures/")

    page.evaluate("document.head.insertAdjacentHTML('beforeend', '<style>p {color: red}</style>')")
    page.wait_for_function("window.__violations.length > 0")

    assert violations(page, console)[0].startswith("style-src")
    page.context.close()


def test_the_api_docs_render_under_the_policy(browser, site):
    page, console = strict_page(browser)

    page.goto(f"{site}/api/v1/docs/", timeout=60_000)  # the Swagger UI bundle is 1.5 MB
    expect(page.get_by_text("Motcua API").first).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()  # the operations, drawn by the script

    assert violations(page, console) == []
    page.context.close()
