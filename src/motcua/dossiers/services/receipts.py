"""The receipt and appointment slip (TT03 Form 01), issued once, when first asked for.

Intake stays fast (no PDF work in the intake transaction); the slip shows the facts recorded
at receipt: the documents of the first round and the appointment in the receive event.
"""

from datetime import datetime

from django.db import transaction

from motcua.documents import services as issuing
from motcua.documents.models import DocumentKind, IssuedDocument
from motcua.dossiers import paperwork
from motcua.dossiers.models import Channel, Dossier
from motcua.dossiers.workflow import Action


@transaction.atomic(durable=True)
def receipt_document(dossier: Dossier) -> IssuedDocument:
    """Return the dossier's signed receipt, issuing it on the first call (race-free)."""
    locked = (
        Dossier.objects.select_for_update()
        .select_related("receiving_point__agency", "handling_agency", "procedure_version", "owner")
        .get(pk=dossier.pk)
    )
    existing = IssuedDocument.objects.filter(
        reference=locked.code, kind=DocumentKind.RECEIPT
    ).first()
    if existing is not None:
        return existing
    received = locked.events.filter(action=Action.RECEIVE).order_by("seq").first()
    payload = received.payload if received else {}
    due = datetime.fromisoformat(payload["due_at"]) if payload.get("due_at") else locked.due_at
    # The officer who recorded a counter dossier owns the record; online, the system received it.
    officer = locked.owner if locked.channel != Channel.ONLINE else None
    draft = paperwork.receipt(locked, due_at=due, officer=officer)
    return issuing.issue(draft, actor=None)
