"""The jobs' health for /health/ready and /metrics (registered in WorkerConfig.ready()).

Per periodic job: the age of its last success (a problem once older than the job's
`stale_seconds`) and its failures in a row; per queue: jobs ready to run, running, the age of
the oldest ready one, and jobs failed for good in the last day; the worker processes alive.
"""

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Min, Q

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from motcua.core import clock
from motcua.core.jobs import QUEUES
from motcua.worker import registry
from motcua.worker.models import JobState, WorkerProcess


def jobs(now: datetime) -> dict[str, dict[str, Any]]:
    """Each registered job: last success (ISO), its age in seconds, failures in a row, stale."""
    states = {state.name: state for state in JobState.objects.all()}
    found = {}
    for name, job in registry.jobs().items():
        state = states.get(name)
        since = state and (state.succeeded_at or state.created_at)
        age = (now - since).total_seconds() if since else None
        found[name] = {
            "queue": job.queue,
            "last_success": state.succeeded_at.isoformat()
            if state and state.succeeded_at
            else None,
            "last_success_age_seconds": (
                round(age, 1) if state and state.succeeded_at and age is not None else None
            ),
            "failures": state.failures if state else 0,
            # never scheduled yet (a fresh deployment) is not stale
            "stale": age is not None and age > job.stale_seconds,
            "since_seconds": age,
        }
    return found


def queues(now: datetime) -> dict[str, dict[str, Any]]:
    """Each queue: ready (due now), running, oldest ready (s), failed in the last 24 hours."""
    due = Q(status=TaskResultStatus.READY) & (Q(run_after=get_date_max()) | Q(run_after__lte=now))
    rows = DBTaskResult.objects.values("queue_name").annotate(
        ready=Count("pk", filter=due),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count(
            "pk",
            filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=now - timedelta(days=1)),
        ),
        oldest=Min("enqueued_at", filter=due),
    )
    found = {q: {"ready": 0, "running": 0, "failed_last_day": 0, "oldest_ready_seconds": 0.0}
             for q in QUEUES}  # fmt: skip
    for row in rows:
        found[row["queue_name"]] = {
            "ready": row["ready"],
            "running": row["running"],
            "failed_last_day": row["failed"],
            "oldest_ready_seconds": (
                round((now - row["oldest"]).total_seconds(), 1) if row["oldest"] else 0.0
            ),
        }
    return found


def alive_workers(now: datetime) -> int:
    lost_before = now - timedelta(seconds=settings.MOTCUA_WORKER_LOST_SECONDS)
    return WorkerProcess.objects.filter(beat_at__gte=lost_before).count()


def readiness(now: datetime) -> tuple[list[str], dict[str, Any]]:
    """Problems: each periodic job whose last success (or, never, its first scheduling) is
    older than the job allows."""
    per_job = jobs(now)
    problems = [
        f"job {name}: last success {int(j['since_seconds'])} s ago"
        if j["last_success"]
        else f"job {name}: no success in {int(j['since_seconds'])} s"
        for name, j in per_job.items()
        if j["stale"]
    ]
    for j in per_job.values():
        del j["since_seconds"], j["stale"]
    return problems, {"jobs": per_job, "queues": queues(now)}


class JobsCollector:
    """Prometheus gauges read at each scrape."""

    def collect(self) -> Iterator[Any]:
        from prometheus_client.core import GaugeMetricFamily

        now = clock.now()
        last = GaugeMetricFamily(
            "motcua_job_last_success_timestamp_seconds",
            "When each periodic job last succeeded (Unix time; absent: never).",
            labels=["job"],
        )
        failures = GaugeMetricFamily(
            "motcua_job_failures", "Failed attempts in a row of each periodic job.", labels=["job"]
        )
        for name, job in jobs(now).items():
            if job["last_success"]:
                moment = datetime.fromisoformat(job["last_success"])
                last.add_metric([name], moment.timestamp())
            failures.add_metric([name], job["failures"])
        yield from (last, failures)
        families = {
            "ready": GaugeMetricFamily(
                "motcua_jobs_ready", "Jobs due to run and waiting, by queue.", labels=["queue"]
            ),
            "running": GaugeMetricFamily(
                "motcua_jobs_running", "Jobs running now, by queue.", labels=["queue"]
            ),
            "oldest_ready_seconds": GaugeMetricFamily(
                "motcua_jobs_oldest_ready_seconds",
                "How long the oldest job due to run has waited, by queue.",
                labels=["queue"],
            ),
            "failed_last_day": GaugeMetricFamily(
                "motcua_jobs_failed_last_day",
                "Jobs failed for good (every attempt) in the last 24 hours, by queue.",
                labels=["queue"],
            ),
        }
        for queue, figures in queues(now).items():
            for key, family in families.items():
                family.add_metric([queue], figures[key])
        yield from families.values()
        workers = GaugeMetricFamily("motcua_worker_processes", "Worker processes beating.")
        workers.add_metric([], alive_workers(now))
        yield workers
