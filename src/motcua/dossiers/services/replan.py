"""When the centre edits its working calendar (a holiday, a day off, a make-up working day), the
open dossiers not yet due are re-planned at once (issue 17, item 4): a changed due date is an
event on the dossier, and the applicant is told (the outbox's `replan` notice).

It runs inside the transaction that saved the calendar day (`calendar_changed` is sent from its
post_save/post_delete), so the edit and every re-planned dossier are one transaction.
"""

import logging
from datetime import datetime
from typing import Any

from django.db import transaction

from motcua.core import clock
from motcua.dossiers import deadlines, events
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Action
from motcua.integrations.services import enqueue

logger = logging.getLogger(__name__)


def _last_complete_supplement(dossier: Dossier) -> datetime | None:
    """When the legal limit last restarted, at a complete supplement (Decree 118/2025 Art
    19(5)); None when it never restarted."""
    return (
        dossier.events.filter(action=Action.SUPPLEMENT, payload__complete=True)
        .order_by("-seq")
        .values_list("created_at", flat=True)
        .first()
    )


def replan_open_dossiers() -> list[str]:
    """Re-plan the running dossiers not yet due; return the codes whose due date changed.

    A dossier waiting for a supplement is left alone (its due date is computed when the pause
    ends, on the calendar of that day), and so is one whose agency apologised (the new
    appointment stays as promised to the applicant)."""
    now = clock.now()
    changed = []
    with transaction.atomic():
        open_ = (
            Dossier.objects.select_for_update()
            .filter(deadlines.running_not_yet_due_q(now), apologized_at__isnull=True)
            .select_related("procedure_version")
            .order_by("pk")
        )
        for dossier in open_:
            new = deadlines.replanned_due_at(dossier)
            if new is None or new == dossier.due_at:
                continue
            old = dossier.due_at
            dossier.due_at = new
            dossier.legal_due_at = deadlines.replanned_legal_due_at(
                deadlines.limit_holder(dossier), _last_complete_supplement(dossier), new
            )
            dossier.version += 1
            dossier.save(update_fields=["due_at", "legal_due_at", "version"])
            events.append(
                dossier,
                Action.REPLAN,
                actor="system",
                actor_role="system",
                status_before=dossier.status,
                payload={"old_due_at": old.isoformat(), "new_due_at": new.isoformat()},
                at=now,
            )
            enqueue(
                "dossier.status",
                key=dossier.code,
                payload={
                    "code": dossier.code,
                    "status": dossier.status,
                    "action": Action.REPLAN.value,
                    "at": now.isoformat(),
                },
            )
            changed.append(dossier.code)
    if changed:
        logger.info("dossiers_replanned", extra={"count": len(changed)})
    return changed


def on_calendar_changed(sender: Any, **kwargs: Any) -> None:
    replan_open_dossiers()
