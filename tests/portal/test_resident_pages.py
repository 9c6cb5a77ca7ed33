"""What a resident stumbled on (issue 19), with Django's test client: tracking by code from
the home page, the page the supplement notice leads to, and a late dossier's apology."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from motcua.core import clock
from motcua.core.text import vietnamese_sort_key
from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier
from motcua.integrity.models import Complaint
from tests.builders.dossiers import (
    ID_NUMBER,
    WARD_A,
    WARD_B,
    act,
    committee,
    file_dossier,
    make_ward,
)
from tests.portal.test_pages import browser, verified  # noqa: F401 (a fixture)

MARRIAGE = "1.000894"
COPIES = "2.000635"


def test_track_asks_for_the_code_and_the_last_four_digits(client, citizen):
    make_ward(WARD_A)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")

    empty = client.get("/track/", HTTP_ACCEPT_LANGUAGE="vi")
    missing = client.get("/track/", {"code": "", "id_last4": "12"}, HTTP_ACCEPT_LANGUAGE="vi")
    found = client.get(
        "/track/", {"code": dossier["code"], "id_last4": ID_NUMBER[-4:]}, HTTP_ACCEPT_LANGUAGE="vi"
    )

    assert empty.status_code == 200
    assert 'name="code"' in empty.content.decode()
    assert 'name="id_last4"' in empty.content.decode()
    assert missing.status_code == 400
    summary = missing.content.decode()
    assert 'class="error-summary"' in summary
    assert 'href="#id_code"' in summary
    assert 'href="#id_id_last4"' in summary
    assert found.status_code == 200
    assert "Đã tiếp nhận" in found.content.decode()
    assert "/track/" in client.get("/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()


def _waiting(citizen):
    ward_b = make_ward(WARD_B)
    make_ward(WARD_A)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    dossier = act(ward_b.handling, dossier, "accept").json()
    first = Dossier.objects.get(code=dossier["code"]).documents.first()
    asked = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": first.requirement_id, "reason": "Tờ khai chưa ký"}],
    ).json()
    return asked, first


def test_the_supplement_notice_leads_to_the_upload_page_with_its_closing_date(client, citizen):
    asked, first = _waiting(citizen)
    code = asked["code"]
    requested = Dossier.objects.get(code=code).events.get(action="request-supplement").created_at

    tracking = client.get(f"/track/{code}", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    tracked = client.get(
        f"/track/{code}", {"id_last4": ID_NUMBER[-4:]}, HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    page = browser(citizen).get(f"/my/dossiers/{code}/supplement/")

    assert f'href="/my/dossiers/{code}/supplement/"' in tracking  # the address the PDF prints
    assert f'href="/my/dossiers/{code}/supplement/"' in tracked
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="file_{first.requirement_id}"' in html
    assert "Tờ khai chưa ký" in html
    assert timezone.localtime(requested + timedelta(days=15)).strftime("%d/%m/%Y") in html
    assert "15 ngày" in html


def test_a_late_dossier_says_so_then_shows_the_apology_and_the_new_date(citizen):
    ward_b = make_ward(WARD_B)
    make_ward(WARD_A)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    dossier = act(ward_b.handling, dossier, "accept").json()
    Dossier.objects.filter(code=dossier["code"]).update(due_at=clock.now() - timedelta(hours=2))
    client = browser(citizen)

    late = client.get(f"/my/dossiers/{dossier['code']}/").content.decode()
    row = Dossier.objects.get(code=dossier["code"])
    new_date = clock.now() + timedelta(days=3)
    act(
        ward_b.handling,
        {"code": row.code, "version": row.version},
        "apologize",
        new_due_at=new_date.isoformat(),
        reason="Cần xác minh thêm",
    )
    sorry = client.get(f"/my/dossiers/{dossier['code']}/").content.decode()

    assert 'id="overdue"' in late
    assert "Hồ sơ này đã quá hạn" in late
    assert 'id="apology"' in sorry
    assert "Cần xác minh thêm" in sorry
    assert timezone.localtime(new_date).strftime("%d/%m/%Y") in sorry


def test_marriage_asks_for_the_other_spouse_and_copies_for_how_many(verified):  # noqa: F811
    user, client = verified
    make_ward(WARD_B)
    applicant = {"phone": "0912345678", "address": "Số 1 Hàng Bông", "competent_unit": WARD_B}
    pages = {}
    for code in (MARRIAGE, COPIES):
        client.get(f"/procedures/{code}/file/applicant/")
        assert client.post(f"/procedures/{code}/file/applicant/", applicant).status_code == 302
        pages[code] = client.get(f"/procedures/{code}/file/details/")
    wrong = client.post(f"/procedures/{COPIES}/file/details/", {"copy_of": "x", "copies": "0"})

    marriage = pages[MARRIAGE].content.decode()
    assert pages[MARRIAGE].status_code == 200
    assert 'name="spouse_full_name"' in marriage
    assert 'name="spouse_id_number"' in marriage
    assert 'name="copies"' in pages[COPIES].content.decode()
    assert wrong.status_code == 400
    assert 'href="#id_copies"' in wrong.content.decode()  # the error summary links the field


def test_wards_sort_in_vietnamese_alphabetical_order():
    names = ["Xã Chương Mỹ", "Phường Đống Đa", "Phường Cầu Giấy", "Phường Dương Nội", "Xã Ba Vì"]

    ordered = sorted(names, key=vietnamese_sort_key)

    assert ordered == [
        "Xã Ba Vì",
        "Phường Cầu Giấy",
        "Xã Chương Mỹ",
        "Phường Dương Nội",
        "Phường Đống Đa",
    ]


def test_a_broker_complaint_with_evidence_reaches_the_inspection_team(db, client):
    make_ward(WARD_B)
    agency = committee(WARD_B).code
    body = {"category": "broker", "agency": agency, "text": "Có cò", "contact": "0912000111"}

    refused = client.post(
        "/complaints/new/",
        {**body, "evidence": SimpleUploadedFile("x.exe", b"MZ\x90\x00")},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    kept_after_refusal = Complaint.objects.count()
    sent = client.post(
        "/complaints/new/",
        {**body, "evidence": [SimpleUploadedFile("anh.pdf", blank_pdf("tin nhắn"))]},
    )

    assert refused.status_code == 400
    assert kept_after_refusal == 0  # a refused file keeps nothing
    assert sent.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.to_inspection
    assert complaint.agency.code == agency
    assert complaint.evidence.get().content_type == "application/pdf"
