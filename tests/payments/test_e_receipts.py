"""E-receipts through the registered provider (issue 25 item 3; DOMAIN N5): the sandbox
provider's receipt carries a series, a number and a lookup code; with the provider down our own
signed receipt is issued, marked as a fallback, and the outbox replaces it when it answers."""

import io
import json
import threading
import unicodedata
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.db import transaction

import pytest
import time_machine
from pypdf import PdfReader

from motcua.core import clock
from motcua.documents import signing
from motcua.integrations.connectors.base import DeliveryFailed, ReceiptOrder
from motcua.integrations.connectors.http import HttpReceiptProvider
from motcua.integrations.connectors.sandbox import SandboxReceiptProvider
from motcua.integrations.delivery import deliver_outbox
from motcua.integrations.models import OutboxMessage
from motcua.payments.models import Payment
from motcua.payments.services import receipts
from tests.builders.dossiers import client_for
from tests.builders.payments import approved_account, file_marital
from tests.payments.test_callbacks import SECRET, _body, _post


@pytest.fixture
def due(ward_b, centre, citizen, settings):
    settings.MOTCUA_PAYGOV_SECRET = SECRET
    approved_account(ward_b, centre)
    dossier = file_marital(citizen)
    client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/")
    return dossier


def _pay(code: str, event: str = "ev-1") -> None:
    response = _post(_body(code, event))
    assert response.status_code == 200, response.content


def _receipt(citizen, code: str) -> tuple[dict, str, bytes]:
    payment = client_for(citizen).get(f"/api/v1/dossiers/{code}/payment/").json()
    response = client_for(citizen).get(payment["receipt_url"])
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    text = unicodedata.normalize(
        "NFC", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    )
    return payment["receipt"], " ".join(text.split()), pdf


def test_the_sandbox_provider_issues_a_receipt_with_series_number_and_lookup_code(due, citizen):
    _pay(due["code"])
    receipt, text, pdf = _receipt(citizen, due["code"])

    year = f"{clock.now():%y}"
    assert receipt["series"] == f"1C{year}TBL"
    assert receipt["number"] == f"1C{year}TBL/0000001"
    assert len(receipt["lookup_code"]) == 12
    assert receipt["fallback"] is False
    assert f"Ký hiệu: {receipt['series']} — Số: 0000001" in text
    assert f"Mã tra cứu biên lai điện tử: {receipt['lookup_code']}" in text
    assert "dự phòng" not in text
    assert [c.verdict for c in signing.verify_pdf(pdf)] == ["valid"]
    message = OutboxMessage.objects.get(topic="payment.receipt")
    assert (message.delivered_at is not None, message.attempts) == (True, 1)


def test_with_the_provider_down_the_fallback_is_issued_and_later_replaced(due, citizen, settings):
    settings.MOTCUA_SANDBOX_RECEIPTS_DOWN = True
    _pay(due["code"])
    fallback, fallback_text, fallback_pdf = _receipt(citizen, due["code"])
    message = OutboxMessage.objects.get(topic="payment.receipt")
    waiting = (message.delivered_at, message.attempts)
    with time_machine.travel(clock.now() + timedelta(minutes=30)):
        still_down = deliver_outbox()

    settings.MOTCUA_SANDBOX_RECEIPTS_DOWN = False
    with time_machine.travel(clock.now() + timedelta(hours=3)):
        answered = deliver_outbox()
    replaced, text, pdf = _receipt(citizen, due["code"])
    again = deliver_outbox()
    message.refresh_from_db()

    assert fallback["fallback"] is True
    assert fallback["number"] == f"BL-{clock.now():%y}/0000001"
    assert fallback["lookup_code"] == ""
    assert "Biên lai dự phòng" in fallback_text
    assert [c.verdict for c in signing.verify_pdf(fallback_pdf)] == ["valid"]
    assert still_down.failed == 1
    assert waiting == (None, 1)  # asked once right after the payment's commit
    assert answered.delivered >= 1
    assert message.delivered_at is not None
    assert replaced["fallback"] is False
    assert replaced["series"].startswith("1C")
    assert replaced["lookup_code"]
    assert f"Mã tra cứu biên lai điện tử: {replaced['lookup_code']}" in text
    assert "dự phòng" not in text
    assert [c.verdict for c in signing.verify_pdf(pdf)] == ["valid"]
    assert again.delivered == 0
    assert Payment.objects.get().receipt_number == replaced["number"]


