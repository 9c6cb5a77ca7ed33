"""The task queue behind `motcua worker`: each app's jobs collected, each period enqueued once
across nodes, separate queues, retries with backoff, the jobs of lost workers tried again."""

import ast
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from motcua.core import clock
from motcua.core.jobs import DEADLINES, DEFAULT, OUTBOX, SCANS, Job
from motcua.worker import registry, runner
from motcua.worker.models import JobState, WorkerProcess
from motcua.worker.runner import Runner, recover_lost
from motcua.worker.scheduler import Scheduler, enqueue, period_start

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"
CALLS: list[str] = []


def flaky(*, attempt: int = 1) -> dict:
    """Fails on its first two attempts, then succeeds (and says on which attempt)."""
    CALLS.append(f"flaky {attempt}")
    if attempt < 3:
        raise ConnectionError("the destination is away")
    return {"attempt": attempt}


def broken() -> None:
    CALLS.append("broken")
    raise ValueError("always")


def quick() -> int:
    CALLS.append("quick")
    return 1


TEST_JOBS = {
    "test.flaky": Job("test.flaky", flaky, queue=DEFAULT, every=60, max_attempts=5),
    "test.broken": Job("test.broken", broken, queue=DEFAULT, every=60, max_attempts=2),
    "test.quick": Job("test.quick", quick, queue=OUTBOX, every=10),
    "test.slow": Job("test.slow", quick, queue=SCANS, daily_from=1),
}


@pytest.fixture
def test_jobs(monkeypatch, settings):
    CALLS.clear()
    settings.MOTCUA_WORKER_BACKOFF_SECONDS = 10
    settings.MOTCUA_WORKER_LOST_SECONDS = 60
    monkeypatch.setattr(registry, "jobs", lambda: TEST_JOBS)
    return TEST_JOBS


def _rows(name: str):
    return DBTaskResult.objects.filter(args_kwargs__args=[name])


def test_each_app_declares_its_jobs_and_the_worker_collects_them():
    jobs = registry.jobs()

    assert {
        "dossiers.sweep": DEADLINES,
        "dossiers.intake_watch": DEADLINES,
        "directives.urge_overdue": DEADLINES,
        "integrations.outbox": OUTBOX,
        "integrity.nightly_scan": SCANS,
        "monitoring.rollups": DEFAULT,
        "worker.prune": DEFAULT,
    }.items() <= {name: job.queue for name, job in jobs.items()}.items()
    assert [n for n, j in jobs.items() if j.queue == OUTBOX] == ["integrations.outbox"]
    assert [n for n, j in jobs.items() if j.queue == SCANS] == ["integrity.nightly_scan"]
    # the outbox goes last in a --once run, after what writes to it
    assert registry.in_once_order()[-1].name == "integrations.outbox"


def test_no_app_imports_the_worker():
    importers = set()
    for module in SRC.rglob("*.py"):
        app = module.relative_to(SRC).parts[0]
        if app == "worker" or "migrations" in module.parts:
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "motcua.worker" or n.startswith("motcua.worker.") for n in names):
                importers.add(str(module.relative_to(SRC)))

    assert importers == set()


def test_two_nodes_enqueue_each_period_once(db, test_jobs):
    node_a, node_b = Scheduler(), Scheduler()
    start = clock.now().replace(hour=9, minute=0, second=1, microsecond=0)

    with time_machine.travel(start, tick=False):
        first = node_a.tick() + node_b.tick()
    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        same_period = Scheduler().tick()  # a third node, started later, same periods
    for row in DBTaskResult.objects.all():  # the runs finished
        row.set_successful(None)
    with time_machine.travel(start + timedelta(seconds=11), tick=False):
        next_period = node_b.tick() + node_a.tick()

    assert sorted(first) == ["test.broken", "test.flaky", "test.quick", "test.slow"]
    assert same_period == []
    assert next_period == ["test.quick"]  # every 10 s; the others every minute, or daily
    assert _rows("test.quick").count() == 2
    assert _rows("test.slow").count() == 1
    assert _rows("test.quick").first().queue_name == OUTBOX


def test_a_job_still_waiting_is_not_enqueued_again(db, test_jobs):
    start = clock.now().replace(hour=9, minute=0, second=1, microsecond=0)
    with time_machine.travel(start, tick=False):
        Scheduler().tick()
    for minutes in range(1, 4):  # nobody serves the default queue for three periods
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            Scheduler().tick()

    assert _rows("test.flaky").count() == 1
    assert _rows("test.quick").count() == 1  # still READY: folded into the waiting run


def test_a_daily_job_runs_from_its_hour(db, test_jobs):
    job = TEST_JOBS["test.slow"]  # from 01:00 local time
    hanoi = ZoneInfo("Asia/Ho_Chi_Minh")

    before = period_start(job, datetime(2026, 12, 8, 0, 30, tzinfo=hanoi))
    after = period_start(job, datetime(2026, 12, 8, 1, 30, tzinfo=hanoi))

    assert before == datetime(2026, 12, 7, 1, tzinfo=hanoi)
    assert after == datetime(2026, 12, 8, 1, tzinfo=hanoi)


