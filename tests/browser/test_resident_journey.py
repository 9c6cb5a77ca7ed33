"""A resident's whole journey in a real browser, at a phone's width and at a desk's (issue 19):
track a dossier by its code, file copies of a civil-status extract online (the e-form is the
declaration; how many copies; a draft that outlives signing out; check your answers), pay the
fee by VietQR, add the documents the ward asks for from the notice's link, see the delay and
the apology, rate the service, complain with evidence, and withdraw another dossier.

Every page is checked with axe-core (no violation of any impact, at both widths), for its weight
and for sideways scrolling on a phone; its screenshots are kept under artifacts/screenshots/.
"""

import json
import re
import threading
import unicodedata
from datetime import timedelta

from django.db import connections
from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from motcua.catalog.models import Fee
from motcua.core import clock
from motcua.core.text import vietnamese_sort_key
from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier
from motcua.integrity.models import Complaint
from motcua.payments.models import FeeAccount
from tests.browser.checks import AXE, BUDGET, DESKTOP, OVERFLOW_JS, PHONE, SHOTS, WCAG, page_bytes
from tests.builders.dossiers import WARD_A, act, committee, file_dossier, make_ward, upload
from tests.builders.payments import without_resolution_77

COPIES = "2.000635"  # Cấp bản sao Trích lục hộ tịch: 8.000 đ a copy
CITIZEN = "001090012345"  # Nguyễn Văn An, a demo citizen of the sandbox provider
WARD_B = "00008"  # Ngọc Hà
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
WARD_PAIRS = ("Cầu Giấy", "Chương Mỹ", "Dương Nội", "Đống Đa")


