"""The acceptance scenario over HTTP: boundary-free intake to the returned result."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import connection

import time_machine

from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Event
from tests.builders.dossiers import WARD_A, WARD_B, act, client_for, file_dossier

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HANOI)


def _tamper(event: Event) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # an attacker with superuser rights
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            "UPDATE dossiers_event SET payload = %s WHERE id = %s",
            ['{"reason": "edited"}', event.pk],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def test_boundary_free_dossier_from_receipt_to_returned_result(ward_a, ward_b, ward_c):
    # given: received at ward A's point for ward B on Monday 16/11/2026 at 09:00
    with time_machine.travel(at(16, 9), tick=False):
        dossier = file_dossier(ward_a.receiving)
    code = dossier["code"]

    # then: routed to ward B's People's Committee, numbered by it, due in 1 working day
    assert code.startswith("H26.50.00008-261116-")
    assert dossier["receiving_point"] == f"MC-{WARD_A}"
    assert dossier["competent_unit"] == WARD_B
    assert dossier["due_at"] == "2026-11-17T09:00:00+07:00"
    for official in (ward_b.handling, ward_b.approver, ward_b.receiving, ward_a.receiving):
        assert client_for(official).get(f"/api/v1/dossiers/{code}/").status_code == 200
    for official in (ward_c.receiving, ward_c.handling, ward_c.approver, ward_a.handling):
        assert client_for(official).get(f"/api/v1/dossiers/{code}/").status_code == 404
        listed = client_for(official).get("/api/v1/dossiers/").json()["results"]
        assert code not in [row["code"] for row in listed]

    # when: accepted, assigned, sent back for a supplement on Monday 10:00
    with time_machine.travel(at(16, 9, 30), tick=False):
        dossier = act(ward_b.handling, dossier, "accept").json()
        dossier = act(ward_b.approver, dossier, "assign", to=ward_b.handling.username).json()
    assert dossier["status"] == "in_progress"
    assert dossier["tasks"][1]["state"] == "active"
    form = dossier["documents"][0]["requirement"]
    with time_machine.travel(at(16, 10), tick=False):
        dossier = act(
            ward_b.handling,
            dossier,
            "request-supplement",
            items=[{"requirement": form, "reason": "Tờ khai thiếu chữ ký"}],
        ).json()
    assert dossier["status"] == "waiting_supplement"

    # and: the applicant brings it to ward A's counter on Tuesday 10:00 (8 working hours later)
    from tests.builders.dossiers import upload

    with time_machine.travel(at(17, 10), tick=False):
        new_form = upload(ward_a.receiving, blank_pdf("signed form"))
        dossier = act(
            ward_a.receiving,
            dossier,
            "supplement",
            documents=[{"requirement": form, "file": new_form}],
        ).json()

    # then: the clock ran again, the due moment moved by exactly the paused working time
    assert dossier["status"] == "in_progress"
    assert dossier["paused_days"] == 1.0
    assert dossier["due_at"] == "2026-11-18T09:00:00+07:00"
    assert dossier["legal_due_at"] == "2026-11-18T10:00:00+07:00"

    # when: approved, signed and returned
    with time_machine.travel(at(17, 15), tick=False):
        dossier = act(ward_b.approver, dossier, "approve").json()
        dossier = act(ward_b.approver, dossier, "sign-result").json()
        dossier = act(ward_a.receiving, dossier, "return-result").json()

    # then: returned on time, and every step is in a chain that verifies
    assert dossier["status"] == "returned"
    assert dossier["overdue"] is False
    client = client_for(ward_b.approver)
    log = client.get(f"/api/v1/dossiers/{code}/events/").json()["results"]
    assert [e["action"] for e in log] == [
        "receive",
        "accept",
        "assign",
        "request-supplement",
        "supplement",
        "approve",
        "sign-result",
        "return-result",
    ]
    assert [e["seq"] for e in log] == list(range(1, 9))
    assert client.get(f"/api/v1/dossiers/{code}/events/verify/").json() == {
        "valid": True,
        "first_bad_seq": None,
    }

    # when: someone edits the 4th event in the database
    _tamper(Event.objects.get(dossier__code=code, seq=4))

    # then: the chain no longer verifies, and names that event
    assert client.get(f"/api/v1/dossiers/{code}/events/verify/").json() == {
        "valid": False,
        "first_bad_seq": 4,
    }
