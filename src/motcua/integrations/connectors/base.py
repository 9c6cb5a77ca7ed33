"""The interfaces of the systems the outbox delivers to: the national public service portal and
an SMS gateway. E-mail goes through Django's own backend (EMAIL_BACKEND).

A connector returns when the other side acknowledged the message, or raises `DeliveryFailed`
(down, timeout, an answer that is not an acknowledgement): the worker then retries later.
"""

from dataclasses import dataclass
from typing import Any, Protocol


class DeliveryFailed(Exception):
    """The other side did not acknowledge the message; try again later."""


@dataclass(frozen=True)
class PortalEvent:
    """One status change as the national portal receives it; `event_id` is stable across
    resends, so the portal can drop a message it already has."""

    event_id: str
    topic: str
    key: str
    payload: dict[str, Any]

    def body(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "topic": self.topic,
            "key": self.key,
            "payload": self.payload,
        }


class NationalPortal(Protocol):
    def send(self, event: PortalEvent) -> None:
        """Deliver the event, or raise DeliveryFailed."""
        ...


class SmsGateway(Protocol):
    def send(self, phone: str, text: str, *, message_id: str) -> None:
        """Send one text message, or raise DeliveryFailed."""
        ...


def acknowledged(answer: Any, event: PortalEvent) -> bool:
    """Return whether the portal's answer acknowledges this very event."""
    return (
        isinstance(answer, dict)
        and answer.get("event_id") == event.event_id
        and answer.get("status") in {"accepted", "duplicate"}
    )
