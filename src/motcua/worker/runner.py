"""A worker process: claims jobs from its queues, runs them, retries the failed ones with
backoff, and gives back the jobs of processes that died.

Claiming is django-tasks-db's: the oldest ready row of the process's queues, locked with
SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL (an exclusive transaction on SQLite), is marked
RUNNING with this process's id appended to its `worker_ids` (so their count is the attempt).
Each process beats in `WorkerProcess` from a thread of its own, also while a long job runs; a
RUNNING row whose process has not beaten for MOTCUA_WORKER_LOST_SECONDS is made READY again
(or FAILED after the job's last attempt). Every job is safe to run again (motcua.core.jobs), so
a job killed half-way is finished by its retry: nothing lost, nothing done twice.
"""

import logging
import os
import random
import signal
import socket
import threading
import time
import traceback
from datetime import datetime, timedelta
from types import FrameType
from typing import Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, connections
from django.utils.crypto import get_random_string

from django_tasks import TaskContext, TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from motcua.core import clock
from motcua.integrations import services as integrations
from motcua.worker import registry
from motcua.worker.models import JobState, WorkerProcess
from motcua.worker.scheduler import Scheduler

logger = logging.getLogger(__name__)


class Interrupted(BaseException):
    """SIGTERM or SIGINT while a job runs: the job is put back on its queue, the process ends."""


class WorkerLost(Exception):
    """The process running the job stopped beating (killed, its node gone) too many times."""


def job_name(row: DBTaskResult) -> str:
    """The job a task row runs (our tasks carry it as their one argument)."""
    args = (row.args_kwargs or {}).get("args") or []
    return str(args[0]) if args else row.task_path


def backoff(attempt: int) -> float:
    """Seconds before the retry after failed attempt `attempt` (1, 2, ...), with 10 % jitter."""
    base = settings.MOTCUA_WORKER_BACKOFF_SECONDS * 2 ** max(0, attempt - 1)
    return min(settings.MOTCUA_WORKER_BACKOFF_MAX_SECONDS, base) * random.uniform(0.9, 1.1)  # noqa: S311


def _attempts(name: str) -> int:
    job = registry.get(name)
    return job.attempts if job else 1


def _note(name: str, now: datetime, *, error: str = "") -> None:
    """Record the job's success (failures back to 0) or one more failure."""
    rows = JobState.objects.filter(name=name)
    if not rows.exists():
        JobState.objects.get_or_create(name=name, defaults={"created_at": now})
    if error:
        for state in rows:
            JobState.objects.filter(pk=state.pk).update(
                failed_at=now, failures=state.failures + 1, last_error=error[-4000:]
            )
    else:
        rows.update(succeeded_at=now, failures=0)


def recover_lost(now: datetime | None = None) -> int:
    """Put back on their queues the jobs of processes that stopped beating; return how many."""
    now = now or clock.now()
    lost_before = now - timedelta(seconds=settings.MOTCUA_WORKER_LOST_SECONDS)
    alive = set(
        WorkerProcess.objects.filter(beat_at__gte=lost_before).values_list("worker_id", flat=True)
    )
    recovered = 0
    for row in DBTaskResult.objects.running().only("pk", "worker_ids", "started_at", "args_kwargs"):
        if row.worker_ids and row.worker_ids[-1] in alive:
            continue
        if row.started_at and row.started_at >= lost_before:
            continue  # claimed a moment ago: its process may not have beaten yet
        name = job_name(row)
        last = len(row.worker_ids) >= _attempts(name)
        changes: dict[str, Any] = (
            {
                "status": TaskResultStatus.FAILED,
                "finished_at": now,
                "exception_class_path": f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                "traceback": "the worker process running it stopped beating",
            }
            if last
            else {"status": TaskResultStatus.READY, "run_after": get_date_max()}
        )
        # compare-and-set on the claim's start: a row another node just recovered is left alone
        if DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        ).update(**changes):
            recovered += 1
            _note(name, now, error="worker lost")
            logger.warning(
                "worker_job_lost", extra={"job": name, "attempt": len(row.worker_ids), "last": last}
            )
    return recovered


