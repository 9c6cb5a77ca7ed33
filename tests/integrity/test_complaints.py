"""Complaints end to end: anyone files (rate limited, learning nothing about the dossier named),
the complaint reaches the agency's head and, for extra documents and conduct, the inspection
team; they answer; the citizen reads the answer with the tracking code and contact, or in
their own list."""

import logging

from django.contrib.auth import get_user_model
from django.test import Client

from rest_framework.test import APIClient

from motcua.integrations import delivery
from motcua.integrations.models import OutboxMessage
from motcua.integrations.senders import event_id
from motcua.integrity.models import Complaint
from motcua.integrity.selectors import counts_by_agency
from tests.builders.dossiers import client_for, committee, file_dossier

URL = "/api/v1/complaints/"


def complain(client, **body):
    body = {
        "category": "extra_documents",
        "text": "Bắt nộp sổ hộ khẩu",
        "contact": "0912 345 678",
        **body,
    }
    return client.post(URL, body, format="json")


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def test_a_stranger_learns_nothing_about_the_dossier_named(api, ward_a):
    dossier = file_dossier(ward_a.receiving)

    real = complain(api, dossier=dossier["code"])
    made_up = complain(api, dossier="H26.50.00008-261201-9999")

    assert real.status_code == made_up.status_code == 201
    assert (
        set(real.json())
        == set(made_up.json())
        == {"code", "category", "status", "received_at", "due_on", "answer", "answered_at"}
    )
    assert real.json()["due_on"] == made_up.json()["due_on"]
    assert dossier["code"] not in real.content.decode()
    assert Complaint.objects.get(code=real.json()["code"]).agency == committee("00008")
    assert Complaint.objects.get(code=made_up.json()["code"]).agency is None  # to the centre


def test_complaints_are_rate_limited(api, settings):
    settings.MOTCUA_COMPLAINT_RATE = "2/min"

    codes = [complain(api).status_code for _ in range(3)]

    assert codes == [201, 201, 429]
    assert Complaint.objects.count() == 2


def test_routing_answering_and_the_citizen_reading_the_answer(
    api, ward_a, ward_b, ward_c, inspector, settings, caplog
):
    dossier = file_dossier(ward_a.receiving)  # resolved by ward B's committee
    code = complain(api, dossier=dossier["code"]).json()["code"]
    delay = complain(api, dossier=dossier["code"], category="delay").json()["code"]

    head_b = signed_in(ward_b.approver).get("/workspace/complaints/").content.decode()
    head_c = signed_in(ward_c.approver).get("/workspace/complaints/").content.decode()
    team = signed_in(inspector).get("/workspace/complaints/").content.decode()
    officer = signed_in(ward_b.handling).get("/workspace/complaints/")
    assert code in head_b
    assert delay in head_b
    assert code not in head_c
    assert code in team
    assert delay not in team
    assert officer.status_code == 403

    answered = signed_in(ward_b.approver).post(
        f"/workspace/complaints/{code}/", {"answer": "Đã chấn chỉnh cán bộ, xin lỗi ông/bà."}
    )
    again = client_for(inspector).post(f"{URL}{code}/answer/", {"answer": "x"}, format="json")
    assert answered.status_code == 302
    assert again.status_code == 409
    # The citizen is told by SMS at their contact that an answer waits (not the answer itself).
    assert OutboxMessage.objects.filter(topic="complaint.answered", key=code).count() == 2
    caplog.set_level(logging.INFO, logger="motcua.integrations.connectors.sandbox")
    delivery.deliver_outbox()
    ids = {event_id(m) for m in OutboxMessage.objects.filter(key=code)}
    texted = [r for r in caplog.records if r.msg == "sandbox_sms_sent" and r.message_id in ids]
    assert [r.to for r in texted] == ["091*****678"]
    assert not OutboxMessage.objects.filter(key=code, delivered_at__isnull=True).exists()

    portal = Client(HTTP_ACCEPT_LANGUAGE="vi")
    shown = portal.post("/complaints/answer/", {"code": code.lower(), "contact": "0912345678"})
    wrong = portal.post("/complaints/answer/", {"code": code, "contact": "0900000000"})
    api_view = APIClient().post(f"{URL}{code}/", {"contact": "0912.345.678"}, format="json")
    api_wrong = APIClient().post(f"{URL}{code}/", {"contact": "0900000000"}, format="json")
    api_none = APIClient().post(f"{URL}PA-NOSUCHCODE/", {"contact": "0912345678"}, format="json")
    in_the_url = APIClient().get(f"{URL}{code}/", {"contact": "0912345678"})
    assert "Đã chấn chỉnh cán bộ, xin lỗi ông/bà." in shown.content.decode()
    assert wrong.status_code == 404
    assert "Đã chấn chỉnh" not in wrong.content.decode()
    assert api_view.json()["answer"] == "Đã chấn chỉnh cán bộ, xin lỗi ông/bà."
    assert api_wrong.status_code == api_none.status_code == 404
    assert api_wrong.json() == api_none.json()
    assert in_the_url.status_code == 405  # the contact never travels in a URL
    assert "Đã chấn chỉnh" not in in_the_url.content.decode()


