"""A household business owner in a real browser (issue 22): the business section, signing in
through the sandbox VNeID with the household business's organisation account, filing for the
household business (its registration certificate taken from the business registry, not
uploaded), paying the fee by the sandbox, tracking it and downloading the signed result that
names the household business and its code. Screenshots under artifacts/screenshots/."""

import io
import re
import unicodedata

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from motcua.catalog.models import Fee
from motcua.core import clock
from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier
from motcua.geography.models import Agency
from motcua.identity.services import create_official
from motcua.payments.models import FeeAccount
from tests.browser.checks import SHOTS
from tests.browser.test_resident_journey import official
from tests.builders.dossiers import WARD_A, make_ward
from tests.builders.payments import without_resolution_77

LLC = "2.001583"  # registering a single-member LLC: here, converting the household business
OWNER = "001195004321"  # Trần Thị Bình, owner of Hộ kinh doanh Bánh cuốn Bà Bình
OFFICE = "H26.03.01"  # the business registration office of the Department of Finance


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"household-business-{name}.png"), full_page=True)


def _office():
    Fee.objects.filter(version__procedure__code=LLC).update(
        state="curated", source="admin", source_detail="registration office, confirmed"
    )
    handling = create_official("cb-dkkd", role="handling_officer", agency=OFFICE)
    approver = create_official("ld-dkkd", role="approver", agency=OFFICE)
    FeeAccount.objects.create(
        agency=Agency.objects.get(code=OFFICE),
        purpose="fees",
        bank_bin="970436",
        account_number="0011009876543",
        account_name="PHONG DANG KY KINH DOANH",
        status="approved",
        submitted_by=handling,
        submitted_at=clock.now(),
    )
    return handling, approver


def test_a_household_business_owner_files_pays_tracks_and_downloads(people, site, tmp_path):
    without_resolution_77()  # the owner pays the registration fee online
    handling, approver = _office()
    make_ward(WARD_A)
    scan = tmp_path / "giay-de-nghi.pdf"
    scan.write_bytes(blank_pdf("Giấy đề nghị đăng ký doanh nghiệp"))
    page = people()
    page.set_viewport_size({"width": 1366, "height": 900})

    page.goto(site)
    page.get_by_role(
        "link", name="Thủ tục doanh nghiệp, hộ kinh doanh và tổ chức khác được nộp"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dành cho doanh nghiệp, tổ chức")
    shot(page, "1-business-section")

    page.goto(f"{site}/procedures/{LLC}/")
    page.get_by_role("link", name="Nộp trực tuyến").click()
    expect(page).to_have_url(re.compile(r"/sandbox-idp/authorize"))
    expect(page.get_by_text("Hộ kinh doanh Bánh cuốn Bà Bình (8012345677)")).to_be_visible()
    page.locator(f"input[name=citizen][value='{OWNER}']").check()
    page.get_by_label("Mức 2 (đã xác thực thẻ căn cước gắn chip)").check()
    shot(page, "2-sandbox-vneid")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Người nộp hồ sơ")
    page.get_by_label("Hộ kinh doanh Bánh cuốn Bà Bình (8012345677)").check()
    page.get_by_label("Điện thoại").fill("0912000111")
    address = page.get_by_label("Địa chỉ")
    if not address.input_value():
        address.fill("5 Hàng Bông, phường Hoàn Kiếm, Hà Nội")
    shot(page, "3-filing-for")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thông tin đề nghị")
    page.get_by_label("Tên công ty").fill("Công ty TNHH Bánh cuốn Bà Bình")
    page.get_by_label("Địa chỉ trụ sở chính của công ty").fill("5 Hàng Bông, Hoàn Kiếm, Hà Nội")
    page.get_by_label("Vốn điều lệ (đồng)").fill("500.000.000")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tài liệu")
    page.wait_for_load_state("load")
    for item in page.locator("ul.documents > li").all():
        picker = item.locator("input[type=file]")
        required = "bắt buộc" in item.locator("p.muted").first.inner_text()
        if required and not item.get_by_role("checkbox").count() and picker.count():
            picker.set_input_files(str(scan))
            expect(item.locator(".upload-status")).to_contain_text("Đã tải lên")
    page.locator("details.optional summary").click()
    certificate = page.locator("ul.documents > li", has_text="hộ kinh doanh")
    certificate.filter(has_text="Giấy chứng nhận").get_by_role("checkbox").check()
    shot(page, "4-documents")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nhận kết quả")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiểm tra thông tin trước khi nộp")
    expect(
        page.get_by_text("Hộ kinh doanh Bánh cuốn Bà Bình (mã số doanh nghiệp 8012345677)")
    ).to_be_visible()
    shot(page, "5-review")
    page.get_by_label("Tôi cam đoan những nội dung khai trên là đúng sự thật").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của bạn đã được tiếp nhận")
    code = page.locator(".panel .code").inner_text()
    row = Dossier.objects.get(code=code)
    assert (row.applicant_kind, row.enterprise_code) == ("organisation", "8012345677")
    held = row.documents.get(requirement__replaceable_by="business_registry")
    assert (held.upload_id, held.match_status) == (None, "matched")  # from data, no paper
    shot(page, "6-receipt")
    pay = page.locator("section.payment")
    pay.get_by_role("link", name="Thanh toán thử (bản trình diễn)").click()
    page.get_by_role("button", name="Thanh toán", exact=True).click()
    expect(page.get_by_text("100.000 đ")).to_be_visible()
    shot(page, "7-paid")

    dossier = official(
        handling, {"code": code, "version": Dossier.objects.get(code=code).version}, "accept"
    )
    dossier = official(approver, dossier, "approve")
    official(approver, dossier, "sign-result")

    page.goto(f"{site}/track/{code}")
    shot(page, "8-tracking")
    page.goto(f"{site}/my/dossiers/{code}/")
    expect(page.locator("dl.facts")).to_contain_text("Hộ kinh doanh Bánh cuốn Bà Bình")
    download_link = page.get_by_role("link", name="Tải kết quả (PDF)")
    expect(download_link).to_be_visible()
    shot(page, "9-result-ready")
    with page.expect_download() as downloaded:
        download_link.click()
    pdf = downloaded.value.path().read_bytes()
    text = unicodedata.normalize(
        "NFC", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    )
    text = " ".join(text.split())
    assert "Hộ kinh doanh Bánh cuốn Bà Bình" in text
    assert "8012345677" in text