def violations(page: Page) -> list[str]:
    """Every axe-core violation of WCAG 2.1 A/AA on the page, whatever its impact."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": WCAG}}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def look(page: Page, width: str, name: str) -> None:
    """Check the page as shown now at both widths, and keep its screenshots."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        found[label] = violations(page)
        page.screenshot(path=str(SHOTS / f"resident-{width}-{name}-{label}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    culprits = page.evaluate(OVERFLOW_JS) if wide > PHONE["width"] else []
    page.set_viewport_size(WIDTHS[width])
    weight = page_bytes(page)
    (SHOTS / f"resident-{width}-{name}.json").write_text(json.dumps({"bytes": weight}))
    assert found == {"phone": [], "desktop": []}, f"{name}: {found}"
    assert weight < BUDGET, f"{name} weighs {weight} bytes"
    assert wide <= PHONE["width"], f"{name} scrolls sideways on a phone ({wide} px): {culprits}"


def off_thread(work, *args, **kwargs):
    """Run `work` off the test's thread: Playwright's event loop runs there, and signing a
    notice (pyHanko) starts an event loop of its own. The thread uses the test's connection
    where the live server shares it (SQLite in memory)."""
    mine = connections["default"]
    done: dict = {}

    def run() -> None:
        if mine.allow_thread_sharing:
            connections["default"] = mine
        try:
            done["value"] = work(*args, **kwargs)
        finally:
            if not mine.allow_thread_sharing:
                connections.close_all()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=60)
    return done["value"]


def official(*args, **kwargs) -> dict:
    """An official's action through the API (tests.dossiers.conftest.act), off the thread."""
    response = off_thread(act, *args, **kwargs)
    assert response.status_code == 200, response.content
    return response.json()


def sign_in(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/sandbox-idp/authorize"))
    page.locator(f"input[name=citizen][value='{CITIZEN}']").check()
    page.get_by_label("Mức 2 (đã xác thực thẻ căn cước gắn chip)").check()
    page.get_by_role("button", name="Đăng nhập").click()


def _fee_and_account() -> None:
    """The ward's 8.000 đ a copy confirmed and its account approved (as officials do first).

    The resident pays it online here, as in a province without Hanoi's Resolution 77/2025."""
    without_resolution_77()
    Fee.objects.filter(version__procedure__code=COPIES).update(
        state="curated", source="admin", source_detail="ward official, confirmed"
    )
    ward = make_ward(WARD_B)
    FeeAccount.objects.create(
        agency=committee(WARD_B),
        purpose="fees",
        bank_bin="970436",  # Vietcombank
        account_number="0011001234567",
        account_name="UBND PHUONG NGOC HA",
        status="approved",
        submitted_by=ward.handling,
        submitted_at=clock.now(),
    )
    return ward


def track_by_code(page: Page, site: str, width: str) -> None:
    page.goto(site)
    page.get_by_role("link", name="Tra cứu hồ sơ theo mã").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tra cứu hồ sơ")
    page.get_by_role("button", name="Tra cứu").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link", name="Nhập mã hồ sơ in trên giấy tiếp nhận.").click()
    expect(page.get_by_label("Mã hồ sơ")).to_be_focused()  # the summary leads to the field
    look(page, width, "track-errors")


def file_copies(page: Page, site: str, width: str, scan: str) -> str:
    page.goto(f"{site}/procedures/{COPIES}/")
    page.get_by_role("link", name="Nộp trực tuyến").click()
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Người nộp hồ sơ")
    wards = page.get_by_label("Phường, xã giải quyết", exact=True)
    texts = wards.locator("option").all_inner_texts()
    names = [unicodedata.normalize("NFC", n).strip() for n in texts if n != "Chọn…"]
    assert names == sorted(names, key=vietnamese_sort_key)  # Cầu Giấy before Chương Mỹ
    where = {part: next(i for i, n in enumerate(names) if part in n) for part in WARD_PAIRS}
    assert where["Cầu Giấy"] < where["Chương Mỹ"]
    assert where["Dương Nội"] < where["Đống Đa"]  # Đ after D
    page.get_by_label("Tìm trong danh sách theo tên").fill("ngoc ha")  # without diacritics
    expect(wards).to_have_value(WARD_B)
    page.get_by_label("Điện thoại").fill("0912345678")
    look(page, width, "filing-applicant")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thông tin đề nghị")
    page.get_by_label("Giấy tờ cần cấp bản sao").fill("Trích lục khai sinh")
    page.get_by_label("Số bản sao").fill("3")
    look(page, width, "filing-details")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tài liệu")
    declaration = page.locator("ul.documents > li", has_text="Tờ khai")
    expect(declaration).to_contain_text("Khai trực tuyến: không cần tờ khai giấy")
    expect(declaration.locator("input[type=file]")).to_have_count(0)
    identity = page.locator("ul.documents > li", has_text="Giấy tờ tùy thân")
    taken = identity.get_by_role("checkbox")
    if taken.count():
        taken.uncheck()  # attach one's own copy instead of national data
    page.get_by_role("button", name="Tiếp tục").click()
    error = identity.locator(".errorlist")
    expect(error).to_be_visible()
    picker = identity.locator("input[type=file]")
    accept = picker.get_attribute("accept")
    for named in (".pdf", ".jpg", ".png", ".docx", ".xlsx"):  # what the hint names
        assert named in accept
    expect(identity.locator(".hint").last).to_contain_text("PDF, ảnh JPG hoặc PNG, Word hoặc Excel")
    look(page, width, "filing-documents-error")
    page.wait_for_load_state("load")
    picker.set_input_files(scan)
    expect(identity.locator(".upload-status")).to_contain_text("Đã tải lên")
    expect(error).to_have_count(0)  # attached: the error is gone
    expect(page.locator(".error-summary")).to_have_count(0)
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nhận kết quả")
    page.get_by_role("button", name="Tiếp tục").click()
    review = page.get_by_role("heading", level=1)
    expect(review).to_have_text("Kiểm tra thông tin trước khi nộp")
    expect(page.get_by_text("01/05/1990")).to_be_visible()  # dates as dd/mm/yyyy
    expect(page.get_by_text("3 × 8.000 đ = 24.000 đ")).to_be_visible()
    expect(page.get_by_text("khai trực tuyến: lập từ thông tin bạn đã khai")).to_be_visible()
    expect(page.get_by_text("can-cuoc.pdf")).to_be_visible()  # one's own copy, as chosen
    changes = page.get_by_role("link", name=re.compile("^Sửa"))
    expect(changes).to_have_count(4)  # applicant, details, documents, delivery
    page.get_by_role("link", name="Sửa nơi nhận kết quả").click()
    page.get_by_label("Tại điểm tiếp nhận tôi chọn").check()
    page.get_by_label("Điểm tiếp nhận", exact=True).select_option(f"MC-{WARD_B}")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(review).to_have_text("Kiểm tra thông tin trước khi nộp")  # straight back
    look(page, width, "filing-review")

    # A draft outlives signing out: it is listed, and carries on where it stopped.
    page.get_by_role("button", name="Đăng xuất").click()
    page.goto(f"{site}/my/dossiers/")
    sign_in(page)
    drafts = page.locator("section", has=page.get_by_role("heading", name="Hồ sơ đang soạn"))
    expect(drafts).to_contain_text("Cấp bản sao Trích lục hộ tịch")
    look(page, width, "my-drafts")
    drafts.get_by_role("link", name=re.compile("^Tiếp tục nộp")).click()
    expect(review).to_have_text("Kiểm tra thông tin trước khi nộp")

    page.get_by_role("button", name="Nộp hồ sơ").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Đánh dấu ô cam đoan")
    summary.get_by_role("link").first.click()
    expect(
        page.get_by_label("Tôi cam đoan những nội dung khai trên là đúng sự thật")
    ).to_be_focused()
    look(page, width, "filing-review-errors")
    page.get_by_label("Tôi cam đoan những nội dung khai trên là đúng sự thật").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của bạn đã được tiếp nhận")
    code = page.locator(".panel .code").inner_text()
    pay = page.locator("section.payment")
    expect(pay.get_by_role("heading", level=2)).to_have_text("Nộp phí, lệ phí: 8.000 đ")
    expect(pay).to_contain_text("Vietcombank")  # the bank by the VietQR's BIN
    expect(pay.get_by_role("img", name=re.compile("VietQR"))).to_be_visible()
    saved = pay.get_by_role("link", name="Lưu mã VietQR vào điện thoại")
    assert saved.get_attribute("download") == f"vietqr-{code}.png"
    assert page.request.get(f"{site}{saved.get_attribute('href')}").headers["content-type"] == (
        "image/png"
    )
    tracking = page.locator("section.tracking")
    expect(tracking).to_contain_text("Mã QR tra cứu: để theo dõi hồ sơ, không dùng để thanh toán")
    assert tracking.evaluate("(t, p) => !p.contains(t) && !t.contains(p)", pay.element_handle())
    look(page, width, "receipt")

    pay.get_by_role("link", name="Thanh toán thử (bản trình diễn)").click()
    page.get_by_role("button", name="Thanh toán", exact=True).click()
    expect(page.get_by_text("8.000 đ")).to_be_visible()
    look(page, width, "paid")
    page.get_by_role("link", name="Quay lại hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Cấp bản sao"))
    return code


def supplement_from_the_notice(page: Page, site: str, width: str, code: str, ward, scan):
    row = Dossier.objects.get(code=code)
    dossier = official(ward.handling, {"code": code, "version": row.version}, "accept")
    wanted = row.documents.get(requirement__name__startswith="Giấy tờ tùy thân").requirement_id
    official(
        ward.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": wanted, "reason": "Ảnh chụp bị mờ"}],
    )
    page.goto(f"{site}/track/{code}")  # the address the notice prints
    page.get_by_role("link", name="Tải lên giấy tờ cần bổ sung").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"Bổ sung giấy tờ cho hồ sơ {code}")
    expect(page.get_by_text("Ảnh chụp bị mờ")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Gửi trước \d\d:\d\d \d\d/\d\d/\d{4}"))).to_be_visible()
    look(page, width, "supplement")
    page.wait_for_load_state("load")
    page.locator("input[type=file]").first.set_input_files(scan)
    expect(page.locator(".upload-status").first).to_contain_text("Đã tải lên")
    page.get_by_role("button", name="Gửi giấy tờ").click()
    expect(page.locator("dl.facts dd strong")).to_have_text("Đang giải quyết")


def late_then_apology(page: Page, width: str, code: str, ward) -> None:
    Dossier.objects.filter(code=code).update(due_at=clock.now() - timedelta(hours=3))
    page.reload()
    expect(page.locator("#overdue")).to_contain_text("Hồ sơ này đã quá hạn")
    row = Dossier.objects.get(code=code)
    new_date = clock.now() + timedelta(days=2)
    official(
        ward.handling,
        {"code": code, "version": row.version},
        "apologize",
        new_due_at=new_date.isoformat(),
        reason="Cần xác minh với nơi đăng ký khai sinh",
    )
    page.reload()
    apology = page.locator("#apology")
    expect(apology).to_contain_text("Cần xác minh với nơi đăng ký khai sinh")
    expect(apology).to_contain_text(timezone.localtime(new_date).strftime("%d/%m/%Y"))
    expect(page.locator("#overdue")).to_have_count(0)
    day = timezone.localtime(new_date).strftime("%d/%m/%Y")
    expect(page.locator(".timeline")).to_contain_text(
        f"Hẹn mới: {timezone.localtime(new_date):%H:%M} {day}"
    )
    look(page, width, "dossier-apology")


def rate(page: Page, width: str, code: str, ward) -> None:
    row = Dossier.objects.get(code=code)
    dossier = {"code": code, "version": row.version}
    # Copies have no result the system draws up: the ward signs the extract it printed.
    extract = off_thread(upload, ward.approver, blank_pdf("Bản sao trích lục khai sinh"))
    dossier = official(ward.approver, dossier, "approve")
    dossier = official(ward.approver, dossier, "sign-result", result_file=extract)
    official(ward.handling, dossier, "return-result")
    page.reload()
    expect(page.locator("#apology")).to_have_count(0)  # finished: the apology is history now
    expect(page.get_by_label("5 – Rất hài lòng")).to_be_visible()
    expect(page.get_by_label("1 – Rất không hài lòng")).to_be_visible()
    look(page, width, "dossier-rate")
    page.get_by_label("4 – Hài lòng").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("(Hài lòng)")).to_be_visible()