def test_a_signed_in_citizen_files_from_my_dossiers_and_sees_the_answer_in_their_list(
    ward_a, ward_b
):
    citizen = get_user_model().objects.create_user("dan")
    dossier = file_dossier(citizen, channel="online")
    portal = signed_in(citizen)

    mine = portal.get("/my/dossiers/").content.decode()
    form = portal.get(f"/complaints/new/?dossier={dossier['code']}").content.decode()
    sent = portal.post(
        "/complaints/new/",
        {
            "category": "conduct",
            "dossier": dossier["code"],
            "text": "Cán bộ gắt gỏng",
            "contact": "dan@example.vn",
        },
    )
    confirmation = portal.get(sent["Location"]).content.decode()
    complaint = Complaint.objects.get()
    signed_in(ward_b.approver).post(
        f"/workspace/complaints/{complaint.code}/", {"answer": "Đã nhắc nhở cán bộ."}
    )
    listed = portal.get("/my/complaints/").content.decode()

    assert f"/complaints/new/?dossier={dossier['code']}" in mine
    assert f'value="{dossier["code"]}"' in form
    assert sent.status_code == 302
    assert complaint.code in confirmation
    assert complaint.code not in sent["Location"]
    assert complaint.filed_by == citizen
    assert complaint.to_inspection
    assert "Đã nhắc nhở cán bộ." in listed


def test_the_portal_form_refuses_an_empty_complaint_and_is_rate_limited(db, settings):
    settings.MOTCUA_COMPLAINT_RATE = "1/min"
    portal = Client(HTTP_ACCEPT_LANGUAGE="vi")
    body = {"category": "delay", "agency": "", "text": "Quá hạn", "contact": "0912000111"}

    empty = portal.post("/complaints/new/", {"category": "delay"})
    first = portal.post("/complaints/new/", body)
    second = portal.post("/complaints/new/", body)

    assert empty.status_code == 400
    assert first.status_code == 302
    assert second.status_code == 429
    assert Complaint.objects.count() == 1


def test_only_the_centre_records_media_reports(api, coordinator, ward_a):
    agency = committee("00070").code

    citizen_try = complain(api, agency=agency, source="media")
    page = signed_in(coordinator).post(
        "/workspace/complaints/",
        {
            "agency": agency,
            "category": "conduct",
            "contact": "Báo Hà Nội Mới, 01/12",
            "text": "Bài báo",
        },
    )

    assert citizen_try.status_code == 403
    media = Complaint.objects.get()
    assert page.status_code == 302
    assert media.source == "media"
    assert media.filed_by is None


def test_counts_by_agency_counts_complaints_and_flags_in_the_window(api, ward_a):
    from datetime import timedelta

    from django.utils import timezone

    agency = committee("00070").code
    complain(api, agency=agency)
    complain(api, agency=agency, category="delay")
    now = timezone.now()

    counts = counts_by_agency(now - timedelta(hours=1), now + timedelta(hours=1))
    before = counts_by_agency(now - timedelta(days=2), now - timedelta(days=1))

    assert counts == {agency: {"complaints": 2, "broker_flags": 0, "extra_document_flags": 0}}
    assert before == {}
