"""Demo adapters: the sandbox national portal in process, and an SMS gateway that only logs.

`SandboxNationalPortal` hands the event to the same receiver that serves `/sandbox-portal/`
over HTTP (motcua.integrations.sandbox_portal), without a network hop: it honours the receiver's
mode (down, slow, garbage) as the HTTP adapter would see it. `SandboxSms` writes one log line
per message, with the phone number masked.
"""

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core import clock
from motcua.core.logs import mask
from motcua.integrations import sandbox_portal
from motcua.integrations.connectors.base import (
    DeliveryFailed,
    IssuedReceipt,
    PartHandOver,
    PartResult,
    PortalEvent,
    ReceiptOrder,
    acknowledged,
)
from motcua.integrations.models import SandboxReceipt

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
