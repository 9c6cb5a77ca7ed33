"""Demo adapters: the sandbox national portal in process, and an SMS gateway that only logs.

`SandboxNationalPortal` hands the event to the same receiver that serves `/sandbox-portal/`
over HTTP (motcua.integrations.sandbox_portal), without a network hop: it honours the receiver's
mode (down, slow, garbage) as the HTTP adapter would see it. `SandboxSms` writes one log line
per message, with the phone number masked.
"""

import hashlib
import json
import logging
import time
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core import clock
from motcua.core.logs import mask
from motcua.integrations import sandbox_portal
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
    acknowledged,
    parcel_status,
    sign,
)
from motcua.integrations.models import SandboxParcel, SandboxReceipt

logger = logging.getLogger(__name__)


class SandboxNationalPortal:
    """The sandbox portal in process, both ways (the HTTP adapter sees the same over HTTP)."""

    def pending(self) -> list[dict[str, Any]]:
        return sandbox_portal.pending()

    def acknowledge(self, national_code: str, answer: dict[str, Any]) -> None:
        sandbox_portal.acknowledge(national_code, answer)

    def document(self, reference: str) -> tuple[str, bytes]:
        return sandbox_portal.document(reference)

    def holdings(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        if sandbox_portal.mode() != "up":
            raise DeliveryFailed("the sandbox portal is not up")
        return sandbox_portal.holdings(codes)

    def pending_updates(self) -> list[dict[str, Any]]:
        return sandbox_portal.pending_updates()

    def acknowledge_update(self, update_id: str, answer: dict[str, Any]) -> None:
        sandbox_portal.acknowledge_update(update_id, answer)

    def send(self, event: PortalEvent) -> None:
        answer = sandbox_portal.receive(event.body(), wait=False)
        if answer.slow:
            raise DeliveryFailed("timeout: the sandbox portal is slow")
        if answer.status != 200:
            raise DeliveryFailed(f"HTTP {answer.status}")
        if not acknowledged(answer.json, event):
            raise DeliveryFailed("the answer does not acknowledge the event")


class SandboxSms:
    def send(self, phone: str, text: str, *, message_id: str) -> None:
        logger.info(
            "sandbox_sms_sent",
            extra={"to": mask(phone), "message_id": message_id, "chars": len(text)},
        )


class SandboxReceiptProvider:
    """A registered e-receipt provider in process: series 1C{yy}TBL, numbers from 1 each year,
    the same receipt for the same key; down while MOTCUA_SANDBOX_RECEIPTS_DOWN is on."""

    def issue(self, order: ReceiptOrder) -> IssuedReceipt:
        if settings.MOTCUA_SANDBOX_RECEIPTS_DOWN:
            raise DeliveryFailed("HTTP 503: the sandbox receipt provider is down")
        found = SandboxReceipt.objects.filter(key=order.key).first()
        if found is None:
            series = f"1C{timezone.localtime(clock.now()):%y}TBL"
            try:
                with transaction.atomic():
                    number = SandboxReceipt.objects.filter(series=series).count() + 1
                    found = SandboxReceipt.objects.create(
                        key=order.key,
                        series=series,
                        number=f"{number:07d}",
                        lookup_code=hashlib.sha256(order.key.encode()).hexdigest()[:12].upper(),
                        payload=order.body(),
                        issued_at=clock.now(),
                    )
            except IntegrityError as exc:
                raise DeliveryFailed("the sandbox provider is busy: try again") from exc
        return IssuedReceipt(found.series, found.number, found.lookup_code)


# The sandbox's tariff for a document within the province (a made-up flat rate, not Vietnam
# Post's price list): enough to show who pays it.
SANDBOX_POSTAGE_VND = 22_000


class SandboxPostalOperator:
    """A postal operator in process: S10-style tracking numbers (EB#########VN), a flat
    postage, the same parcel for the same key; down while MOTCUA_SANDBOX_POSTAL_DOWN is on.
    `sandbox_postal_update` moves a parcel on and signs the callback the operator would send."""

    def create(self, order: ParcelOrder) -> AcceptedParcel:
        if settings.MOTCUA_SANDBOX_POSTAL_DOWN:
            raise DeliveryFailed("HTTP 503: the sandbox postal operator is down")
        found = SandboxParcel.objects.filter(key=order.key).first()
        if found is None:
            digest = int(hashlib.sha256(order.key.encode()).hexdigest(), 16) % 10**9
            try:
                with transaction.atomic():
                    found = SandboxParcel.objects.create(
                        key=order.key,
                        tracking_number=f"EB{digest:09d}VN",
                        cost_vnd=SANDBOX_POSTAGE_VND,
                        payload=order.body(),
                        statuses=[_status(f"EB{digest:09d}VN", "accepted", 0)],
                        created_at=clock.now(),
                    )
            except IntegrityError as exc:
                raise DeliveryFailed("the sandbox operator is busy: try again") from exc
        return AcceptedParcel(found.tracking_number, found.cost_vnd)

    def statuses(self, tracking_number: str) -> list[ParcelStatus]:
        if settings.MOTCUA_SANDBOX_POSTAL_DOWN:
            raise DeliveryFailed("HTTP 503: the sandbox postal operator is down")
        found = SandboxParcel.objects.filter(tracking_number=tracking_number).first()
        return [parcel_status(s) for s in found.statuses] if found else []


def _status(tracking_number: str, status: str, seq: int, **extra: Any) -> dict[str, Any]:
    return {
        "event_id": f"{tracking_number}-{seq}",
        "tracking_number": tracking_number,
        "status": status,
        "at": clock.now().isoformat(),
        **extra,
    }


def sandbox_postal_update(
    tracking_number: str, status: str, *, note: str = "", proof: dict[str, Any] | None = None
) -> tuple[bytes, dict[str, str]]:
    """Move a sandbox parcel to `status` and return the signed callback the operator sends
    (body, headers); the pull (`statuses`) sees the same status."""
    parcel = SandboxParcel.objects.get(tracking_number=tracking_number)
    extra: dict[str, Any] = {"note": note} if note else {}
    if proof:
        extra["proof"] = proof
    event = _status(tracking_number, status, len(parcel.statuses), **extra)
    parcel.statuses = [*parcel.statuses, event]
    parcel.save(update_fields=["statuses"])
    body = json.dumps(event).encode()
    stamp = str(int(time.time()))
    return body, {
        "X-Motcua-Timestamp": stamp,
        "X-Motcua-Signature": sign(settings.MOTCUA_POSTAL_CALLBACK_SECRET, stamp, body),
    }


class SandboxParticipantSystem:
    """The civil-status, residence and social-insurance systems as a demo: a part is
    acknowledged at once with a reference derived from the message, and resolved at once (its
    result number derived from the reference). Down while MOTCUA_SANDBOX_PARTICIPANTS_DOWN
    names the system (or "all")."""

    def _down(self, system: str) -> bool:
        down = {
            s.strip() for s in settings.MOTCUA_SANDBOX_PARTICIPANTS_DOWN.split(",") if s.strip()
        }
        return "all" in down or system in down

    def hand_over(self, part: PartHandOver) -> str:
        if self._down(part.system):
            raise DeliveryFailed(f"HTTP 503: the sandbox {part.system} system is down")
        digest = hashlib.sha256(part.message_id.encode()).hexdigest()[:10].upper()
        logger.info("sandbox_part_received", extra={"system": part.system, "dossier": part.dossier})
        return f"{part.system.upper()}-{digest}"

    def result(self, system: str, reference: str) -> PartResult | None:
        if self._down(system):
            raise DeliveryFailed(f"HTTP 503: the sandbox {system} system is down")
        number = hashlib.sha256(reference.encode()).hexdigest()[:8].upper()
        return PartResult(number=f"{reference}/{number}", note="sandbox")