class Runner:
    """One worker process over some queues (`*`: all of them)."""

    def __init__(self, queues: list[str], *, once: bool = False) -> None:
        self.queues = queues
        self.once = once  # inside a caller's transaction (tests): no thread, no reconnects
        host = socket.gethostname()
        self.host = host[:120]
        self.worker_id = f"{host[:40]}-{os.getpid()}-{get_random_string(8)}"[:64]
        self.parent_pid = os.getppid()
        self.scheduler = Scheduler()
        self.stopping = False
        self.running: DBTaskResult | None = None
        self.unsettled: list[str] = []
        self._stop_beating = threading.Event()
        self._next_recovery = 0.0

    # --- process life ---------------------------------------------------------------------
    def register(self) -> None:
        now = clock.now()
        WorkerProcess.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": self.host,
                "pid": os.getpid(),
                "queues": ",".join(self.queues)[:200],
                "started_at": now,
                "beat_at": now,
            },
        )

    def beat(self) -> None:
        now = clock.now()
        WorkerProcess.objects.filter(worker_id=self.worker_id).update(beat_at=now)
        integrations.beat(self.host)  # /health/ready: a worker of this node is alive

    def unregister(self) -> None:
        WorkerProcess.objects.filter(worker_id=self.worker_id).delete()

    def _beating(self) -> None:
        """The heartbeat thread: beats while the main thread runs a long job."""
        every = max(0.5, min(5.0, settings.MOTCUA_WORKER_LOST_SECONDS / 4))
        while not self._stop_beating.wait(every):
            if os.getppid() != self.parent_pid:  # the supervisor is gone: stop too
                os.kill(os.getpid(), signal.SIGTERM)
            try:
                self.beat()
            except Exception:  # the database is away: try again at the next beat
                logger.warning("worker_beat_failed", exc_info=True)
                connections.close_all()  # this thread's connections only
        connections.close_all()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
        if self.running is not None:
            raise Interrupted(signal.strsignal(signum))

    # --- the work -------------------------------------------------------------------------
    def claim(self, only: str | None = None) -> DBTaskResult | None:
        tasks = DBTaskResult.objects.ready().filter(backend_name="default")
        if "*" not in self.queues:
            tasks = tasks.filter(queue_name__in=self.queues)
        if only:
            tasks = tasks.filter(pk=only)
        try:
            with exclusive_transaction(tasks.db):
                row = tasks.get_locked()
                if row is not None:
                    row.claim(self.worker_id)
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return None  # SQLite busy: the next round
            raise
        return row

    def execute(self, row: DBTaskResult) -> None:
        """Run one claimed task; record its outcome; retry it later if it failed."""
        name, attempt = job_name(row), len(row.worker_ids)
        started = time.monotonic()
        self.running = row
        try:
            task, result = row.task, row.task_result
            if task.takes_context:
                context = TaskContext(task_result=result)  # type: ignore[arg-type]  # the db backend's own
                value = task.call(context, *result.args, **result.kwargs)
            else:
                value = task.call(*result.args, **result.kwargs)
            self.running = None
            row.set_successful(value)
            _note(name, clock.now())
            logger.debug(
                "worker_job_done", extra={"job": name, "seconds": time.monotonic() - started}
            )
        except Interrupted:
            self.running = None
            self._give_back(row)
            raise
        except Exception as exc:  # any failure of a job is recorded and retried; it is logged
            self.running = None
            logger.exception("worker_job_failed", extra={"job": name, "attempt": attempt})
            if not self.once:
                close_old_connections()  # a connection the failure broke is replaced
            self._failed(row, name, attempt, exc)
        finally:
            self.running = None

    def _failed(self, row: DBTaskResult, name: str, attempt: int, exc: Exception) -> None:
        now = clock.now()
        text = "".join(traceback.format_exception(exc))
        if attempt < _attempts(name):
            DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY,
                run_after=now + timedelta(seconds=backoff(attempt)),
                exception_class_path=f"{type(exc).__module__}.{type(exc).__qualname__}",
                traceback=text,
            )
        else:
            row.set_failed(exc)
        _note(name, now, error=text)

    def _give_back(self, row: DBTaskResult) -> None:
        """Stopped in the middle of a job: it goes back to its queue at once."""
        connections.close_all()  # the interrupted statement may have left the connection odd
        DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, run_after=get_date_max()
        )
        logger.warning("worker_job_given_back", extra={"job": job_name(row)})

    def _settle(self) -> None:
        """Jobs whose outcome this process could not write (the database was away): back on
        their queue, to be tried again (the reaper leaves them alone: this process beats)."""
        while self.unsettled:
            DBTaskResult.objects.filter(
                pk=self.unsettled[0], status=TaskResultStatus.RUNNING
            ).update(status=TaskResultStatus.READY, run_after=get_date_max())
            self.unsettled.pop(0)

    def housekeeping(self) -> None:
        """Schedule what is due; now and then, recover the jobs of lost processes."""
        self.scheduler.tick()
        if time.monotonic() >= self._next_recovery:
            recover_lost()
            self._next_recovery = time.monotonic() + max(
                1.0, settings.MOTCUA_WORKER_LOST_SECONDS / 4
            )

    def run_forever(self) -> None:
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        self.register()
        self.beat()
        beating = threading.Thread(target=self._beating, name="worker-beat", daemon=True)
        beating.start()
        logger.info("worker_started", extra={"worker": self.worker_id, "queues": self.queues})
        try:
            while not self.stopping:
                close_old_connections()  # between jobs, like a request boundary
                row = None
                try:
                    self._settle()
                    self.housekeeping()
                    row = self.claim()
                except Interrupted:
                    break
                except Exception:  # the database is away: the loop waits and tries again
                    logger.exception("worker_loop_failed")
                    connections.close_all()
                if row is not None:
                    try:
                        self.execute(row)
                    except Interrupted:
                        break
                    except Exception:  # its outcome could not be written: settled below
                        logger.exception("worker_outcome_failed", extra={"job": job_name(row)})
                        self.unsettled.append(str(row.pk))
                        connections.close_all()
                    continue
                time.sleep(settings.MOTCUA_WORKER_POLL_SECONDS)
        finally:
            self._stop_beating.set()
            beating.join(timeout=10)
            try:
                self.unregister()
            except Exception:  # the database is away: the row ages out (pruned later)
                logger.warning("worker_unregister_failed", exc_info=True)
            logger.info("worker_stopped", extra={"worker": self.worker_id})

    def run_once(self) -> list[str]:
        """Every job once, now, in ONCE_ORDER, then whatever else is ready; return the names."""
        from motcua.worker.scheduler import enqueue

        self.register()
        recover_lost()
        ids = [enqueue(job) for job in registry.in_once_order()]
        ran = []
        for task_id in ids:
            self.beat()
            row = self.claim(only=task_id)
            if row is not None:
                self.execute(row)
                ran.append(job_name(row))
        for _ in range(1000):  # retries and jobs already waiting, due now
            row = self.claim()
            if row is None:
                break
            self.beat()
            self.execute(row)
            ran.append(job_name(row))
        self.beat()
        self.unregister()
        return ran
