from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import translation

import pytest
import time_machine

from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier, Event
from motcua.identity.models import DataAccess
from motcua.integrations.models import OutboxMessage
from tests.builders.dossiers import (
    BIRTH,
    WARD_A,
    WARD_B,
    birth_payload,
    client_for,
    file_dossier,
    upload,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _post(user, body, **headers):
    return client_for(user).post("/api/v1/dossiers/", body, format="json", **headers)


def test_a_dossier_is_received_with_one_event_and_one_outbox_row(ward_a):
    dossier = file_dossier(ward_a.receiving)

    row = Dossier.objects.get(code=dossier["code"])
    assert row.status == "received"
    assert row.handling_agency.code == "H26.50.00008"
    assert list(Event.objects.filter(dossier=row).values_list("action", flat=True)) == ["receive"]
    assert Event.objects.get(dossier=row).payload["boundary_free"] is True
    portal = OutboxMessage.objects.filter(key=row.code, destination="national_portal")
    assert portal.filter(topic="dossier.status").count() == 1


def test_codes_are_numbered_per_agency_per_day(ward_a):
    with time_machine.travel(datetime(2026, 11, 16, 9, tzinfo=HANOI), tick=False):
        first = file_dossier(ward_a.receiving)["code"]
        second = file_dossier(ward_a.receiving)["code"]
        other_ward = file_dossier(ward_a.receiving, unit="00004")["code"]
    with time_machine.travel(datetime(2026, 11, 17, 9, tzinfo=HANOI), tick=False):
        next_day = file_dossier(ward_a.receiving)["code"]

    assert [first, second] == ["H26.50.00008-261116-0001", "H26.50.00008-261116-0002"]
    assert other_ward == "H26.50.00004-261116-0001"
    assert next_day == "H26.50.00008-261117-0001"


def test_an_online_dossier_at_night_counts_from_the_next_working_morning(citizen):
    # DOMAIN T3: received Saturday 21:00 counts from Monday 08:00; 1 working day → Monday 17:00
    with time_machine.travel(datetime(2026, 11, 14, 21, tzinfo=HANOI), tick=False):
        dossier = file_dossier(citizen, channel="online")

    assert dossier["received_at"] == "2026-11-14T21:00:00+07:00"
    assert dossier["due_at"] == "2026-11-16T17:00:00+07:00"


def test_a_city_level_dossier_goes_to_the_competent_department(citizen):
    from motcua.catalog.models import ProcedureVersion

    version = ProcedureVersion.objects.get(procedure__code="2.001583", status="published")
    required = [d for d in version.documents.all() if d.required]
    body = {
        "procedure": "2.001583",
        "channel": "online",
        "receiving_point": f"MC-{WARD_A}",
        "applicant": {"id_number": "001090012345", "full_name": "Trần Thị B"},
        "documents": [
            {"requirement": d.pk, "from_data": True}
            if d.replaceable_by
            else {"requirement": d.pk, "file": upload(citizen, name=f"{d.pk}.pdf")}
            for d in required
        ],
    }

    response = _post(citizen, body)

    assert response.status_code == 201, response.content
    assert response.json()["handling_agency"] == "H26.03.01"  # business registration office
    assert response.json()["competent_unit"] == "01"


def test_a_missing_required_document_is_a_400_naming_it(ward_a):
    body = birth_payload(ward_a.receiving)
    body["documents"] = body["documents"][1:]  # the declaration form is left out

    with translation.override("en"):
        response = _post(ward_a.receiving, body, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_dossier"
    assert error["fields"]["documents"] == [
        "Missing required document: Tờ khai đăng ký khai sinh theo mẫu (nộp trực tiếp/bưu chính) "
        "hoặc Mẫu hộ tịch điện tử tương tác đăng ký khai sinh (nộp trực tuyến)"
    ]
    assert Dossier.objects.count() == 0


@pytest.mark.parametrize(
    ("id_number", "birth", "rule"),
    [
        ("00109001234", "1990-05-01", "exactly 12 digits"),
        ("003090012345", "1990-05-01", "003 is not a province code"),
        ("001290012345", "1990-05-01", "birth century"),
        ("001091012345", "1990-05-01", "year of birth"),
    ],
)
def test_an_invalid_id_number_is_refused_with_the_rule_that_failed(ward_a, id_number, birth, rule):
    body = birth_payload(ward_a.receiving)
    body["applicant"].update(id_number=id_number, date_of_birth=birth)

    response = _post(ward_a.receiving, body, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert rule in str(response.json()["error"]["fields"]["applicant"]["id_number"])


def test_from_data_is_refused_for_a_document_no_database_holds(ward_a):
    body = birth_payload(ward_a.receiving)
    body["documents"][0] = {"requirement": body["documents"][0]["requirement"], "from_data": True}

    response = _post(ward_a.receiving, body)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["documents[0].from_data"]


def test_the_answer_to_a_filing_is_the_dossier_as_stored(ward_a):
    filed = file_dossier(ward_a.receiving)

    read = client_for(ward_a.receiving).get(f"/api/v1/dossiers/{filed['code']}/").json()

    assert filed == read


def test_each_national_data_look_up_is_logged_once_whether_the_dossier_is_received_or_not(ward_a):
    file_dossier(ward_a.receiving)
    received = DataAccess.objects.count()
    body = birth_payload(ward_a.receiving)
    del body["documents"][0]  # the form: refused as missing, after the national-data look-ups

    refused = _post(ward_a.receiving, body)

    assert received >= 1
    assert refused.status_code == 400
    assert DataAccess.objects.count() == 2 * received  # the refusal's look-ups are kept too


def test_an_upload_of_someone_else_is_refused(ward_a, citizen):
    body = birth_payload(ward_a.receiving)
    body["documents"][0]["file"] = upload(citizen, blank_pdf("another"))

    response = _post(ward_a.receiving, body)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["documents[0].file"]


def test_an_unknown_procedure_and_point_are_400s_naming_the_field(ward_a):
    body = birth_payload(ward_a.receiving)

    unknown_procedure = _post(ward_a.receiving, {**body, "procedure": "9.999999"})
    unknown_point = _post(ward_a.receiving, {**body, "receiving_point": "MC-99999"})
    city_unit_for_commune = _post(ward_a.receiving, {**body, "competent_unit": "01"})

    assert list(unknown_procedure.json()["error"]["fields"]) == ["procedure"]
    assert list(unknown_point.json()["error"]["fields"]) == ["receiving_point"]
    assert list(city_unit_for_commune.json()["error"]["fields"]) == ["competent_unit"]


def test_a_counter_dossier_can_only_be_recorded_by_that_points_officer(ward_b, citizen):
    body = birth_payload(citizen)  # counter channel at ward A's point

    assert _post(citizen, body).status_code == 403
    assert _post(ward_b.receiving, birth_payload(ward_b.receiving)).status_code == 403


def test_the_same_idempotency_key_twice_gives_one_dossier(ward_a):
    body = birth_payload(ward_a.receiving)

    first = _post(ward_a.receiving, body, HTTP_IDEMPOTENCY_KEY="retry-1")
    again = _post(ward_a.receiving, body, HTTP_IDEMPOTENCY_KEY="retry-1")
    other = _post(ward_a.receiving, {**body, "form": {"x": 1}}, HTTP_IDEMPOTENCY_KEY="retry-1")

    assert first.status_code == again.status_code == 201
    assert first.json()["code"] == again.json()["code"]
    assert Dossier.objects.count() == 1
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"


def test_anonymous_intake_is_401(api):
    response = api.post("/api/v1/dossiers/", {"procedure": BIRTH}, format="json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_tracking_shows_status_without_personal_data(ward_a, api):
    dossier = file_dossier(ward_a.receiving)

    ok = api.get(f"/api/v1/track/{dossier['code']}/", {"id_last4": "2345"})
    wrong = api.get(f"/api/v1/track/{dossier['code']}/", {"id_last4": "0000"})

    assert ok.status_code == 200
    assert set(ok.json()) == {
        "code",
        "status",
        "procedure",
        "received_at",
        "due_at",
        "handling_agency",
    }
    assert "Nguyễn" not in ok.content.decode()
    assert wrong.status_code == 404


def test_applicant_id_is_masked_for_officials_who_do_not_handle_it(ward_a, ward_b, coordinator):
    code = file_dossier(ward_a.receiving, unit=WARD_B)["code"]

    handling = client_for(ward_b.handling).get(f"/api/v1/dossiers/{code}/").json()
    centre = client_for(coordinator).get(f"/api/v1/dossiers/{code}/").json()

    assert handling["applicant"]["id_number"] == "001090012345"
    assert handling["applicant"]["phone"] == "0912345678"
    assert centre["applicant"] == {
        "kind": "citizen",
        "id_number": "********2345",
        "full_name": "Nguyễn Văn An",
    }


def test_the_dossier_list_takes_the_same_queries_for_one_or_many(ward_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(ward_a.receiving)
    file_dossier(ward_a.receiving)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/dossiers/")
    for _ in range(4):
        file_dossier(ward_a.receiving)

    with CaptureQueriesContext(connection) as five:
        response = client.get("/api/v1/dossiers/")

    assert response.json()["count"] == 5
    assert len(five) == len(one)
