"""The national portal and the SMS gateway over HTTP, for production.

Portal: `POST {MOTCUA_NATIONAL_PORTAL_URL}` with a bearer token and the event as JSON; only a
2xx answer whose JSON names the same event id with status "accepted" or "duplicate" counts as
delivered. The dossiers filed there come from `{MOTCUA_NATIONAL_PORTAL_API_URL}`: `GET pending`,
`POST acknowledgements`, `POST holdings`, documents under `files/` and `data/`; the applicants'
changes made there from `GET updates`, answered with `POST update-acknowledgements`.
SMS: `POST {MOTCUA_SMS_URL}` with `{"to", "text", "message_id"}`; any 2xx counts.
Each call has an explicit timeout; retries belong to the outbox (backoff, dead letters), not here.
"""

from typing import Any
from urllib.parse import quote

from django.conf import settings

import requests

from motcua.integrations.connectors.base import (
    AcceptedParcel,
    DeliveryFailed,
    IssuedReceipt,
    ParcelOrder,
    ParcelStatus,
    PartHandOver,
    PartResult,
    PortalEvent,
    ReceiptOrder,
    accepted_parcel,
    acknowledged,
    issued_receipt,
    parcel_status,
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


def _api(path: str) -> str:
    base = settings.MOTCUA_NATIONAL_PORTAL_API_URL.rstrip("/")
    if not base:
        raise DeliveryFailed("MOTCUA_NATIONAL_PORTAL_API_URL is not set")
    return f"{base}/{path}"


def _call(method: str, url: str, body: Any = None) -> requests.Response:
    try:
        response = requests.request(
            method,
            url,
            json=body,
            headers={"Authorization": f"Bearer {settings.MOTCUA_NATIONAL_PORTAL_TOKEN}"},
            timeout=settings.MOTCUA_NATIONAL_PORTAL_TIMEOUT,
            allow_redirects=False,
        )
    except requests.Timeout as exc:
        raise DeliveryFailed("timeout") from exc
    except requests.RequestException as exc:
        raise DeliveryFailed(f"unreachable: {type(exc).__name__}") from exc
    if not 200 <= response.status_code < 300:
        raise DeliveryFailed(f"HTTP {response.status_code}")
    return response


def _json(response: requests.Response, kind: type) -> Any:
    try:
        answer = response.json()
    except ValueError as exc:
        raise DeliveryFailed("the answer is not JSON") from exc
    if not isinstance(answer, kind):
        raise DeliveryFailed("the answer is not what was asked for")
    return answer


class HttpNationalPortalInbound:
    """The inbound half over HTTP (HttpNationalPortal inherits it)."""

    def pending(self) -> list[dict[str, Any]]:
        answer = _json(_call("GET", _api("pending")), list)
        return [item for item in answer if isinstance(item, dict)]

    def acknowledge(self, national_code: str, answer: dict[str, Any]) -> None:
        _call("POST", _api("acknowledgements"), {"national_code": national_code, **answer})

    def document(self, reference: str) -> tuple[str, bytes]:
        base = settings.MOTCUA_NATIONAL_PORTAL_API_URL.rstrip("/") + "/"
        # Only the portal's own files: a pushed body must not make us fetch any other address.
        url = reference if reference.startswith(base) else _api("data/" + quote(reference, ""))
        response = _call("GET", url)
        if len(response.content) > settings.MOTCUA_UPLOAD_MAX_BYTES:
            raise DeliveryFailed("the document is too large")
        return url.rsplit("/", 1)[-1] or "document", response.content

    def holdings(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        return _json(_call("POST", _api("holdings"), {"codes": codes}), dict)

    def pending_updates(self) -> list[dict[str, Any]]:
        answer = _json(_call("GET", _api("updates")), list)
        return [item for item in answer if isinstance(item, dict)]

    def acknowledge_update(self, update_id: str, answer: dict[str, Any]) -> None:
        _call("POST", _api("update-acknowledgements"), {**answer, "update_id": update_id})


class HttpNationalPortal(HttpNationalPortalInbound):
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


class HttpPostalOperator:
    """The postal operator's API: `POST {MOTCUA_POSTAL_URL}/orders` with the order as JSON
    (Idempotency-Key: its key) → `{"tracking_number", "cost_vnd"}`; `GET
    {MOTCUA_POSTAL_URL}/orders/{tracking_number}/statuses` → a list of statuses. Statuses also
    come as signed callbacks (`/api/v1/delivery/postal/callback/`)."""

    def _url(self, path: str) -> str:
        base = settings.MOTCUA_POSTAL_URL.rstrip("/")
        if not base:
            raise DeliveryFailed("MOTCUA_POSTAL_URL is not set")
        return f"{base}/{path}"

    def create(self, order: ParcelOrder) -> AcceptedParcel:
        response = _post(
            self._url("orders"),
            settings.MOTCUA_POSTAL_TOKEN,
            order.body(),
            settings.MOTCUA_POSTAL_TIMEOUT,
        )
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")
        return accepted_parcel(_json(response, dict))

    def statuses(self, tracking_number: str) -> list[ParcelStatus]:
        try:
            response = requests.get(
                self._url(f"orders/{quote(tracking_number, '')}/statuses"),
                headers={"Authorization": f"Bearer {settings.MOTCUA_POSTAL_TOKEN}"},
                timeout=settings.MOTCUA_POSTAL_TIMEOUT,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise DeliveryFailed(f"unreachable: {type(exc).__name__}") from exc
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")
        found = []
        for item in _json(response, list):
            try:
                found.append(parcel_status(item))
            except ValueError:
                continue  # one unreadable status does not hide the others
        return found


class HttpParticipantSystem:
    """A participating agency's system over HTTP: `POST {base}/parts/` with the routing slip
    (Idempotency-Key: the message id) answers `{"reference"}`; `GET {base}/parts/{reference}/`
    answers `{"status": "done", "number", "note"}` once resolved. The base address and token
    of each system are MOTCUA_PARTICIPANT_SYSTEMS[system] = {"url", "token"}."""

    def _system(self, system: str) -> dict[str, str]:
        found = settings.MOTCUA_PARTICIPANT_SYSTEMS.get(system) or {}
        if not found.get("url"):
            raise DeliveryFailed(f"no address for the {system} system")
        return found

    def hand_over(self, part: PartHandOver) -> str:
        target = self._system(part.system)
        response = _post(
            f"{target['url'].rstrip('/')}/parts/",
            target.get("token", ""),
            part.body(),
            settings.MOTCUA_PARTICIPANT_TIMEOUT,
        )
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")
        try:
            reference = str(response.json()["reference"])
        except (ValueError, KeyError, TypeError) as exc:
            raise DeliveryFailed("the answer has no reference") from exc
        return reference

    def result(self, system: str, reference: str) -> PartResult | None:
        target = self._system(system)
        try:
            response = requests.get(
                f"{target['url'].rstrip('/')}/parts/{quote(reference, safe='')}/",
                headers={"Authorization": f"Bearer {target.get('token', '')}"},
                timeout=settings.MOTCUA_PARTICIPANT_TIMEOUT,
            )
        except requests.RequestException as exc:
            raise DeliveryFailed(f"unreachable: {type(exc).__name__}") from exc
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError as exc:
            raise DeliveryFailed("the answer is not JSON") from exc
        if answer.get("status") != "done":
            return None
        return PartResult(number=str(answer.get("number", "")), note=str(answer.get("note", "")))
