"""The ward's desk (issue 19, officials): the queue's search, filters and order; the approver's
preview and confirmed signature; the handler's opinion carried forward; cash at the counter; a
finished dossier said to be finished."""

import io
import subprocess
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from openpyxl import load_workbook
from rest_framework.test import APIClient

from motcua.directives.models import Assignment, Directive, Urge
from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier, Event, Task
from motcua.geography.models import Agency, ServicePoint
from motcua.identity.services import create_official
from motcua.integrity.models import InspectionCase
from motcua.integrity.services.complaints import file_complaint
from motcua.payments.models import Payment
from motcua.workspace.durations import working_time
from motcua.workspace.ordering import vietnamese_key
from tests.builders.dossiers import BIRTH_FORM, WARD_B, act, committee, file_dossier
from tests.workspace.test_pages import signed_in


def _queue(user, **params) -> str:
    return signed_in(user).get("/workspace/", {"box": "receive", **params}).content.decode()


def test_the_queue_finds_a_dossier_by_code_name_id_number_or_phone(ward_a, ward_b):
    mine = file_dossier(ward_a.receiving)
    other = file_dossier(ward_a.receiving)
    Dossier.objects.filter(code=other["code"]).update(
        applicant_name="Lê Thị Hoa",
        applicant_id_number="001190099999",
        applicant={"full_name": "Lê Thị Hoa", "phone": "0987000111"},
    )
    searches = {
        mine["code"][-6:]: mine,  # part of the code
        "Văn An": mine,  # part of the name
        "001090012345": mine,  # the whole ID number
        "0912 345 678": mine,  # the phone, as typed with spaces
        "Thị Hoa": other,
        "0987000111": other,
    }
    for typed, found in searches.items():
        page = _queue(ward_b.handling, q=typed)
        lost = other if found is mine else mine
        assert found["code"] in page, typed
        assert lost["code"] not in page, typed


def test_the_api_searches_as_the_queue_does(ward_a, ward_b):
    """One search rule: the API's `q` finds what the queue's search box finds (the whole code
    and the whole ID number exactly, through their indexes)."""
    mine = file_dossier(ward_a.receiving)
    other = file_dossier(ward_a.receiving)
    Dossier.objects.filter(code=other["code"]).update(
        applicant_name="Lê Thị Hoa", applicant_id_number="001190099999"
    )
    api = APIClient()
    api.force_authenticate(ward_b.handling)

    def found(q: str) -> set[str]:
        response = api.get("/api/v1/dossiers/", {"q": q})
        assert response.status_code == 200, response.content
        return {row["code"] for row in response.json()["results"]}

    assert found(mine["code"]) == {mine["code"]}
    assert found(mine["code"].lower()) == {mine["code"]}
    assert found("001190099999") == {other["code"]}
    assert found("0011 9009 9999") == {other["code"]}
    assert found("Thị Hoa") == {other["code"]}
    assert mine["code"] in found(mine["code"][:-2])  # part of a code still finds it


def test_the_queue_filters_by_status_and_overdue_and_sorts_by_due_date(ward_a, ward_b):
    soon, later = file_dossier(ward_a.receiving), file_dossier(ward_a.receiving)
    late = file_dossier(ward_a.receiving)
    base = Dossier.objects.get(code=soon["code"]).due_at
    Dossier.objects.filter(code=later["code"]).update(due_at=base + timedelta(days=3))
    Dossier.objects.filter(code=late["code"]).update(due_at=base - timedelta(days=30))

    nearest = _queue(ward_b.handling)
    latest = _queue(ward_b.handling, sort="due_desc")
    overdue = _queue(ward_b.handling, overdue="on")
    by_status = _queue(ward_b.handling, status="received")
    none_in_progress = _queue(ward_b.handling, status="in_progress")

    assert nearest.index(late["code"]) < nearest.index(soon["code"]) < nearest.index(later["code"])
    assert latest.index(later["code"]) < latest.index(soon["code"]) < latest.index(late["code"])
    assert "Hạn trả kết quả, xa nhất trước" in latest
    assert late["code"] in overdue
    assert soon["code"] not in overdue
    assert all(d["code"] in by_status for d in (soon, later, late))
    assert soon["code"] not in none_in_progress


def _post(user, dossier: dict, action: str, **data):
    fresh = Dossier.objects.get(code=dossier["code"])
    return signed_in(user).post(
        f"/workspace/dossiers/{dossier['code']}/act/{action}/", {"version": fresh.version, **data}
    )


