"""Results by post over HTTP against the sandbox postal operator (issue 25 item 1, DOMAIN N5):
a paper result ends with a postal order, a tracking number, a delivered status and the proof of
delivery on the dossier; an undeliverable item comes back and is handled; the counter is offered
only where the catalog or the city allows it; the postage follows Resolution 77/2025."""

import json
from typing import Any

import pytest

from motcua.delivery import services
from motcua.delivery.models import PostalOrder
from motcua.integrations.connectors.sandbox import sandbox_postal_update
from motcua.integrations.delivery import deliver_outbox
from motcua.integrations.models import OutboxMessage
from tests.builders.dossiers import act, client_for, file_dossier

ADDRESS = "Số 5 phố Đội Cấn, phường Ngọc Hà, Hà Nội"
PROOF = {"received_by": "Nguyễn Văn An", "signature_sha256": "ab" * 32}


@pytest.fixture(autouse=True)
def _rule_on(settings):
    settings.MOTCUA_RESULTS_BY_POST_FROM = "2026-01-01"


def _signed(citizen, ward_b, channel: str = "online") -> dict[str, Any]:
    dossier = file_dossier(
        citizen, channel=channel, delivery={"method": "postal", "address": ADDRESS}
    )
    dossier = act(ward_b.handling, dossier, "accept").json()
    for action in ("approve", "sign-result"):
        response = act(ward_b.approver, dossier, action)
        assert response.status_code == 200, response.content
        dossier = response.json()
    return dossier


def _callback(tracking: str, status: str, **extra: Any):
    body, headers = sandbox_postal_update(tracking, status, **extra)
    return client_for(None).post(
        "/api/v1/delivery/postal/callback/",
        body,
        content_type="application/json",
        headers=headers,
    )


def _orders(user, code: str) -> list[dict[str, Any]]:
    response = client_for(user).get(f"/api/v1/dossiers/{code}/postal/")
    assert response.status_code == 200, response.content
    return response.json()


def test_a_paper_result_is_posted_tracked_delivered_and_proved(citizen, ward_b):
    dossier = _signed(citizen, ward_b)
    before = _orders(citizen, dossier["code"])
    deliver_outbox()
    posted = _orders(citizen, dossier["code"])[0]
    tracking = posted["tracking_number"]
    in_transit = _callback(tracking, "in_transit")
    delivered = _callback(tracking, "delivered", proof=PROOF)
    again = _callback(tracking, "delivered", proof=PROOF)  # a new event id: a later status
    seen = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/").json()
    official = _orders(ward_b.handling, dossier["code"])[0]

    assert [o["status"] for o in before] == ["pending"]
    assert posted["status"] == "accepted"
    assert (tracking[:2], tracking[-2:]) == ("EB", "VN")
    assert (posted["cost_vnd"], posted["cost_payer"]) == (22000, "city")
    assert "77/2025/NQ-HĐND" in posted["cost_source"]
    assert posted["recipient"]["address"] == ADDRESS
    assert (in_transit.status_code, delivered.status_code) == (200, 200)
    assert delivered.json() == {"new": True}
    assert again.status_code == 200
    assert seen["status"] == "returned"
    assert seen["delivery"]["postal"]["tracking_number"] == tracking
    assert seen["delivery"]["postal"]["proof"]["received_by"] == "Nguyễn Văn An"
    assert official["status"] == "delivered"
    assert official["proof"]["signature_sha256"] == "ab" * 32
    assert [e["status"] for e in official["events"]] == [
        "in_transit",
        "delivered",
        "delivered",
    ]
    notice = OutboxMessage.objects.filter(topic="dossier.postal", key=dossier["code"])
    assert notice.filter(payload__kind="posted").exists()


def test_the_same_status_twice_counts_once_and_a_forged_one_is_refused(citizen, ward_b):
    dossier = _signed(citizen, ward_b)
    deliver_outbox()
    tracking = PostalOrder.objects.get(dossier__code=dossier["code"]).tracking_number
    body, headers = sandbox_postal_update(tracking, "in_transit")
    url = "/api/v1/delivery/postal/callback/"
    first = client_for(None).post(url, body, content_type="application/json", headers=headers)
    replay = client_for(None).post(url, body, content_type="application/json", headers=headers)
    forged_body = json.dumps({**json.loads(body), "status": "delivered"}).encode()
    forged = client_for(None).post(
        url, forged_body, content_type="application/json", headers=headers
    )

    assert first.json() == {"new": True}
    assert replay.json() == {"new": False}
    assert forged.status_code == 403
    assert PostalOrder.objects.get(tracking_number=tracking).status == "in_transit"


