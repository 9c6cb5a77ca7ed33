"""Payment providers behind one interface: the national payment platform (HTTP) and a sandbox.

A provider confirms a payment by calling back `POST /api/v1/payments/providers/{name}/callback/`
with a JSON body signed by HMAC-SHA256 over "<timestamp>.<body>" with the secret shared with it
(headers `X-Motcua-Timestamp`, `X-Motcua-Signature`). Unsigned, badly signed or stale callbacks
are refused; a replayed event id is refused by the caller (payments.services).
"""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import requests

from motcua.core.errors import DomainError, Forbidden, NotFound
from motcua.core.text import is_ascii_number

MAX_SKEW_SECONDS = 300
# A confirmed payment is a positive whole number of VND, at most this (a bigint holds it).
MAX_PAYMENT_VND = 10**12


class CallbackRefused(Forbidden):
    code = "callback_refused"
    message = _("The payment confirmation is not signed by the provider, or is too old.")


class BadCallback(DomainError):
    code = "bad_callback"
    message = _("The payment confirmation cannot be read.")


class BadCallbackAmount(BadCallback):
    code = "bad_callback_amount"
    message = _("The payment confirmation's amount is not a positive amount of VND.")


class ProviderUnavailable(DomainError):
    status = 503
    code = "payment_provider_unavailable"
    message = _("The payment platform is not available; pay by bank transfer with the QR code.")


@dataclass(frozen=True)
class Confirmation:
    event_id: str
    dossier_code: str
    reference: str
    amount_vnd: int
    paid_at: datetime
    succeeded: bool


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature a provider puts in X-Motcua-Signature."""
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Provider:
    name: str
    secret: str
    base_url: str = ""

    def verify(self, body: bytes, headers: Any) -> Confirmation:
        """Check the signature and freshness, then read the confirmation; or refuse (403/400)."""
        timestamp = headers.get("X-Motcua-Timestamp", "")
        signature = headers.get("X-Motcua-Signature", "")
        if not self.secret or not is_ascii_number(timestamp) or not signature:
            raise CallbackRefused()
        if abs(time.time() - int(timestamp)) > MAX_SKEW_SECONDS:
            raise CallbackRefused()
        if not hmac.compare_digest(sign(self.secret, timestamp, body).encode(), signature.encode()):
            raise CallbackRefused()
        try:
            data = json.loads(body)
            paid_at = datetime.fromisoformat(data["paid_at"])
            amount = data["amount"]
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise BadCallback() from exc
        if type(amount) is not int or not 0 < amount <= MAX_PAYMENT_VND:
            raise BadCallbackAmount(fields={"amount": [str(amount)[:40]]})
        try:
            return Confirmation(
                event_id=str(data["event_id"])[:100],
                dossier_code=str(data["order_id"])[:60],
                reference=str(data["transaction_id"])[:100],
                amount_vnd=amount,
                paid_at=paid_at if timezone.is_aware(paid_at) else timezone.make_aware(paid_at),
                succeeded=data.get("status") == "success",
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise BadCallback() from exc

    def start(self, *, dossier_code: str, amount_vnd: int, return_url: str) -> str:
        """Open a payment order at the platform and return the page the payer goes to."""
        if not self.base_url:
            raise ProviderUnavailable()
        body = json.dumps(
            {"order_id": dossier_code, "amount": amount_vnd, "return_url": return_url}
        ).encode()
        timestamp = str(int(time.time()))
        try:
            response = requests.post(
                f"{self.base_url.rstrip('/')}/orders",
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "X-Motcua-Timestamp": timestamp,
                    "X-Motcua-Signature": sign(self.secret, timestamp, body),
                },
                timeout=10,
            )
            response.raise_for_status()
            return str(response.json()["payment_url"])
        except (requests.RequestException, ValueError, KeyError) as exc:
            raise ProviderUnavailable() from exc


def provider(name: str) -> Provider:
    """Return the provider of that name as configured, or 404."""
    if name == "paygov":
        return Provider("paygov", settings.MOTCUA_PAYGOV_SECRET, settings.MOTCUA_PAYGOV_URL)
    if name == "sandbox" and settings.MOTCUA_SANDBOX_PAYMENTS:
        return Provider("sandbox", settings.MOTCUA_SANDBOX_PAYMENT_SECRET)
    raise NotFound()
