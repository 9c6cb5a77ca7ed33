"""The jobs' health on /health/ready and /metrics: last success per periodic job, queue depth,
failures."""

from datetime import timedelta

import time_machine
from prometheus_client.parser import text_string_to_metric_families

from motcua.core import clock
from motcua.core.jobs import OUTBOX
from motcua.integrations import services
from motcua.worker import registry
from motcua.worker.runner import Runner
from motcua.worker.scheduler import enqueue
from tests.worker.test_queue import TEST_JOBS, test_jobs

__all__ = ["test_jobs"]  # fixture


def _samples(client) -> dict[tuple[str, tuple], float]:
    found = {}
    for family in text_string_to_metric_families(client.get("/metrics").content.decode()):
        for s in family.samples:
            found[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return found


def test_ready_reports_a_periodic_job_that_stopped_succeeding(db, client, test_jobs):
    start = clock.now()
    worker = Runner(["*"], once=True)
    with time_machine.travel(start, tick=False):
        enqueue(TEST_JOBS["test.quick"])  # every 10 s: stale after 90 s
        worker.execute(worker.claim())
        services.beat("node-1")
        fresh = client.get("/health/ready")
    with time_machine.travel(start + timedelta(seconds=100), tick=False):
        services.beat("node-1")
        stale = client.get("/health/ready")

    assert fresh.status_code == 200
    assert fresh.json()["jobs"]["test.quick"]["failures"] == 0
    assert fresh.json()["jobs"]["test.flaky"]["last_success"] is None  # never run: not stale
    assert stale.status_code == 503
    assert stale.json()["problems"] == ["job test.quick: last success 100 s ago"]
    assert stale.json()["jobs"]["test.quick"]["last_success_age_seconds"] == 100


def test_ready_and_metrics_show_the_queues_and_failures(db, client, test_jobs):
    start = clock.now()
    worker = Runner(["*"], once=True)
    with time_machine.travel(start, tick=False):
        enqueue(TEST_JOBS["test.broken"])  # two attempts, both fail
        worker.execute(worker.claim())
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        worker.execute(worker.claim())
        enqueue(TEST_JOBS["test.quick"])
        enqueue(TEST_JOBS["test.quick"])
    with time_machine.travel(start + timedelta(seconds=45), tick=False):
        body = client.get("/health/ready").json()
        samples = _samples(client)

    assert body["queues"][OUTBOX] == {
        "ready": 2,
        "running": 0,
        "failed_last_day": 0,
        "oldest_ready_seconds": 15.0,
    }
    assert body["queues"]["default"]["failed_last_day"] == 1
    assert body["jobs"]["test.broken"]["failures"] == 2
    assert samples[("motcua_jobs_ready", (("queue", OUTBOX),))] == 2
    assert samples[("motcua_jobs_oldest_ready_seconds", (("queue", OUTBOX),))] == 15
    assert samples[("motcua_jobs_failed_last_day", (("queue", "default"),))] == 1
    assert samples[("motcua_job_failures", (("job", "test.broken"),))] == 2
    assert ("motcua_job_last_success_timestamp_seconds", (("job", "test.broken"),)) not in samples


def test_metrics_give_each_real_job_its_last_success(db, client):
    Runner(["*"], once=True).run_once()

    samples = _samples(client)

    for name in registry.jobs():
        assert samples[("motcua_job_failures", (("job", name),))] == 0
        assert samples[("motcua_job_last_success_timestamp_seconds", (("job", name),))] > 0
