"""The daily comparison of what the national portal holds with what Motcua holds (issue 23).

Each day's dossiers (those with a change that day) are looked up at the portal (`holdings`):
a dossier it does not hold, holds with another status, or with other dates (received,
appointment, finished, returned) is a difference, listed for the centre and fixed by a resend
(a fresh message with the dossier as it is now, through the outbox). Decision 766 indicator 1.4
(synchronisation) is the share of the compared dossiers in agreement.
"""

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from motcua.core import clock
from motcua.core.errors import Forbidden, NotFound
from motcua.dossiers import national_schema
from motcua.dossiers.models import Dossier, Event
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrations import connectors, routes
from motcua.integrations.models import DifferenceKind, SyncCheck, SyncDifference
from motcua.integrations.services import enqueue

logger = logging.getLogger(__name__)
DATES = ("NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra")
OVERSEERS = {Role.COORDINATOR, Role.INSPECTOR, Role.SYSTEM}
BATCH = 200
NATIONAL_COUNTS = ("sync_compared", "synchronised", "intake_late")  # national_figures


def _bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


def ours(dossier: Dossier) -> dict[str, str]:
    """What Motcua holds, in the portal's terms: the status code and the four dates."""
    return {
        "TrangThaiHoSo": national_schema.STATUS_CODES.get(dossier.status, ""),
        "NgayTiepNhan": national_schema.as_time(dossier.received_at),
        "NgayHenTra": national_schema.as_time(dossier.due_at),
        "NgayKetThucXuLy": national_schema.as_time(dossier.finished_at),
        "NgayTra": national_schema.as_time(dossier.returned_at),
    }


def difference(mine: dict[str, str], held: dict[str, Any] | None) -> str:
    """Return the kind of difference ("" when the portal agrees)."""
    if not held:
        return DifferenceKind.MISSING
    if str(held.get("TrangThaiHoSo", "")) != mine["TrangThaiHoSo"]:
        return DifferenceKind.STATUS
    if any(str(held.get(name) or "") != mine[name] for name in DATES):
        return DifferenceKind.DATES
    return ""


def _day_dossiers(day: date) -> list[Dossier]:
    start, end = _bounds(day)
    changed = Event.objects.filter(created_at__gte=start, created_at__lt=end).values("dossier_id")
    return list(Dossier.objects.filter(pk__in=changed).order_by("pk"))


def reconcile(day: date) -> SyncCheck:
    """Compare the day's dossiers with the portal; replace that day's earlier comparison.

    Raises DeliveryFailed when the portal does not answer (the worker tries again later)."""
    dossiers = _day_dossiers(day)
    portal = connectors.national_portal()
    held: dict[str, dict[str, Any]] = {}
    for index in range(0, len(dossiers), BATCH):
        held.update(portal.holdings([d.code for d in dossiers[index : index + BATCH]]))
    found = []
    for dossier in dossiers:
        mine = ours(dossier)
        kind = difference(mine, held.get(dossier.code))
        if kind:
            found.append(SyncDifference(dossier=dossier, kind=kind, ours=mine,
                                        theirs=held.get(dossier.code) or {}))  # fmt: skip
    with transaction.atomic():
        check, _ = SyncCheck.objects.update_or_create(
            day=day,
            defaults={
                "compared": len(dossiers),
                "in_agreement": len(dossiers) - len(found),
                "ran_at": clock.now(),
            },
        )
        check.differences.all().delete()
        for row in found:
            row.run = check
        SyncDifference.objects.bulk_create(found)
    logger.info(
        "national_portal_reconciled",
        extra={"day": day.isoformat(), "compared": len(dossiers), "differences": len(found)},
    )
    return check


def reconcile_yesterday() -> SyncCheck | None:
    """The worker's daily run: yesterday's dossiers, once (a later run of the day skips)."""
    yesterday = timezone.localdate(clock.now()) - timedelta(days=1)
    if SyncCheck.objects.filter(day=yesterday).exists():
        return None
    return reconcile(yesterday)


def _may_oversee(actor: AbstractBaseUser) -> None:
    if not OVERSEERS & set(official_scope(actor).city_roles):
        raise Forbidden()


@transaction.atomic(durable=True)
def resend(difference_id: int, *, actor: AbstractBaseUser) -> SyncDifference:
    """Send the dossier again, as it is now, to the national portal (through the outbox)."""
    _may_oversee(actor)
    row = (
        SyncDifference.objects.select_for_update()
        .select_related("dossier")
        .filter(pk=difference_id)
        .first()
    )
    if row is None:
        raise NotFound()
    now = clock.now()
    dossier = row.dossier
    enqueue(
        routes.DOSSIER_RESYNC,
        key=dossier.code,
        payload={
            "code": dossier.code,
            "status": dossier.status,
            "action": "resend",
            "at": now.isoformat(),
        },
    )
    row.resent_at = now
    row.save(update_fields=["resent_at"])
    logger.info("national_portal_resent", extra={"dossier": dossier.code, "by": actor.pk})
    return row


def differences(day: date, *, actor: AbstractBaseUser) -> SyncCheck | None:
    """The day's comparison with its differences, for the centre (None: not compared yet)."""
    _may_oversee(actor)
    return SyncCheck.objects.filter(day=day).prefetch_related("differences__dossier").first()


def national_figures(start: date, end: date) -> dict[str, int]:
    """The national portal's counters over the days [start, end]: Decision 766 indicator 1.4
    (dossiers compared with the portal, and in agreement) and the online dossiers received
    then that were not accepted or returned within 8 working hours."""
    checks = SyncCheck.objects.filter(day__gte=start, day__lte=end)
    since, _ = _bounds(start)
    _, until = _bounds(end)
    late = Dossier.objects.filter(
        received_at__gte=since, received_at__lt=until, intake_late_at__isnull=False
    )
    return {
        "sync_compared": sum(c.compared for c in checks),
        "synchronised": sum(c.in_agreement for c in checks),
        "intake_late": late.count(),
    }
