"""Writes of monitoring: keeping the rollups current (the worker) and rebuilding them."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from motcua.core import clock
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier, Event
from motcua.monitoring import rollup
from motcua.monitoring.models import (
    AgencyDailyRollup,
    AgencyMonthlyRollup,
    DailyRollup,
    DossierFact,
    StepFact,
    StepRollup,
    Watermark,
)

logger = logging.getLogger(__name__)
JOB = "rollups"
BATCH_EVENTS = 5000
# Events are numbered when inserted but become visible when their transaction commits, so an
# event with a lower id can appear after a higher one was read. Each run that finds new events
# also recounts the dossiers of the last TAIL events before the mark (recounting is idempotent).
TAIL = 200


@dataclass(frozen=True)
class Refresh:
    dossiers: int
    last_event_id: int
    skipped: bool = False


def _ensure_watermark() -> None:
    if not Watermark.objects.filter(name=JOB).exists():
        try:
            with transaction.atomic():
                Watermark.objects.create(name=JOB)
        except IntegrityError:
            pass  # another worker created it at the same moment


def refresh_rollups(*, batch: int = BATCH_EVENTS) -> Refresh:
    """Count the dossiers changed since the mark, and the open ones whose due moment passed.

    Several workers may run this at once: the one holding the mark's row lock does the work,
    the others skip (skip_locked), so no change is counted twice or lost.
    """
    _ensure_watermark()
    return _refresh(batch)


@transaction.atomic(durable=True)
def _refresh(batch: int) -> Refresh:
    mark = Watermark.objects.select_for_update(skip_locked=True).filter(name=JOB).first()
    if mark is None:
        return Refresh(0, 0, skipped=True)
    now = clock.now()
    new = list(
        Event.objects.filter(id__gt=mark.last_event_id)
        .order_by("id")
        .values_list("id", "dossier_id")[:batch]
    )
    ids = {dossier for _, dossier in new}
    if new:
        tail = Event.objects.filter(id__gt=mark.last_event_id - TAIL, id__lte=mark.last_event_id)
        ids.update(tail.values_list("dossier_id", flat=True))
    # An open dossier becomes overdue with no event of its own when its due moment passes
    # (unless its clock stands still, waiting for the applicant: DOMAIN T6).
    due_passed = DossierFact.objects.filter(deadlines.indicator_overdue_q(now), open_overdue=False)
    ids.update(due_passed.values_list("dossier_id", flat=True)[:batch])
    if ids:
        keys, step_keys = rollup.recount_dossiers(ids, now)
        rollup.recompute_rollups(keys)
        rollup.recompute_steps(step_keys)
    if new:
        mark.last_event_id = new[-1][0]
    mark.updated_at = now
    mark.save(update_fields=["last_event_id", "updated_at"])
    logger.info("rollups_refreshed", extra={"dossiers": len(ids), "mark": mark.last_event_id})
    return Refresh(len(ids), mark.last_event_id)


def refresh_until_current() -> int:
    """Run the refresh until no new event is left; return how many dossiers were counted."""
    total = 0
    while True:
        result = refresh_rollups()
        total += result.dossiers
        if result.skipped or result.dossiers == 0:
            return total
        if not Event.objects.filter(id__gt=result.last_event_id).exists():
            return total


@dataclass(frozen=True)
class Rebuild:
    dossiers: int
    rows: int


CHUNK = 1000


def rebuild(*, start: date | None = None, end: date | None = None) -> Rebuild:
    """Recount every dossier received in [start, end] (all when no bounds), then their rows.

    Without bounds the tables are emptied first and the mark moves to the last event, so the
    worker goes on from there.
    """
    dossiers = Dossier.objects.order_by("pk")
    if start:
        dossiers = dossiers.filter(received_at__gte=_midnight(start))
    if end:
        dossiers = dossiers.filter(received_at__lt=_midnight(end, next_day=True))
    full = start is None and end is None
    last_event = Event.objects.aggregate(last=Max("id"))["last"] or 0
    if full:
        _empty()
    ids = list(dossiers.values_list("pk", flat=True))
    keys: set[rollup.Key] = set()
    step_keys: set[rollup.StepKey] = set()
    now = clock.now()
    for offset in range(0, len(ids), CHUNK):
        with transaction.atomic():
            found, found_steps = rollup.recount_dossiers(ids[offset : offset + CHUNK], now)
        keys |= found
        step_keys |= found_steps
    with transaction.atomic():
        rollup.recompute_rollups(keys)
        rollup.recompute_steps(step_keys)
        if full:
            Watermark.objects.update_or_create(name=JOB, defaults={"last_event_id": last_event})
    logger.info("rollups_rebuilt", extra={"dossiers": len(ids), "rows": len(keys)})
    return Rebuild(len(ids), DailyRollup.objects.count())


@transaction.atomic
def _empty() -> None:
    for model in (
        AgencyMonthlyRollup,
        AgencyDailyRollup,
        DailyRollup,
        StepRollup,
        StepFact,
        DossierFact,
    ):
        model.objects.all().delete()


def _midnight(day: date, *, next_day: bool = False) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, time()))
    return moment + timedelta(days=1 if next_day else 0)