def test_an_undeliverable_item_comes_back_and_is_sent_again(citizen, ward_b, ward_c):
    dossier = _signed(citizen, ward_b)
    deliver_outbox()
    tracking = PostalOrder.objects.get(dossier__code=dossier["code"]).tracking_number
    _callback(tracking, "undeliverable", note="Không có người nhận")
    _callback(tracking, "returned")
    back = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/").json()
    told = OutboxMessage.objects.filter(
        topic="dossier.postal", key=dossier["code"], payload__kind="postal_returned"
    )
    refused = client_for(ward_c.receiving).post(
        f"/api/v1/dossiers/{dossier['code']}/postal/returned/",
        {"handling": "resent", "address": "Số 1 Tràng Tiền"},
        format="json",
    )
    resent = client_for(ward_b.handling).post(
        f"/api/v1/dossiers/{dossier['code']}/postal/returned/",
        {"handling": "resent", "address": "Số 1 Tràng Tiền, Hoàn Kiếm"},
        format="json",
    )
    deliver_outbox()
    orders = _orders(citizen, dossier["code"])
    _callback(orders[1]["tracking_number"], "delivered", proof=PROOF)
    done = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/").json()

    assert back["status"] == "result_signed"  # the result is back at the agency
    assert back["delivery"]["postal"]["status"] == "returned"
    assert told.count() == 2  # e-mail and SMS
    assert told.first().payload["tracking_number"] == tracking
    assert refused.status_code in (403, 404)
    assert resent.status_code == 200, resent.content
    assert [(o["attempt"], o["status"]) for o in orders] == [(1, "handled"), (2, "accepted")]
    assert orders[0]["handling"] == "resent"
    assert orders[1]["recipient"]["address"] == "Số 1 Tràng Tiền, Hoàn Kiếm"
    assert orders[1]["tracking_number"] != tracking
    assert done["status"] == "returned"


def test_a_returned_item_collected_at_the_counter(citizen, ward_b):
    dossier = _signed(citizen, ward_b)
    deliver_outbox()
    tracking = PostalOrder.objects.get(dossier__code=dossier["code"]).tracking_number
    _callback(tracking, "undeliverable")
    _callback(tracking, "returned")
    kept = client_for(ward_b.handling).post(
        f"/api/v1/dossiers/{dossier['code']}/postal/returned/",
        {"handling": "counter"},
        format="json",
    )
    current = client_for(ward_b.handling).get(f"/api/v1/dossiers/{dossier['code']}/").json()
    handed = act(ward_b.handling, current, "return-result")

    assert kept.status_code == 200, kept.content
    assert current["delivery"]["method"] == "counter"
    assert handed.json()["status"] == "returned"


def test_the_operator_down_leaves_the_order_to_the_outbox(citizen, ward_b, settings):
    settings.MOTCUA_SANDBOX_POSTAL_DOWN = True
    dossier = _signed(citizen, ward_b)
    down = deliver_outbox()
    waiting = PostalOrder.objects.get(dossier__code=dossier["code"])
    settings.MOTCUA_SANDBOX_POSTAL_DOWN = False
    OutboxMessage.objects.filter(topic="postal.order").update(next_attempt_at=None)
    deliver_outbox()
    deliver_outbox()  # a second round changes nothing
    order = PostalOrder.objects.get(dossier__code=dossier["code"])

    assert down.failed >= 1
    assert (waiting.status, waiting.tracking_number) == ("pending", "")
    assert order.status == "accepted"
    assert order.tracking_number


def test_the_pull_finds_a_status_whose_callback_was_lost(citizen, ward_b):
    dossier = _signed(citizen, ward_b)
    deliver_outbox()
    tracking = PostalOrder.objects.get(dossier__code=dossier["code"]).tracking_number
    sandbox_postal_update(tracking, "delivered", proof=PROOF)  # its callback never came

    first, second = services.pull(), services.pull()
    seen = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/").json()

    assert first >= 1
    assert second == 0
    assert seen["status"] == "returned"


def test_counter_postage_is_the_applicants(ward_a, ward_b):
    dossier = _signed(ward_a.receiving, ward_b, channel="counter")
    deliver_outbox()
    order = PostalOrder.objects.get(dossier__code=dossier["code"])

    assert order.cost_payer == "applicant"
    assert "77/2025" not in order.cost_source


def test_the_counter_is_offered_only_where_the_catalog_or_the_city_allows_it(ward_a, settings):
    refused = client_for(ward_a.receiving).post(
        "/api/v1/dossiers/",
        _birth(ward_a.receiving),
        format="json",
    )
    no_address = client_for(ward_a.receiving).post(
        "/api/v1/dossiers/",
        _birth(ward_a.receiving, delivery={"method": "postal"}),
        format="json",
    )
    settings.MOTCUA_COUNTER_RESULT_PROCEDURES = [_birth(ward_a.receiving)["procedure"]]
    allowed = client_for(ward_a.receiving).post(
        "/api/v1/dossiers/", _birth(ward_a.receiving), format="json"
    )

    assert refused.status_code == 400
    assert "delivery" in refused.json()["error"]["fields"]
    assert no_address.status_code == 400
    assert allowed.status_code == 201, allowed.content


def _birth(user, **extra: Any) -> dict[str, Any]:
    from tests.builders.dossiers import birth_payload

    return birth_payload(user, **extra)


def test_the_applicant_and_the_public_page_show_the_tracking(citizen, ward_b, client):
    from tests.builders.dossiers import ID_NUMBER

    dossier = _signed(citizen, ward_b)
    deliver_outbox()
    tracking = PostalOrder.objects.get(dossier__code=dossier["code"]).tracking_number
    _callback(tracking, "delivered", proof=PROOF)
    client.force_login(citizen)
    mine = client.get(f"/my/dossiers/{dossier['code']}/").content.decode()
    public = client.get(f"/track/{dossier['code']}/?id_last4={ID_NUMBER[-4:]}").content.decode()
    client.force_login(ward_b.handling)
    official = client.get(f"/workspace/dossiers/{dossier['code']}/").content.decode()

    for page in (mine, public, official):
        assert tracking in page
    assert "Nguyễn Văn An" in mine
    assert "Nguyễn Văn An" in official
    assert "Nguyễn Văn An" not in public  # the public page names no one
    assert "77/2025/NQ-HĐND" in mine
