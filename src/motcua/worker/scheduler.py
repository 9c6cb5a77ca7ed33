"""Periodic scheduling: each job's current period is enqueued exactly once across every node.

Every worker process asks, about once a second, which period each job is in. The first one to
move the job's `slot_start` forward (one UPDATE ... WHERE slot_start < the period: a
compare-and-set that PostgreSQL re-checks after the row lock, and that SQLite serialises) also
enqueues the job, in the same transaction; the others update nothing and enqueue nothing. A job
whose previous run still waits or runs is not enqueued again (the period is counted as done): a
slow queue never piles up copies of the same job.
"""

from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from motcua.core import clock
from motcua.core.jobs import Job
from motcua.worker import registry
from motcua.worker.models import JobState
from motcua.worker.tasks import run_job

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
UNFINISHED = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def period_start(job: Job, now: datetime) -> datetime | None:
    """The start of the job's period that `now` is in; None before a daily job's first hour
    (there is none yet on the day the deployment starts before that hour)."""
    hour = job.daily_hour
    if hour is None:
        step = job.period_seconds
        return EPOCH + timedelta(seconds=((now - EPOCH).total_seconds() // step) * step)
    local = timezone.localtime(now)
    start = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return start if local >= start else start - timedelta(days=1)


def _ensure(name: str, now: datetime) -> None:
    if JobState.objects.filter(name=name).exists():
        return
    try:
        with transaction.atomic():
            JobState.objects.create(name=name, created_at=now)
    except IntegrityError:
        pass  # another node created it at the same moment


def enqueue(job: Job, now: datetime | None = None) -> str:
    """Put one run of the job on its queue now; return the task's id."""
    now = now or clock.now()
    _ensure(job.name, now)
    with transaction.atomic():
        result = run_job.using(queue_name=job.queue).enqueue(job.name)
        JobState.objects.filter(name=job.name).update(task_id=result.id, scheduled_at=now)
    return str(result.id)


def schedule(job: Job, now: datetime) -> bool:
    """Enqueue the job for its current period unless another node did; True if this one did."""
    start = period_start(job, now)
    if start is None:
        return False
    _ensure(job.name, now)
    with transaction.atomic():
        moved = (
            JobState.objects.filter(name=job.name)
            .filter(Q(slot_start__isnull=True) | Q(slot_start__lt=start))
            .update(slot_start=start)
        )
        if not moved:
            return False
        previous = JobState.objects.values_list("task_id", flat=True).get(name=job.name)
        if previous and DBTaskResult.objects.filter(pk=previous, status__in=UNFINISHED).exists():
            return False  # the last run still waits or runs: this period is folded into it
        result = run_job.using(queue_name=job.queue).enqueue(job.name)
        JobState.objects.filter(name=job.name).update(task_id=result.id, scheduled_at=now)
    return True


class Scheduler:
    """One process's view: it asks the database only when a job enters a new period."""

    def __init__(self) -> None:
        self.seen: dict[str, datetime] = {}

    def tick(self, now: datetime | None = None) -> list[str]:
        """Schedule what is due; return the names of the jobs this process enqueued."""
        now = now or clock.now()
        enqueued = []
        for job in registry.jobs().values():
            start = period_start(job, now)
            if start is None or self.seen.get(job.name) == start:
                continue
            if schedule(job, now):
                enqueued.append(job.name)
            self.seen[job.name] = start
        return enqueued
