"""Provider callbacks: signed ones pay once; forged, unsigned, stale or replayed ones are
refused and change nothing."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from motcua.payments import providers
from motcua.payments.models import Payment
from tests.builders.dossiers import act, client_for
from tests.builders.payments import approved_account, file_marital

SECRET = "paygov-test-secret"


@pytest.fixture
def paygov(settings):
    settings.MOTCUA_PAYGOV_SECRET = SECRET


def _body(code: str, event: str = "ev-1", amount: int = 3000) -> bytes:
    return json.dumps(
        {
            "event_id": event,
            "order_id": code,
            "transaction_id": f"PG-{event}",
            "amount": amount,
            "paid_at": "2026-11-23T10:00:00+07:00",
            "status": "success",
        }
    ).encode()


def _post(body: bytes, *, secret: str = SECRET, stamp: int | None = None, signed: bool = True):
    from rest_framework.test import APIClient

    stamp = int(time.time()) if stamp is None else stamp
    headers = {}
    if signed:
        headers = {
            "HTTP_X_MOTCUA_TIMESTAMP": str(stamp),
            "HTTP_X_MOTCUA_SIGNATURE": providers.sign(secret, str(stamp), body),
        }
    return APIClient().post(
        "/api/v1/payments/providers/paygov/callback/",
        body,
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def due(ward_b, centre, citizen, paygov):
    approved_account(ward_b, centre)
    dossier = file_marital(citizen)
    client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/")
    return dossier


def _state(citizen, code: str) -> tuple:
    dossier = client_for(citizen).get(f"/api/v1/dossiers/{code}/").json()
    return dossier["fee"]["paid"], dossier["version"], Payment.objects.count()


def test_a_signed_callback_pays_and_its_replay_is_refused(due, citizen):
    body = _body(due["code"])

    first = _post(body)
    after_first = _state(citizen, due["code"])
    replay = _post(body)

    assert first.status_code == 200, first.content
    assert first.json()["paid"] == [due["code"]]
    assert after_first[0] is True
    assert replay.status_code == 409
    assert replay.json()["error"]["code"] == "callback_replayed"
    assert _state(citizen, due["code"]) == after_first


@pytest.mark.parametrize(
    "attack",
    ["forged", "unsigned", "stale", "wrong_secret", "tampered_amount"],
)
def test_a_forged_or_stale_callback_is_refused_and_changes_nothing(due, citizen, attack):
    before = _state(citizen, due["code"])
    body = _body(due["code"])
    if attack == "forged":
        response = _post(body, secret="guessed")
    elif attack == "unsigned":
        response = _post(body, signed=False)
    elif attack == "stale":
        response = _post(body, stamp=int(time.time()) - 3600)
    elif attack == "wrong_secret":
        response = _post(body, secret=SECRET + "x")
    else:  # signed for 3,000, then the amount changed in transit
        stamp = int(time.time())
        signature = providers.sign(SECRET, str(stamp), body)
        from rest_framework.test import APIClient

        response = APIClient().post(
            "/api/v1/payments/providers/paygov/callback/",
            body.replace(b"3000", b"300"),
            content_type="application/json",
            HTTP_X_MOTCUA_TIMESTAMP=str(stamp),
            HTTP_X_MOTCUA_SIGNATURE=signature,
        )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "callback_refused"
    assert _state(citizen, due["code"]) == before


def test_garbage_behind_a_good_signature_is_a_400(due):
    assert _post(b"{not json").status_code == 400


def test_callbacks_are_refused_while_no_secret_is_configured(due, settings):
    settings.MOTCUA_PAYGOV_SECRET = ""

    assert _post(_body(due["code"]), secret="").status_code == 403


def test_prior_payment_is_required_before_approval_when_the_procedure_says_so(due, citizen, ward_b):
    from motcua.catalog.models import ProcedureVersion

    ProcedureVersion.objects.filter(procedure__code="1.004873").update(payment_before_approval=True)
    accepted = act(ward_b.handling, due, "accept").json()

    refused = act(ward_b.approver, accepted, "approve")
    _post(_body(due["code"]))
    paid = client_for(citizen).get(f"/api/v1/dossiers/{due['code']}/").json()
    approved = act(ward_b.approver, paid, "approve")

    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "payment_required"
    assert approved.status_code == 200, approved.content


def test_the_sandbox_page_pays_through_the_same_signed_path(due, citizen, client):
    client.force_login(citizen)
    url = f"/payments/sandbox/{due['code']}/"

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    failed = client.post(url, {"outcome": "failure"})
    state_after_failure = _state(citizen, due["code"])
    paid = client.post(url, {"outcome": "success"})

    assert page.status_code == 200
    assert "3.000 đ" in page.content.decode()  # amounts always read "8.000 đ" (issue 19)
    assert state_after_failure[0] is False
    assert failed.status_code == 200
    assert paid.status_code == 200
    assert _state(citizen, due["code"])[0] is True


class _Platform(BaseHTTPRequestHandler):
    """The national platform's order endpoint, as far as we know its shape: it checks our
    signature and answers with the payment page."""

    fail = False
    seen: list[dict] = []

    def do_POST(self):  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        stamp = self.headers["X-Motcua-Timestamp"]
        good = providers.sign(SECRET, stamp, body) == self.headers["X-Motcua-Signature"]
        type(self).seen.append({"path": self.path, "good": good, **json.loads(body)})
        status = 500 if type(self).fail or not good else 200
        answer = json.dumps({"payment_url": "https://pay.example.vn/p/123"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def test_the_platform_adapter_opens_a_signed_order_over_http(due, citizen, settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Platform)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MOTCUA_PAYGOV_URL = f"http://127.0.0.1:{server.server_port}/api"
    url = f"/api/v1/dossiers/{due['code']}/payment/start/"
    try:
        started = client_for(citizen).post(url)
        _Platform.fail = True
        down = client_for(citizen).post(url)
    finally:
        _Platform.fail = False
        server.shutdown()

    assert started.json() == {"payment_url": "https://pay.example.vn/p/123"}
    assert _Platform.seen[0]["path"] == "/api/orders"
    assert _Platform.seen[0]["good"] is True
    assert _Platform.seen[0]["order_id"] == due["code"]
    assert _Platform.seen[0]["amount"] == 3000
    assert _Platform.seen[0]["return_url"].endswith(f"/track/{due['code']}")
    assert down.status_code == 503
    assert down.json()["error"]["code"] == "payment_provider_unavailable"


def test_the_sandbox_page_sends_a_stranger_to_sign_in(due, client):
    response = client.get(f"/payments/sandbox/{due['code']}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/oidc/authenticate/?next=")


@pytest.mark.parametrize("amount", [-3000, 0, 10**30, 2**63])
def test_a_signed_callback_with_an_impossible_amount_is_refused_and_pays_nothing(
    due, citizen, amount
):
    before = _state(citizen, due["code"])

    response = _post(_body(due["code"], event=f"ev-{amount}", amount=amount))

    assert 400 <= response.status_code < 500, response.content
    error = response.json()["error"]
    assert error["message"]
    assert error["message_en"]
    assert _state(citizen, due["code"]) == before
