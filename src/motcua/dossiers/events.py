"""The append-only, hash-chained event log (DOMAIN P4): the one function that appends."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from motcua.dossiers.models import Dossier, Event
from motcua.integrations.routes import DOSSIER_EVENT
from motcua.integrations.services import enqueue

GENESIS = "0" * 64


def _canonical(event: Event) -> bytes:
    body = {
        "dossier": event.dossier.code,
        "seq": event.seq,
        "action": event.action,
        "actor": event.actor,
        "actor_role": event.actor_role,
        "status_before": event.status_before,
        "status_after": event.status_after,
        "payload": event.payload,
        "created_at": event.created_at.astimezone(UTC).isoformat(),
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event: Event, prev_hash: str) -> str:
    """Return sha256 over the previous hash and the canonical JSON of the event."""
    return hashlib.sha256(prev_hash.encode() + _canonical(event)).hexdigest()


def append(
    dossier: Dossier,
    action: str,
    *,
    actor: str,
    actor_role: str,
    status_before: str,
    payload: dict[str, Any],
    at: Any,
    first: bool = False,
) -> Event:
    """Append one event to the dossier's chain; the caller holds the dossier's row lock.

    `first`: the dossier was created in this transaction, so the chain starts here (no read)."""
    last = None if first else dossier.events.order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    event = Event(
        dossier=dossier,
        seq=seq,
        action=action,
        actor=actor,
        actor_role=actor_role,
        status_before=status_before,
        status_after=dossier.status,
        payload=json.loads(json.dumps(payload, default=str)),
        created_at=at,
        prev_hash=prev_hash,
    )
    event.hash = event_hash(event, prev_hash)
    event.save(force_insert=True)
    enqueue(DOSSIER_EVENT, key=dossier.code, payload=announcement(event))
    return event


def announcement(event: Event) -> dict[str, Any]:
    """What systems subscribed to dossier events receive (integrations.webhooks): codes and
    statuses only, never the applicant's ID number, name or contact (docs/webhooks.md)."""
    dossier = event.dossier
    return {
        "dossier": dossier.code,
        "seq": event.seq,
        "action": event.action,
        "status_before": event.status_before,
        "status": event.status_after,
        "procedure": dossier.procedure_version.procedure.code,
        "handling_agency": dossier.handling_agency.code if dossier.handling_agency_id else None,
        "at": event.created_at.isoformat(),
    }


@dataclass(frozen=True)
class ChainCheck:
    valid: bool
    first_bad_seq: int | None


def verify_chain(dossier: Dossier) -> ChainCheck:
    """Recompute the chain; return the first event whose hash or link does not hold."""
    prev_hash, expected_seq = GENESIS, 1
    for event in dossier.events.order_by("seq"):
        event.dossier = dossier
        if (
            event.seq != expected_seq
            or event.prev_hash != prev_hash
            or event.hash != event_hash(event, prev_hash)
        ):
            return ChainCheck(False, event.seq)
        prev_hash, expected_seq = event.hash, expected_seq + 1
    return ChainCheck(True, None)