def test_forwarding_carries_the_handlers_opinion_to_the_next_step(ward_a, ward_b):
    dossier = act(ward_b.handling, file_dossier(ward_a.receiving), "accept").json()
    leader = Task.objects.get(dossier__code=dossier["code"], role="leader").position
    opinion = "Đã đối chiếu CSDL dân cư, đủ điều kiện; đề nghị phê duyệt."

    without = _post(ward_b.handling, dossier, "forward", to_step=leader)
    moved = _post(ward_b.handling, dossier, "forward", to_step=leader, opinion=opinion)
    page = signed_in(ward_b.approver).get(f"/workspace/dossiers/{dossier['code']}/")

    assert without.status_code == 400  # the page asks for the opinion
    assert moved.status_code == 302
    event = Event.objects.filter(dossier__code=dossier["code"], action="forward").get()
    assert event.payload["opinion"] == opinion  # kept in the event
    assert "Ý kiến xử lý của bước trước" in page.content.decode()
    assert page.content.decode().count(opinion) == 2  # the notice and the history


def test_the_approver_reads_a_preview_and_confirms_before_signing(ward_a, ward_b, tmp_path):
    dossier = act(ward_b.handling, file_dossier(ward_a.receiving), "accept").json()
    url = f"/workspace/dossiers/{dossier['code']}/"

    before_approval = signed_in(ward_b.approver).get(url).content.decode()
    preview = signed_in(ward_b.approver).get(f"{url}result-preview.pdf")
    by_handler = signed_in(ward_b.handling).get(f"{url}result-preview.pdf")
    assert _post(ward_b.approver, dossier, "approve").status_code == 302
    before_signing = signed_in(ward_b.approver).get(url).content.decode()
    unconfirmed = _post(ward_b.approver, dossier, "sign-result")
    confirmed = _post(ward_b.approver, dossier, "sign-result", confirm="on")

    assert "result-preview.pdf" in before_approval
    assert "result-preview.pdf" in before_signing
    assert "Tôi đã đọc kết quả và ký số" in before_signing
    assert preview["content-type"] == "application/pdf"
    assert by_handler.status_code == 404  # the approver's, while deciding
    (tmp_path / "preview.pdf").write_bytes(preview.content)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "preview.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert BIRTH_FORM["child_full_name"] in text
    assert "bản xem trước" in text
    assert b"/ByteRange" not in preview.content  # unsigned
    assert unconfirmed.status_code == 400
    assert "Hãy xác nhận bạn đã đọc kết quả trước khi ký." in unconfirmed.content.decode()
    assert confirmed.status_code == 302
    assert Dossier.objects.get(code=dossier["code"]).status == "result_signed"


def test_after_return_result_the_page_says_the_dossier_is_finished(ward_a, ward_b):
    dossier = act(ward_b.handling, file_dossier(ward_a.receiving), "accept").json()
    dossier = act(ward_b.approver, dossier, "approve").json()
    dossier = act(ward_b.approver, dossier, "sign-result").json()
    returned = _post(ward_b.handling, dossier, "return-result")

    page = signed_in(ward_b.handling).get(f"/workspace/dossiers/{dossier['code']}/")

    assert returned.status_code == 302
    assert "Hồ sơ này đã hoàn thành." in page.content.decode()
    assert "chờ người khác" not in page.content.decode()


