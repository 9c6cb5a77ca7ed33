"""The interfaces of the systems the outbox delivers to: the national public service portal, an
SMS gateway and the registered e-receipt provider (DOMAIN N5). E-mail goes through Django's own
backend (EMAIL_BACKEND).

A connector returns when the other side acknowledged the message, or raises `DeliveryFailed`
(down, timeout, an answer that is not an acknowledgement): the worker then retries later.
"""

import hashlib
import hmac
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

    def pending_updates(self) -> list[dict[str, Any]]:
        """Return the applicants' changes made on the portal (withdrawn, paid, supplemented)
        to its dossiers that Motcua has not acknowledged yet."""
        ...

    def acknowledge_update(self, update_id: str, answer: dict[str, Any]) -> None:
        """Tell the portal what became of one of those changes."""
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


# --- The postal operator (results by post, DOMAIN N5) ---------------------------------------

# A parcel's statuses as the operator reports them, in order; "undeliverable" is followed by
# "returned" (back at the sender) when the operator has carried it back.
PARCEL_STATUSES = ("accepted", "in_transit", "delivered", "undeliverable", "returned")


@dataclass(frozen=True)
class ParcelOrder:
    """What the postal operator is asked to carry: `key` is stable for the order, so asking
    again returns the same parcel. `payer` is who pays the postage: "sender" (the agency,
    billed to the city) or "recipient" (collected on delivery)."""

    key: str
    sender: dict[str, Any]
    recipient: dict[str, Any]
    item: dict[str, Any]
    payer: str

    def body(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class AcceptedParcel:
    """The operator's answer to an order: its tracking number and the postage it charges."""

    tracking_number: str
    cost_vnd: int


@dataclass(frozen=True)
class ParcelStatus:
    """One status of a parcel; `event_id` is stable, so a status heard twice counts once.
    `proof` is the proof of delivery: {"received_by", "signature_sha256", "photo_url"}."""

    event_id: str
    tracking_number: str
    status: str
    at: str  # ISO 8601
    note: str = ""
    proof: dict[str, Any] | None = None


class PostalOperator(Protocol):
    def create(self, order: ParcelOrder) -> AcceptedParcel:
        """Create (or return the already created) parcel, or raise DeliveryFailed."""
        ...

    def statuses(self, tracking_number: str) -> list[ParcelStatus]:
        """Return the parcel's statuses so far (the pull), or raise DeliveryFailed."""
        ...


def accepted_parcel(answer: Any) -> AcceptedParcel:
    """Read the operator's answer to an order, or raise DeliveryFailed."""
    if not isinstance(answer, dict):
        raise DeliveryFailed("the answer is not a parcel")
    number, cost = answer.get("tracking_number"), answer.get("cost_vnd")
    if not (isinstance(number, str) and 0 < len(number.strip()) <= 40):
        raise DeliveryFailed("the answer has no tracking number")
    if not isinstance(cost, int) or isinstance(cost, bool) or not 0 <= cost < 10**9:
        raise DeliveryFailed("the answer has no postage")
    return AcceptedParcel(number.strip(), cost)


def parcel_status(answer: Any) -> ParcelStatus:
    """Read one status (a callback's body or an item of the pull), or raise ValueError."""
    if not isinstance(answer, dict):
        raise ValueError("not a status")
    fields = {k: answer.get(k) for k in ("event_id", "tracking_number", "status", "at")}
    if not all(isinstance(v, str) and 0 < len(v) <= 80 for v in fields.values()):
        raise ValueError("a status needs event_id, tracking_number, status and at")
    if fields["status"] not in PARCEL_STATUSES:
        raise ValueError("unknown status")
    proof = answer.get("proof")
    note = answer.get("note")
    return ParcelStatus(
        **fields,
        note=note[:500] if isinstance(note, str) else "",
        proof={str(k)[:40]: str(v)[:300] for k, v in proof.items()}
        if isinstance(proof, dict)
        else None,
    )


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>": how the postal operator signs its callbacks (the
    payment providers sign theirs the same way)."""
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


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
