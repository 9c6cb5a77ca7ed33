"""A misdirected dossier is sent on to the competent agency (Decree 118/2025 Art 17(2)(a))."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from motcua.documents.models import IssuedDocument
from motcua.integrations.models import OutboxMessage
from tests.builders.dossiers import WARD_B, WARD_C, act, client_for, committee, file_dossier

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HANOI)


def test_a_misdirected_dossier_goes_on_with_its_reason_and_its_clock_restarts(
    ward_a, ward_b, ward_c
):
    # given: filed for ward B on Monday 16/11 at 09:00, due Tuesday 09:00; accepted there
    with time_machine.travel(at(16, 9), tick=False):
        dossier = file_dossier(ward_a.receiving)
    code = dossier["code"]
    assert dossier["due_at"] == "2026-11-17T09:00:00+07:00"
    with time_machine.travel(at(16, 9, 30), tick=False):
        dossier = act(ward_b.handling, dossier, "accept").json()

    # when: ward B's handling official sends it on to ward C on Monday at 14:00
    target = committee(WARD_C).code
    with time_machine.travel(at(16, 14), tick=False):
        response = act(
            ward_b.handling,
            dossier,
            "transfer",
            to_agency=target,
            reason="Nơi cư trú của người mẹ thuộc phường Ba Đình",
        )

    # then: ward C has it, received anew, due one working day after its receipt (14:00 Tue)
    assert response.status_code == 200, response.content
    moved = response.json()
    assert moved["code"] == code  # Art 28(1): one code between agencies
    assert moved["handling_agency"] == target
    assert moved["competent_unit"] == WARD_C
    assert moved["status"] == "received"
    assert moved["due_at"] == "2026-11-17T14:00:00+07:00"
    assert moved["tasks"] == []
    assert moved["transfers"] == [
        {
            "from_agency": committee(WARD_B).code,
            "to_agency": target,
            "reason": "Nơi cư trú của người mẹ thuộc phường Ba Đình",
            "at": "2026-11-16T14:00:00+07:00",
        }
    ]
    # the applicant is told: a notice in writing and the e-mail/SMS route
    assert IssuedDocument.objects.filter(reference=code, kind="transfer_notice").count() == 1
    assert OutboxMessage.objects.filter(
        key=code, topic="dossier.status", destination="sms", payload__action="transfer"
    ).exists()
    # the competent agency acts; the agency that passed it on reads it but may not act
    assert act(ward_c.handling, moved, "accept").status_code == 200
    old = client_for(ward_b.handling)
    assert old.get(f"/api/v1/dossiers/{code}/").status_code == 200
    assert (
        old.post(
            f"/api/v1/dossiers/{code}/actions/reject/", {"expected_version": 99, "reason": "x"}
        ).status_code
        == 403
    )
    # both agencies' logs hold the transfer, and the chain verifies
    for official in (ward_b.handling, ward_c.handling):
        log = client_for(official).get(f"/api/v1/dossiers/{code}/events/").json()["results"]
        transfer = [e for e in log if e["action"] == "transfer"]
        assert transfer[0]["payload"]["from_agency"] == committee(WARD_B).code
        assert transfer[0]["payload"]["clock_started_at"] == "2026-11-16 07:00:00+00:00"
        verified = client_for(official).get(f"/api/v1/dossiers/{code}/events/verify/").json()
        assert verified == {"valid": True, "first_bad_seq": None}


def test_a_transfer_to_an_agency_that_does_not_resolve_the_procedure_is_refused(ward_a, ward_b):
    dossier = file_dossier(ward_a.receiving)
    police = committee(WARD_B).unit.agencies.get(role="commune_police").code

    response = act(ward_b.handling, dossier, "transfer", to_agency=police, reason="sai")
    missing = act(ward_b.handling, dossier, "transfer", to_agency=committee(WARD_B).code)

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["to_agency"]
    assert missing.status_code == 400
    again = client_for(ward_b.handling).get(f"/api/v1/dossiers/{dossier['code']}/").json()
    assert again["handling_agency"] == committee(WARD_B).code
    assert again["transfers"] == []


def test_an_official_of_another_ward_cannot_transfer_it(ward_a, ward_b, ward_c):
    dossier = file_dossier(ward_a.receiving, unit=WARD_B)

    response = act(
        ward_c.handling, dossier, "transfer", to_agency=committee(WARD_C).code, reason="x"
    )

    assert response.status_code == 404
