"""Demo adapters: the sandbox national portal in process, and an SMS gateway that only logs.

`SandboxNationalPortal` hands the event to the same receiver that serves `/sandbox-portal/`
over HTTP (motcua.integrations.sandbox_portal), without a network hop: it honours the receiver's
mode (down, slow, garbage) as the HTTP adapter would see it. `SandboxSms` writes one log line
per message, with the phone number masked.
"""

import logging

from motcua.core.logs import mask
from motcua.integrations import sandbox_portal
from motcua.integrations.connectors.base import DeliveryFailed, PortalEvent, acknowledged

logger = logging.getLogger(__name__)


class SandboxNationalPortal:
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
