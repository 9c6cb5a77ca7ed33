"""The applicants' own changes made on the national portal (withdrawn, paid, supplemented
there) come in through the same signed push or the pull, are applied once and in order to the
dossier through its own services, and a refused one says why and is listed (issue 23)."""

import json
import time
from datetime import timedelta

from django.conf import settings

import pytest
import time_machine

from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import national_updates
from motcua.integrations import delivery, sandbox_portal, webhooks
from motcua.integrations.models import NationalUpdate, SandboxUpdate
from tests.builders.dossiers import WARD_B, act, client_for, make_ward
from tests.builders.reference import reload_reference_data
from tests.integrations.test_national_inbound import _signed_post as _signed_dossier

pytestmark = pytest.mark.usefixtures("reference_data_restored")

URL = "/api/v1/national-portal/updates/"


def _push(client, body: dict, *, secret: str | None = None):
    raw = json.dumps(body).encode()
    stamp = str(int(time.time()))
    signature = webhooks.signature(
        secret or settings.MOTCUA_NATIONAL_PORTAL_PUSH_SECRET, "update-1", stamp, raw
    )
    return client.post(
        URL,
        data=raw,
        content_type="application/json",
        HTTP_WEBHOOK_ID="update-1",
        HTTP_WEBHOOK_TIMESTAMP=stamp,
        HTTP_WEBHOOK_SIGNATURE=signature,
    )


def _filed(client, number: int = 1) -> Dossier:
    body = sandbox_portal.dossier_body("ok", number)
    answer = _signed_dossier(client, body)
    assert answer.status_code == 201, answer.content
    return Dossier.objects.get(national_code=body["national_code"])


def _asked_for_a_supplement(ward, dossier: Dossier) -> Dossier:
    shown = client_for(ward.handling).get(f"/api/v1/dossiers/{dossier.code}/").json()
    accepted = act(ward.handling, shown, "accept").json()
    requirement = dossier.documents.first().requirement_id
    asked = act(
        ward.handling,
        accepted,
        "request-supplement",
        items=[{"requirement": requirement, "reason": "Bản chụp mờ, không đọc được"}],
    )
    assert asked.status_code == 200, asked.content
    return Dossier.objects.get(pk=dossier.pk)


def _update(dossier: Dossier, kind: str, seq: int, **fields) -> dict:
    return {**sandbox_portal.update_body(dossier.national_code, kind, seq), **fields}