def test_cash_received_at_the_counter_records_the_fee_with_its_e_receipt(ward_a, ward_b, tmp_path):
    dossier = file_dossier(ward_a.receiving)
    Dossier.objects.filter(code=dossier["code"]).update(fee_amount_vnd=8000)
    url = f"/workspace/dossiers/{dossier['code']}/"
    counter = signed_in(ward_a.receiving)

    offered = counter.get(url).content.decode()
    version = {"version": Dossier.objects.get(code=dossier["code"]).version}
    signed_in(ward_b.approver).post(f"{url}cash/", version)  # not the approver's to collect
    collected_by_approver = Payment.objects.filter(request__dossier__code=dossier["code"]).exists()
    paid = counter.post(
        f"{url}cash/", {"version": Dossier.objects.get(code=dossier["code"]).version}
    )
    after = counter.get(url).content.decode()
    again = counter.post(
        f"{url}cash/", {"version": Dossier.objects.get(code=dossier["code"]).version}
    )

    assert "Đã nhận tiền mặt: 8.000 đ</button>" in offered  # the button says the amount
    assert not collected_by_approver
    assert paid.status_code == 302
    payment = Payment.objects.get(request__dossier__code=dossier["code"])
    assert (payment.provider, payment.amount_vnd) == ("cash", 8000)
    assert payment.receipt.kind == "payment_receipt"
    assert f"biên lai điện tử số {payment.receipt_number}" in after
    assert "Đã nhận tiền mặt: 8.000 đ</button>" not in after  # not offered twice
    assert "không có khoản phí chưa nộp" in counter.get(again["location"]).content.decode()
    assert Payment.objects.filter(request__dossier__code=dossier["code"]).count() == 1
    event = Event.objects.get(dossier__code=dossier["code"], action="pay")
    assert event.payload["collected_by"] == ward_a.receiving.username
    assert f"{ward_a.receiving.username} (thu tiền mặt tại quầy)" in after  # who, not "the system"
    pdf = tmp_path / "bien-lai.pdf"
    with payment.receipt.file.open("rb") as issued:
        pdf.write_bytes(issued.read())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "Tiền mặt, nộp tại quầy" in text
    assert payment.receipt_number in text


def test_working_time_is_written_in_hours_and_minutes_or_working_days():
    with translation.override("vi"):
        assert working_time(1.8) == "1 giờ 48 phút"
        assert working_time(0.25) == "15 phút"
        assert working_time(3) == "3 giờ"
        assert working_time(20) == "2,5 ngày làm việc"
        assert working_time(16) == "2 ngày làm việc"
        assert working_time(None) == "—"
    with translation.override("en"):
        assert working_time(1.8) == "1 h 48 min"


def test_a_directive_picks_units_by_group_and_the_centre_urges_the_unfinished(coordinator):
    centre = signed_in(coordinator)
    form = centre.get("/workspace/directives/new/").content.decode()
    ngoc_ha = committee(WARD_B)
    issued = centre.post(
        "/workspace/directives/new/",
        {
            "title": "Rà soát quy trình nội bộ",
            "theme": "Quy trình",
            "issued_by": "centre",
            "deadline": "2025-07-25",
            "all_wards": "on",  # "select all" of the wards' group
            "agencies": [ngoc_ha.pk],  # already among them: once
        },
    )
    directive = Directive.objects.get(title="Rà soát quy trình nội bộ")
    assigned = Assignment.objects.filter(directive=directive)
    page = centre.get(f"/workspace/directives/{directive.pk}/").content.decode()
    urged = centre.post(f"/workspace/directives/{directive.pk}/urge/", follow=True)
    again = centre.post(f"/workspace/directives/{directive.pk}/urge/", follow=True)

    assert 'id="unit-search"' in form
    assert "Chọn tất cả: Ủy ban nhân dân các phường" in form
    assert "Chọn tất cả: Ủy ban nhân dân các xã, đặc khu" in form
    assert ngoc_ha.code not in form  # names, not identifiers
    assert form.index("phường Cầu Giấy") < form.index("phường Chương Mỹ")  # Vietnamese order
    assert issued.status_code == 302
    wards = Agency.objects.filter(kind="commune_committee", unit__level="ward")
    assert assigned.count() == wards.count()
    assert not assigned.exclude(agency__in=wards).exists()  # no commune among them
    assert "Đôn đốc các đơn vị" in page
    assert f"Đã đôn đốc {wards.count()} đơn vị; 0 đơn vị" in urged.content.decode()
    assert Urge.objects.filter(assignment__directive=directive).count() == wards.count()
    assert f"Đã đôn đốc 0 đơn vị; {wards.count()} đơn vị" in again.content.decode()


