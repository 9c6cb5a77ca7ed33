from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import Client

import time_machine

from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier, Event
from motcua.integrations.models import OutboxMessage
from motcua.integrity.models import IntegrityEvent
from tests.builders.dossiers import act, client_for, file_dossier, upload

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _accepted(ward_a, ward_b):
    dossier = file_dossier(ward_a.receiving)
    return act(ward_b.handling, dossier, "accept").json()


def _state(code):
    row = Dossier.objects.get(code=code)
    return (
        row.status,
        row.version,
        row.events.count(),
        OutboxMessage.objects.filter(key=code).count(),
    )


def test_a_stale_expected_version_is_409_and_changes_nothing(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)
    before = _state(dossier["code"])

    response = act(ward_b.approver, dossier, "approve", expected_version=dossier["version"] - 1)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stale_version"
    assert _state(dossier["code"]) == before


def test_an_action_the_status_does_not_allow_is_409(ward_a, ward_b):
    dossier = file_dossier(ward_a.receiving)
    before = _state(dossier["code"])

    response = act(ward_b.approver, dossier, "sign-result")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "transition_not_allowed"
    assert _state(dossier["code"]) == before


def test_a_role_that_may_not_act_is_403(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)

    response = act(ward_b.handling, dossier, "approve")  # only the approver approves

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "role_not_allowed"


def test_requesting_an_unlisted_document_is_422_and_an_integrity_event(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)
    before = _state(dossier["code"])

    response = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": 999999, "reason": "Sổ hộ khẩu bản gốc"}],
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "extra_document_not_allowed"
    assert _state(dossier["code"]) == before
    event = IntegrityEvent.objects.get()
    assert (event.kind, event.dossier_code, event.official, event.agency.code) == (
        "extra_document_request",
        dossier["code"],
        ward_b.handling,
        "H26.50.00008",
    )


def test_asking_on_paper_for_data_taken_from_a_national_database_is_refused(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)
    from_data = next(d for d in dossier["documents"] if d["match"] == "matched")

    response = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": from_data["requirement"], "reason": "Bản giấy"}],
    )

    assert response.status_code == 422
    assert IntegrityEvent.objects.filter(kind="extra_document_request").count() == 1


def test_a_second_request_after_a_complete_supplement_is_refused(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)
    form = dossier["documents"][0]["requirement"]
    dossier = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": form, "reason": "Thiếu chữ ký"}],
    ).json()
    new_form = upload(ward_a.receiving, blank_pdf("v2"))
    dossier = act(
        ward_a.receiving, dossier, "supplement", documents=[{"requirement": form, "file": new_form}]
    ).json()

    again = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": form, "reason": "Lại thiếu"}],
    )

    assert again.status_code == 422
    assert again.json()["error"]["code"] == "supplement_round_limit"
    assert IntegrityEvent.objects.get().kind == "repeated_supplement"


def test_a_correction_of_a_submitted_document_may_be_requested(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)

    response = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"document": dossier["documents"][0]["id"], "reason": "Mờ"}],
    )

    assert response.status_code == 200
    assert response.json()["supplement_rounds"] == 1


def test_assign_only_to_an_official_of_the_handling_agency(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)

    response = act(ward_b.approver, dossier, "assign", to=ward_a.handling.username)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "assignee_not_in_agency"


def test_assign_checks_the_callers_role_first_and_never_tells_who_works_where(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)  # ward A's receiving officer sees it, but may not assign
    member, outsider, nobody = ward_b.handling.username, ward_a.handling.username, "khong.co.ai"
    counter = Client()
    counter.force_login(ward_a.receiving)

    by_api = [act(ward_a.receiving, dossier, "assign", to=n) for n in (member, outsider, nobody)]
    by_page = [
        counter.post(
            f"/workspace/dossiers/{dossier['code']}/act/assign/",
            {"version": dossier["version"], "to": name},
        )
        for name in (member, outsider, nobody)
    ]
    by_leader = [act(ward_b.approver, dossier, "assign", to=n) for n in (outsider, nobody)]

    assert [(r.status_code, r.json()["error"]["code"]) for r in by_api] == [
        (403, "role_not_allowed")
    ] * 3
    pages = [r.content.decode() for r in by_page]
    assert [r.status_code for r in by_page] == [400] * 3
    assert all("Vai trò của bạn không được thực hiện" in page for page in pages)
    assert not any("not one of the available choices" in page for page in pages)
    assert [(r.status_code, r.json()["error"]["code"]) for r in by_leader] == [
        (422, "assignee_not_in_agency")
    ] * 2
    assert by_leader[0].json()["error"]["message"] == by_leader[1].json()["error"]["message"]
    assert _state(dossier["code"])[1] == dossier["version"]  # nothing changed


def test_forward_moves_to_a_later_step_only(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)

    back = act(ward_b.handling, dossier, "forward", to_step=0)
    ahead = act(ward_b.handling, dossier, "forward", to_step=2)

    assert back.status_code == 400
    assert [t["state"] for t in ahead.json()["tasks"]] == ["done", "done", "active", "pending"]


