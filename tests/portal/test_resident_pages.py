"""What a resident stumbled on (issue 19), with Django's test client: tracking by code from
the home page, the page the supplement notice leads to, and a late dossier's apology."""

from datetime import timedelta

from django.utils import timezone

from motcua.core import clock
from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import ID_NUMBER, WARD_A, WARD_B, act, file_dossier, make_ward
from tests.portal.test_pages import browser


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
