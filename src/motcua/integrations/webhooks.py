"""Webhooks: dossier events as CloudEvents 1.0 (structured JSON mode), signed, over HTTPS.

Every event of a dossier's log (dossiers.events.append) is enqueued on the outbox for each
subscription that wants its type, in the transaction that appends it; the outbox delivers them
(at least once, in order per subscription and dossier, retries with backoff, dead letters) and
`send` here posts one. The body carries codes and statuses, never the applicant's ID number,
name or phone. Signatures follow the Standard Webhooks scheme: `webhook-signature: v1,<base64
HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}">` with the subscription's secret.

The target is checked when subscribing and again before each delivery, and the connection goes
to the very address that was checked (no second DNS answer): HTTPS to public addresses only;
plain HTTP to the loopback address only when MOTCUA_WEBHOOK_ALLOW_LOOPBACK (demo, tests). No
redirect is followed.
"""

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

import certifi
import urllib3

from motcua.core.text import is_ascii_number
from motcua.integrations.connectors.base import DeliveryFailed
from motcua.integrations.errors import InvalidTarget
from motcua.integrations.models import OutboxMessage, Subscription

PREFIX = "vn.motcua."
TYPES = [
    "dossier.received",
    "dossier.status_changed",
    "dossier.result_signed",
    "dossier.paid",
    "dossier.updated",  # an event that changes no status: assigned, forwarded, flagged overdue…
]
NAMED = {
    "receive": "dossier.received",
    "sign-result": "dossier.result_signed",
    "pay": "dossier.paid",
}


def event_type(payload: dict[str, Any]) -> str:
    """Return the event's type (without PREFIX) from what the dossier's log recorded."""
    if payload["action"] in NAMED:
        return NAMED[payload["action"]]
    if payload["status_before"] != payload["status"]:
        return "dossier.status_changed"
    return "dossier.updated"


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(secret: str, message_id: str, timestamp: str, body: bytes) -> str:
    """Return the `webhook-signature` header for one delivery."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verified(secret: str, body: bytes, headers: Any, *, tolerance_seconds: int = 300) -> bool:
    """Whether a received delivery carries a valid Standard Webhooks signature with `secret`,
    stamped within `tolerance_seconds` of now (an old one replayed is refused)."""
    message_id = headers.get("webhook-id", "")
    stamp = headers.get("webhook-timestamp", "")
    given = headers.get("webhook-signature", "")
    if not (secret and message_id and is_ascii_number(stamp) and given):
        return False
    if abs(time.time() - int(stamp)) > tolerance_seconds:
        return False
    expected = signature(secret, message_id, stamp, body).encode()
    # bytes: compare_digest refuses a str with a character outside ASCII (TypeError)
    return any(hmac.compare_digest(expected, part.encode()) for part in given.split())


def cloudevent(payload: dict[str, Any]) -> dict[str, Any]:
    """The CloudEvent (structured mode) of one event of a dossier's log."""
    code = payload["dossier"]
    return {
        "specversion": "1.0",
        "id": f"{code}/{payload['seq']}",
        "source": f"{settings.MOTCUA_PUBLIC_URL}/api/v1/dossiers/{code}/",
        "type": PREFIX + event_type(payload),
        "subject": code,
        "time": payload["at"],
        "sequence": str(payload["seq"]),
        "datacontenttype": "application/json",
        "data": payload,
    }


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    address: str  # the checked IP address the connection goes to
    path: str


def _allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address, scheme: str) -> bool:
    if address.is_loopback:
        return settings.MOTCUA_WEBHOOK_ALLOW_LOOPBACK
    return scheme == "https" and address.is_global and not address.is_multicast


def target(url: str) -> Target:
    """Resolve and check a subscriber's URL (SSRF: no private, link-local or loopback address,
    except loopback outside production); raise InvalidTarget."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.username:
        raise InvalidTarget()
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError) as exc:
        raise InvalidTarget() from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
    if not addresses or not all(_allowed(a, parts.scheme) for a in addresses):
        raise InvalidTarget()
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, parts.hostname, port, str(addresses[0]), path)


def _pool(place: Target) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(total=settings.MOTCUA_WEBHOOK_TIMEOUT)
    if place.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            place.address,
            place.port,
            server_hostname=place.host,
            assert_hostname=place.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            timeout=timeout,
            retries=False,
        )
    return urllib3.HTTPConnectionPool(place.address, place.port, timeout=timeout, retries=False)


def send(message: OutboxMessage) -> None:
    """Post one event to its subscriber; a 2xx answer is delivery, anything else DeliveryFailed."""
    subscription: Subscription = message.subscription
    event = cloudevent(message.payload)
    body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
    stamp = str(int(time.time()))  # the receiver's clock is the real one, never a demo's
    try:
        place = target(subscription.url)
    except InvalidTarget as exc:
        raise DeliveryFailed("the target is not allowed (private address or plain HTTP)") from exc
    headers = {
        "Host": place.host if place.port in (80, 443) else f"{place.host}:{place.port}",
        "Content-Type": "application/cloudevents+json; charset=utf-8",
        "User-Agent": "motcua-webhooks/1",
        "webhook-id": event["id"],
        "webhook-timestamp": stamp,
        "webhook-signature": signature(subscription.secret, event["id"], stamp, body),
    }
    pool = _pool(place)
    try:
        answer = pool.urlopen("POST", place.path, body=body, headers=headers, redirect=False)
    except urllib3.exceptions.HTTPError as exc:
        raise DeliveryFailed(f"unreachable: {type(exc).__name__}") from exc
    finally:
        pool.close()
    if not 200 <= answer.status < 300:
        raise DeliveryFailed(f"HTTP {answer.status}")
