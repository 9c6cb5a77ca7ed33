"""Each official's main task in a real browser (issue 19), every page checked with axe-core at
390 px and at 1366 px (no violation of any impact) and kept as screenshots under artifacts/:

- the ward's desk: the receiving officer finds a dossier by the applicant's phone, accepts it
  and takes the fee in cash (e-receipt); the handling officer forwards it with an opinion;
- the approver reads the opinion and the result's preview, approves and signs after confirming;
  the dossier, returned, says it is finished;
- the centre: a directive to a whole group of wards, found by search, urged; the readiness
  ranking paged and exported; the bottleneck view in words;
- the inspector: a complaint links to its dossier and opens an inspection case; the board's
  complaint counts are links.
"""

import json
import re

from playwright.sync_api import Page, expect

from motcua.directives.models import Assignment
from motcua.dossiers.models import Dossier, Task
from motcua.identity.services import create_official
from motcua.integrity.services.complaints import file_complaint
from motcua.monitoring import services as monitoring
from tests.browser.checks import AXE, DESKTOP, OVERFLOW_JS, PHONE, SHOTS, WCAG
from tests.browser.test_citizen_and_ward import PASSWORD, officials
from tests.builders.dossiers import act, file_dossier

WARD_B = "00008"  # Ngọc Hà
OPINION = "Đã đối chiếu Cơ sở dữ liệu dân cư: đủ điều kiện, đề nghị phê duyệt."