def test_a_worker_claims_only_its_queues(db, test_jobs):
    enqueue(TEST_JOBS["test.slow"])  # first in the table
    enqueue(TEST_JOBS["test.quick"])
    outbox_worker = Runner([OUTBOX], once=True)

    claimed = outbox_worker.claim()

    assert claimed.args_kwargs["args"] == ["test.quick"]
    assert outbox_worker.claim() is None
    assert _rows("test.slow").get().status == TaskResultStatus.READY


def test_a_failing_job_is_retried_with_backoff_until_it_succeeds(db, test_jobs):
    worker = Runner(["*"], once=True)
    start = clock.now()
    waits = []
    with time_machine.travel(start, tick=False):
        enqueue(TEST_JOBS["test.flaky"])
        worker.execute(worker.claim())
        row = _rows("test.flaky").get()
        waits.append((row.run_after - start).total_seconds())
        assert worker.claim() is None  # not before its backoff
    with time_machine.travel(start + timedelta(seconds=12), tick=False):
        worker.execute(worker.claim())
        row = _rows("test.flaky").get()
        waits.append((row.run_after - clock.now()).total_seconds())
        failures = JobState.objects.get(name="test.flaky").failures
    with time_machine.travel(start + timedelta(seconds=40), tick=False):
        worker.execute(worker.claim())

    row = _rows("test.flaky").get()
    state = JobState.objects.get(name="test.flaky")
    assert CALLS == ["flaky 1", "flaky 2", "flaky 3"]
    assert 9 <= waits[0] <= 11  # 10 s (10 % jitter)
    assert 18 <= waits[1] <= 22  # then doubled
    assert failures == 2
    assert (row.status, row.return_value, len(row.worker_ids)) == ("SUCCESSFUL", {"attempt": 3}, 3)
    assert (state.failures, state.succeeded_at is not None) == (0, True)
    assert "the destination is away" in state.last_error


def test_a_job_failing_every_attempt_ends_failed(db, test_jobs):
    worker = Runner(["*"], once=True)
    start = clock.now()
    with time_machine.travel(start, tick=False):
        enqueue(TEST_JOBS["test.broken"])
        worker.execute(worker.claim())
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        worker.execute(worker.claim())
        assert worker.claim() is None

    row = _rows("test.broken").get()
    assert (row.status, len(row.worker_ids)) == ("FAILED", 2)
    assert row.exception_class_path == "builtins.ValueError"
    assert JobState.objects.get(name="test.broken").failures == 2


def _claimed_by_dead_worker(name: str, at):
    with time_machine.travel(at, tick=False):
        dead = Runner(["*"], once=True)
        dead.register()
        enqueue(TEST_JOBS[name])
        return dead, dead.claim()


def test_the_job_of_a_worker_that_died_is_tried_again(db, test_jobs):
    start = clock.now()
    dead, row = _claimed_by_dead_worker("test.quick", start)
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        too_soon = recover_lost()
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        recovered = recover_lost()
        again = recover_lost()  # another node looks too: nothing more to do
        other = Runner(["*"], once=True)
        other.register()
        other.execute(other.claim())

    row = _rows("test.quick").get()
    assert (too_soon, recovered, again) == (0, 1, 0)
    assert row.status == "SUCCESSFUL"
    assert row.worker_ids == [dead.worker_id, other.worker_id]
    assert CALLS == ["quick"]  # the dead worker never finished it; its retry did, once


def test_a_beating_worker_keeps_its_job(db, test_jobs):
    start = clock.now()
    alive, row = _claimed_by_dead_worker("test.quick", start)
    with time_machine.travel(start + timedelta(seconds=120), tick=False):
        alive.beat()
        kept = recover_lost()

    assert kept == 0
    assert _rows("test.quick").get().status == "RUNNING"


def test_a_job_lost_on_its_last_attempt_ends_failed(db, test_jobs, settings):
    settings.MOTCUA_WORKER_MAX_ATTEMPTS = 1
    start = clock.now()
    JobState.objects.all().delete()
    _claimed_by_dead_worker("test.slow", start)  # max_attempts: the setting, now 1
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        recover_lost()

    row = _rows("test.slow").get()
    assert row.status == "FAILED"
    assert row.exception_class_path == "motcua.worker.runner.WorkerLost"


def test_once_runs_every_job_and_unregisters(db, test_jobs):
    ran = Runner(["*"], once=True).run_once()

    assert sorted(ran) == ["test.broken", "test.flaky", "test.quick", "test.slow"]
    assert ran[-1] == "test.quick"  # the outbox queue last
    assert WorkerProcess.objects.count() == 0
    assert runner.job_name(_rows("test.quick").get()) == "test.quick"


def test_a_retried_nightly_scan_takes_over_the_night_its_killed_run_left(db):
    from motcua.integrity.jobs import nightly_scan
    from motcua.integrity.models import ScanRun

    night = datetime(2026, 12, 8, 2, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(night, tick=False):
        ScanRun.objects.create(night=night.date(), started_at=night)  # a run killed mid-scan
        other_node = nightly_scan()  # a first attempt elsewhere: the night is taken, it skips
        retry = nightly_scan(attempt=2)
        after = nightly_scan(attempt=3)  # the night is finished: nothing to take over

    assert other_node is None
    assert retry.finished_at is not None
    assert after is None
    assert ScanRun.objects.count() == 1
