"""Directives and readiness in a real browser: the centre issues a task to ward B, ward B's
official reports a difficulty, the centre downloads the compiled report; the readiness and
outbox pages pass the accessibility, weight and phone-width checks."""

from openpyxl import load_workbook
from playwright.sync_api import expect

from motcua.identity.services import create_official
from tests.browser.checks import check_page
from tests.browser.test_citizen_and_ward import PASSWORD, officials

WARD_B = "00008"  # Ngọc Hà


def _sign_in(page, site, username, heading):
    page.goto(f"{site}/workspace/sign-in/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_the_centre_assigns_a_ward_reports_and_the_centre_compiles(people, site):
    ward_b = officials(WARD_B)
    create_official("dieuphoi.coord", role="coordinator", password=PASSWORD)

    centre = people()
    _sign_in(centre, site, "dieuphoi.coord", "Hồ sơ đang chờ bạn")
    centre.get_by_role("link", name="Chỉ đạo, nhiệm vụ").click()
    centre.get_by_role("link", name="Giao nhiệm vụ").click()
    check_page(centre, "directive-new")
    centre.get_by_label("Nhiệm vụ", exact=True).fill("Hoàn thành cấu hình thủ tục")
    centre.get_by_label("Chủ đề").fill("Cấu hình thủ tục")
    centre.get_by_label("Thời hạn").fill("2025-07-25")
    centre.get_by_label("Tìm đơn vị theo tên").fill("ngoc ha")  # without diacritics
    expect(centre.get_by_label("Ủy ban nhân dân phường Hoàn Kiếm")).to_be_hidden()
    centre.get_by_label("Ủy ban nhân dân phường Ngọc Hà", exact=True).check()
    centre.get_by_role("button", name="Giao", exact=True).click()
    expect(centre.get_by_role("heading", level=1)).to_have_text("Hoàn thành cấu hình thủ tục")
    check_page(centre, "directive")

    ward = people()
    _sign_in(ward, site, ward_b["handling"], "Hồ sơ đang chờ bạn")
    ward.get_by_role("link", name="Chỉ đạo, nhiệm vụ").click()
    ward.get_by_role("link", name="Ủy ban nhân dân phường Ngọc Hà").click()
    ward.get_by_label("Tiến độ (%)").fill("40")
    ward.get_by_label("Khó khăn, vướng mắc").fill("Thiếu cán bộ am hiểu quy trình nội bộ")
    ward.get_by_label("Đề xuất, kiến nghị với Trung tâm hoặc Thành phố").fill("Cử cán bộ hỗ trợ")
    ward.get_by_role("button", name="Gửi báo cáo").click()
    expect(ward.get_by_role("status")).to_have_text("Đã ghi nhận báo cáo.")
    check_page(ward, "assignment-report")

    centre.get_by_role("link", name="Chỉ đạo, nhiệm vụ").click()
    expect(centre.get_by_text("Quá hạn").first).to_be_visible()
    check_page(centre, "directives")
    with centre.expect_download() as download:
        centre.get_by_role("link", name="Tổng hợp khó khăn, đề xuất (Excel)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as workbook:
        sheet = load_workbook(workbook).worksheets[0]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1]]
    assert [(r[6], r[7]) for r in rows] == [
        ("Thiếu cán bộ am hiểu quy trình nội bộ", "Cử cán bộ hỗ trợ")
    ]

    centre.get_by_role("link", name="Mức độ sẵn sàng").click()
    check_page(centre, "readiness")
    centre.get_by_role("link", name="Hàng đợi gửi").click()
    check_page(centre, "outbox")
    ward.goto(f"{site}/workspace/readiness/MC-{WARD_B}/")
    ward.get_by_label("Số cán bộ tại quầy").fill("5")
    check_page(ward, "readiness-point")
