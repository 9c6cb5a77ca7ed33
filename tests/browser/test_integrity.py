"""Integrity in a real browser: a resident files a complaint without signing in, ward B's leader
answers it, the resident reads the answer and says they are not satisfied; an inspector opens
the broker flags, reads a flag's reasons and dismisses it with a reason, and opens the
oversight board. Every page passes the accessibility, weight and phone-width checks."""

from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from motcua.identity.services import create_official
from motcua.integrity.models import Complaint, Flag, FlagStatus
from tests.browser.checks import check_page
from tests.browser.test_citizen_and_ward import PASSWORD, officials, sign_in_official
from tests.builders.dossiers import committee
from tests.builders.integrity import file_many, held_people

WARD_B = "00008"  # Ngọc Hà
NIGHT = datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_a_complaint_answered_and_judged_and_a_flag_dismissed(people, site, django_user_model):
    ward_b = officials(WARD_B)
    agency = committee(WARD_B).code
    resident = people()
    resident.goto(f"{site}/complaints/new/")
    check_page(resident, "complaint-new")
    resident.get_by_label("Chậm trễ").check()
    resident.get_by_label("Cơ quan (nếu không có mã hồ sơ)").select_option(agency)  # by name
    resident.get_by_label("Nội dung phản ánh").fill("Quá hạn hai tuần mà chưa có kết quả.")
    resident.get_by_label("Số điện thoại hoặc thư điện tử của bạn, để nhận trả lời").fill(
        "0912 345 678"
    )
    resident.get_by_role("button", name="Gửi", exact=True).click()
    code = resident.locator("strong.code").inner_text()
    assert code.startswith("PA-")

    leader = people()
    sign_in_official(leader, site, ward_b["approver"])
    leader.goto(f"{site}/workspace/complaints/")
    leader.get_by_role("link", name=code).click()
    check_page(leader, "complaint-answer-official")
    leader.get_by_label("Trả lời người dân").fill("Hồ sơ đã có kết quả, xin lỗi ông/bà.")
    leader.get_by_role("button", name="Gửi trả lời").click()
    expect(leader.get_by_text("Hồ sơ đã có kết quả, xin lỗi ông/bà.")).to_be_visible()

    resident.goto(f"{site}/complaints/answer/")
    resident.get_by_label("Mã tra cứu").fill(code)
    resident.get_by_label("Số điện thoại hoặc thư điện tử bạn đã cho").fill("0912345678")
    resident.get_by_role("button", name="Xem trả lời").click()
    expect(resident.get_by_text("Hồ sơ đã có kết quả, xin lỗi ông/bà.")).to_be_visible()
    check_page(resident, "complaint-answer")
    resident.get_by_role("button", name="Chưa hài lòng").click()
    expect(resident.get_by_role("status")).to_contain_text("Cảm ơn")
    expect(resident.get_by_text("Ông/bà đã đánh giá: chưa hài lòng.")).to_be_visible()
    assert Complaint.objects.get(code=code).satisfied is False

    broker = django_user_model.objects.create_user("dichvu.b")
    file_many(broker, held_people(7), at=NIGHT, phone="0987 000 111")
    create_official("thanhtra.b", role="inspector", password=PASSWORD)
    inspector = people()
    sign_in_official(inspector, site, "thanhtra.b")
    inspector.goto(f"{site}/workspace/integrity/flags/")
    check_page(inspector, "integrity-flags")
    inspector.get_by_role("link", name="dichvu.b").first.click()
    expect(inspector.get_by_text("Nộp hồ sơ cho 7 người khác nhau trong 1 ngày")).to_be_visible()
    check_page(inspector, "integrity-flag")
    inspector.get_by_label("Ghi chú (lý do, khi bác bỏ)").fill("Con trai nộp hộ cả họ, đã xác minh")
    inspector.get_by_role("button", name="Bác bỏ").click()
    account = Flag.objects.get(key_kind="account", key_value=str(broker.pk))
    assert account.status == FlagStatus.DISMISSED
    inspector.goto(f"{site}/workspace/integrity/board/")
    check_page(inspector, "integrity-board")
