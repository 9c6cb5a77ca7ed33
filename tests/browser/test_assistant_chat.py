"""The chat box on a phone, as a new resident uses it: a greeting, a question, a follow-up, a
complaint and a matter outside the catalog; the log shows the newest answer each time."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, WAIT_MS

# Whether the newest turn's top lies inside the scrolled log (not above or below it).
NEWEST_VISIBLE = """() => {
  const log = document.querySelector("[data-assistant-log]");
  const turns = log.querySelectorAll(".assistant-turn");
  const last = turns[turns.length - 1].getBoundingClientRect();
  const box = log.getBoundingClientRect();
  return last.top >= box.top - 1 && last.top < box.bottom;
}"""


def ask(page: Page, question: str, answered: int) -> None:
    page.get_by_label("Câu hỏi của bạn").fill(question)
    page.get_by_role("button", name="Hỏi").click()
    expect(page.locator(".assistant-answer")).to_have_count(answered)


def test_a_conversation_on_a_phone(browser, site):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto(site)
    answers = page.locator(".assistant-answer")

    ask(page, "xin chào", 1)
    expect(answers.nth(0)).to_contain_text("Xin chào!")
    ask(page, "đăng ký kết hôn cần giấy tờ gì", 2)
    expect(answers.nth(1)).to_contain_text("Thủ tục đăng ký kết hôn")
    ask(page, "thế còn lệ phí?", 3)
    expect(answers.nth(2)).to_contain_text("Phí, lệ phí:")
    expect(answers.nth(2)).not_to_contain_text("Giấy tờ cần nộp:")
    assert page.evaluate(NEWEST_VISIBLE)  # the log scrolled to the newest answer
    ask(page, "tôi muốn khiếu nại cán bộ phường", 4)
    expect(answers.nth(3).get_by_role("link")).to_have_attribute(
        "href", f"{site.rstrip('/')}/complaints/new/"
    )
    ask(page, "công thức nấu phở bò", 5)
    expect(answers.nth(4)).to_contain_text("Tôi chưa chắc")
    expect(answers.nth(4)).to_contain_text("1022")
    assert page.evaluate(NEWEST_VISIBLE)
    context.close()
