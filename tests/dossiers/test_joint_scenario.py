"""The acceptance scenario of issue 24 over HTTP: a resident files the birth + permanent
residence + health-insurance card group once (Decree 63/2024); the ward's civil-status official
resolves the lead part, the police's residence part and social insurance's part go out through
the sandbox connectors; the resident receives three results; a late part is attributed."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import participants
from motcua.geography.models import Agency
from motcua.identity.services import create_official
from motcua.integrations.delivery import deliver_outbox
from motcua.integrations.models import OutboxMessage
from tests.builders.dossiers import BIRTH_FORM, ID_NUMBER, WARD_B, act, client_for, upload

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
GROUP = "nd63-khai-sinh"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HANOI)


def _docs(code: str) -> list:
    version = ProcedureVersion.objects.get(procedure__code=code, status="published")
    return list(version.documents.order_by("position"))


def group_body(user) -> dict:
    birth, residence = _docs("1.001193"), _docs("1.004222")
    return {
        "group": GROUP,
        "channel": "online",
        "receiving_point": f"MC-{WARD_B}",
        "competent_unit": WARD_B,
        "applicant": {
            "id_number": ID_NUMBER,
            "full_name": "Nguyễn Văn An",
            "date_of_birth": "1990-05-01",
            "phone": "0912345678",
        },
        "documents": [
            {"requirement": birth[0].pk, "file": upload(user)},
            {"requirement": birth[1].pk, "from_data": True},
            {"requirement": birth[5].pk, "from_data": True},
            {"requirement": residence[0].pk, "file": upload(user)},
        ],
        "delivery": {"method": "online"},
        "form": BIRTH_FORM,
    }


def officials():
    committee = Agency.objects.get(role="commune_committee", unit__code=WARD_B).code
    police = Agency.objects.get(role="commune_police", unit__code=WARD_B).code
    insurance = Agency.objects.get(role="social_insurance").code
    return (
        create_official("hotich", role="handling_officer", agency=committee),
        create_official("lanhdao", role="approver", agency=committee),
        create_official("congan", role="handling_officer", agency=police),
        create_official("bhxh", role="handling_officer", agency=insurance),
    )


def test_the_birth_group_filed_once_gives_three_results(citizen, coordinator):
    civil, leader, police, insurance = officials()
    resident = client_for(citizen)

    # given: filed online once, on Monday 16/11/2026 at 09:00
    with time_machine.travel(at(16, 9), tick=False):
        response = resident.post("/api/v1/dossiers/", group_body(citizen), format="json")
    assert response.status_code == 201, response.content
    dossier = response.json()
    code = dossier["code"]
    # then: the ward's committee leads; three parts with their shares; 3 working days in all
    assert dossier["group"] == GROUP
    assert dossier["handling_agency"].startswith("H26.50.00008")
    assert dossier["due_at"] == "2026-11-19T09:00:00+07:00"
    assert [(p["role"], p["status"], p["system"]) for p in dossier["parts"]] == [
        ("lead", "active", None),
        ("participant", "waiting", "residence"),
        ("participant", "waiting", "social_insurance"),
    ]
    assert dossier["parts"][0]["due_at"] == "2026-11-17T11:00:00+07:00"  # 40% of 24 h: 10 h

    # when: the civil-status official accepts, the leader approves the birth registration
    with time_machine.travel(at(16, 9, 30), tick=False):
        dossier = act(civil, dossier, "accept").json()
        dossier = act(leader, dossier, "approve").json()
    assert [p["status"] for p in dossier["parts"]] == ["done", "ready", "ready"]
    # the result set cannot be signed while parts are out
    refused = act(leader, dossier, "sign-result")
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "parts_pending"

    # when: the lead hands both parts over (routing slips): they go out through the outbox
    with time_machine.travel(at(16, 10), tick=False):
        dossier = act(civil, dossier, "hand-over", part=1).json()
        dossier = act(civil, dossier, "hand-over", part=2).json()
    assert [p["status"] for p in dossier["parts"]][1:] == ["handed_over", "handed_over"]
    slips = OutboxMessage.objects.filter(key=code, topic="dossier.part")
    assert sorted(m.payload["system"] for m in slips) == ["residence", "social_insurance"]

    # the social-insurance system is down at first: the hand-over is retried, shown failing
    with (
        time_machine.travel(at(16, 10, 5), tick=False),
        _down("social_insurance"),
    ):
        deliver_outbox()
        participants.collect_results()  # the residence system resolved its part at once
    failing = slips.get(payload__system="social_insurance")
    assert failing.attempts == 1
    assert failing.delivered_at is None
    assert failing.last_error
    # the residence part was acknowledged by the police's system: its clock started then
    dossier = client_for(civil).get(f"/api/v1/dossiers/{code}/").json()
    assert dossier["parts"][1]["status"] == "done"
    assert dossier["parts"][1]["acknowledged_at"] == "2026-11-16T10:05:00+07:00"
    assert dossier["parts"][2]["status"] == "handed_over"

    # when: the social-insurance system is back: it acknowledges (its clock starts, 30% of
    # the 3 days: 7 working hours), but returns its result only on Thursday 19/11
    with time_machine.travel(at(16, 11), tick=False):
        deliver_outbox()
    dossier = client_for(civil).get(f"/api/v1/dossiers/{code}/").json()
    assert dossier["parts"][2]["status"] == "active"
    assert dossier["parts"][2]["due_at"] == "2026-11-17T10:00:00+07:00"
    with time_machine.travel(at(19, 15), tick=False):
        collected = participants.collect_results()
    assert collected.finished == 1
    dossier = client_for(civil).get(f"/api/v1/dossiers/{code}/").json()
    assert [p["status"] for p in dossier["parts"]] == ["done", "done", "done"]
    assert dossier["parts"][1]["late"] is False
    assert dossier["parts"][2]["late"] is True  # social insurance's part made it late

    # the leader signs the result set and returns it; the resident receives three results
    with time_machine.travel(at(19, 16), tick=False):
        dossier = act(leader, dossier, "sign-result").json()
        dossier = act(civil, dossier, "return-result").json()
    mine = resident.get(f"/api/v1/dossiers/{code}/").json()
    assert len(mine["results"]) == 3
    for result in mine["results"]:
        pdf = resident.get(result["url"])
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"

    # visibility: the police official sees their part's documents only; 404 for the rest
    seen = client_for(police).get(f"/api/v1/dossiers/{code}/").json()
    residence_req = {d.pk for d in _docs("1.004222")}
    assert {d["requirement"] for d in seen["documents"]} <= residence_req
    assert len(seen["documents"]) == 1
    lead_result = mine["results"][0]["url"]
    assert client_for(police).get(lead_result).status_code == 404
    assert client_for(insurance).get(mine["results"][1]["url"]).status_code == 404
    assert client_for(insurance).get(mine["results"][2]["url"]).status_code == 200
    verified = client_for(civil).get(f"/api/v1/dossiers/{code}/events/verify/").json()
    assert verified == {"valid": True, "first_bad_seq": None}


class _down:
    def __init__(self, system: str) -> None:
        self.system = system

    def __enter__(self):
        from django.conf import settings

        self.saved = settings.MOTCUA_SANDBOX_PARTICIPANTS_DOWN
        settings.MOTCUA_SANDBOX_PARTICIPANTS_DOWN = self.system

    def __exit__(self, *exc):
        from django.conf import settings

        settings.MOTCUA_SANDBOX_PARTICIPANTS_DOWN = self.saved


def test_the_indicators_attribute_the_late_part_to_its_agency(citizen, coordinator):
    test_the_birth_group_filed_once_gives_three_results(citizen, coordinator)

    body = client_for(coordinator).get("/api/v1/indicators/?from=2026-11-01&to=2026-11-30").json()

    by_agency = {row["agency"]["code"]: row for row in body["parts_by_agency"]}
    insurance = Agency.objects.get(role="social_insurance").code
    police = Agency.objects.get(role="commune_police", unit__code=WARD_B).code
    assert by_agency[insurance]["late"] == 1
    assert by_agency[insurance]["share_percent"] == 30
    assert by_agency[police]["late"] == 0
    assert by_agency[police]["finished"] == 1
    assert body["parts_by_agency"][0]["agency"]["code"] == insurance  # the latest first