def complain(page: Page, site: str, width: str, scan: str) -> None:
    page.goto(f"{site}/complaints/new/")
    page.get_by_label("Cò hồ sơ").check()
    page.get_by_label("Tìm trong danh sách theo tên").fill("ngoc ha")
    agency = page.get_by_label("Cơ quan (nếu không có mã hồ sơ)")
    shown = agency.locator("option:not([hidden])").all_inner_texts()[1:]
    assert shown
    assert all("Ngọc Hà" in unicodedata.normalize("NFC", name) for name in shown)
    agency.select_option(label="Ủy ban nhân dân phường Ngọc Hà")
    page.get_by_label("Nội dung phản ánh").fill("Có người trước cửa bộ phận một cửa mời làm hộ.")
    page.get_by_label("Bằng chứng (không bắt buộc)").set_input_files(scan)
    page.get_by_label(re.compile("^Số điện thoại hoặc thư điện tử")).fill("0912345678")
    look(page, width, "complaint")
    page.get_by_role("button", name="Gửi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã nhận phản ánh")
    complaint = Complaint.objects.get()
    assert complaint.to_inspection  # a broker is a matter for the inspection team
    assert complaint.agency == committee(WARD_B)
    assert complaint.evidence.count() == 1


def withdraw(page: Page, site: str, width: str, owner) -> None:
    other = off_thread(file_dossier, owner, channel="online", point=f"MC-{WARD_A}")
    page.goto(f"{site}/my/dossiers/{other['code']}/")
    page.get_by_role("link", name="Rút hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bạn có chắc muốn rút hồ sơ này?")
    assert Dossier.objects.get(code=other["code"]).status == "received"  # nothing done yet
    look(page, width, "withdraw-confirm")
    page.get_by_role("button", name="Có, rút hồ sơ").click()
    expect(page.locator("dl.facts dd strong")).to_have_text("Đã rút hồ sơ")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_a_resident_files_pays_supplements_rates_complains_and_withdraws(
    people, site, tmp_path, width
):
    ward = _fee_and_account()
    make_ward(WARD_A)
    scan = tmp_path / "can-cuoc.pdf"
    scan.write_bytes(blank_pdf("Căn cước"))
    page = people()
    page.set_viewport_size(WIDTHS[width])

    track_by_code(page, site, width)
    code = file_copies(page, site, width, str(scan))
    supplement_from_the_notice(page, site, width, code, ward, str(scan))
    late_then_apology(page, width, code, ward)
    rate(page, width, code, ward)
    complain(page, site, width, str(scan))
    withdraw(page, site, width, Dossier.objects.get(code=code).owner)