def test_reject_needs_a_reason_and_ends_the_dossier(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)

    without = act(ward_b.approver, dossier, "reject")
    rejected = act(ward_b.approver, dossier, "reject", reason="Không đủ điều kiện theo Điều 16")

    assert without.status_code == 400
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["finished_at"] is not None


def test_the_applicant_withdraws_and_evaluates_once(citizen, ward_b):
    dossier = file_dossier(citizen, channel="online")
    dossier = act(ward_b.handling, dossier, "accept").json()
    for action in ("approve", "sign-result"):
        dossier = act(ward_b.approver, dossier, action).json()
    dossier = act(ward_b.handling, dossier, "return-result").json()

    first = act(citizen, dossier, "evaluate", score=5, comment="Nhanh")
    second = act(citizen, first.json(), "evaluate", score=1)

    assert first.status_code == 200
    assert second.status_code == 422
    other = file_dossier(citizen, channel="online")
    assert act(citizen, other, "withdraw", reason="Nộp nhầm").json()["status"] == "withdrawn"


def test_an_apology_sets_a_later_due_date_once(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)
    later = (datetime.fromisoformat(dossier["due_at"]) + timedelta(days=3)).isoformat()

    earlier = act(
        ward_b.handling, dossier, "apologize", new_due_at=dossier["received_at"], reason="x"
    )
    first = act(ward_b.handling, dossier, "apologize", new_due_at=later, reason="Cần xác minh")
    second = act(ward_b.handling, first.json(), "apologize", new_due_at=later, reason="x")

    assert earlier.status_code == 400
    assert first.status_code == 200
    assert datetime.fromisoformat(first.json()["due_at"]) == datetime.fromisoformat(later)
    assert second.status_code == 422


def test_an_applicant_sees_only_their_own_dossiers(citizen, django_user_model):
    mine = file_dossier(citizen, channel="online")
    stranger = django_user_model.objects.create_user("stranger")

    assert client_for(citizen).get(f"/api/v1/dossiers/{mine['code']}/").status_code == 200
    assert client_for(stranger).get(f"/api/v1/dossiers/{mine['code']}/").status_code == 404
    assert client_for(stranger).get("/api/v1/dossiers/").json()["count"] == 0
    assert act(stranger, mine, "withdraw").status_code == 404


def test_the_sweep_flags_overdue_dossiers_once_and_closes_the_unsupplemented(ward_a, ward_b):
    from motcua.dossiers.services import sweep

    with time_machine.travel(datetime(2026, 11, 16, 9, tzinfo=HANOI), tick=False):
        late = _accepted(ward_a, ward_b)
        waiting = _accepted(ward_a, ward_b)
        act(
            ward_b.handling,
            waiting,
            "request-supplement",
            items=[{"document": waiting["documents"][0]["id"], "reason": "Mờ"}],
        )
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=HANOI), tick=False):
        first = sweep()
        second = sweep()
    with time_machine.travel(datetime(2026, 12, 2, 9, tzinfo=HANOI), tick=False):
        third = sweep()

    assert (first.flagged, first.closed) == (1, 0)
    assert (second.flagged, second.closed) == (0, 0)
    assert (third.flagged, third.closed) == (0, 1)
    assert Event.objects.filter(dossier__code=late["code"], action="flag-overdue").count() == 1
    assert Dossier.objects.get(code=waiting["code"]).status == "closed"
    overdue = client_for(ward_b.handling).get("/api/v1/dossiers/", {"overdue": "true"}).json()
    assert [row["code"] for row in overdue["results"]] == [late["code"]]


def test_the_centre_sees_every_dossier_but_cannot_act_on_it(ward_a, coordinator):
    dossier = file_dossier(ward_a.receiving)

    listed = client_for(coordinator).get("/api/v1/dossiers/").json()
    response = act(coordinator, dossier, "accept")

    assert [row["code"] for row in listed["results"]] == [dossier["code"]]
    assert response.status_code == 403


def test_each_step_gets_its_share_of_the_time_limit(ward_a, ward_b):
    # 1 working day = 8 working hours; the appraisal step has 60% → 5 working hours
    with time_machine.travel(datetime(2026, 11, 16, 8, tzinfo=HANOI), tick=False):
        dossier = _accepted(ward_a, ward_b)

    appraisal = dossier["tasks"][1]
    assert (appraisal["name"], appraisal["state"]) == ("Thẩm định, xử lý hồ sơ", "active")
    assert appraisal["due_at"] == "2026-11-16T14:00:00+07:00"


def test_the_worker_runs_the_sweep_once(ward_a, ward_b):
    import io

    from django.core.management import call_command

    with time_machine.travel(datetime(2026, 11, 16, 9, tzinfo=HANOI), tick=False):
        late = _accepted(ward_a, ward_b)
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=HANOI), tick=False):
        call_command("worker", "--once", stdout=io.StringIO())

    assert Dossier.objects.get(code=late["code"]).overdue_flagged_at is not None
