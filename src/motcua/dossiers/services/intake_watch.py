"""The worker's watch on online dossiers (Decree 118/2025 Art 15(3), 17(2); issue 23).

An online dossier that no official has looked at 2 working hours after its receipt alerts the
handling agency's officials, the receiving point's and the centre's coordinators (by e-mail,
through the outbox), once. One still not accepted or returned (refused, sent back for a
supplement) 8 working hours after its receipt is flagged late, once; the indicators count it.
Working hours are those of the province's calendar: a dossier filed on Friday afternoon alerts
on Monday morning.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from motcua.core import clock
from motcua.dossiers import deadlines
from motcua.dossiers.models import Channel, Dossier, Event
from motcua.dossiers.workflow import Status
from motcua.identity.models import Membership, Role
from motcua.integrations import routes
from motcua.integrations.services import enqueue

logger = logging.getLogger(__name__)
# An event by any other role (an official assessing the fee, digitising…) means it was seen.
NOT_OFFICIALS = ("", "system", "applicant", *Channel.values)


@dataclass(frozen=True)
class WatchRun:
    alerted: int
    flagged: int


def seen(dossier: Dossier) -> bool:
    """Whether an official has acted on the dossier since its receipt (assigned, accepted…)."""
    return (
        dossier.status != Status.RECEIVED
        or Event.objects.filter(dossier=dossier, seq__gt=1)
        .exclude(actor_role__in=NOT_OFFICIALS)
        .exists()
    )


def recipients(dossier: Dossier) -> list[str]:
    """The handling agency's officials, the receiving point's officers, the coordinators."""
    found = (
        Membership.objects.filter(
            Q(agency_id=dossier.handling_agency_id)
            | Q(service_point_id=dossier.receiving_point_id)
            | Q(role=Role.COORDINATOR)
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(found)


@transaction.atomic(durable=True)
def _alert(dossier_id: int, kind: str) -> bool:
    field = "intake_alerted_at" if kind == "alert" else "intake_late_at"
    dossier = (
        Dossier.objects.select_for_update()
        .select_related("procedure_version", "handling_agency")
        .filter(pk=dossier_id, **{f"{field}__isnull": True})
        .first()
    )
    if dossier is None:
        return False  # another worker did it
    now = clock.now()
    setattr(dossier, field, now)
    dossier.save(update_fields=[field])
    emails = recipients(dossier)
    if emails:
        enqueue(
            routes.INTAKE_ALERT,
            key=dossier.code,
            payload={
                "to": emails,
                "kind": kind,
                "code": dossier.code,
                "national_code": dossier.national_code or "",
                "procedure": dossier.procedure_version.name,
                "agency": dossier.handling_agency.name,
                "received_at": dossier.received_at.isoformat(),
            },
        )
    logger.info("dossier_intake_watch", extra={"dossier": dossier.code, "kind": kind})
    return True


def check() -> WatchRun:
    """Alert on online dossiers unseen after 2 working hours; flag those not decided after 8."""
    now = clock.now()
    waiting = Dossier.objects.filter(channel=Channel.ONLINE, status=Status.RECEIVED)
    alerted = flagged = 0
    for dossier in waiting.filter(intake_alerted_at__isnull=True).iterator():
        if deadlines.intake_alert_at(deadlines.clock_start(dossier)) <= now and not seen(dossier):
            alerted += _alert(dossier.pk, "alert")
    for dossier in waiting.filter(intake_late_at__isnull=True).iterator():
        if deadlines.intake_decision_due_at(deadlines.clock_start(dossier)) <= now:
            flagged += _alert(dossier.pk, "late")
    return WatchRun(alerted, flagged)
