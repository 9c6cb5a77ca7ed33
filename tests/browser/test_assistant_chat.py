"""The chat box on a phone, as a new resident uses it: a greeting, a question, a follow-up, a
complaint and a matter outside the catalog; the log shows the newest answer each time."""

import os
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.checks import PHONE, WAIT_MS

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


# Ten residents, each new to the site (a fresh browser context), as tried for issue 21: what
# each asks in turn, and words the answer to each turn shows.
CONVERSATIONS = [
    [("xin chào", "Xin chào!"), ("làm giấy khai sinh cho con cần gì", "Thủ tục đăng ký khai sinh")],
    [("đăng ký kết hôn cần giấy tờ gì", "Giấy tờ cần nộp:"), ("thế còn lệ phí?", "Phí, lệ phí:")],
    [("tôi muốn khiếu nại hồ sơ bị giải quyết chậm", "/complaints/new/")],
    [("công thức nấu phở bò", "1022")],
    [
        ("How do I register a marriage in Hanoi?", "Marriage registration"),
        ("how much does it cost?", "Fees:"),
    ],
    [("lam giay khai sin cho be", "khai sinh"), ("cảm ơn", "")],
    [("xác nhận tình trạng hôn nhân để mua nhà có mất phí không", "tình trạng hôn nhân")],
    [("bố em mới mất, làm giấy báo tử ở đâu", "khai tử")],
    [("giá vàng hôm nay bao nhiêu", "1022")],
    [("đăng ký thường trú ở nhà mới mua", "thường trú"), ("mất bao lâu?", "")],
]


def test_ten_new_residents_on_a_phone(browser, site, tmp_path):
    """Each conversation ends with its newest answer in view; screenshots in MOTCUA_SHOTS."""
    shots = Path(os.environ.get("MOTCUA_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    for number, turns in enumerate(CONVERSATIONS, 1):
        context = browser.new_context(viewport=PHONE, locale="vi-VN")
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        page.goto(site)
        answers = page.locator(".assistant-answer")
        for answered, (question, shown) in enumerate(turns, 1):
            ask(page, question, answered)
            expect(answers.nth(answered - 1)).to_contain_text(shown)
            assert page.evaluate(NEWEST_VISIBLE), question
        page.locator("[data-assistant]").screenshot(path=str(shots / f"conversation-{number}.png"))
        context.close()
