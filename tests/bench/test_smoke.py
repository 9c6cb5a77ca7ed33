"""The benches still run (issue 27): a tiny run of each completes and prints its table.

Never a speed: only that the bench finishes and prints the table it is read for.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.db import connection

import psycopg
import pytest
from psycopg import sql

from tests.ops.stack import (
    _conninfo,
    database_url,
    free_port,
    live_database,
    pg_only,
    reference_data_back,
)

__all__ = ["live_database", "reference_data_back"]  # fixtures

ROOT = Path(__file__).resolve().parents[2]


@pg_only
@pytest.mark.usefixtures("reference_data_back")
def test_intake_bench_with_its_raw_ceiling_runs(live_database):
    """A copy of the test database (migrated, Hanoi, the catalog, the cache table) is filed
    into over HTTP and then raw, and the bench prints its rows, the ratio and the statements."""
    target = f"{live_database}_bench"
    done = subprocess.run(
        [
            sys.executable,
            "bench/intake.py",
            "--database-url",
            database_url(target),
            "--template",
            live_database,
            "--workers",
            "1",
            "--clients",
            "2",
            "--wards",
            "2",
            "--requests",
            "3",
            "--warmup",
            "1",
            "--duration",
            "5",
            "--raw",
        ],  # fmt: skip
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    sys.path.insert(0, str(ROOT / "bench"))
    from intake import recreate_database

    recreate_database(database_url(target), create=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| sync 1w | 2 | 2 | 6 |" in done.stdout, done.stdout
    assert "| raw psycopg | 2 | 2 | 6 |" in done.stdout, done.stdout
    assert "application / raw" in done.stdout
    assert "statements per intake:" in done.stdout
    assert "MISMATCH" not in done.stderr


def _run_bench(*command: str, database_url: str = "", timeout: int = 600) -> str:
    """Run a bench as its reader would, in its own process; return what it printed.

    Without `database_url` the bench makes its own throwaway SQLite database (never the test
    database of this run)."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["PYTHONWARNINGS"] = "ignore"
    env["MOTCUA_LOG_LEVEL"] = "WARNING"
    if database_url:
        env["DATABASE_URL"] = database_url
    done = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, (done.stdout[-2000:], done.stderr[-3000:])
    return done.stdout


# The SQLite benches run in the SQLite suite (CI runs both suites), the PostgreSQL ones in the
# PostgreSQL suite: each bench once per CI run.
sqlite_suite = pytest.mark.skipif(
    "sqlite" not in connection.settings_dict["ENGINE"],
    reason="the bench makes its own SQLite database; it runs in the SQLite suite",
)


@sqlite_suite
def test_working_calendar_bench_runs():
    printed = _run_bench("bench/bench_workcalendar.py")
    assert "| due_at 30 working days |" in printed, printed


@sqlite_suite
def test_documents_bench_renders_signs_and_verifies():
    printed = _run_bench("bench/documents.py", "--runs", "1")
    for step in ("render (WeasyPrint)", "sign (pyHanko PAdES)", "verify"):
        assert f"| {step} |" in printed, printed


@sqlite_suite
def test_search_bench_runs_over_a_catalog_of_the_asked_size():
    printed = _run_bench("bench/search.py", "--size", "80", "--repeats", "1")
    assert "80 published procedures" in printed, printed
    for line in ("index build", "search + first page", "portal page", "API"):
        assert line in printed, printed


@sqlite_suite
def test_outbox_bench_delivers_every_event_once():
    printed = _run_bench("bench/outbox.py", "--messages", "20", "--keys", "2", "--workers", "1")
    assert "20 messages over 2 dossiers" in printed, printed
    assert "every event once, in order per dossier" in printed, printed


@pg_only
def test_dashboard_bench_runs_and_agrees_with_the_rules(throwaway_name):
    printed = _run_bench(
        "bench/dashboard.py",
        "--dossiers",
        "200",
        "--years",
        "1",
        "--runs",
        "1",
        "--changes",
        "3",
        "--database-url",
        database_url(throwaway_name),
    )
    assert "facts differing from the Python rules: 0 of" in printed, printed
    assert "| city-wide dashboard, whole history |" in printed, printed
    assert "Worker job after 3 dossiers were resolved" in printed, printed


@pg_only
def test_integrity_bench_runs_and_reports_precision(throwaway_name):
    printed = _run_bench(
        "bench/integrity.py",
        "--dossiers",
        "200",
        "--intakes",
        "3",
        "--drop",
        "--database-url",
        database_url(throwaway_name),
    )
    assert "brokers" in printed, printed
    assert "precision" in printed, printed
    assert "incremental scoring per intake (n=3)" in printed, printed


@pg_only
@pytest.mark.usefixtures("reference_data_back")
def test_load_bench_runs_its_mix(live_database):
    target = f"{live_database}_load"
    try:
        printed = _run_bench(
            "bench/load/run.py",
            "--template",
            live_database,
            "--database-url",
            database_url(target),
            "--workers",
            "1",
            "--users",
            "2",
            "--spawn-rate",
            "2",
            "--run-time",
            "3",
            "--demo-dossiers",
            "10",
            "--port",
            str(free_port()),
        )
    finally:
        sys.path.insert(0, str(ROOT / "bench"))
        from intake import recreate_database

        recreate_database(database_url(target), create=False)
    assert "| endpoint | requests | failures |" in printed, printed
    assert "| **all** |" in printed, printed


@pg_only
@pytest.mark.usefixtures("reference_data_back")
def test_worker_memory_bench_measures_each_worker(live_database, tmp_path):
    """Both ways of starting gunicorn answer the mix and the bench prints each worker's memory."""
    printed = _run_bench(
        "bench/worker_memory.py",
        "--workers",
        "1",
        "--rounds",
        "1",
        "--port",
        str(free_port()),
        "--var-dir",
        str(tmp_path),
        database_url=database_url(live_database),
    )
    assert "| start | process | RSS MB | PSS MB | private (USS) MB |" in printed, printed
    for mode in ("preload", "plain"):
        assert f"{mode}: ready in" in printed, printed
        assert f"| {mode} | master |" in printed, printed
    assert "responses {200:" in printed, printed  # the bench exits 1 on any other status


@pytest.fixture
def throwaway_name():
    """A database name on the local server for a bench that creates and drops it itself."""
    name = f"motcua_smoke_{uuid.uuid4().hex[:8]}"
    yield name
    with psycopg.connect(_conninfo("postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pg_only
def test_hot_paths_bench_times_the_officials_pages(throwaway_name):
    printed = _run_bench(
        "bench/hot_paths.py",
        "--dossiers",
        "300",
        "--runs",
        "1",
        "--drop",
        "--database-url",
        database_url(throwaway_name),
    )
    assert "| queue, first page (handler) |" in printed, printed
    assert "| dossier page (handler) |" in printed, printed
    assert "| API dossier detail (handler) |" in printed, printed


@pg_only
def test_worker_queue_bench_delivers_while_the_scan_runs(throwaway_name):
    printed = _run_bench(
        "bench/worker_queue.py",
        "--dossiers",
        "200",
        "--seconds",
        "2",
        "--drop",
        "--database-url",
        database_url(throwaway_name),
    )
    assert "| outbox; scans (one each) | not running |" in printed, printed
    assert "| outbox; scans (one each) | running |" in printed, printed
    assert "| outbox, scans (one for both) | running |" in printed, printed
