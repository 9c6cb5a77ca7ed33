"""Where a dossier stands for its applicant: late or not, the apology and its new date, and
the day a dossier waiting for documents closes (read from the event log, never stored apart)."""

from dataclasses import dataclass
from datetime import datetime

from motcua.core import clock
from motcua.dossiers import deadlines, work
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import OPEN, Action


@dataclass(frozen=True)
class Apology:
    at: datetime
    new_due_at: datetime | None
    reason: str


@dataclass(frozen=True)
class Standing:
    late: bool  # open, past its due moment, the clock running
    apology: Apology | None  # while the dossier is open; the history keeps it after
    supplement_closes_at: datetime | None  # waiting for documents: closed after this moment


def _parse(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def standing(dossier: Dossier) -> Standing:
    """Return where the dossier stands for its applicant."""
    due = dossier.due_at
    late = deadlines.is_open_overdue(dossier, clock.now())
    apology = None
    if dossier.apologized_at is not None and dossier.status in OPEN:  # finished: history only
        event = dossier.events.filter(action=Action.APOLOGIZE).order_by("-seq").first()
        payload = event.payload if event is not None else {}
        apology = Apology(
            dossier.apologized_at,
            _parse(payload.get("new_due_at")) or due,
            str(payload.get("reason", "")),
        )
    asked = work.open_supplement_request(dossier)
    closes = deadlines.supplement_closes_at(asked.requested_at) if asked is not None else None
    return Standing(late, apology, closes)