def _axe(page: Page) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": WCAG}}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def look(page: Page, name: str) -> None:
    """Check the page at a phone's width and a desk's: axe-core finds nothing, nothing scrolls
    sideways on the phone; keep both screenshots (CI artifacts)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for width, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        found[width] = _axe(page)
        page.screenshot(path=str(SHOTS / f"desk-{name}-{width}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    culprits = page.evaluate(OVERFLOW_JS) if wide > PHONE["width"] else []
    (SHOTS / f"desk-{name}.json").write_text(json.dumps({"url": page.url, "axe": found}))
    assert found == {"phone": [], "desktop": []}, f"{name}: {found}"
    assert wide <= PHONE["width"], f"{name} scrolls sideways on a phone ({wide} px): {culprits}"


def sign_in(page: Page, site: str, username: str) -> None:
    page.goto(f"{site}/workspace/sign-in/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ đang chờ bạn")


def open_action(page: Page, label: str):
    page.locator("summary", has_text=label).click()
    return page.locator("details[open]")


def _dossier_for(staff: dict[str, str], *, fee: int = 0) -> str:
    from django.contrib.auth import get_user_model

    receiving = get_user_model().objects.get(username=staff["receiving"])
    code = file_dossier(receiving, point=f"MC-{WARD_B}", unit=WARD_B)["code"]
    if fee:
        Dossier.objects.filter(code=code).update(fee_amount_vnd=fee)
    return code


def test_the_ward_desk_finds_accepts_takes_cash_and_forwards_with_an_opinion(people, site):
    staff = officials(WARD_B)
    other = _dossier_for(staff)
    code = _dossier_for(staff, fee=8000)
    Dossier.objects.filter(code=other).update(applicant={"full_name": "Lê Thị Hoa"})

    desk = people()
    sign_in(desk, site, staff["receiving"])
    desk.get_by_label("Tìm kiếm").fill("0912 345 678")  # htmx as one types
    expect(desk.get_by_role("link", name=other)).to_be_hidden()
    expect(desk.get_by_role("link", name=code)).to_be_visible()
    desk.get_by_label("Sắp xếp theo").select_option(label="Hạn trả kết quả, xa nhất trước")
    expect(desk.get_by_role("status").first).to_contain_text("xa nhất trước")
    look(desk, "queue-search")
    desk.get_by_role("link", name=code).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(code)
    look(desk, "dossier-received")
    desk.get_by_role("button", name="Đã nhận tiền mặt: 8.000 đ").click()
    expect(desk.get_by_role("status").first).to_contain_text(
        re.compile(r"Biên lai điện tử số \S+/\d+")
    )
    receipt = desk.get_by_role("link", name="Biên lai điện tử (PDF)").get_attribute("href")
    assert desk.request.get(f"{site}{receipt}").headers["content-type"] == "application/pdf"
    look(desk, "dossier-cash-received")

    handling = people()
    sign_in(handling, site, staff["handling"])
    handling.goto(f"{site}/workspace/dossiers/{code}/")
    open_action(handling, "Nhận xử lý").get_by_role("button", name="Nhận xử lý").click()
    expect(handling.locator("dl.facts dd strong").first).to_have_text("Đang giải quyết")
    form = open_action(handling, "Chuyển bước")
    form.get_by_label("Đến bước").select_option(label="Phê duyệt, ký số kết quả")
    form.get_by_role("button", name="Chuyển bước").click()
    expect(handling.locator("details[open] [role=alert]")).to_be_visible()  # no opinion yet
    look(handling, "forward-without-opinion")
    form = handling.locator("details[open]")
    form.get_by_label("Đến bước").select_option(label="Phê duyệt, ký số kết quả")
    form.get_by_label("Ý kiến xử lý").fill(OPINION)
    form.get_by_role("button", name="Chuyển bước").click()
    expect(handling.get_by_role("status").first).to_contain_text("Chuyển bước")
    expect(handling.locator("ol.timeline")).to_contain_text(OPINION)  # kept in the event
    look(handling, "dossier-forwarded")


def test_the_approver_reads_the_preview_approves_and_signs_after_confirming(people, site):
    from django.contrib.auth import get_user_model

    staff = officials(WARD_B)
    users = {k: get_user_model().objects.get(username=v) for k, v in staff.items()}
    code = _dossier_for(staff)
    dossier = act(users["handling"], {"code": code, "version": 1}, "accept").json()
    leader = Task.objects.get(dossier__code=code, role="leader").position
    act(users["handling"], dossier, "forward", to_step=leader, opinion=OPINION)

    approver = people()
    sign_in(approver, site, staff["approver"])
    approver.goto(f"{site}/workspace/?box=approve")
    approver.get_by_role("link", name=code).click()
    expect(approver.get_by_role("heading", name="Ý kiến xử lý của bước trước")).to_be_visible()
    expect(approver.get_by_role("note").filter(has_text=OPINION)).to_be_visible()
    look(approver, "approver-dossier")
    preview = approver.get_by_role("link", name="Xem trước kết quả (PDF, chưa ký)")
    pdf = approver.request.get(f"{site}{preview.get_attribute('href')}")
    assert pdf.headers["content-type"] == "application/pdf"
    assert b"/ByteRange" not in pdf.body()  # not signed
    form = open_action(approver, "Phê duyệt")
    expect(
        form.get_by_role("link", name=re.compile("Đọc kết quả trước khi quyết định"))
    ).to_be_visible()
    form.get_by_role("button", name="Phê duyệt").click()
    expect(approver.locator("dl.facts dd strong").first).to_have_text("Đã phê duyệt")

    form = open_action(approver, "Ký số kết quả")
    expect(
        form.get_by_role("link", name=re.compile("Đọc kết quả trước khi quyết định"))
    ).to_be_visible()
    form.get_by_role("button", name="Ký số kết quả").click()  # not confirmed
    expect(approver.get_by_text("Hãy xác nhận bạn đã đọc kết quả trước khi ký.")).to_be_visible()
    look(approver, "sign-unconfirmed")
    form = approver.locator("details[open]")
    form.get_by_label("Tôi đã đọc kết quả và ký số bằng chữ ký số của cơ quan.").check()
    form.get_by_role("button", name="Ký số kết quả").click()
    expect(approver.locator("dl.facts dd strong").first).to_have_text("Đã ký số kết quả")
    look(approver, "signed")

    handling = people()
    sign_in(handling, site, staff["handling"])
    handling.goto(f"{site}/workspace/?box=return")
    handling.get_by_role("link", name=code).click()
    open_action(handling, "Trả kết quả").get_by_role("button", name="Trả kết quả").click()
    expect(handling.get_by_text("Hồ sơ này đã hoàn thành.")).to_be_visible()
    expect(handling.get_by_text("Không còn việc: hồ sơ đã hoàn thành.")).to_be_visible()
    look(handling, "returned-finished")


def test_the_centre_urges_a_group_of_wards_and_exports_readiness(people, site):
    create_official("dieuphoi.desk", role="coordinator", password=PASSWORD)
    centre = people()
    sign_in(centre, site, "dieuphoi.desk")

    centre.goto(f"{site}/workspace/directives/new/")
    centre.get_by_label("Nhiệm vụ", exact=True).fill("Niêm yết thủ tục mới")
    centre.get_by_label("Chủ đề").fill("Niêm yết")
    centre.get_by_label("Thời hạn").fill("2025-07-25")
    centre.get_by_label("Tìm đơn vị theo tên").fill("cau giay")
    expect(centre.get_by_label("Ủy ban nhân dân phường Ngọc Hà", exact=True)).to_be_hidden()
    look(centre, "directive-search")
    centre.get_by_label("Tìm đơn vị theo tên").fill("")
    centre.get_by_label("Chọn tất cả: Ủy ban nhân dân các phường").check()
    expect(centre.get_by_label("Ủy ban nhân dân phường Ngọc Hà", exact=True)).to_be_checked()
    look(centre, "directive-select-all")
    centre.get_by_role("button", name="Giao", exact=True).click()
    expect(centre.get_by_role("heading", level=1)).to_have_text("Niêm yết thủ tục mới")
    wards = Assignment.objects.filter(directive__title="Niêm yết thủ tục mới").count()
    centre.get_by_role("button", name="Đôn đốc các đơn vị").click()
    expect(centre.get_by_role("status").first).to_contain_text(f"Đã đôn đốc {wards} đơn vị")
    look(centre, "directive-urged")

    centre.goto(f"{site}/workspace/readiness/")
    expect(centre.get_by_role("navigation", name="Trang")).to_be_visible()
    look(centre, "readiness")
    with centre.expect_download() as download:
        centre.get_by_role("link", name="Tải bảng xếp hạng (Excel)").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    monitoring.refresh_until_current()
    centre.goto(f"{site}/workspace/monitoring/bottleneck/")
    expect(centre.get_by_role("heading", level=1)).to_have_text("Thời gian tiêu tốn ở đâu")
    assert " h<" not in centre.content()
    look(centre, "bottleneck")


def test_the_inspector_goes_from_a_complaint_to_its_dossier_and_opens_a_case(people, site):
    staff = officials(WARD_B)
    create_official("thanhtra.desk", role="inspector", password=PASSWORD)
    code = _dossier_for(staff)
    complaint = file_complaint(
        {
            "category": "extra_documents",
            "text": "Cán bộ yêu cầu nộp thêm giấy xác nhận cư trú.",
            "contact": "0912345678",
            "dossier": code,
        },
        actor=None,
    )
    team = people()
    sign_in(team, site, "thanhtra.desk")

    team.get_by_role("link", name="Bảng giám sát").click()
    count = team.get_by_role(
        "link", name=re.compile("1 phản ánh về Ủy ban nhân dân phường Ngọc Hà")
    )
    look(team, "board")
    count.click()
    team.get_by_role("link", name=complaint.code).click()
    expect(team.get_by_role("heading", level=1)).to_contain_text(complaint.code)
    look(team, "complaint")
    team.get_by_role("link", name=code).click()
    expect(team.get_by_role("heading", level=1)).to_contain_text(code)
    team.go_back()
    team.get_by_role("button", name="Mở vụ việc thanh tra").click()
    expect(team.get_by_role("heading", level=1)).to_contain_text(f"Phản ánh {complaint.code}")
    look(team, "inspection-case")
