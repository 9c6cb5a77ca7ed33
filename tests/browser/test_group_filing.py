"""Issue 24 as a resident tries it, in a real browser on a 390 px phone: from the life event
"Having a baby" to the Decree 63/2024 group's page (its parts, agencies, documents, time and
fees), then the group filed once through the portal's filing steps; the receipt, "My dossiers"
and the dossier's page with its three parts. Each page is checked with axe-core, for its weight
and for sideways scrolling, and kept as screenshots under artifacts/screenshots/."""

import re

from playwright.sync_api import Page, expect

from motcua.dossiers.models import Dossier
from tests.browser.checks import check_page
from tests.browser.test_resident_journey import off_thread, sign_in
from tests.builders.dossiers import WARD_B, make_ward

GROUP = "nd63-khai-sinh"
GROUP_NAME = re.compile("^Liên thông đăng ký khai sinh, đăng ký thường trú")
CHILD = {
    "child_full_name": "Nguyễn Thị Hằng Nguyệt",
    "child_date_of_birth": "2026-10-02",
    "place_of_birth": "Bệnh viện Phụ sản Hà Nội",
    "mother_full_name": "Trần Thị Bích Ngọc",
}


def test_a_resident_files_the_birth_group_once_on_a_phone(people, site):
    off_thread(make_ward, WARD_B)
    page: Page = people()

    # from the life event to the group's page
    page.goto(site)
    page.get_by_role("link", name="Sinh con").click()
    page.get_by_role("link", name=GROUP_NAME).click()
    expect(page).to_have_url(f"{site}/groups/{GROUP}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(GROUP_NAME)
    parts = page.locator("ol.parts > li")
    expect(parts).to_have_count(3)
    expect(parts.nth(1)).to_contain_text("Đăng ký thường trú")
    expect(parts.nth(2)).to_contain_text("Bảo hiểm xã hội")
    expect(page.get_by_text("3 ngày làm việc", exact=False).first).to_be_visible()
    check_page(page, "group-page")

    # filed once, through the portal's filing steps
    page.get_by_role("link", name="Nộp trực tuyến cả nhóm thủ tục").click()
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Người nộp hồ sơ")
    expect(page.get_by_text(GROUP_NAME)).to_be_visible()  # which filing this is
    page.get_by_label("Tìm trong danh sách theo tên").fill("ngoc ha")
    expect(page.get_by_label("Phường, xã giải quyết", exact=True)).to_have_value(WARD_B)
    page.get_by_label("Điện thoại").fill("0912345678")
    check_page(page, "group-filing-applicant")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thông tin đề nghị")
    for name, value in CHILD.items():
        page.locator(f"[name={name}]").fill(value)
    page.locator("[name=child_sex]").select_option("Nữ")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tài liệu")
    sections = page.locator("section.part h2")
    expect(sections).to_have_text(
        [
            "Đăng ký khai sinh",
            "Đăng ký thường trú",
            "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        ]
    )
    residence = page.locator("section.part", has_text="Đăng ký thường trú")
    expect(residence).to_contain_text("Khai trực tuyến: không cần tờ khai giấy")  # one form
    check_page(page, "group-filing-documents")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nhận kết quả")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiểm tra thông tin trước khi nộp")
    check_page(page, "group-filing-review")
    page.get_by_label("Tôi cam đoan những nội dung khai trên là đúng sự thật").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của bạn đã được tiếp nhận")
    code = page.locator(".panel .code").inner_text()
    check_page(page, "group-receipt")

    # listed in "My dossiers" under the group's name, and shown part by part
    page.goto(f"{site}/my/dossiers/")
    row = page.locator("tr", has_text=code)
    expect(row).to_contain_text("Liên thông đăng ký khai sinh")
    check_page(page, "group-my-dossiers")
    row.get_by_role("link").first.click()
    region = page.get_by_role("region", name="Các phần việc của hồ sơ liên thông")
    expect(region.locator("li")).to_have_count(3)
    expect(region).to_contain_text("Bảo hiểm xã hội")
    check_page(page, "group-my-dossier")

    dossier = off_thread(lambda: Dossier.objects.select_related("group").get(code=code))
    assert dossier.group.code == GROUP
    assert off_thread(lambda: dossier.parts.count()) == 3
