"""Webhooks to a real HTTP receiver on the loopback address, which checks every delivery with
the verification function that docs/webhooks.md gives integrators."""

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from motcua.identity.services import create_official
from motcua.integrations import delivery, selectors, webhooks
from tests.builders.dossiers import ID_NUMBER, act, client_for, file_dossier, upload
from tests.builders.outbox import later

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"


def documented_verify() -> Any:
    """The `verify` function of docs/webhooks.md, run as an integrator would copy it."""
    section = DOCS.read_text().split("## Verifying a delivery", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict[str, Any] = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102
    return namespace["verify"]


@dataclass
class Receiver:
    """An integrator's endpoint: stores genuine events, refuses forged ones, can be down."""

    secret: str = ""
    up: bool = True
    events: list[dict[str, Any]] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)
    refused: int = 0
    down_answers: int = 0
    url: str = ""

    def answer(self, headers: dict[str, str], body: bytes) -> int:
        if not self.up:
            self.down_answers += 1
            return 503
        try:
            event = documented_verify()(self.secret, headers, body)
        except ValueError:
            self.refused += 1
            return 400
        self.events.append(event)
        self.bodies.append(body)
        return 204


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(state.answer(dict(self.headers), body))
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/events"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def system(db):
    return create_official("cong-quoc-gia", role="system")


def subscribe(system, receiver: Receiver, **extra: Any) -> dict[str, Any]:
    made = client_for(system).post(
        "/api/v1/subscriptions/", {"url": receiver.url, **extra}, format="json"
    )
    assert made.status_code == 201, made.content
    receiver.secret = made.json()["secret"]
    return made.json()


def deliver_all() -> None:
    for _ in range(10):
        if not delivery.deliver_outbox().delivered:
            return


def log_of(user, code: str) -> list[dict[str, Any]]:
    return client_for(user).get(f"/api/v1/dossiers/{code}/events/").json()["results"]


def test_every_event_arrives_once_in_order_through_a_minute_down(receiver, system, ward_a, ward_b):
    subscribe(system, receiver)

    dossier = file_dossier(ward_a.receiving)
    dossier = act(ward_b.handling, dossier, "accept").json()
    deliver_all()
    receiver.up = False  # the integrator's endpoint goes down for over a minute
    form = dossier["documents"][0]["requirement"]
    items = [{"requirement": form, "reason": "Tờ khai thiếu chữ ký"}]
    dossier = act(ward_b.handling, dossier, "request-supplement", items=items).json()
    deliver_all()
    with later(40):
        again = [{"requirement": form, "file": upload(ward_a.receiving)}]
        dossier = act(ward_a.receiving, dossier, "supplement", documents=again).json()
        deliver_all()
    with later(70):
        receiver.up = True
        dossier = act(ward_b.approver, dossier, "approve").json()
        dossier = act(ward_b.approver, dossier, "sign-result").json()
        dossier = act(ward_a.receiving, dossier, "return-result").json()
    with later(3600):  # past every backoff
        deliver_all()

    code = dossier["code"]
    log = log_of(ward_b.handling, code)
    assert [e["action"] for e in log] == [
        "receive",
        "accept",
        "request-supplement",
        "supplement",
        "approve",
        "sign-result",
        "return-result",
    ]
    assert [e["id"] for e in receiver.events] == [f"{code}/{e['seq']}" for e in log]
    assert [e["type"] for e in receiver.events] == [
        "vn.motcua.dossier.received",
        "vn.motcua.dossier.status_changed",
        "vn.motcua.dossier.status_changed",
        "vn.motcua.dossier.status_changed",
        "vn.motcua.dossier.status_changed",
        "vn.motcua.dossier.result_signed",
        "vn.motcua.dossier.status_changed",
    ]
    assert [e["data"]["status"] for e in receiver.events] == [e["status_after"] for e in log]
    assert receiver.down_answers >= 2  # it really was tried while down, and retried
    assert receiver.refused == 0
    first = receiver.events[0]
    assert (first["specversion"], first["subject"], first["sequence"]) == ("1.0", code, "1")
    everything = b"".join(receiver.bodies).decode()
    assert ID_NUMBER not in everything
    assert "0912345678" not in everything  # the applicant's phone
    assert "Nguyễn Văn An" not in everything


