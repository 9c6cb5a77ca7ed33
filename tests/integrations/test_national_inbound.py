"""Dossiers filed on the national portal come in once, routed, with both codes; a broken one
is refused back with the reason and listed for the centre (issue 23)."""

import json
import threading
import time

from django.conf import settings
from django.db import connection, connections

import pytest

from motcua.dossiers.models import Dossier
from motcua.integrations import delivery, sandbox_portal, webhooks
from motcua.integrations.models import FilingState, NationalFiling, SandboxFiling
from motcua.nationalportal import inbound
from motcua.nationalportal.national_input import NationalDossierIn
from tests.builders.dossiers import WARD_B, act, client_for, make_ward
from tests.builders.reference import reload_reference_data

pytestmark = pytest.mark.usefixtures("reference_data_restored")

URL = "/api/v1/national-portal/dossiers/"


def _signed_post(client, body: dict, *, secret: str | None = None, stamp: str | None = None):
    raw = json.dumps(body).encode()
    stamp = stamp or str(int(time.time()))
    signature = webhooks.signature(
        secret or settings.MOTCUA_NATIONAL_PORTAL_PUSH_SECRET, "push-1", stamp, raw
    )
    return client.post(
        URL,
        data=raw,
        content_type="application/json",
        HTTP_WEBHOOK_ID="push-1",
        HTTP_WEBHOOK_TIMESTAMP=stamp,
        HTTP_WEBHOOK_SIGNATURE=signature,
    )


def test_a_signed_push_becomes_a_dossier_at_the_competent_ward_once(client, db):
    body = sandbox_portal.dossier_body("ok", 1)

    first = _signed_post(client, body)
    again = _signed_post(client, body)

    assert first.status_code == 201, first.content
    assert again.status_code == 200
    assert (
        again.json()
        == first.json()
        == {
            "code": first.json()["code"],
            "national_code": body["national_code"],
        }
    )
    dossier = Dossier.objects.get(national_code=body["national_code"])
    assert Dossier.objects.count() == 1
    assert dossier.code == first.json()["code"] != dossier.national_code
    assert dossier.competent_unit.code == WARD_B
    assert dossier.source == "national_portal"
    assert dossier.channel == "online"
    assert dossier.documents.filter(upload__isnull=False).count() == len(body["documents"])
    assert dossier.form["national_portal"]["vneid_level"] == 2
    filing = NationalFiling.objects.get(national_code=body["national_code"])
    assert (filing.state, filing.deliveries, filing.dossier_id) == ("accepted", 2, dossier.pk)
    assert filing.acknowledged_at is not None


def test_the_dossier_shows_both_codes_and_its_source(ward_b, client, db):
    body = sandbox_portal.dossier_body("ok", 2)
    code = _signed_post(client, body).json()["code"]

    shown = client_for(ward_b.handling).get(f"/api/v1/dossiers/{code}/").json()

    assert (shown["national_code"], shown["source"]) == (body["national_code"], "national_portal")


def test_an_unsigned_or_badly_signed_push_is_refused(client, db):
    body = sandbox_portal.dossier_body("ok", 3)

    unsigned = client.post(URL, data=body, content_type="application/json")
    forged = _signed_post(client, body, secret="whsec_" + "QUJD" * 8)
    stale = _signed_post(client, body, stamp=str(int(time.time()) - 3600))

    assert [unsigned.status_code, forged.status_code, stale.status_code] == [401, 401, 401]
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("scenario", "refusal", "words"),
    [
        ("unknown_procedure", "national_dossier_refused", "9.999999"),
        ("missing_document", "national_dossier_refused", "Thiếu giấy tờ bắt buộc"),
    ],
)
def test_a_broken_dossier_is_refused_with_the_reason_and_listed_for_the_centre(
    client, coordinator, scenario, refusal, words
):
    body = sandbox_portal.dossier_body(scenario, 4)

    answer = _signed_post(client, body)
    listed = client_for(coordinator).get(URL, {"state": "refused"}).json()

    assert answer.status_code == 422, answer.content
    assert answer.json()["error"]["code"] == refusal
    assert words in answer.json()["error"]["message"]
    assert not Dossier.objects.exists()
    assert [(f["national_code"], f["state"]) for f in listed["results"]] == [
        (body["national_code"], "refused")
    ]
    assert words in listed["results"][0]["reason"]


