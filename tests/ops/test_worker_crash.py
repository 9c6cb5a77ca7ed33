"""A job killed half-way is tried again and finished: nothing lost, nothing done twice.

Dossiers are filed through a real gunicorn, then all made overdue; the database makes each
overdue flag slow (a trigger sleeps in the UPDATE that sets it), so the sweep job takes seconds.
A real `motcua worker` for the deadlines queue is SIGKILLed in the middle of the sweep; its job
stays RUNNING until the process is known lost (no heartbeat for MOTCUA_WORKER_LOST_SECONDS),
then the next worker runs it again (attempt 2). That one is stopped with SIGTERM half-way: it
gives the job back at once (attempt 3 starts without waiting). Afterwards every overdue dossier
is flagged exactly once, with one event and one national-portal message each, every event chain
verifies, and the one sweep job ended SUCCESSFUL after three attempts.
"""

import json
import os
import signal
import time
from collections.abc import Callable

import pytest

from tests.ops.stack import Stack, api_session, live_database, pg_only, query, reference_data_back
from tests.ops.test_crash import _assert_chains_and_outbox, _body, _setup

pytestmark = [pg_only, pytest.mark.usefixtures("reference_data_back")]
__all__ = ["live_database", "reference_data_back"]  # fixtures

DOSSIERS = 60
SLOW_FLAG = 0.15  # seconds the database sleeps in each overdue flag's UPDATE


@pytest.fixture
def stack(live_database, tmp_path):
    live = Stack(
        live_database,
        tmp_path,
        MOTCUA_WORKER_PROCESSES="deadlines",
        MOTCUA_WORKER_LOST_SECONDS="3",
    )
    yield live
    live.stop()


def _file(stack: Stack, token: str, upload: int, documents: list[int]) -> set[str]:
    session = api_session(token)
    codes = set()
    for index in range(1, DOSSIERS + 1):
        response = session.post(
            f"{stack.url}/api/v1/dossiers/",
            data=json.dumps(_body(index, upload, documents)),
            headers={"Idempotency-Key": f"job-{index}", "Content-Type": "application/json"},
            timeout=30,
        )
        assert response.status_code == 201, response.text
        codes.add(response.json()["code"])
    return codes


def _make_flags_slow(dbname: str) -> None:
    query(
        dbname,
        "CREATE FUNCTION slow_overdue_flag() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN PERFORM pg_sleep({SLOW_FLAG}); RETURN NEW; END $$",
    )
    query(
        dbname,
        "CREATE TRIGGER slow_overdue_flag BEFORE UPDATE ON dossiers_dossier FOR EACH ROW "
        "WHEN (OLD.overdue_flagged_at IS NULL AND NEW.overdue_flagged_at IS NOT NULL) "
        "EXECUTE FUNCTION slow_overdue_flag()",
    )


def _flagged(dbname: str) -> int:
    return query(
        dbname, "SELECT count(*) FROM dossiers_dossier WHERE overdue_flagged_at IS NOT NULL"
    )[0][0]


def _sweep_tasks(dbname: str) -> list[tuple[str, int]]:
    """Each sweep task: its status and how many processes claimed it (its attempts)."""
    return query(
        dbname,
        "SELECT status, jsonb_array_length(worker_ids::jsonb) "
        "FROM django_tasks_database_dbtaskresult "
        "WHERE args_kwargs::jsonb -> 'args' = '[\"dossiers.sweep\"]'::jsonb ORDER BY enqueued_at",
    )


def _wait(done: Callable[[], bool], what: str, seconds: float = 120) -> None:
    give_up = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < give_up, f"timed out waiting for {what}"
        time.sleep(0.05)


def _progress_from(dbname: str, start: int) -> int:
    """Wait until the sweep flagged a few more (not all); return the count then."""
    _wait(lambda: _flagged(dbname) >= start + 5, "the sweep to make progress")
    return _flagged(dbname)


def test_a_job_killed_half_way_is_finished_by_its_retry_once(stack):
    dbname = stack.dbname
    token, upload, documents = _setup(stack)
    codes = _file(stack, token, upload, documents)
    stack.kill_web()
    query(
        dbname,
        "UPDATE dossiers_dossier SET due_at = now() - interval '1 hour', "
        "legal_due_at = now() - interval '1 hour'",
    )
    _make_flags_slow(dbname)

    stack.start_worker()
    at_kill = _progress_from(dbname, 0)
    stack.kill_workers()  # SIGKILL: no chance to give the job back
    killed_at = time.monotonic()
    after_kill = _flagged(dbname)
    tasks_after_kill = _sweep_tasks(dbname)
    stack.start_worker()
    _wait(lambda: _sweep_tasks(dbname)[0][1] == 2, "the lost job to be tried again")
    retried_after = time.monotonic() - killed_at
    at_stop = _progress_from(dbname, after_kill)
    worker = stack.workers.pop()
    os.killpg(worker.pid, signal.SIGTERM)  # a graceful stop, in the middle of the job
    worker.wait(timeout=30)
    tasks_after_stop = _sweep_tasks(dbname)
    stack.start_worker()
    _wait(lambda: _flagged(dbname) == DOSSIERS, "every dossier to be flagged")
    _wait(lambda: _sweep_tasks(dbname)[0][0] == "SUCCESSFUL", "the sweep job to succeed")
    stack.kill_workers()

    # The test did what it says: both interruptions came in the middle of the sweep.
    assert 0 < at_kill < DOSSIERS
    assert at_kill <= after_kill < at_stop < DOSSIERS
    assert tasks_after_kill[0] == ("RUNNING", 1)  # claimed by the dead process, not yet lost
    # Only once the dead process missed its heartbeats: 3 s without one, the last of which came
    # up to one beat (3 s / 4) before the kill.
    assert retried_after >= 3 - 3 / 4
    assert tasks_after_stop[0] == ("READY", 2)  # given back at once by the stopped one
    assert _sweep_tasks(dbname)[0] == ("SUCCESSFUL", 3)
    flags = dict(
        query(
            dbname,
            "SELECT d.code, count(e.id) FROM dossiers_dossier d JOIN dossiers_event e "
            "ON e.dossier_id = d.id AND e.action = 'flag-overdue' GROUP BY d.code",
        )
    )
    assert flags == dict.fromkeys(codes, 1)
    _assert_chains_and_outbox(stack, dbname)  # one national-portal message per event
