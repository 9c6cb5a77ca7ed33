"""The interfaces of the systems the outbox delivers to: the national public service portal, an
SMS gateway and the registered e-receipt provider (DOMAIN N5). E-mail goes through Django's own
backend (EMAIL_BACKEND).

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
    """The national public service portal, both ways: status changes out (`send`), the dossiers
    filed there in (`pending`, `acknowledge`, `document`), and what it holds (`holdings`).
    Every method raises DeliveryFailed when the portal does not answer as it should."""

    def send(self, event: PortalEvent) -> None:
        """Deliver the event, or raise DeliveryFailed."""
        ...

    def pending(self) -> list[dict[str, Any]]:
        """Return the dossiers filed on the portal that Motcua has not acknowledged yet."""
        ...

    def acknowledge(self, national_code: str, answer: dict[str, Any]) -> None:
        """Tell the portal what became of a dossier it filed: our code, or the refusal."""
        ...

    def document(self, reference: str) -> tuple[str, bytes]:
        """Return the name and bytes of a filed document (a file URL or a data-store reference)."""
        ...

    def holdings(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        """Return what the portal holds on these dossiers (by our code): its latest record."""
        ...


class SmsGateway(Protocol):
    def send(self, phone: str, text: str, *, message_id: str) -> None:
        """Send one text message, or raise DeliveryFailed."""
        ...


@dataclass(frozen=True)
class ReceiptOrder:
    """What the e-receipt provider needs to issue a fee receipt (biên lai điện tử); `key` is
    stable for the payment, so asking again returns the same receipt."""

    key: str
    issuer_name: str
    issuer_tax_code: str
    payer_name: str
    payer_address: str
    dossier_code: str
    content: str
    amount_vnd: int
    paid_at: str  # ISO 8601

    def body(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class IssuedReceipt:
    """The provider's receipt: its series (ký hiệu), number and the code to look it up."""

    series: str
    number: str
    lookup_code: str
    lookup_url: str = ""


class ReceiptProvider(Protocol):
    def issue(self, order: ReceiptOrder) -> IssuedReceipt:
        """Issue (or return the already issued) e-receipt, or raise DeliveryFailed."""
        ...


def issued_receipt(answer: Any) -> IssuedReceipt:
    """Read the provider's answer, or raise DeliveryFailed when it is not a receipt."""
    if not isinstance(answer, dict):
        raise DeliveryFailed("the answer is not a receipt")
    values = [answer.get(k) for k in ("series", "number", "lookup_code")]
    if not all(isinstance(v, str) and v.strip() and len(v) <= 40 for v in values):
        raise DeliveryFailed("the answer lacks a series, number or lookup code")
    url = answer.get("lookup_url")
    return IssuedReceipt(*(v.strip() for v in values), url if isinstance(url, str) else "")


def acknowledged(answer: Any, event: PortalEvent) -> bool:
    """Return whether the portal's answer acknowledges this very event."""
    return (
        isinstance(answer, dict)
        and answer.get("event_id") == event.event_id
        and answer.get("status") in {"accepted", "duplicate"}
    )


@dataclass(frozen=True)
class PartHandOver:
    """One part of a joint dossier handed to a participating agency's own system (Decree
    118/2025 Art 20): the routing slip. `message_id` is stable across resends."""

    message_id: str
    system: str  # civil_status | residence | social_insurance
    dossier: str
    part: int
    slip: dict[str, Any]

    def body(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "system": self.system,
            "dossier": self.dossier,
            "part": self.part,
            "slip": self.slip,
        }


@dataclass(frozen=True)
class PartResult:
    """What a participating system returns for a part: its result number and a note."""

    number: str
    note: str = ""


class ParticipantSystem(Protocol):
    """A participating agency's system (civil status, residence, social insurance)."""

    def hand_over(self, part: PartHandOver) -> str:
        """Deliver the part; return the system's reference (its acknowledgement), or raise
        DeliveryFailed."""
        ...

    def result(self, system: str, reference: str) -> PartResult | None:
        """Return the part's result once the system resolved it, else None; DeliveryFailed
        when the system does not answer."""
        ...