def test_only_the_centre_lists_what_the_portal_delivered(ward_b, db):
    assert client_for(ward_b.handling).get(URL).status_code == 403


def test_a_pull_receives_what_the_portal_holds_and_acknowledges_each(db):
    sandbox_portal.file("ok")
    sandbox_portal.file("duplicate")
    sandbox_portal.file("unknown_procedure")

    received = inbound.pull()
    again = inbound.pull()

    assert (received, again) == (4, 0)
    assert Dossier.objects.count() == 2
    answers = {(f.national_code, f.answer["status"]) for f in SandboxFiling.objects.all()}
    assert len(answers) == 3
    assert sorted(status for _, status in answers) == ["accepted", "accepted", "refused"]
    twice = NationalFiling.objects.get(deliveries=2)
    assert twice.state == FilingState.ACCEPTED
    codes = {f.answer.get("code") for f in SandboxFiling.objects.filter(scenario="duplicate")}
    assert codes == {twice.dossier.code}
    refused = SandboxFiling.objects.get(scenario="unknown_procedure")
    assert "9.999999" in refused.answer["reason"]


@pytest.mark.skipif(
    "postgresql" not in connection.settings_dict["ENGINE"],
    reason="concurrent writers need PostgreSQL",
)
def test_the_same_dossier_delivered_at_the_same_moment_is_received_once(transactional_db):
    reload_reference_data()
    body = sandbox_portal.dossier_body("ok", 5)

    outcomes, barrier = [], threading.Barrier(4)

    def deliver() -> None:
        try:
            data = NationalDossierIn(data=body)
            data.is_valid(raise_exception=True)
            barrier.wait()
            outcomes.append(inbound.receive(data.validated_data))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(outcomes) == 4
    assert Dossier.objects.filter(national_code=body["national_code"]).count() == 1
    assert sum(o.created for o in outcomes) == 1
    assert {o.dossier.code for o in outcomes} == {Dossier.objects.get().code}
    assert NationalFiling.objects.get().deliveries == 4


def test_its_statuses_reach_the_portal_in_order_in_the_national_schema(client, db):
    ward = make_ward(WARD_B)
    body = sandbox_portal.dossier_body("ok", 6)
    code = _signed_post(client, body).json()["code"]
    dossier = client_for(ward.handling).get(f"/api/v1/dossiers/{code}/").json()
    accepted = act(ward.handling, dossier, "accept")
    assert accepted.status_code == 200, accepted.content

    delivery.deliver_outbox()
    held = sandbox_portal.state()["dossiers"][code]

    assert held["statuses"] == ["received", "in_progress"]
    assert held["national_code"] == body["national_code"]
    current = held["current"]
    assert current["MaHoSo"] == body["national_code"]
    assert current["SoBienNhan"] == code
    assert current["MaTTHC"] == body["procedure"]
    assert current["MaDonVi"] == Dossier.objects.get(code=code).handling_agency.code
    assert current["TrangThaiHoSo"] == "4"
    assert current["NgayTiepNhan"]
    assert current["NgayHenTra"]
    assert [h["NoiDungXuLy"] for h in current["QuaTrinhXuLy"]] == ["receive", "accept"]
    assert current["QuaTrinhXuLy"][1]["NguoiXuLy"] == ward.handling.username
    assert current["TrangThaiThanhToan"] == "0"


def test_the_sandbox_portal_keeps_the_newest_status_when_an_older_one_arrives_late(db):
    def event(number: int, status: str, at: str) -> dict:
        record = {"service": "DongBoHoSoMC", "data": [{"TrangThaiHoSo": status}]}
        return {
            "event_id": f"e-{number}",
            "key": "H26-X",
            "topic": "dossier.status",
            "payload": {"status": status, "at": at, "national": record},
        }

    newer = sandbox_portal.receive(event(2, "4", "2026-03-16T10:00:00+07:00"), wait=False)
    older = sandbox_portal.receive(event(1, "2", "2026-03-16T09:00:00+07:00"), wait=False)

    assert (newer.json["status"], older.json["status"]) == ("accepted", "accepted")
    held = sandbox_portal.state()["dossiers"]["H26-X"]
    assert (held["statuses"], held["out_of_order"]) == (["4"], 1)
    assert sandbox_portal.holdings(["H26-X"])["H26-X"]["TrangThaiHoSo"] == "4"
