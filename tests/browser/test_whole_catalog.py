"""The whole catalog tried as a new user would, on a phone (390 px): three procedures that are not
among the 56 curated, one per ministry folder of the national portal's crawl, are found by typing
without diacritics, read (their facts and where they come from) and started online."""

import re
import shutil

import pytest
from playwright.sync_api import Page, expect

from motcua.catalog import packaged, services
from tests.browser.checks import check_page
from tests.catalog.test_portal import RAW, needs_crawl

WARD_B = "00008"  # Ngọc Hà
CITIZEN = "001090012345"  # Nguyễn Văn An, a demo citizen of the sandbox provider
# (ministry folder, code, what a resident types, the procedure's name on the portal)
PROCEDURES = [
    (
        "bo-cong-an",
        "1.012566",
        "xac nhan so chung minh nhan dan 9 so",
        "Xác nhận số chứng minh nhân dân 09 số, số định danh cá nhân (thực hiện tại cấp xã)",
    ),
    (
        "bo-tu-phap",
        "2.001255",
        "dang ky lai nuoi con nuoi",
        "Đăng ký lại việc nuôi con nuôi trong nước",
    ),
    (
        "bo-xay-dung",
        "1.003930",
        "cap lai giay chung nhan dang ky phuong tien",
        "Cấp lại Giấy chứng nhận đăng ký phương tiện",
    ),
]


@pytest.fixture
def crawled(site, tmp_path) -> str:
    """The live site with the three pages imported from the crawl (the curated 56 stay)."""
    curated = {record["code"] for record in packaged.packaged_records()}
    for folder, code, _words, _name in PROCEDURES:
        assert code not in curated
        (tmp_path / folder).mkdir()
        shutil.copy(RAW / folder / f"{code}.json", tmp_path / folder)
    summary = services.import_portal(tmp_path)
    assert summary.created == 3
    return site


def find_read_and_start(page: Page, site: str, code: str, words: str, name: str) -> None:
    page.goto(site)
    page.get_by_label("Bạn cần làm thủ tục gì?").fill(words)
    page.get_by_role("button", name="Tìm kiếm").click()
    found = page.locator("main a", has_text=name).first
    expect(found).to_be_visible()
    check_page(page, f"catalog-{code}-search")
    found.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    expect(page.get_by_role("link", name="Cổng Dịch vụ công quốc gia").first).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Tài liệu")).to_be_visible()
    check_page(page, f"catalog-{code}-procedure")
    page.get_by_role("link", name="Nộp trực tuyến").first.click()
    expect(page).to_have_url(re.compile(r"/sandbox-idp/authorize"))
    page.locator(f"input[name=citizen][value='{CITIZEN}']").check()
    page.get_by_label("Mức 2 (đã xác thực thẻ căn cước gắn chip)").check()
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Người nộp hồ sơ")
    expect(page.get_by_text(name).first).to_be_visible()
    check_page(page, f"catalog-{code}-filing-applicant")
    page.get_by_label("Phường, xã giải quyết").select_option(WARD_B)
    page.get_by_label("Điện thoại").fill("0912345678")
    address = page.get_by_label("Địa chỉ")
    if address.count():
        address.first.fill("Số 1 Hàng Bông")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Người nộp hồ sơ")
    if page.get_by_role("heading", level=1).inner_text() != "Tài liệu":
        page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài liệu")
    expect(page.locator("input[type=file]").first).to_be_attached()
    check_page(page, f"catalog-{code}-filing-documents")


@needs_crawl
def test_three_procedures_not_curated_are_found_read_and_started_on_a_phone(people, crawled):
    for _folder, code, words, name in PROCEDURES:
        find_read_and_start(people(), crawled, code, words, name)
