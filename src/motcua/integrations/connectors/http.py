"""The national portal and the SMS gateway over HTTP, for production.

Portal: `POST {MOTCUA_NATIONAL_PORTAL_URL}` with a bearer token and the event as JSON; only a
2xx answer whose JSON names the same event id with status "accepted" or "duplicate" counts as
delivered. SMS: `POST {MOTCUA_SMS_URL}` with `{"to", "text", "message_id"}`; any 2xx counts.
Each call has an explicit timeout; retries belong to the outbox (backoff, dead letters), not here.
"""

from django.conf import settings

import requests

from motcua.integrations.connectors.base import (
    DeliveryFailed,
    IssuedReceipt,
    PortalEvent,
    ReceiptOrder,
    acknowledged,
    issued_receipt,
)


def _post(url: str, token: str, body: dict, timeout: float) -> requests.Response:
    try:
        return requests.post(
            url,
            json=body,
            headers={
                "Authorization": f"Bearer {token}",
                "Idempotency-Key": body.get("event_id")
                or body.get("message_id")
                or body.get("key", ""),
            },
            timeout=timeout,
        )
    except requests.Timeout as exc:
        raise DeliveryFailed(f"timeout after {timeout}s") from exc
    except requests.RequestException as exc:
        raise DeliveryFailed(f"unreachable: {type(exc).__name__}") from exc


class HttpNationalPortal:
    def send(self, event: PortalEvent) -> None:
        if not settings.MOTCUA_NATIONAL_PORTAL_URL:
            raise DeliveryFailed("MOTCUA_NATIONAL_PORTAL_URL is not set")
        response = _post(
            settings.MOTCUA_NATIONAL_PORTAL_URL,
            settings.MOTCUA_NATIONAL_PORTAL_TOKEN,
            event.body(),
            settings.MOTCUA_NATIONAL_PORTAL_TIMEOUT,
        )
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError as exc:
            raise DeliveryFailed("the answer is not JSON") from exc
        if not acknowledged(answer, event):
            raise DeliveryFailed("the answer does not acknowledge the event")


class HttpSms:
    def send(self, phone: str, text: str, *, message_id: str) -> None:
        if not settings.MOTCUA_SMS_URL:
            raise DeliveryFailed("MOTCUA_SMS_URL is not set")
        body = {"to": phone, "text": text, "message_id": message_id}
        response = _post(
            settings.MOTCUA_SMS_URL, settings.MOTCUA_SMS_TOKEN, body, settings.MOTCUA_SMS_TIMEOUT
        )
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")


class HttpReceiptProvider:
    """`POST {MOTCUA_RECEIPT_PROVIDER_URL}` with the order as JSON (Idempotency-Key: its key);
    a 2xx answer `{"series", "number", "lookup_code", "lookup_url"}` is the issued receipt."""

    def issue(self, order: ReceiptOrder) -> IssuedReceipt:
        if not settings.MOTCUA_RECEIPT_PROVIDER_URL:
            raise DeliveryFailed("MOTCUA_RECEIPT_PROVIDER_URL is not set")
        response = _post(
            settings.MOTCUA_RECEIPT_PROVIDER_URL,
            settings.MOTCUA_RECEIPT_PROVIDER_TOKEN,
            order.body(),
            settings.MOTCUA_RECEIPT_PROVIDER_TIMEOUT,
        )
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError as exc:
            raise DeliveryFailed("the answer is not JSON") from exc
        return issued_receipt(answer)