def test_readiness_pages_its_ranking_and_exports_it_as_text_cells(coordinator):
    ServicePoint.objects.filter(code=f"MC-{WARD_B}").update(name='=HYPERLINK("http://x.example")')
    centre = signed_in(coordinator)

    first = centre.get("/workspace/readiness/").content.decode()
    second = centre.get("/workspace/readiness/", {"page": 2}).content.decode()
    export = centre.get("/workspace/readiness/", {"format": "xlsx"})

    points = ServicePoint.objects.count()
    assert points > 25
    assert first.count('href="/workspace/readiness/MC-') == 25
    assert 'rel="next"' in first
    assert 'rel="prev"' in second
    assert '<table class="stack">' in first  # on a phone each point is a card
    assert 'data-label="Điểm tiếp nhận"' in first
    assert second.count('href="/workspace/readiness/MC-') == min(25, points - 25)
    assert export["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == points  # every point, not only the page
    names = [row[1].value for row in rows]
    assert '=HYPERLINK("http://x.example")' in names
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_complaint_links_its_dossier_and_opens_an_inspection_case(ward_a, ward_b):
    inspector = create_official("thanhtra.desk", role="inspector")
    dossier = file_dossier(ward_a.receiving)
    complaint = file_complaint(
        {
            "category": "extra_documents",
            "text": "Cán bộ yêu cầu nộp thêm giấy xác nhận cư trú.",
            "contact": "0912345678",
            "dossier": dossier["code"],
        },
        actor=None,
    )
    team = signed_in(inspector)

    page = team.get(f"/workspace/complaints/{complaint.code}/").content.decode()
    board = team.get("/workspace/integrity/board/").content.decode()
    opened = team.post(
        "/workspace/integrity/cases/",
        {"agency": committee(WARD_B).code, "title": f"Phản ánh {complaint.code}", "grounds": "x"},
    )

    assert f'href="/workspace/dossiers/{dossier["code"]}/"' in page
    assert "Mở vụ việc thanh tra" in page
    assert f'name="agency" value="{committee(WARD_B).code}"' in page  # the dossier's unit
    assert complaint.text in page  # the grounds, prefilled
    unit_link = f'href="/workspace/integrity/board/{committee(WARD_B).code}/#complaints"'
    assert unit_link in board  # the board's complaint count is a link
    assert opened.status_code == 302
    assert InspectionCase.objects.get(agency=committee(WARD_B)).title.startswith("Phản ánh")


def test_the_inspection_team_reads_the_evidence_a_complainant_attached(ward_a):
    inspector = create_official("thanhtra.evidence", role="inspector")
    photo = blank_pdf("giay doi them")
    complaint = file_complaint(
        {
            "category": "extra_documents",
            "text": "Cán bộ đòi thêm giấy xác nhận cư trú, ảnh chụp kèm theo.",
            "contact": "0912345678",
        },
        actor=None,
        evidence=[SimpleUploadedFile("anh-chup.pdf", photo, "application/pdf")],
    )
    team = signed_in(inspector)

    page = team.get(f"/workspace/complaints/{complaint.code}/").content.decode()
    item = complaint.evidence.get()
    download = team.get(f"/workspace/complaints/{complaint.code}/evidence/{item.pk}/")
    elsewhere = team.get(f"/workspace/complaints/{complaint.code}/evidence/{item.pk + 1}/")

    assert "Tài liệu, chứng cứ kèm theo" in page
    assert "anh-chup.pdf" in page
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == photo
    assert download["Content-Disposition"].startswith("attachment;")
    assert elsewhere.status_code == 404


def test_units_are_listed_in_vietnamese_alphabetical_order():
    names = [
        "Phường Chương Mỹ",
        "Phường Đống Đa",
        "Phường Cầu Giấy",
        "Phường Dịch Vọng",
        "Phường Ba Vì",
    ]

    ordered = sorted(names, key=vietnamese_key)

    assert ordered == [
        "Phường Ba Vì",
        "Phường Cầu Giấy",
        "Phường Chương Mỹ",
        "Phường Dịch Vọng",
        "Phường Đống Đa",
    ]


def test_the_history_names_the_officials_who_acted(ward_a, ward_b):
    """Officials read who acted by name ("Trần Minh Đức (Cán bộ xử lý)"), not by account name;
    an account without a name is still shown by its account name."""
    handler = create_official(
        "handler.named",
        role="handling_officer",
        agency=committee(WARD_B).code,
        full_name=("Trần", "Minh Đức"),
    )
    dossier = act(handler, file_dossier(ward_a.receiving), "accept").json()

    page = (
        signed_in(ward_b.approver).get(f"/workspace/dossiers/{dossier['code']}/").content.decode()
    )

    assert "Trần Minh Đức" in page
    assert "Trần Minh Đức (" in page  # in the history, with the role
    assert ">Minh Đức Trần<" not in page  # Vietnamese order in the assignment list too
    assert ward_a.receiving.username in page  # the receiving officer has no name in these tests
