"""The HTTP SMS adapter against a gateway served over real HTTP on loopback: what it sends
(bearer token, the phone, the text, the message id as the idempotency key); that an error
answer, a slow gateway or no gateway at all is no delivery (the outbox retries it); and that an
SMS dead-lettered after its last attempt does not hold back the applicant's later ones."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import override_settings

import pytest

from motcua.integrations import delivery
from motcua.integrations.connectors.base import DeliveryFailed
from motcua.integrations.connectors.http import HttpSms
from motcua.integrations.models import OutboxMessage
from tests.builders.dossiers import act, file_dossier
from tests.builders.outbox import later


class Gateway(BaseHTTPRequestHandler):
    """An SMS gateway: records what it is sent and answers as `server.answer` says."""

    def do_POST(self) -> None:  # noqa: N802 (the http.server API)
        length = int(self.headers.get("Content-Length", 0))
        self.server.seen.append((dict(self.headers), json.loads(self.rfile.read(length))))
        if self.server.answer == "slow":
            time.sleep(1.5)
        status = 500 if self.server.answer == "error" else 202
        self.send_response(status)
        self.end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the http.server API)
        self.server.log.append(format % args)  # kept, not printed to the test output


@pytest.fixture
def gateway(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    server.seen, server.log, server.answer = [], [], "ok"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MOTCUA_SMS_URL = f"http://127.0.0.1:{server.server_port}/sms"
    settings.MOTCUA_SMS_TOKEN = "sms-secret"
    settings.MOTCUA_SMS_TIMEOUT = 0.5
    yield server
    server.shutdown()
    server.server_close()


def test_the_gateway_gets_the_phone_the_text_and_the_message_id(gateway):
    HttpSms().send("0912345678", "Hồ sơ H26… đã có kết quả.", message_id="motcua-01-42")

    ((headers, body),) = gateway.seen
    assert body == {"to": "0912345678", "text": "Hồ sơ H26… đã có kết quả.",
                    "message_id": "motcua-01-42"}  # fmt: skip
    assert headers["Authorization"] == "Bearer sms-secret"
    assert headers["Idempotency-Key"] == "motcua-01-42"  # a resend is the same message


@pytest.mark.parametrize(("answer", "said"), [("error", "HTTP 500"), ("slow", "timeout")])
def test_an_error_or_a_slow_gateway_is_no_delivery(gateway, answer, said):
    gateway.answer = answer

    with pytest.raises(DeliveryFailed, match=said):
        HttpSms().send("0912345678", "x", message_id="motcua-01-43")


def test_no_gateway_listening_is_no_delivery(gateway, settings):
    settings.MOTCUA_SMS_URL = "http://127.0.0.1:9/sms"  # the discard port: nothing listens

    with pytest.raises(DeliveryFailed, match="unreachable"):
        HttpSms().send("0912345678", "x", message_id="motcua-01-44")


@override_settings(
    MOTCUA_OUTBOX_MAX_ATTEMPTS=2,
    MOTCUA_SMS_CONNECTOR="motcua.integrations.connectors.http.HttpSms",
)
def test_a_dead_sms_does_not_silence_the_applicants_later_ones(gateway, ward_a, ward_b):
    gateway.answer = "error"
    receipt = file_dossier(ward_a.receiving)  # the receipt notice
    for day in (1, 2, 3):
        with later(day * 24 * 3600):
            delivery.deliver_outbox()
    dead = OutboxMessage.objects.get(key=receipt["code"], destination="sms")
    assert dead.dead_at is not None

    gateway.answer = "ok"
    accepted = act(ward_b.handling, receipt, "accept").json()
    form = accepted["documents"][0]["requirement"]
    act(ward_b.handling, accepted, "request-supplement",
        items=[{"requirement": form, "reason": "Tờ khai mờ"}])  # fmt: skip
    with later(4 * 24 * 3600):
        delivery.deliver_outbox()

    texts = [body["text"] for _headers, body in gateway.seen if body["to"] == "0912345678"]
    assert len(texts) == 3  # two refused receipts, then the supplementation request
    assert "bổ sung" in texts[-1].lower()
    portal = OutboxMessage.objects.filter(key=receipt["code"], destination="national_portal")
    assert portal.filter(delivered_at__isnull=False).count() == portal.count()  # its own line
