"""Boundary-free at the counter, in a real browser: a receiving officer of ward A takes a birth
registration for ward B (looking the applicant up in the population database), and it waits in
ward B's queue; the centre's coordinator sees every unit's load."""

from django.utils import timezone

from playwright.sync_api import expect

from motcua.documents.pdf import blank_pdf
from motcua.identity.connectors import sandbox_registry
from motcua.identity.models import DataAccess
from motcua.identity.services import create_official
from motcua.monitoring import services
from tests.browser.checks import check_page
from tests.browser.test_citizen_and_ward import PASSWORD, officials, sign_in_official

WARD_A, WARD_B = "00070", "00008"  # Hoàn Kiếm, Ngọc Hà


def test_a_counter_intake_at_ward_a_for_ward_b_waits_in_ward_b_queue(people, site, tmp_path):
    ward_a, ward_b = officials(WARD_A), officials(WARD_B)
    create_official("dieuphoi.test", role="coordinator", password=PASSWORD)
    person = next(
        p for p in list(sandbox_registry.people().values())[5:] if p.date_of_birth.year < 2000
    )
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(blank_pdf("Tờ khai"))

    counter = people()
    sign_in_official(counter, site, ward_a["receiving"])
    counter.get_by_role("link", name="Tiếp nhận tại quầy").click()
    procedure = counter.get_by_label("Thủ tục", exact=True)
    expect(procedure).to_have_value("")  # nothing chosen yet (it was the catalog's first code)
    counter.get_by_label("Tìm trong danh sách theo tên").fill("1.001193")  # 2,600 procedures
    expect(procedure).to_have_value("1.001193")
    counter.get_by_role("button", name="Chọn").click()
    counter.get_by_label("Số định danh cá nhân", exact=True).fill(person.id_number)
    counter.get_by_role("button", name="Tra cứu Cơ sở dữ liệu dân cư").click()  # htmx
    expect(counter.get_by_label("Họ và tên", exact=True)).to_have_value(person.full_name)
    check_page(counter, "counter-intake")
    counter.get_by_label("Phường, xã giải quyết").select_option(WARD_B)
    counter.get_by_label("Họ và tên trẻ").fill("Lê Minh Khôi")
    counter.get_by_label("Ngày sinh của trẻ").fill("2026-11-25")
    counter.get_by_label("Giới tính của trẻ").select_option("Nam")
    counter.get_by_label("Nơi sinh").fill("Bệnh viện Bạch Mai")
    counter.get_by_label("Họ và tên mẹ").fill("Phạm Thu Hà")
    counter.locator("input[type=file]").first.set_input_files(str(scan))
    expect(counter.locator(".upload-status").first).to_contain_text("Đã tải lên")
    counter.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    notice = counter.get_by_role("status").filter(has_text="Đã tiếp nhận:")
    expect(notice).to_be_visible()
    code = counter.get_by_role("heading", level=1).inner_text().split(" · ")[0]
    slip = counter.get_by_role("link", name="Giấy tiếp nhận (PDF)").get_attribute("href")
    assert counter.request.get(f"{site}{slip}").headers["content-type"] == "application/pdf"
    looked_up = DataAccess.objects.filter(id_number=person.id_number, source="population_db")
    assert looked_up.filter(caller=ward_a["receiving"], purpose__contains="counter").exists()

    ward_b_office = people()
    sign_in_official(ward_b_office, site, ward_b["handling"])
    ward_b_office.goto(f"{site}/workspace/?box=receive&received_elsewhere=on")
    expect(ward_b_office.get_by_role("link", name=code)).to_be_visible()
    expect(ward_b_office.get_by_text("nơi khác", exact=True)).to_be_visible()
    ward_b_office.get_by_role("link", name=code).click()
    expect(ward_b_office.get_by_text(person.id_number)).to_be_visible()  # a handling official
    check_page(ward_b_office, "workspace-dossier-handling")

    centre = people()
    sign_in_official(centre, site, "dieuphoi.test")
    centre.get_by_role("link", name="Tổng quan các đơn vị").click()
    row = centre.get_by_role("row").filter(has_text="Ủy ban nhân dân phường Ngọc Hà")
    expect(row.get_by_role("cell").first).to_have_text("1")  # received, waiting
    check_page(centre, "overview")

    # the centre's indicators, once the worker's job has counted the new dossier
    services.refresh_until_current()
    centre.get_by_role("link", name="Chỉ số và bảng theo dõi của mọi đơn vị").click()
    units = centre.get_by_role("row").filter(has_text="Ủy ban nhân dân phường Ngọc Hà")
    expect(units.first).to_be_visible()
    today = timezone.localdate()
    expect(centre.get_by_label("Từ ngày")).to_have_value(f"{today:%Y-%m}-01")  # the period shown
    expect(centre.get_by_label("Đến ngày")).to_have_value(f"{today:%Y-%m-%d}")
    check_page(centre, "monitoring-city")
    units.first.get_by_role("link", name="Ủy ban nhân dân phường Ngọc Hà").click()
    expect(centre.get_by_role("heading", level=1)).to_contain_text("Ngọc Hà")
    check_page(centre, "monitoring-unit")
