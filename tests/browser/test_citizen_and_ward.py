"""The whole path in a real browser: a citizen finds a procedure typing without diacritics,
files it online through the sandbox VNeID sign-in and gets a receipt; the ward's officials take
it from their queues, ask for a supplement, the citizen supplements, the officials approve and
sign, and the citizen downloads the result and checks its signature."""

import re

from playwright.sync_api import Page, expect

from motcua.documents.pdf import blank_pdf
from motcua.geography.models import Agency
from motcua.identity.services import create_official
from tests.browser.checks import check_page

WARD_B = "00008"  # Ngọc Hà
CITIZEN = "001090012345"  # Nguyễn Văn An, a demo citizen of the sandbox provider
PASSWORD = "browser-test-pw-2026"


def officials(unit: str) -> dict[str, str]:
    agency = Agency.objects.get(role="commune_committee", unit__code=unit).code
    made = {
        "receiving": ("receiving_officer", {"point": f"MC-{unit}"}),
        "handling": ("handling_officer", {"agency": agency}),
        "approver": ("approver", {"agency": agency}),
    }
    names = {}
    for key, (role, place) in made.items():
        name = f"{key}.{unit}"
        create_official(name, role=role, password=PASSWORD, **place)
        names[key] = name
    return names


def sign_in_official(page: Page, site: str, username: str, *, check: str = "") -> None:
    page.goto(f"{site}/workspace/sign-in/")
    if check:
        check_page(page, check)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ đang chờ bạn")


def open_from_queue(page: Page, site: str, box: str, code: str, *, check: str = "") -> None:
    page.goto(f"{site}/workspace/?box={box}")
    if check:
        check_page(page, check)
    page.get_by_role("link", name=code).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(code)


def act(page: Page, action: str) -> None:
    """Open an action's form on the workspace dossier page and submit it."""
    page.locator("summary", has_text=action).click()
    page.locator("details[open]").get_by_role("button", name=action).click()


def citizen_files_online(page: Page, site: str, pdf: str) -> str:
    page.goto(site)
    check_page(page, "home")
    page.get_by_label("Bạn cần làm thủ tục gì?").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm kiếm").click()
    result = page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True)
    expect(result).to_be_visible()
    check_page(page, "search")
    result.click()
    check_page(page, "procedure")
    page.get_by_role("link", name="Nộp trực tuyến").click()
    # the sandbox identity provider stands in for VNeID
    expect(page).to_have_url(re.compile(r"/sandbox-idp/authorize"))
    page.locator(f"input[name=citizen][value='{CITIZEN}']").check()
    page.get_by_label("Mức 2 (đã xác thực thẻ căn cước gắn chip)").check()
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Người nộp hồ sơ")
    expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Văn An")  # from VNeID
    check_page(page, "filing-applicant")
    page.get_by_label("Phường, xã giải quyết").select_option(WARD_B)
    page.get_by_label("Điện thoại").fill("0912345678")
    page.get_by_role("button", name="Tiếp tục").click()
    check_page(page, "filing-details")
    page.get_by_label("Họ và tên trẻ").fill("Nguyễn Thị Hằng Nguyệt")
    page.get_by_label("Ngày sinh của trẻ").fill("2026-11-20")
    page.get_by_label("Giới tính của trẻ").select_option("Nữ")
    page.get_by_label("Nơi sinh").fill("Bệnh viện Phụ sản Hà Nội")
    page.get_by_label("Họ và tên mẹ").fill("Trần Thị Bích Ngọc")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài liệu")
    first = page.locator("input[type=file]").first
    page.wait_for_load_state("load")  # upload.js is deferred: a file picked before it runs
    first.set_input_files(pdf)  # would be posted with the form instead (the no-script path)
    expect(page.locator(".upload-status").first).to_contain_text("Đã tải lên")  # XHR progress
    check_page(page, "filing-documents")
    page.get_by_role("button", name="Tiếp tục").click()
    check_page(page, "filing-delivery")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_text("lấy từ dữ liệu quốc gia").first).to_be_visible()
    check_page(page, "filing-review")
    page.get_by_label("Tôi cam đoan những nội dung khai trên là đúng sự thật").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của bạn đã được tiếp nhận")
    code = page.locator(".panel .code").inner_text()
    qr = page.get_by_role("img", name=re.compile("Mã QR để theo dõi"))
    expect(qr).to_be_visible()
    # The SVG renders: decode() waits for the image and fails on a broken one.
    assert qr.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)")
    slip = page.get_by_role("link", name="Giấy tiếp nhận (PDF)").get_attribute("href")
    assert page.request.get(f"{site}{slip}").headers["content-type"] == "application/pdf"
    check_page(page, "receipt")
    return code