def test_a_supplement_then_a_withdrawal_made_on_the_portal_are_applied_once_in_order(client, db):
    ward = make_ward(WARD_B)
    dossier = _asked_for_a_supplement(ward, _filed(client))
    supplemented = _update(dossier, "supplemented", 1)
    withdrawn = _update(dossier, "withdrawn", 2)

    first = _push(client, supplemented)
    second = _push(client, withdrawn)
    again = _push(client, withdrawn)

    assert first.json() == {"update_id": supplemented["update_id"], "status": "applied"}
    assert second.json()["status"] == "applied"
    assert again.json() == {**second.json(), "repeated": True}
    dossier.refresh_from_db()
    assert dossier.status == "withdrawn"
    actions = list(dossier.events.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["supplement", "withdraw"]
    assert actions.count("withdraw") == 1
    assert dossier.events.get(action="withdraw").payload["reason"] == withdrawn["reason"]
    assert NationalUpdate.objects.get(update_id=withdrawn["update_id"]).deliveries == 2


def test_a_change_that_arrives_before_the_one_it_follows_waits_for_it(client, db):
    ward = make_ward(WARD_B)
    dossier = _asked_for_a_supplement(ward, _filed(client))

    early = _push(client, _update(dossier, "withdrawn", 2))
    dossier.refresh_from_db()
    assert early.json()["status"] == "waiting"
    assert dossier.status == "waiting_supplement"

    _push(client, _update(dossier, "supplemented", 1))

    dossier.refresh_from_db()
    assert dossier.status == "withdrawn"  # the supplement first, then the withdrawal
    states = dict(NationalUpdate.objects.values_list("seq", "state"))
    assert states == {1: "applied", 2: "applied"}


def test_a_change_the_rules_refuse_is_refused_with_the_reason_and_listed(client, db, coordinator):
    make_ward(WARD_B)
    dossier = _filed(client)

    paid = _push(client, _update(dossier, "paid", 1, payment={"transaction": "PAYGOV-1"}))

    assert paid.status_code == 200
    assert paid.json()["status"] == "refused"
    assert paid.json()["reason"]  # in Vietnamese, sent back to the portal
    dossier.refresh_from_db()
    assert dossier.fee_paid_at is None
    listed = client_for(coordinator).get(URL, {"state": "refused"}).json()
    assert [row["update_id"] for row in listed["results"]] == [f"upd-{dossier.national_code}-1"]


def test_an_unsigned_or_wrongly_signed_change_is_refused(client, db, ward_b):
    dossier = _filed(client)
    body = _update(dossier, "withdrawn", 1)

    unsigned = client.post(URL, data=json.dumps(body), content_type="application/json")
    forged = _push(client, body, secret="whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=")
    official = client_for(ward_b.handling).post(URL, body, format="json")

    assert (unsigned.status_code, forged.status_code, official.status_code) == (401, 401, 403)
    assert not NationalUpdate.objects.exists()


def test_the_worker_pulls_the_changes_and_answers_each(client, db):
    ward = make_ward(WARD_B)
    dossier = _asked_for_a_supplement(ward, _filed(client))
    sandbox_portal.update(dossier.national_code, "supplemented")
    sandbox_portal.update(dossier.national_code, "withdrawn")

    assert national_updates.pull_updates() == 2
    assert national_updates.pull_updates() == 0  # answered: the portal no longer offers them

    dossier.refresh_from_db()
    assert dossier.status == "withdrawn"
    answers = [u.answer["status"] for u in SandboxUpdate.objects.order_by("id")]
    assert answers == ["applied", "applied"]


def test_a_worker_killed_after_applying_a_change_never_applies_it_twice(client, db):
    make_ward(WARD_B)
    dossier = _filed(client)
    body = _update(dossier, "withdrawn", 1)
    NationalUpdate.objects.create(
        update_id=body["update_id"],
        national_code=body["national_code"],
        seq=1,
        kind="withdrawn",
        body=body,
        received_at=clock.now(),
    )
    claimed_dossier, claimed = national_updates._next(dossier.national_code)
    national_updates._apply(claimed_dossier, claimed)  # …and the worker dies before marking it

    assert national_updates.apply_waiting() == 0  # its claim is fresh: nobody takes it over
    with time_machine.travel(clock.now() + timedelta(minutes=5), tick=True):
        national_updates.apply_waiting()

    update = NationalUpdate.objects.get()
    assert update.state == "applied"
    assert dossier.events.filter(action="withdraw").count() == 1


@pytest.fixture
def live(transactional_db, live_server, settings):
    reload_reference_data()
    settings.MOTCUA_NATIONAL_PORTAL_CONNECTOR = (
        "motcua.integrations.connectors.http.HttpNationalPortal"
    )
    settings.MOTCUA_NATIONAL_PORTAL_URL = f"{live_server.url}/sandbox-portal/events"
    settings.MOTCUA_NATIONAL_PORTAL_API_URL = f"{live_server.url}/sandbox-portal"
    return live_server.url


def test_over_http_the_portals_withdrawal_comes_in_and_its_status_goes_back(live):
    make_ward(WARD_B)
    (filing,) = sandbox_portal.file("ok", target=live)
    code = filing.answer["code"]

    made = sandbox_portal.update(filing.national_code, "withdrawn", target=live)
    delivery.deliver_outbox()

    assert (made.answer_status, made.answer["status"]) == (200, "applied")
    assert Dossier.objects.get(code=code).status == "withdrawn"
    held = sandbox_portal.state()["dossiers"][code]
    assert held["statuses"] == ["received", "withdrawn"]
    assert held["current"]["TrangThaiHoSo"] == "7"