class Provider(BaseHTTPRequestHandler):
    """An e-receipt provider: records the orders and answers as `server.answer` says."""

    def do_POST(self) -> None:  # noqa: N802 (the http.server API)
        length = int(self.headers["Content-Length"])
        self.server.seen.append((dict(self.headers), json.loads(self.rfile.read(length))))
        answers = {
            "ok": (200, {"series": "1C26TAA", "number": "0000042", "lookup_code": "ABC123XYZ"}),
            "error": (503, {"error": "maintenance"}),
            "garbage": (200, {"series": "", "number": 7}),
        }
        status, body = answers[self.server.answer]
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the http.server API)
        pass


@pytest.fixture
def provider(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    server.seen, server.answer = [], "ok"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MOTCUA_RECEIPT_PROVIDER_URL = f"http://127.0.0.1:{server.server_port}/receipts"
    settings.MOTCUA_RECEIPT_PROVIDER_TOKEN = "provider-token"
    yield server
    server.shutdown()
    server.server_close()


ORDER = ReceiptOrder(
    key="paygov:PG-1",
    issuer_name="UBND phường Ngọc Hà",
    issuer_tax_code="0101234567",
    payer_name="Nguyễn Văn An",
    payer_address="",
    dossier_code="H26.50.00008-261207-0001",
    content="Lệ phí",
    amount_vnd=3000,
    paid_at="2026-12-07T10:00:00+07:00",
)


def test_the_http_adapter_sends_the_order_and_reads_the_receipt(provider):
    issued = HttpReceiptProvider().issue(ORDER)

    headers, body = provider.seen[0]
    assert (issued.series, issued.number, issued.lookup_code) == ("1C26TAA", "0000042", "ABC123XYZ")
    assert headers["Authorization"] == "Bearer provider-token"
    assert headers["Idempotency-Key"] == "paygov:PG-1"
    assert (body["amount_vnd"], body["issuer_tax_code"]) == (3000, "0101234567")


@pytest.mark.parametrize("answer", ["error", "garbage"])
def test_an_error_or_a_non_receipt_answer_is_no_receipt(provider, answer):
    provider.answer = answer
    with pytest.raises(DeliveryFailed):
        HttpReceiptProvider().issue(ORDER)


def test_over_http_a_paid_dossier_gets_the_providers_receipt(provider, due, citizen, settings):
    settings.MOTCUA_RECEIPT_PROVIDER_CONNECTOR = (
        "motcua.integrations.connectors.http.HttpReceiptProvider"
    )
    _pay(due["code"])
    receipt, text, _pdf = _receipt(citizen, due["code"])

    assert receipt == {
        "number": "1C26TAA/0000042",
        "series": "1C26TAA",
        "lookup_code": "ABC123XYZ",
        "lookup_url": "",
        "fallback": False,
    }
    assert provider.seen[0][1]["dossier_code"] == due["code"]
    assert "Mã tra cứu biên lai điện tử: ABC123XYZ" in text


class Watching:
    """A provider that notes whether it was called inside a transaction of ours."""

    calls: list[bool] = []

    def issue(self, order: ReceiptOrder):
        blocks = transaction.get_connection().atomic_blocks
        Watching.calls.append(any(not block._from_testcase for block in blocks))
        return SandboxReceiptProvider().issue(order)


def test_the_provider_is_asked_after_the_payments_transaction(due, citizen, settings):
    settings.MOTCUA_RECEIPT_PROVIDER_CONNECTOR = "tests.payments.test_e_receipts.Watching"
    Watching.calls = []
    _pay(due["code"])
    receipt, _text, _pdf = _receipt(citizen, due["code"])

    assert Watching.calls == [False]  # once, with no transaction (no row lock) open
    assert (receipt["series"][:2], receipt["fallback"]) == ("1C", False)


def test_a_crash_after_the_commit_leaves_the_receipt_to_the_worker(due, citizen, monkeypatch):
    monkeypatch.setattr(receipts, "deliver_now", lambda message_id: False)  # died right there
    _pay(due["code"])
    before = client_for(citizen).get(f"/api/v1/dossiers/{due['code']}/payment/").json()
    waiting = OutboxMessage.objects.get(topic="payment.receipt").delivered_at
    deliver_outbox()
    after, text, _pdf = _receipt(citizen, due["code"])
    again = deliver_outbox()

    assert (before["status"], before["receipt"]) == ("paid", None)
    assert waiting is None
    assert OutboxMessage.objects.get(topic="payment.receipt").delivered_at is not None
    assert again.delivered == 0
    assert (after["fallback"], bool(after["lookup_code"])) == (False, True)
    assert Payment.objects.get().receipt_number == after["number"]