def test_a_citizen_files_online_and_the_ward_resolves_it(people, site, tmp_path):
    staff = officials(WARD_B)
    pdf = tmp_path / "to-khai.pdf"
    pdf.write_bytes(blank_pdf("Tờ khai đăng ký khai sinh"))
    citizen = people()
    code = citizen_files_online(citizen, site, str(pdf))

    receiving = people()
    sign_in_official(receiving, site, staff["receiving"], check="workspace-sign-in")
    open_from_queue(receiving, site, "receive", code, check="queue")
    check_page(receiving, "workspace-dossier")
    receiving.locator("summary", has_text="Yêu cầu bổ sung").click()
    receiving.locator("details[open] fieldset").first.get_by_label("Yêu cầu giấy tờ này").check()
    receiving.locator("details[open] fieldset").first.get_by_label("Lý do").fill("Tờ khai chưa ký")
    receiving.locator("details[open]").get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(receiving.locator("dl.facts dd strong").first).to_have_text("Chờ bổ sung hồ sơ")

    citizen.goto(f"{site}/my/dossiers/")
    check_page(citizen, "my-dossiers")
    citizen.get_by_role("link", name=code).click()
    expect(citizen.get_by_role("heading", name="Giấy tờ cần bổ sung")).to_be_visible()
    check_page(citizen, "my-dossier")
    citizen.wait_for_load_state("load")
    citizen.locator("input[type=file]").first.set_input_files(str(pdf))
    expect(citizen.locator(".upload-status").first).to_contain_text("Đã tải lên")
    citizen.get_by_role("button", name="Gửi giấy tờ").click()
    expect(citizen.locator("dl.facts dd strong")).to_have_text("Đang giải quyết")

    handling = people()
    sign_in_official(handling, site, staff["handling"])
    open_from_queue(handling, site, "handle", code)
    handling.locator("summary", has_text="Chuyển bước").click()
    handling.locator("details[open]").get_by_label("Đến bước").select_option(
        label="Phê duyệt, ký số kết quả"
    )
    handling.locator("details[open]").get_by_label("Ý kiến xử lý").fill("Đủ điều kiện.")
    handling.locator("details[open]").get_by_role("button", name="Chuyển bước").click()

    approver = people()
    sign_in_official(approver, site, staff["approver"])
    open_from_queue(approver, site, "approve", code)
    act(approver, "Phê duyệt")
    approver.locator("summary", has_text="Ký số kết quả").click()
    approver.locator("details[open]").get_by_label("Tôi đã đọc kết quả").check()
    approver.locator("details[open]").get_by_role("button", name="Ký số kết quả").click()
    expect(approver.locator("dl.facts dd strong").first).to_have_text("Đã ký số kết quả")

    citizen.reload()
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="Tải kết quả (PDF)").click()
    result = tmp_path / "ket-qua.pdf"
    download.value.save_as(result)
    citizen.goto(f"{site}/verify/")
    citizen.get_by_label("Tệp PDF").set_input_files(str(result))
    citizen.get_by_role("button", name="Kiểm tra").click()
    expect(citizen.get_by_text("Hợp lệ")).to_be_visible()
    expect(citizen.get_by_text(code)).to_be_visible()
    check_page(citizen, "verify")
    citizen.goto(f"{site}/track/{code}?id_last4={CITIZEN[-4:]}")
    expect(citizen.get_by_text("Đã ký số kết quả").first).to_be_visible()
    check_page(citizen, "track")
