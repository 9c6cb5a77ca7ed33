"""What a notice delivered by e-mail or SMS is, and who composes it.

The app that owns the subject composes the notice (dossiers: dossiers/notices.py) and registers
its composer here in its AppConfig.ready, so that integrations imports no app above it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from motcua.integrations.models import OutboxMessage

# Which dossier status messages call for a notice to the applicant (routes: e-mail and SMS).
RECEIVED, SUPPLEMENT, RESULT_READY, APOLOGY = "received", "supplement", "result_ready", "apology"
DUE_CHANGED = "due_changed"  # the centre changed its calendar and the due date moved


TRANSFERRED = "transferred"  # sent on to the competent agency (Decree 118/2025 Art 17(2)(a))


def kind_of(payload: dict[str, Any]) -> str:
    """Return which notice a dossier status message calls for, or "" for none."""
    action, status = payload.get("action", ""), payload.get("status", "")
    if not action and status == "received":
        return RECEIVED
    return {
        "request-supplement": SUPPLEMENT,
        "sign-result": RESULT_READY,
        "apologize": APOLOGY,
        "replan": DUE_CHANGED,
        "transfer": TRANSFERRED,
    }.get(action, "")


@dataclass(frozen=True)
class Notice:
    subject: str
    body: str
    sms: str


# A composer returns the notice, its e-mail recipients and SMS phone, or None if it has nowhere
# to go (or the message is not its own); the first that answers wins.
Composed = tuple[Notice, list[str], str]
COMPOSERS: list[Callable[[OutboxMessage], Composed | None]] = []


def compose(message: OutboxMessage) -> Composed | None:
    for composer in COMPOSERS:
        found = composer(message)
        if found is not None:
            return found
    return None
