"""GET /api/v1/indicators/: the figures, CSV export, who may ask."""

import csv
import io
from datetime import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from motcua.identity.services import create_official
from tests.builders.dossiers import WARD_A, WARD_B, client_for, committee
from tests.builders.month import HANOI

PERIOD = "from=2026-11-01&to=2026-11-30"


def test_indicators_per_unit_as_json_and_csv(month, coordinator):
    body = client_for(coordinator).get(f"/api/v1/indicators/?unit={WARD_B}&{PERIOD}").json()

    assert (body["from"], body["to"], body["unit"]) == ("2026-11-01", "2026-11-30", WARD_B)
    assert body["totals"]["received"] == 6
    # Decision 766, 2.1: (3 ended in time + 1 open within the limit) ÷ (4 ended + 2 open)
    assert body["totals"]["on_time_rate"] == 66.67
    lines = {i["code"]: i for i in body["totals"]["score_766"]["indicators"]}
    assert lines["2.1"]["rate"] == body["totals"]["on_time_rate"]
    assert body["totals"]["score_766"]["total"] == 44.66
    groups = {g["code"]: g["points"] for g in body["totals"]["score_766"]["groups"]}
    assert groups == {
        "transparency": 0,
        "progress": 13.33,
        "online": 2.0,
        "digitisation": 14.0,
        "satisfaction": 15.33,  # 5.4 and, without complaints, full 5.2 and 5.3
    }
    assert body["count"] == 1
    assert body["results"][0]["agency"]["code"] == committee(WARD_B).code
    assert body["results"][0]["indicators"]["resolved_late"] == 1

    response = client_for(coordinator).get(f"/api/v1/indicators/?{PERIOD}&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["agency"], r["received"], r["score_766"]) for r in rows] == [
        (committee(WARD_B).code, "6", "44.66")
    ]


def test_a_leader_sees_their_own_unit_only(month):
    leader = month.ward_b.approver

    own = client_for(leader).get(f"/api/v1/indicators/?{PERIOD}")
    other = client_for(leader).get(f"/api/v1/indicators/?unit={WARD_A}&{PERIOD}")

    assert own.status_code == 200
    assert [r["agency"]["code"] for r in own.json()["results"]] == [committee(WARD_B).code]
    assert other.status_code == 403


@pytest.mark.django_db
def test_officials_without_a_leading_role_citizens_and_bad_periods_are_refused(
    citizen, coordinator
):
    officer = create_official("cb-mon", role="handling_officer", agency=committee(WARD_B).code)

    assert client_for(officer).get("/api/v1/indicators/").status_code == 403
    assert client_for(citizen).get("/api/v1/indicators/").status_code == 403
    bad = client_for(coordinator).get("/api/v1/indicators/?from=2026-11-30&to=2026-11-01")
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid_period"
    assert client_for(coordinator).get("/api/v1/indicators/?from=30/11").status_code == 400


def test_complaints_about_a_unit_in_the_period_count_in_its_indicators(month, coordinator):
    def complain(day: int, month_number: int = 11) -> None:
        moment = datetime(2026, month_number, day, 9, tzinfo=HANOI)
        with time_machine.travel(moment, tick=False):
            body = {"dossier": month.codes["d2"], "category": "delay", "text": "Trễ hẹn"}
            response = APIClient().post(
                "/api/v1/complaints/", {**body, "contact": "0912345678"}, format="json"
            )
        assert response.status_code == 201, response.content

    complain(10)
    complain(20)
    complain(2, month_number=12)  # after the period

    body = client_for(coordinator).get(f"/api/v1/indicators/?unit={WARD_B}&{PERIOD}").json()

    expected = {"complaints": 2, "broker_flags": 0, "extra_document_flags": 0}
    assert body["results"][0]["integrity"] == expected
    assert body["totals"]["integrity"] == expected