def test_the_documented_verification_refuses_a_forged_or_tampered_delivery(
    receiver, system, ward_a
):
    secret = subscribe(system, receiver)["secret"]
    file_dossier(ward_a.receiving)
    deliver_all()
    verify = documented_verify()
    body = receiver.bodies[0]
    stamp = str(int(__import__("time").time()))
    event_id = receiver.events[0]["id"]

    def headers(signature: str, message_id: str = event_id) -> dict[str, str]:
        return {
            "webhook-id": message_id,
            "webhook-timestamp": stamp,
            "webhook-signature": signature,
        }

    genuine = webhooks.signature(secret, event_id, stamp, body)
    forged = webhooks.signature(webhooks.new_secret(), event_id, stamp, body)
    tampered = body.replace(b'"status":"received"', b'"status":"approved"')

    assert verify(secret, headers(genuine), body)["id"] == event_id
    for bad_headers, bad_body in [
        (headers(forged), body),  # signed with another key
        (headers(genuine), tampered),  # the body changed after signing
        (headers("v1,"), body),
        ({**headers(genuine), "webhook-timestamp": str(int(stamp) - 3600)}, body),  # a replay
    ]:
        with pytest.raises(ValueError):  # noqa: PT011
            verify(secret, bad_headers, bad_body)
    assert tampered != body
    assert receiver.answer(headers(forged), body) == 400  # the receiver's own answer


def test_a_dead_letter_holds_the_dossiers_later_events_until_redelivered(
    receiver, system, ward_a, ward_b, settings
):
    settings.MOTCUA_OUTBOX_MAX_ATTEMPTS = 2
    subscription = subscribe(system, receiver, types=["dossier.received", "dossier.status_changed"])
    receiver.up = False
    dossier = file_dossier(ward_a.receiving)
    deliver_all()
    with later(3600):
        deliver_all()
        act(ward_b.handling, dossier, "accept")
        deliver_all()
    base = f"/api/v1/subscriptions/{subscription['id']}/deliveries/"
    dead = client_for(system).get(base, {"state": "dead"}).json()
    waiting = client_for(system).get(base, {"state": "waiting"}).json()
    other = create_official("he-thong-khac", role="system")

    receiver.up = True
    with later(7200):
        deliver_all()
        held = list(receiver.events)
        redone = client_for(system).post(f"{base}{dead['results'][0]['id']}/redeliver/")
        stolen = client_for(other).post(f"{base}{dead['results'][0]['id']}/redeliver/")
        deliver_all()

    code = dossier["code"]
    assert [d["event_id"] for d in dead["results"]] == [f"{code}/1"]
    assert [d["event_id"] for d in waiting["results"]] == [f"{code}/2"]  # held, not tried
    assert waiting["results"][0]["attempts"] == 0
    assert held == []
    assert redone.status_code == 200, redone.content
    assert stolen.status_code == 404  # another system's subscription is not even confirmed
    assert [e["id"] for e in receiver.events] == [f"{code}/1", f"{code}/2"]


def test_only_systems_subscribe_and_only_to_public_https_or_loopback_outside_production(
    system, ward_a, receiver, settings
):
    def post(user, url: str):
        return client_for(user).post("/api/v1/subscriptions/", {"url": url}, format="json")

    private = [post(system, url) for url in ("https://10.0.0.7/hook", "http://169.254.169.254/")]
    official = post(ward_a.receiving, receiver.url)
    settings.MOTCUA_WEBHOOK_ALLOW_LOOPBACK = False  # production
    loopback = post(system, receiver.url)
    listed = client_for(system).get("/api/v1/subscriptions/").json()

    assert [r.status_code for r in private] == [400, 400]
    assert private[0].json()["error"]["fields"]["url"]
    assert official.status_code == 403
    assert loopback.status_code == 400
    assert listed["count"] == 0
    assert "secret" not in json.dumps(listed)


def test_a_receiver_that_is_down_makes_no_pod_unready(receiver, system, ward_a):
    subscribe(system, receiver)
    receiver.up = False
    file_dossier(ward_a.receiving)

    with later(3600):
        deliver_all()  # the portal and the notices get theirs; the webhook does not
        lag = selectors.outbox_lag_seconds()
        backlog = {b.destination: b.pending for b in selectors.outbox_backlog()}

    assert backlog["webhook"] == 1  # still counted in /metrics
    assert lag == 0.0
